import { expandSchedule, quarterlyTemplate, type ScheduleEntry } from '@sillat/shared/schedule';
import { describe, expect, it } from 'vitest';
import {
  buildRule,
  entryOf,
  parseSimpleRule,
  repeatOf,
  rowOf,
  rowProblems,
  upcomingCheckpoints,
} from '../../web/src/lib/measure-schedule';

/**
 * The web app expands the rules it builds without rrule; shared/src/schedule.ts
 * (rrule) is the reference, so both must give the same dates.
 */
const recurring = (start: string, rule: string, extra: Partial<ScheduleEntry> = {}): ScheduleEntry =>
  ({ id: 'e', kind: 'recurring', start, rule, assess: 'x', ...extra }) as ScheduleEntry;

describe('upcomingCheckpoints agrees with rrule', () => {
  const starts = ['2026-01-31', '2026-02-28', '2027-03-31', '2028-02-29', '2026-11-15', '2026-12-01'];
  const rules = [
    'FREQ=MONTHLY',
    'FREQ=MONTHLY;INTERVAL=3',
    'FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1',
    'FREQ=MONTHLY;INTERVAL=5;COUNT=4',
    'FREQ=WEEKLY;INTERVAL=2',
    'FREQ=DAILY;INTERVAL=10;UNTIL=20270301',
    'FREQ=YEARLY',
  ];
  for (const start of starts) {
    for (const rule of rules) {
      it(`${rule} from ${start}`, () => {
        const entry = recurring(start, rule, { until: '2031-12-31' });
        const from = '2027-01-10';
        const expected = expandSchedule([entry], { from, to: '2031-12-31' }).slice(0, 12);
        const got = upcomingCheckpoints([entry], from, 12);
        expect(got.complete).toBe(true);
        expect(got.checkpoints).toEqual(expected);
      });
    }
  }

  it('follows the quarterly template from a month end, and an entry count', () => {
    const entry = { id: 'quarterly', assess: 'a', ...quarterlyTemplate('2026-03-31', '2028-12-31') };
    expect(upcomingCheckpoints([entry], '2026-01-01', 20).checkpoints).toEqual(
      expandSchedule([entry], { from: '2026-01-01', to: '2028-12-31' }),
    );
    const counted = recurring('2026-12-01', 'FREQ=MONTHLY;INTERVAL=3', { count: 3 });
    expect(upcomingCheckpoints([counted], '2027-01-01', 10).checkpoints.map((c) => c.date)).toEqual([
      '2027-03-01',
      '2027-06-01',
    ]);
  });

  it('merges single dates in date order and says when a rule is beyond it', () => {
    const single: ScheduleEntry = { id: 'a', kind: 'single', date: '2027-02-01', assess: 'y', reporterId: 'u1' };
    const past: ScheduleEntry = { id: 'b', kind: 'single', date: '2026-01-01', assess: 'z' };
    const got = upcomingCheckpoints([recurring('2027-01-01', 'FREQ=MONTHLY'), single, past], '2027-01-01', 3);
    expect(got.checkpoints.map((c) => [c.date, c.entryId])).toEqual([
      ['2027-01-01', 'e'],
      ['2027-02-01', 'a'],
      ['2027-02-01', 'e'],
    ]);
    expect(got.checkpoints[1]?.reporterId).toBe('u1');
    const byDay = upcomingCheckpoints([recurring('2027-01-01', 'FREQ=MONTHLY;BYDAY=1MO'), single], '2027-01-01', 3);
    expect(byDay).toEqual({
      checkpoints: [{ entryId: 'a', date: '2027-02-01', assess: 'y', reporterId: 'u1' }],
      complete: false,
    });
  });
});

describe('the schedule form rows', () => {
  it('builds the rule from "every N months / weeks", the last day of the month kept', () => {
    expect(buildRule('months', 3, '2027-02-01')).toBe('FREQ=MONTHLY;INTERVAL=3');
    expect(buildRule('months', 3, '2027-03-31')).toBe('FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1');
    expect(buildRule('weeks', 2, '2027-03-31')).toBe('FREQ=WEEKLY;INTERVAL=2');
    expect(repeatOf('FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1')).toEqual({ unit: 'months', every: 3 });
    expect(repeatOf('FREQ=WEEKLY')).toEqual({ unit: 'weeks', every: 1 });
    expect(repeatOf('FREQ=MONTHLY;BYDAY=1MO')).toEqual({ unit: 'custom', every: 1 });
    expect(repeatOf('FREQ=DAILY;INTERVAL=3')).toEqual({ unit: 'custom', every: 1 });
    expect(parseSimpleRule('FREQ=WEEKLY;BYMONTHDAY=-1')).toBeUndefined();
  });

  it('round-trips a saved entry, keeping a rule it cannot build', () => {
    const saved: ScheduleEntry = {
      id: 'quarterly',
      kind: 'recurring',
      start: '2026-12-01',
      rule: 'FREQ=MONTHLY;BYDAY=1MO',
      until: '2027-12-01',
      count: 4,
      assess: 'How is it going?',
      reporterId: 'u2',
    };
    expect(entryOf(rowOf(saved))).toEqual({ ...saved });
    const row = { ...rowOf({ kind: 'recurring' }), start: '2027-02-01', every: 3, assess: ' Q ', until: '2027-12-31' };
    expect(entryOf(row)).toEqual({
      kind: 'recurring',
      start: '2027-02-01',
      rule: 'FREQ=MONTHLY;INTERVAL=3',
      until: '2027-12-31',
      assess: 'Q',
    });
  });

  it('finds what the API would refuse, at the API’s field paths', () => {
    const single = { ...rowOf({ kind: 'single' }), assess: 'ok' };
    const recurringRow = { ...rowOf({ kind: 'recurring' }), start: '2027-06-01', until: '2027-05-31', every: 0 };
    expect(rowProblems([single, recurringRow])).toEqual({
      'entries.0.date': 'dateRequired',
      'entries.1.until': 'endBeforeStart',
      'entries.1.rule': 'every',
      'entries.1.assess': 'assessRequired',
    });
    expect(rowProblems([{ ...single, date: '2027-02-30' }])).toEqual({ 'entries.0.date': 'dateRequired' });
    expect(rowProblems([{ ...single, date: '2027-02-28' }])).toEqual({});
  });
});
