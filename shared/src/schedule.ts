import * as rruleModule from 'rrule';

/**
 * Assessment schedules of a measure (issue 6): single checkpoint dates and
 * RRULE recurrences ("every 3 months until the next round").
 *
 * Checkpoints are calendar days in Europe/Helsinki, not instants. They are
 * handled as *floating* dates: each 'YYYY-MM-DD' becomes UTC midnight for
 * rrule and is read back with the UTC getters, so no time zone or
 * daylight-saving offset ever takes part and a day can never shift. Which day
 * it is "today" in Helsinki is decided elsewhere (`todayIn` in reminders.ts).
 */

// rrule 2.x ships its ESM build without `"type": "module"`, so Node (vitest,
// tsx, SSR) loads the CommonJS bundle and only offers it as the default export,
// while bundlers pick the ESM build with named exports. Accept either shape.
const { RRule } = (rruleModule as { default?: typeof rruleModule }).default ?? rruleModule;
type RRuleOptions = Partial<rruleModule.Options>;

/** A calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;

interface EntryBase {
  id: string;
  /** What to assess at the checkpoint: the question or indicator. */
  assess: string;
  /** Who reports; the measure's owner when absent. */
  reporterId?: string;
}

export interface SingleEntry extends EntryBase {
  kind: 'single';
  date: IsoDate;
}

export interface RecurringEntry extends EntryBase {
  kind: 'recurring';
  /** The first possible checkpoint (RRULE DTSTART). */
  start: IsoDate;
  /** An RRULE body without the `RRULE:` prefix, e.g. 'FREQ=MONTHLY;INTERVAL=3'. See `validateRule`. */
  rule: string;
  /** Last possible checkpoint, inclusive. Combined with an UNTIL in the rule, the earlier wins. */
  until?: IsoDate;
  /** At most this many checkpoints. Combined with a COUNT in the rule, the smaller wins. */
  count?: number;
}

export type ScheduleEntry = SingleEntry | RecurringEntry;

/** The recurring part of a schedule without its measure-specific fields: what a round-level template holds. */
export type RecurrenceTemplate = Omit<RecurringEntry, 'id' | 'assess' | 'reporterId'>;

/** One dated checkpoint produced by a schedule entry. */
export interface Checkpoint {
  entryId: string;
  date: IsoDate;
  assess: string;
  reporterId?: string;
}

export type RuleProblemCode =
  | 'empty'
  | 'syntax'
  | 'unsupportedPart'
  | 'duplicatePart'
  | 'missingFreq'
  | 'unsupportedFreq'
  | 'badValue'
  | 'countAndUntil'
  | 'tooMany';

export type RuleCheck = { ok: true } | { ok: false; code: RuleProblemCode; message: string };

/** The most checkpoints a rule may produce in `DENSITY_YEARS` years: more is a typo, not a schedule. */
export const MAX_OCCURRENCES = 500;
const DENSITY_YEARS = 5;
/** Start used to measure a rule's density when the caller gives none. A leap year, so February 29 counts. */
const REFERENCE_START = '2024-01-01';

const FREQUENCIES = { DAILY: RRule.DAILY, WEEKLY: RRule.WEEKLY, MONTHLY: RRule.MONTHLY, YEARLY: RRule.YEARLY };
const ALLOWED_PARTS = ['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'COUNT', 'UNTIL'];
const POSITIVE_INT = /^[1-9]\d{0,3}$/;
const BYDAY_ITEM = /^([+-]?(?:[1-9]|[1-4]\d|5[0-3]))?(MO|TU|WE|TH|FR|SA|SU)$/;
const BYMONTHDAY_ITEM = /^[+-]?(?:[1-9]|[12]\d|3[01])$/;
const UNTIL_VALUE = /^(\d{4})(\d{2})(\d{2})(?:T\d{6}Z?)?$/;

const fail = (code: RuleProblemCode, message: string): RuleCheck => ({ ok: false, code, message });

/**
 * Checks an RRULE body before it is stored. Only what a coordinator needs is
 * accepted — FREQ=DAILY|WEEKLY|MONTHLY|YEARLY with INTERVAL, BYDAY,
 * BYMONTHDAY, COUNT and UNTIL — so every stored rule expands the same way in
 * the reminder job, the calendar feed and the web app.
 *
 * A rule may produce at most 500 checkpoints in 5 years from the entry's
 * start, within its own until and count. Without `entry`, UNTIL is ignored
 * for that count (the worst case over any start).
 */
export function validateRule(rule: string, entry?: Pick<RecurringEntry, 'start' | 'until' | 'count'>): RuleCheck {
  // A trailing ';' is a harmless slip, not worth refusing.
  const body = rule.trim().replace(/;$/, '');
  if (body === '') return fail('empty', 'The rule is empty. Give at least FREQ, e.g. FREQ=MONTHLY;INTERVAL=3.');
  if (/^RRULE:/i.test(body)) return fail('syntax', 'Give only the rule body, without the "RRULE:" prefix.');

  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const match = /^([A-Z]+)=(.+)$/.exec(part.trim());
    if (!match) return fail('syntax', `"${part}" is not of the form NAME=VALUE.`);
    const [, name = '', value = ''] = match;
    if (!ALLOWED_PARTS.includes(name)) {
      return fail('unsupportedPart', `${name} is not supported. Use only ${ALLOWED_PARTS.join(', ')}.`);
    }
    if (parts.has(name)) return fail('duplicatePart', `${name} is given twice.`);
    parts.set(name, value);
  }

  const freq = parts.get('FREQ');
  if (freq === undefined) return fail('missingFreq', 'FREQ is missing, e.g. FREQ=MONTHLY.');
  if (!Object.hasOwn(FREQUENCIES, freq)) {
    return fail('unsupportedFreq', `FREQ=${freq} is not supported. Use DAILY, WEEKLY, MONTHLY or YEARLY.`);
  }
  for (const name of ['INTERVAL', 'COUNT'] as const) {
    const value = parts.get(name);
    if (value !== undefined && !POSITIVE_INT.test(value)) {
      return fail('badValue', `${name} must be a whole number from 1 to 9999, not "${value}".`);
    }
  }
  const byday = parts.get('BYDAY');
  if (byday !== undefined) {
    for (const day of byday.split(',')) {
      const match = BYDAY_ITEM.exec(day);
      if (!match) return fail('badValue', `BYDAY "${day}" is not a weekday such as MO, TU or 1MO (first Monday).`);
      if (match[1] !== undefined && freq !== 'MONTHLY' && freq !== 'YEARLY') {
        return fail('badValue', `BYDAY "${day}" (a numbered weekday) needs FREQ=MONTHLY or FREQ=YEARLY.`);
      }
    }
  }
  const bymonthday = parts.get('BYMONTHDAY');
  if (bymonthday !== undefined && !bymonthday.split(',').every((d) => BYMONTHDAY_ITEM.test(d))) {
    return fail('badValue', `BYMONTHDAY "${bymonthday}" must be days 1 to 31, or -1 to -31 counted from month end.`);
  }
  const until = parts.get('UNTIL');
  if (until !== undefined) {
    const match = UNTIL_VALUE.exec(until);
    if (!match || !isIsoDate(`${match[1]}-${match[2]}-${match[3]}`)) {
      return fail('badValue', `UNTIL "${until}" must be a date such as 20271231.`);
    }
    if (parts.has('COUNT')) return fail('countAndUntil', 'Give COUNT or UNTIL, not both.');
  }

  const from = entry?.start ?? REFERENCE_START;
  if (!isIsoDate(from)) return fail('badValue', `The start "${from}" must be a date written YYYY-MM-DD.`);
  if (entry?.until !== undefined && !isIsoDate(entry.until)) {
    return fail('badValue', `The end "${entry.until}" must be a date written YYYY-MM-DD.`);
  }
  if (entry?.count !== undefined && !POSITIVE_INT.test(String(entry.count))) {
    return fail('badValue', `The number of checkpoints must be a whole number from 1 to 9999, not ${entry.count}.`);
  }
  const options = entry ? ruleOptions(body, entry) : { ...RRule.parseString(body), dtstart: toUtc(from), until: null };
  const windowEnd = toUtc(addYears(from, DENSITY_YEARS));
  let produced = 0;
  new RRule(options).between(toUtc(from), windowEnd, true, () => ++produced <= MAX_OCCURRENCES);
  if (produced > MAX_OCCURRENCES) {
    return fail('tooMany', `The rule gives more than ${MAX_OCCURRENCES} checkpoints in ${DENSITY_YEARS} years.`);
  }
  return { ok: true };
}

/**
 * All checkpoints of `entries` from `range.from` to `range.to`, both
 * inclusive, sorted by date (then entry id, so the order is stable).
 * Throws a RangeError for a malformed date or a rule `validateRule` refuses.
 */
export function expandSchedule(entries: readonly ScheduleEntry[], range: { from: IsoDate; to: IsoDate }): Checkpoint[] {
  assertIsoDate(range.from, 'from');
  assertIsoDate(range.to, 'to');
  const checkpoints: Checkpoint[] = [];
  for (const entry of entries) {
    const dates =
      entry.kind === 'single'
        ? [assertIsoDate(entry.date, `date of ${entry.id}`)].filter((d) => d >= range.from && d <= range.to)
        : recurrence(entry).between(toUtc(range.from), toUtc(range.to), true).map(fromUtc);
    for (const date of dates) checkpoints.push(checkpointOf(entry, date));
  }
  return checkpoints.sort(byDateThenEntry);
}

/** The first checkpoint on or after `today` — today's own counts, it is still to be reported. */
export function nextCheckpoint(entries: readonly ScheduleEntry[], today: IsoDate): Checkpoint | undefined {
  assertIsoDate(today, 'today');
  let next: Checkpoint | undefined;
  for (const entry of entries) {
    let date: IsoDate | undefined;
    if (entry.kind === 'single') {
      date = assertIsoDate(entry.date, `date of ${entry.id}`) >= today ? entry.date : undefined;
    } else {
      const found = recurrence(entry).after(toUtc(today), true);
      date = found ? fromUtc(found) : undefined;
    }
    if (date === undefined) continue;
    const candidate = checkpointOf(entry, date);
    if (!next || byDateThenEntry(candidate, next) < 0) next = candidate;
  }
  return next;
}

/**
 * Every three months from `start` to `until` (inclusive): the round-level
 * template a coordinator applies to all measures of a plan at once.
 *
 * RFC 5545 skips months that lack the start's day, so a start on a month's
 * last day (e.g. March 31) becomes "the last day of every third month" —
 * quarter ends stay quarter ends instead of silently dropping June and September.
 */
export function quarterlyTemplate(start: IsoDate, until: IsoDate): RecurrenceTemplate {
  assertIsoDate(start, 'start');
  assertIsoDate(until, 'until');
  if (until < start) throw new RangeError(`until (${until}) is before start (${start}).`);
  const monthEnd = addDays(start, 1).endsWith('-01');
  return { kind: 'recurring', start, rule: `FREQ=MONTHLY;INTERVAL=3${monthEnd ? ';BYMONTHDAY=-1' : ''}`, until };
}

function recurrence(entry: RecurringEntry) {
  assertIsoDate(entry.start, `start of ${entry.id}`);
  if (entry.until !== undefined) assertIsoDate(entry.until, `until of ${entry.id}`);
  const check = validateRule(entry.rule, entry);
  if (!check.ok) throw new RangeError(`Schedule ${entry.id}: ${check.message}`);
  return new RRule(ruleOptions(entry.rule, entry));
}

/** The rule's own options bounded by the entry's: the earlier UNTIL and the smaller COUNT win. */
function ruleOptions(rule: string, entry: Pick<RecurringEntry, 'start' | 'until' | 'count'>): RRuleOptions {
  const options: RRuleOptions = { ...RRule.parseString(rule.trim().replace(/;$/, '')), dtstart: toUtc(entry.start) };
  if (entry.until !== undefined) {
    const until = toUtc(entry.until);
    options.until = options.until && options.until < until ? options.until : until;
  }
  if (entry.count !== undefined) options.count = Math.min(options.count ?? Infinity, entry.count);
  return options;
}

function checkpointOf(entry: ScheduleEntry, date: IsoDate): Checkpoint {
  const checkpoint: Checkpoint = { entryId: entry.id, date, assess: entry.assess };
  if (entry.reporterId !== undefined) checkpoint.reporterId = entry.reporterId;
  return checkpoint;
}

function byDateThenEntry(a: Checkpoint, b: Checkpoint): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0;
}

/** True for a real calendar date written 'YYYY-MM-DD' (2026-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && fromUtc(toUtc(value)) === value;
}

function assertIsoDate(value: string, what: string): IsoDate {
  if (!isIsoDate(value)) throw new RangeError(`${what} must be a date written YYYY-MM-DD, not "${value}".`);
  return value;
}

/** The floating date as rrule wants it: UTC midnight of that calendar day. */
function toUtc(date: IsoDate): Date {
  const [y = NaN, m = NaN, d = NaN] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(date: Date): IsoDate {
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

/** Calendar arithmetic on floating dates: the day `days` after (or before) `date`. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const utc = toUtc(date);
  utc.setUTCDate(utc.getUTCDate() + days);
  return fromUtc(utc);
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

function addYears(date: IsoDate, years: number): IsoDate {
  const utc = toUtc(date);
  utc.setUTCFullYear(utc.getUTCFullYear() + years);
  return fromUtc(utc);
}
