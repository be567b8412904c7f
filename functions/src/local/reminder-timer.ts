import { MUNICIPALITY_ID_PATTERN } from '@sillat/shared';
import type { Send } from '../jobs/mail';
import { outboxSender, smtpSender } from '../jobs/mailer';
import type { RunRemindersResult } from '../jobs/reminders';
import { DEMO_MUNICIPALITY } from './demo-data';

/**
 * The reminder job on a timer inside `npm start` (issue 6, item 6): the same
 * `runReminders` as the daily Lambda and `npm run reminders`, once shortly
 * after start and then every SILLAT_REMINDER_INTERVAL_MINUTES. The job is
 * idempotent (every reminder is claimed with a conditional write), so running
 * it hourly sends nothing twice; a failed mail stays pending for the next tick.
 */

/** The default interval: often enough that a checkpoint set today is reminded within the hour. */
export const DEFAULT_INTERVAL_MINUTES = 60;
/** Three seconds: short enough for the end-to-end tests, long enough to be no busy loop. */
const MIN_INTERVAL_MINUTES = 0.05;
/** setInterval's limit (2^31 − 1 ms, about 24 days). */
const MAX_INTERVAL_MINUTES = Math.floor((2 ** 31 - 1) / 60_000);

type Env = Record<string, string | undefined>;

/**
 * SILLAT_REMINDER_INTERVAL_MINUTES as minutes: unset → 60, `0` → off (0), a
 * fraction such as 0.1 is allowed (tests use it). Anything else throws a
 * message that says what to write instead.
 */
export function reminderIntervalMinutes(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_INTERVAL_MINUTES;
  const minutes = Number(raw.trim());
  if (minutes === 0) return 0;
  if (!Number.isFinite(minutes) || minutes < MIN_INTERVAL_MINUTES || minutes > MAX_INTERVAL_MINUTES) {
    throw new Error(
      `SILLAT_REMINDER_INTERVAL_MINUTES must be a number of minutes between ${MIN_INTERVAL_MINUTES} and ` +
        `${MAX_INTERVAL_MINUTES} (e.g. 60), or 0 to turn the reminder timer off — not "${raw}".`,
    );
  }
  return minutes;
}

/**
 * The municipalities to remind locally: MUNICIPALITY_IDS (comma-separated),
 * or MUNICIPALITY_ID, or the demo one. The table has no index listing
 * municipalities and the job does not Scan, so they are named, as in AWS.
 */
export function localMunicipalityIds(env: Env = process.env): string[] {
  const raw = env.MUNICIPALITY_IDS ?? env.MUNICIPALITY_ID ?? DEMO_MUNICIPALITY.id;
  const ids = raw
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const bad = ids.find((id) => !MUNICIPALITY_ID_PATTERN.test(id));
  if (bad !== undefined || ids.length === 0) {
    throw new Error(`MUNICIPALITY_IDS must list municipality ids such as "demo,espoo" — not "${raw}".`);
  }
  return ids;
}

/** Where local reminder mails go: SMTP when SMTP_URL is set, else the outbox. `where` is for people (no password). */
export function localSender(env: Env = process.env): { send: Send; where: string } {
  const url = env.SMTP_URL?.trim();
  if (!url) return { send: outboxSender(), where: 'into the outbox (administrators: Outbox)' };
  let shown: string;
  try {
    const parsed = new URL(url);
    shown = `${parsed.protocol}//${parsed.host}`;
  } catch {
    throw new Error(`SMTP_URL must be an address such as smtp://localhost:1025 — not "${url}".`);
  }
  return { send: smtpSender(url), where: `through SMTP (${shown})` };
}

/** Where the links in the mails point: APP_URL, or this server. */
export function localBaseUrl(port: number, env: Env = process.env): string {
  return env.APP_URL?.trim() || `http://localhost:${port}`;
}

/** The timer functions the module uses; tests pass their own and call the callbacks themselves. */
export interface Scheduler {
  setTimeout(run: () => void, ms: number): unknown;
  setInterval(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Node's timers, unref'd so a pending tick never keeps the process alive. */
export const nodeScheduler: Scheduler = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  setInterval: (run, ms) => setInterval(run, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface ReminderTimerOptions {
  /** One run of the job (the caller binds municipalities, sender and address). */
  run: () => Promise<RunRemindersResult>;
  intervalMinutes: number;
  /** The first run, this long after start (default 5 s, so start-up output comes first). */
  firstDelayMs?: number;
  /** How a run reports itself, e.g. "into the outbox". */
  where: string;
  scheduler?: Scheduler;
  log?: (line: string) => void;
  logError?: (line: string) => void;
}

export interface ReminderTimer {
  /** One run now, unless one is still running (then it is skipped). Never rejects. */
  tick(): Promise<void>;
  /** Clears the timers; a run under way finishes on its own. */
  stop(): void;
}

/** Starts the timer: a first run after `firstDelayMs`, then one every `intervalMinutes`. Runs never overlap. */
export function startReminderTimer(options: ReminderTimerOptions): ReminderTimer {
  const scheduler = options.scheduler ?? nodeScheduler;
  const log = options.log ?? ((line) => console.log(line));
  const logError = options.logError ?? ((line) => console.error(line));
  let running = false;
  let stopped = false;

  async function tick(): Promise<void> {
    if (running || stopped) return; // the last run is still sending: this tick is skipped, not queued
    running = true;
    try {
      const { sent, failed, reminders } = await options.run();
      if (sent || failed) {
        log(
          `Reminders: ${sent} mail(s) ${options.where}, ${reminders} reminder(s)` +
            (failed ? `, ${failed} mail(s) failed (kept pending for the next run)` : ''),
        );
      }
    } catch (err) {
      // One line, and the server keeps running: the next tick tries again.
      const message = err instanceof Error ? err.message : String(err);
      logError(`✖ Reminders: the run failed: ${message.replace(/\s+/g, ' ')}`);
    } finally {
      running = false;
    }
  }

  const first = scheduler.setTimeout(() => void tick(), options.firstDelayMs ?? 5_000);
  const every = scheduler.setInterval(() => void tick(), options.intervalMinutes * 60_000);
  return {
    tick,
    stop() {
      stopped = true;
      scheduler.clear(first);
      scheduler.clear(every);
    },
  };
}
