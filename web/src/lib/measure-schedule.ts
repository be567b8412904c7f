import type { Checkpoint, IsoDate, RecurringEntry, ScheduleEntry } from '@sillat/shared/schedule';

/**
 * A measure's assessment schedule in the web app: the edit form's rows, the
 * RRULE the "every N months / weeks" choice builds, and the upcoming
 * checkpoints worked out in the browser.
 *
 * Plain TypeScript without rrule or zod (shared/src/schedule.ts is the
 * reference and imports both). Only the rules a person builds here — FREQ
 * with INTERVAL, optionally BYMONTHDAY=-1 (the quarterly template's "last
 * day of the month"), COUNT and UNTIL — are expanded; for any other rule
 * `upcomingCheckpoints` says it is incomplete and the page shows the API's
 * next checkpoint instead. Dates are floating calendar days, as in shared.
 */
export type { Checkpoint, IsoDate, ScheduleEntry };

/** How a recurring row repeats: a unit the form offers, or a rule saved elsewhere that it keeps as it is. */
export type RepeatUnit = 'months' | 'weeks' | 'custom';

/** One row of the schedule form, as its inputs hold it ('' = not given). */
export interface ScheduleRow {
  /** For keyed lists: the entry's id, or a new one while unsaved. */
  key: string;
  /** The stored entry's id; absent for a new row (the API gives one). */
  id?: string;
  kind: 'single' | 'recurring';
  date: string;
  start: string;
  every: number;
  unit: RepeatUnit;
  /** The rule as saved, kept when `unit` is 'custom'. */
  rule: string;
  until: string;
  /** Kept from a saved entry; the form does not edit it. */
  count?: number;
  assess: string;
  /** '' when the owner reports. */
  reporterId: string;
}

/** Mirrors the API's limit on a schedule's entries (not imported: zod). */
export const MAX_SCHEDULE_ENTRIES = 20;
/** Mirrors the API's limit on what to assess. */
export const MAX_ASSESS_LENGTH = 500;

/** The most a form row may repeat by (the API allows more; nobody schedules every 99 weeks). */
export const MAX_EVERY = 52;

interface SimpleRule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  interval: number;
  /** BYMONTHDAY=-1: the last day of the month. */
  monthEnd: boolean;
  count?: number;
  until?: IsoDate;
}

/** The rule if it is one this module can expand, else undefined. */
export function parseSimpleRule(rule: string): SimpleRule | undefined {
  const parts = new Map<string, string>();
  for (const part of rule.trim().replace(/;$/, '').split(';')) {
    const match = /^([A-Z]+)=(.+)$/.exec(part.trim());
    if (!match || parts.has(match[1]!)) return undefined;
    parts.set(match[1]!, match[2]!);
  }
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'YEARLY') return undefined;
  const known = ['FREQ', 'INTERVAL', 'BYMONTHDAY', 'COUNT', 'UNTIL'];
  if ([...parts.keys()].some((k) => !known.includes(k))) return undefined;
  const positive = (value: string | undefined) =>
    value !== undefined && /^[1-9]\d{0,3}$/.test(value) ? Number(value) : undefined;
  const interval = parts.has('INTERVAL') ? positive(parts.get('INTERVAL')) : 1;
  if (interval === undefined) return undefined;
  const byMonthDay = parts.get('BYMONTHDAY');
  if (byMonthDay !== undefined && (byMonthDay !== '-1' || freq !== 'MONTHLY')) return undefined;
  const simple: SimpleRule = { freq, interval, monthEnd: byMonthDay === '-1' };
  if (parts.has('COUNT')) {
    simple.count = positive(parts.get('COUNT'));
    if (simple.count === undefined) return undefined;
  }
  const until = parts.get('UNTIL');
  if (until !== undefined) {
    const match = /^(\d{4})(\d{2})(\d{2})(?:T\d{6}Z?)?$/.exec(until);
    if (!match) return undefined;
    simple.until = `${match[1]}-${match[2]}-${match[3]}`;
  }
  return simple;
}

/** The unit and number the form shows for a saved rule; 'custom' for any rule it cannot build itself. */
export function repeatOf(rule: string): { unit: RepeatUnit; every: number } {
  const simple = parseSimpleRule(rule);
  if (simple && simple.count === undefined && simple.until === undefined && simple.interval <= MAX_EVERY) {
    if (simple.freq === 'MONTHLY') return { unit: 'months', every: simple.interval };
    if (simple.freq === 'WEEKLY' && !simple.monthEnd) return { unit: 'weeks', every: simple.interval };
  }
  return { unit: 'custom', every: 1 };
}

/**
 * The RRULE for "every `every` months / weeks" from `start`. Like the API's
 * quarterly template, a start on a month's last day repeats on the last day
 * of the month, so March 31 is followed by June 30, not by September 30.
 */
export function buildRule(unit: 'months' | 'weeks', every: number, start: string): string {
  if (unit === 'weeks') return `FREQ=WEEKLY;INTERVAL=${every}`;
  return `FREQ=MONTHLY;INTERVAL=${every}${isIsoDate(start) && isMonthEnd(start) ? ';BYMONTHDAY=-1' : ''}`;
}

let newRows = 0;

/** A form row for a saved entry, or a new empty one of `kind`. */
export function rowOf(entry: ScheduleEntry | { kind: 'single' | 'recurring' }): ScheduleRow {
  const saved = 'id' in entry ? entry : undefined;
  const row: ScheduleRow = {
    key: saved?.id ?? `new-${++newRows}`,
    kind: entry.kind,
    date: '',
    start: '',
    every: 3,
    unit: 'months',
    rule: '',
    until: '',
    assess: saved?.assess ?? '',
    reporterId: saved?.reporterId ?? '',
  };
  if (saved) row.id = saved.id;
  if (saved?.kind === 'single') row.date = saved.date;
  if (saved?.kind === 'recurring') {
    Object.assign(row, repeatOf(saved.rule), { start: saved.start, rule: saved.rule, until: saved.until ?? '' });
    if (saved.count !== undefined) row.count = saved.count;
  }
  return row;
}

/** The API's entry for a row (ScheduleEntryInput); call after `rowProblems` found none. */
export function entryOf(row: ScheduleRow): Record<string, unknown> {
  const common = {
    ...(row.id ? { id: row.id } : {}),
    assess: row.assess.trim(),
    ...(row.reporterId ? { reporterId: row.reporterId } : {}),
  };
  if (row.kind === 'single') return { kind: 'single', date: row.date, ...common };
  const rule = row.unit === 'custom' ? row.rule : buildRule(row.unit, row.every, row.start);
  return {
    kind: 'recurring',
    start: row.start,
    rule,
    ...(row.until ? { until: row.until } : {}),
    ...(row.count !== undefined ? { count: row.count } : {}),
    ...common,
  };
}

export type RowProblem = 'dateRequired' | 'endBeforeStart' | 'every' | 'assessRequired';

/**
 * What the API would refuse in the rows, keyed by its field path
 * ("entries.0.until"), so the form can say it in the reader's language first.
 */
export function rowProblems(rows: readonly ScheduleRow[]): Record<string, RowProblem> {
  const problems: Record<string, RowProblem> = {};
  rows.forEach((row, i) => {
    const at = (field: string) => `entries.${i}.${field}`;
    if (row.kind === 'single') {
      if (!isIsoDate(row.date)) problems[at('date')] = 'dateRequired';
    } else {
      if (!isIsoDate(row.start)) problems[at('start')] = 'dateRequired';
      if (row.until && !isIsoDate(row.until)) problems[at('until')] = 'dateRequired';
      else if (row.until && isIsoDate(row.start) && row.until < row.start) problems[at('until')] = 'endBeforeStart';
      if (row.unit !== 'custom' && !(Number.isInteger(row.every) && row.every >= 1 && row.every <= MAX_EVERY)) {
        problems[at('rule')] = 'every';
      }
    }
    if (!row.assess.trim()) problems[at('assess')] = 'assessRequired';
  });
  return problems;
}

/** At most this many dates are looked at per entry: a bound on rules that skip most periods (February 29). */
const MAX_STEPS = 5000;

/**
 * The first `limit` checkpoints of `entries` from `from` on (inclusive), in
 * date order. `complete` is false when an entry's rule is one this module
 * does not expand: the list then lacks that entry's dates.
 */
export function upcomingCheckpoints(
  entries: readonly ScheduleEntry[],
  from: IsoDate,
  limit: number,
): { checkpoints: Checkpoint[]; complete: boolean } {
  let complete = true;
  const checkpoints: Checkpoint[] = [];
  for (const entry of entries) {
    let dates: IsoDate[] | undefined;
    if (entry.kind === 'single') dates = entry.date >= from ? [entry.date] : [];
    else dates = recurringDates(entry, from, limit);
    if (dates === undefined) complete = false;
    for (const date of dates ?? []) {
      checkpoints.push({
        entryId: entry.id,
        date,
        assess: entry.assess,
        ...(entry.reporterId ? { reporterId: entry.reporterId } : {}),
      });
    }
  }
  checkpoints.sort((a, b) => a.date.localeCompare(b.date) || a.entryId.localeCompare(b.entryId));
  return { checkpoints: checkpoints.slice(0, limit), complete };
}

/** The entry's dates from `from` on, at most `limit`; undefined when its rule is not a simple one. */
function recurringDates(entry: RecurringEntry, from: IsoDate, limit: number): IsoDate[] | undefined {
  const rule = parseSimpleRule(entry.rule);
  if (!rule || !isIsoDate(entry.start)) return undefined;
  const until = [rule.until, entry.until].filter((x) => x !== undefined).sort()[0];
  const count = Math.min(rule.count ?? Infinity, entry.count ?? Infinity);
  const dates: IsoDate[] = [];
  let produced = 0;
  for (let step = 0; step < MAX_STEPS && dates.length < limit; step++) {
    const date = nthPeriod(entry.start, rule, step);
    if (date === undefined || date < entry.start) continue;
    if (until !== undefined && date > until) break;
    if (++produced > count) break;
    if (date >= from) dates.push(date);
  }
  return dates;
}

/** The date in the `step`th period after `start`, or undefined when that period lacks the day (RFC 5545 skips it). */
function nthPeriod(start: IsoDate, rule: SimpleRule, step: number): IsoDate | undefined {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const n = step * rule.interval;
  if (rule.freq === 'DAILY' || rule.freq === 'WEEKLY') {
    return iso(new Date(Date.UTC(y, m - 1, d + n * (rule.freq === 'WEEKLY' ? 7 : 1))));
  }
  const year = rule.freq === 'YEARLY' ? y + n : y + Math.floor((m - 1 + n) / 12);
  const month = rule.freq === 'YEARLY' ? m : ((m - 1 + n) % 12) + 1;
  const last = daysInMonth(year, month);
  const day = rule.monthEnd ? last : d;
  return day > last ? undefined : `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (date: Date) => date.toISOString().slice(0, 10);
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const isMonthEnd = (date: IsoDate) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return d === daysInMonth(y, m);
};

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** The day `days` after `date` (calendar arithmetic, no time zones). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return iso(new Date(Date.UTC(y, m - 1, d + days)));
}

/** The same day `years` later; February 29 becomes March 1 outside leap years. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return iso(new Date(Date.UTC(y + years, m - 1, d)));
}

/** The first day of the month after `date`'s. */
export function firstOfNextMonth(date: IsoDate): IsoDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return iso(new Date(Date.UTC(y, m, 1)));
}
