import {
  expandSchedule,
  nextCheckpoint,
  quarterlyTemplate,
  validateRule,
  type ScheduleEntry,
} from '@sillat/shared/schedule';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Run in Helsinki's own zone, so a date handled as a local instant instead of a
// floating calendar day would shift at the daylight-saving changes and fail.
const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Helsinki';
});
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

const dates = (entries: ScheduleEntry[], from: string, to: string) =>
  expandSchedule(entries, { from, to }).map((c) => c.date);

describe('quarterly template', () => {
  it('is every three months up to and including until', () => {
    expect(quarterlyTemplate('2026-01-15', '2027-01-15')).toEqual({
      kind: 'recurring',
      start: '2026-01-15',
      rule: 'FREQ=MONTHLY;INTERVAL=3',
      until: '2027-01-15',
    });
  });

  it('expands across both daylight-saving changes without shifting a day', () => {
    // Starts on the spring change (2026-03-29) and crosses the autumn one (2026-10-25).
    const entry = { id: 'q', assess: 'Progress?', ...quarterlyTemplate('2026-03-29', '2027-03-29') };
    expect(dates([entry], '2026-01-01', '2027-12-31')).toEqual([
      '2026-03-29',
      '2026-06-29',
      '2026-09-29',
      '2026-12-29',
      '2027-03-29',
    ]);
  });

  it('keeps quarter ends when starting on the last day of a month', () => {
    const template = quarterlyTemplate('2026-03-31', '2027-03-31');
    expect(template.rule).toBe('FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1');
    expect(dates([{ id: 'q', assess: 'x', ...template }], '2026-01-01', '2027-12-31')).toEqual([
      '2026-03-31',
      '2026-06-30',
      '2026-09-30',
      '2026-12-31',
      '2027-03-31',
    ]);
  });

  it('refuses an until before the start', () => {
    expect(() => quarterlyTemplate('2026-05-01', '2026-04-30')).toThrow(RangeError);
  });
});

describe('expandSchedule', () => {
  const entries: ScheduleEntry[] = [
    { id: 'a', kind: 'single', date: '2026-05-01', assess: 'Venue booked?', reporterId: 'u2' },
    // 2026-04-06 is a Monday.
    {
      id: 'b',
      kind: 'recurring',
      start: '2026-04-06',
      rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
      until: '2026-05-04',
      assess: 'Visitors',
    },
    { id: 'c', kind: 'single', date: '2026-03-01', assess: 'Outside the range' },
  ];

  it('merges single and recurring checkpoints in date order, range inclusive', () => {
    expect(expandSchedule(entries, { from: '2026-04-01', to: '2026-05-04' })).toEqual([
      { entryId: 'b', date: '2026-04-06', assess: 'Visitors' },
      { entryId: 'b', date: '2026-04-20', assess: 'Visitors' },
      { entryId: 'a', date: '2026-05-01', assess: 'Venue booked?', reporterId: 'u2' },
      { entryId: 'b', date: '2026-05-04', assess: 'Visitors' },
    ]);
  });

  it('orders checkpoints on the same day by entry id', () => {
    const sameDay: ScheduleEntry[] = [
      { id: 'z', kind: 'single', date: '2026-06-01', assess: 'z' },
      { id: 'm', kind: 'single', date: '2026-06-01', assess: 'm' },
    ];
    expect(expandSchedule(sameDay, { from: '2026-06-01', to: '2026-06-01' }).map((c) => c.entryId)).toEqual(['m', 'z']);
  });

  it('lets the earlier UNTIL and the smaller COUNT win', () => {
    const byRule: ScheduleEntry = {
      id: 'r',
      kind: 'recurring',
      start: '2026-01-10',
      rule: 'FREQ=MONTHLY;UNTIL=20260301',
      until: '2026-12-31',
      assess: 'x',
    };
    const byCount: ScheduleEntry = {
      id: 'r',
      kind: 'recurring',
      start: '2026-01-10',
      rule: 'FREQ=MONTHLY;COUNT=5',
      count: 2,
      assess: 'x',
    };
    expect(dates([byRule], '2026-01-01', '2026-12-31')).toEqual(['2026-01-10', '2026-02-10']);
    expect(dates([byCount], '2026-01-01', '2026-12-31')).toEqual(['2026-01-10', '2026-02-10']);
  });

  it('follows RFC 5545 for numbered weekdays and for days a month lacks', () => {
    const firstMonday: ScheduleEntry = {
      id: 'f',
      kind: 'recurring',
      start: '2026-01-01',
      rule: 'FREQ=MONTHLY;BYDAY=1MO',
      count: 3,
      assess: 'x',
    };
    const the31st: ScheduleEntry = {
      id: 't',
      kind: 'recurring',
      start: '2026-01-31',
      rule: 'FREQ=MONTHLY',
      until: '2026-05-31',
      assess: 'x',
    };
    expect(dates([firstMonday], '2026-01-01', '2026-12-31')).toEqual(['2026-01-05', '2026-02-02', '2026-03-02']);
    expect(dates([the31st], '2026-01-01', '2026-12-31')).toEqual(['2026-01-31', '2026-03-31', '2026-05-31']);
  });

  it('counts each day once through the autumn clock change', () => {
    const daily: ScheduleEntry = {
      id: 'd',
      kind: 'recurring',
      start: '2026-10-24',
      rule: 'FREQ=DAILY',
      until: '2026-10-31',
      assess: 'x',
    };
    expect(dates([daily], '2026-10-24', '2026-10-26')).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
  });

  it('refuses an open-ended daily rule as it would never stop', () => {
    const daily: ScheduleEntry = { id: 'd', kind: 'recurring', start: '2026-10-24', rule: 'FREQ=DAILY', assess: 'x' };
    expect(() => expandSchedule([daily], { from: '2026-10-24', to: '2026-10-26' })).toThrow(/more than 500/);
  });

  it('throws on a malformed date or a refused rule', () => {
    expect(() => expandSchedule(entries, { from: '2026-02-30', to: '2026-05-01' })).toThrow(/YYYY-MM-DD/);
    const hourly: ScheduleEntry = { id: 'h', kind: 'recurring', start: '2026-01-01', rule: 'FREQ=HOURLY', assess: 'x' };
    expect(() => expandSchedule([hourly], { from: '2026-01-01', to: '2026-01-02' })).toThrow(/HOURLY/);
  });
});

describe('nextCheckpoint', () => {
  const entries: ScheduleEntry[] = [
    { id: 'a', kind: 'single', date: '2026-05-01', assess: 'Venue booked?' },
    { id: 'b', assess: 'Progress', reporterId: 'u3', ...quarterlyTemplate('2026-01-15', '2026-12-31') },
  ];

  it('is the earliest checkpoint on or after today', () => {
    expect(nextCheckpoint(entries, '2026-04-16')).toEqual({
      entryId: 'a',
      date: '2026-05-01',
      assess: 'Venue booked?',
    });
    expect(nextCheckpoint(entries, '2026-05-01')?.date).toBe('2026-05-01');
    expect(nextCheckpoint(entries, '2026-05-02')).toEqual({
      entryId: 'b',
      date: '2026-07-15',
      assess: 'Progress',
      reporterId: 'u3',
    });
  });

  it('is undefined when the schedule is over', () => {
    expect(nextCheckpoint(entries, '2026-10-16')).toBeUndefined();
  });
});

describe('validateRule', () => {
  it.each([
    'FREQ=MONTHLY;INTERVAL=3',
    'FREQ=WEEKLY;BYDAY=MO',
    'FREQ=MONTHLY;BYDAY=-1FR',
    'FREQ=MONTHLY;BYMONTHDAY=1,15',
    'FREQ=YEARLY;COUNT=5',
    'FREQ=DAILY;INTERVAL=4',
    'FREQ=DAILY;COUNT=500',
    'FREQ=MONTHLY;UNTIL=20271231;',
  ])('accepts %s', (rule) => {
    expect(validateRule(rule)).toEqual({ ok: true });
  });

  it.each([
    ['', 'empty'],
    ['RRULE:FREQ=DAILY', 'syntax'],
    ['FREQ', 'syntax'],
    ['freq=daily', 'syntax'],
    ['INTERVAL=2', 'missingFreq'],
    ['FREQ=HOURLY', 'unsupportedFreq'],
    ['FREQ=MONTHLY;BYSETPOS=-1', 'unsupportedPart'],
    ['FREQ=MONTHLY;FREQ=WEEKLY', 'duplicatePart'],
    ['FREQ=MONTHLY;INTERVAL=0', 'badValue'],
    ['FREQ=WEEKLY;BYDAY=XX', 'badValue'],
    ['FREQ=WEEKLY;BYDAY=1MO', 'badValue'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'badValue'],
    ['FREQ=MONTHLY;UNTIL=20260230', 'badValue'],
    ['FREQ=MONTHLY;COUNT=3;UNTIL=20271231', 'countAndUntil'],
    ['FREQ=DAILY', 'tooMany'],
    ['FREQ=DAILY;INTERVAL=3', 'tooMany'],
    ['FREQ=WEEKLY;BYDAY=MO,TU', 'tooMany'],
    ['FREQ=DAILY;COUNT=501', 'tooMany'],
  ])('refuses %j (%s) with a message', (rule, code) => {
    const result = validateRule(rule);
    expect(result).toMatchObject({ ok: false, code });
    expect(result.ok === false && result.message.length > 10).toBe(true);
  });

  it('names what is wrong and what to use instead', () => {
    expect(validateRule('FREQ=HOURLY')).toEqual({
      ok: false,
      code: 'unsupportedFreq',
      message: 'FREQ=HOURLY is not supported. Use DAILY, WEEKLY, MONTHLY or YEARLY.',
    });
  });

  it('counts a dense rule with UNTIL from its start, or at worst without one', () => {
    expect(validateRule('FREQ=DAILY;UNTIL=20260131', { start: '2026-01-01' })).toEqual({ ok: true });
    expect(validateRule('FREQ=DAILY;UNTIL=20260131')).toMatchObject({ ok: false, code: 'tooMany' });
    expect(validateRule('FREQ=DAILY', { start: '2026-01-01', count: 500 })).toEqual({ ok: true });
    expect(validateRule('FREQ=DAILY', { start: '2026-01-01', count: 501 })).toMatchObject({ code: 'tooMany' });
    expect(validateRule('FREQ=DAILY', { start: '2026-01-01', until: '2026-02-30' })).toMatchObject({
      code: 'badValue',
    });
  });
});
