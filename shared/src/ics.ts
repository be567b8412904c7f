/**
 * iCalendar (RFC 5545) serialisation for the private calendar feeds of
 * checkpoints (issue 6, item 7). Pure functions, no I/O: the API route builds
 * the events and answers with {@link serializeCalendar}'s text.
 *
 * Only what a feed of all-day events needs: VCALENDAR with VEVENTs carrying
 * UID, DTSTAMP, DTSTART/DTEND as dates, SUMMARY, DESCRIPTION and URL. Lines end
 * in CRLF and are folded at 75 octets without splitting a UTF-8 character.
 */

/** A calendar date, 'YYYY-MM-DD' (a floating day, as in shared/src/schedule.ts). */
type IsoDate = string;

export interface IcsEvent {
  /** Globally unique and stable across fetches, so calendar apps update the event instead of duplicating it. */
  uid: string;
  /** When this version of the event was produced (DTSTAMP). */
  stamp: Date;
  /** The all-day event's day. */
  date: IsoDate;
  summary: string;
  description?: string;
  url?: string;
}

export interface IcsCalendar {
  /** PRODID: who produced the feed. */
  productId: string;
  /** Shown by calendar apps as the subscription's name (X-WR-CALNAME). */
  name?: string;
  events: readonly IcsEvent[];
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();
const octets = (s: string) => encoder.encode(s).length;

/**
 * Folds one content line (RFC 5545 §3.1): no line longer than 75 octets; each
 * continuation starts with a space, which counts towards its 75. Breaks fall
 * between code points, never inside a UTF-8 sequence (or a surrogate pair).
 */
export function foldLine(line: string): string {
  if (octets(line) <= MAX_OCTETS) return line;
  const lines: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const charSize = octets(char);
    const limit = lines.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (size + charSize > limit) {
      lines.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += charSize;
  }
  lines.push(current);
  return lines.map((l, i) => (i === 0 ? l : ` ${l}`)).join(CRLF);
}

/** 'YYYY-MM-DD' → 'YYYYMMDD' (a DATE value). Throws a RangeError for anything else. */
export function formatDate(date: IsoDate): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`"${date}" is not a date written YYYY-MM-DD.`);
  return date.replace(/-/g, '');
}

/** An instant as a UTC DATE-TIME value, e.g. 20261123T090000Z. */
export function formatDateTime(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The day after `date`: an all-day event's exclusive DTEND. */
function nextDay(date: IsoDate): string {
  const [y = NaN, m = NaN, d = NaN] = date.split('-').map(Number);
  return formatDateTime(new Date(Date.UTC(y, m - 1, d + 1))).slice(0, 8);
}

function eventLines(event: IcsEvent): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${formatDateTime(event.stamp)}`,
    `DTSTART;VALUE=DATE:${formatDate(event.date)}`,
    `DTEND;VALUE=DATE:${nextDay(event.date)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    // A URI value, not TEXT: commas and semicolons in it are not escaped.
    ...(event.url ? [`URL:${event.url}`] : []),
    // A checkpoint is a deadline, not a meeting: it does not make the person busy.
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** The whole calendar as iCalendar text: CRLF line ends (the last line too), folded lines. */
export function serializeCalendar(calendar: IcsCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${calendar.productId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...(calendar.name ? [`X-WR-CALNAME:${escapeText(calendar.name)}`] : []),
    ...calendar.events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
