import { describe, expect, it } from 'vitest';
import type { RunRemindersResult } from '../../functions/src/jobs/reminders';
import {
  type Scheduler,
  localBaseUrl,
  localMunicipalityIds,
  localSender,
  nodeScheduler,
  reminderIntervalMinutes,
  startReminderTimer,
} from '../../functions/src/local/reminder-timer';

/** A scheduler whose timers fire only when the test says so. */
function fakeScheduler() {
  const timers = new Map<number, { kind: 'timeout' | 'interval'; run: () => void; ms: number }>();
  let next = 1;
  const scheduler: Scheduler = {
    setTimeout: (run, ms) => (timers.set(next, { kind: 'timeout', run, ms }), next++),
    setInterval: (run, ms) => (timers.set(next, { kind: 'interval', run, ms }), next++),
    clear: (handle) => void timers.delete(handle as number),
  };
  const find = (kind: 'timeout' | 'interval') => [...timers.values()].find((t) => t.kind === kind);
  return { scheduler, timers, find };
}

/** A run the test finishes by hand. */
function deferred() {
  let resolve!: (r: RunRemindersResult) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<RunRemindersResult>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const NOTHING: RunRemindersResult = { sent: 0, failed: 0, reminders: 0 };

describe('the reminder timer inside npm start', () => {
  it('runs once shortly after start and then every interval', () => {
    const { scheduler, find } = fakeScheduler();
    let runs = 0;
    startReminderTimer({
      run: async () => (runs++, NOTHING),
      intervalMinutes: 60,
      firstDelayMs: 2_000,
      where: 'into the outbox',
      scheduler,
    });
    expect(find('timeout')?.ms).toBe(2_000);
    expect(find('interval')?.ms).toBe(3_600_000);
    find('timeout')!.run();
    expect(runs).toBe(1);
  });

  it('skips a tick while the last run is still going, and runs again once it is done', async () => {
    const { scheduler, find } = fakeScheduler();
    const runs: ReturnType<typeof deferred>[] = [];
    const lines: string[] = [];
    const timer = startReminderTimer({
      run: () => {
        const d = deferred();
        runs.push(d);
        return d.promise;
      },
      intervalMinutes: 0.1,
      where: 'into the outbox',
      scheduler,
      log: (l) => lines.push(l),
    });
    const first = timer.tick();
    find('interval')!.run(); // a tick while the first run is sending
    await timer.tick(); // resolves at once: skipped, not queued
    expect(runs).toHaveLength(1);

    runs[0]!.resolve({ sent: 2, failed: 0, reminders: 3 });
    await first;
    expect(lines).toEqual(['Reminders: 2 mail(s) into the outbox, 3 reminder(s)']);

    const second = timer.tick();
    expect(runs).toHaveLength(2);
    runs[1]!.resolve(NOTHING);
    await second;
    // A run that sent nothing says nothing.
    expect(lines).toHaveLength(1);
  });

  it('logs a failed run in one line, never rejects, and the next tick runs again', async () => {
    const { scheduler } = fakeScheduler();
    const errors: string[] = [];
    let calls = 0;
    const timer = startReminderTimer({
      run: async () => {
        calls++;
        if (calls === 1) throw new Error('DynamoDB Local\nis not answering');
        return { sent: 1, failed: 1, reminders: 1 };
      },
      intervalMinutes: 60,
      where: 'through SMTP (smtp://localhost:1025)',
      scheduler,
      log: () => {},
      logError: (l) => errors.push(l),
    });
    await expect(timer.tick()).resolves.toBeUndefined();
    expect(errors).toEqual(['✖ Reminders: the run failed: DynamoDB Local is not answering']);
    await timer.tick();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('clears its timers on stop and runs no more', async () => {
    const { scheduler, timers } = fakeScheduler();
    let runs = 0;
    const timer = startReminderTimer({
      run: async () => (runs++, NOTHING),
      intervalMinutes: 60,
      where: 'into the outbox',
      scheduler,
    });
    expect(timers.size).toBe(2);
    timer.stop();
    expect(timers.size).toBe(0);
    await timer.tick();
    expect(runs).toBe(0);
  });

  it("unrefs Node's timers, so a pending tick never keeps the process alive", () => {
    const once = nodeScheduler.setTimeout(() => {}, 60_000) as NodeJS.Timeout;
    const every = nodeScheduler.setInterval(() => {}, 60_000) as NodeJS.Timeout;
    expect([once.hasRef(), every.hasRef()]).toEqual([false, false]);
    nodeScheduler.clear(once);
    nodeScheduler.clear(every);
  });
});

describe('the timer settings from the environment', () => {
  it('reads SILLAT_REMINDER_INTERVAL_MINUTES: default 60, 0 is off, fractions for tests', () => {
    expect(reminderIntervalMinutes(undefined)).toBe(60);
    expect(reminderIntervalMinutes(' ')).toBe(60);
    expect(reminderIntervalMinutes('0')).toBe(0);
    expect(reminderIntervalMinutes('15')).toBe(15);
    expect(reminderIntervalMinutes('0.1')).toBe(0.1);
  });

  it.each(['abc', '-5', '0.001', '1e9', 'Infinity', '60min'])('refuses %j and says what to write', (raw) => {
    expect(() => reminderIntervalMinutes(raw)).toThrow(
      new RegExp(`SILLAT_REMINDER_INTERVAL_MINUTES must be a number of minutes .*or 0 to turn .* not "${raw}"`),
    );
  });

  it('reminds the demo municipality unless MUNICIPALITY_IDS names others', () => {
    expect(localMunicipalityIds({})).toEqual(['demo']);
    expect(localMunicipalityIds({ MUNICIPALITY_ID: 'espoo' })).toEqual(['espoo']);
    expect(localMunicipalityIds({ MUNICIPALITY_IDS: 'demo, espoo' })).toEqual(['demo', 'espoo']);
    expect(() => localMunicipalityIds({ MUNICIPALITY_IDS: 'Demo!' })).toThrow(/MUNICIPALITY_IDS must list/);
    expect(() => localMunicipalityIds({ MUNICIPALITY_IDS: ',' })).toThrow(/MUNICIPALITY_IDS must list/);
  });

  it('sends through SMTP when SMTP_URL is set (saying where without the password), else into the outbox', () => {
    expect(localSender({}).where).toBe('into the outbox (administrators: Outbox)');
    expect(localSender({ SMTP_URL: 'smtp://user:secret@mail.local:1025' }).where).toBe(
      'through SMTP (smtp://mail.local:1025)',
    );
    expect(() => localSender({ SMTP_URL: 'not a url' })).toThrow(/SMTP_URL must be an address/);
    expect(localBaseUrl(3000, {})).toBe('http://localhost:3000');
    expect(localBaseUrl(3000, { APP_URL: 'https://sillat.example.fi' })).toBe('https://sillat.example.fi');
  });
});
