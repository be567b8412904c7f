import { escapeText, foldLine, formatDate, formatDateTime, serializeCalendar, type IcsEvent } from '@sillat/shared/ics';
import { describe, expect, it } from 'vitest';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');
/** Undoes folding (RFC 5545 §3.1): a CRLF followed by one space disappears. */
const unfold = (s: string) => s.replace(/\r\n /g, '');

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and every kind of line break', () => {
    expect(escapeText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
    expect(escapeText('one\ntwo\r\nthree\rfour')).toBe('one\\ntwo\\nthree\\nfour');
  });

  it('escapes the backslash first, so an escaped character is not escaped twice', () => {
    expect(escapeText('\\,')).toBe('\\\\\\,');
  });

  it('leaves colons, quotes and non-ASCII letters alone', () => {
    expect(escapeText('Päiväkoti: "Sillat" – ok')).toBe('Päiväkoti: "Sillat" – ok');
  });
});

describe('foldLine', () => {
  it('leaves a line of exactly 75 octets as it is', () => {
    const line = 'X'.repeat(75);
    expect(foldLine(line)).toBe(line);
  });

  it('folds a longer ASCII line at 75 octets, continuation lines starting with a space', () => {
    const line = `SUMMARY:${'a'.repeat(200)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBe(3);
    expect(octets(parts[0]!)).toBe(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.every((p) => octets(p) <= 75)).toBe(true);
    expect(unfold(folded)).toBe(line);
  });

  it('never splits a multibyte character: ä (2 octets), € (3) and an emoji (4)', () => {
    for (const char of ['ä', '€', '🌉']) {
      // Offset by one so that a naive split at octet 75 would cut a character in half.
      const line = `SUMMARY:X${char.repeat(60)}`;
      const folded = foldLine(line);
      const parts = folded.split('\r\n');
      expect(parts.length, char).toBeGreaterThan(1);
      for (const part of parts) {
        expect(octets(part), char).toBeLessThanOrEqual(75);
        // A split inside a UTF-8 sequence or a surrogate pair would leave U+FFFD or a lone surrogate.
        expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
      }
      expect(unfold(folded)).toBe(line);
    }
  });

  it('fills each line as far as the characters allow', () => {
    // 8 ASCII octets + 33 × 2 = 74; the 34th ä would make 76, so it starts the next line.
    const folded = foldLine(`SUMMARY:${'ä'.repeat(40)}`);
    const [first, second] = folded.split('\r\n');
    expect(octets(first!)).toBe(74);
    expect(second).toBe(` ${'ä'.repeat(7)}`);
  });
});

describe('dates', () => {
  it('writes DATE and UTC DATE-TIME values', () => {
    expect(formatDate('2026-11-23')).toBe('20261123');
    expect(formatDateTime(new Date('2026-03-29T01:02:03.456Z'))).toBe('20260329T010203Z');
  });

  it('refuses what is not a date', () => {
    expect(() => formatDate('23.11.2026')).toThrow(RangeError);
  });
});

describe('serializeCalendar', () => {
  const event: IcsEvent = {
    uid: 'm1.e1.20261231@sillat',
    stamp: new Date('2026-05-01T12:00:00Z'),
    date: '2026-12-31',
    summary: 'Nuorisotila, kerta; checkpoint',
    description: 'Kuinka moni kävi?\nRaportoi: https://sillat.example/measures/r1/m1#report',
    url: 'https://sillat.example/measures/r1/m1#report',
  };
  const text = serializeCalendar({ productId: '-//Sillat//Calendar//FI', name: 'Sillat', events: [event] });
  const lines = unfold(text).split('\r\n');

  it('uses CRLF everywhere and ends with one', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false);
    expect(text.replace(/\r\n/g, '').includes('\r')).toBe(false);
  });

  it('wraps the events in a VCALENDAR with version and product id', () => {
    expect(lines.slice(0, 3)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Sillat//Calendar//FI']);
    expect(lines).toContain('X-WR-CALNAME:Sillat');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });

  it('writes an all-day event: date start, next-day end, escaped text, unescaped URL', () => {
    const start = lines.indexOf('BEGIN:VEVENT');
    const end = lines.indexOf('END:VEVENT');
    expect(lines.slice(start, end + 1)).toEqual([
      'BEGIN:VEVENT',
      'UID:m1.e1.20261231@sillat',
      'DTSTAMP:20260501T120000Z',
      'DTSTART;VALUE=DATE:20261231',
      'DTEND;VALUE=DATE:20270101',
      'SUMMARY:Nuorisotila\\, kerta\\; checkpoint',
      'DESCRIPTION:Kuinka moni kävi?\\nRaportoi: https://sillat.example/measures/r1/m1#report',
      'URL:https://sillat.example/measures/r1/m1#report',
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    ]);
  });

  it('folds long lines in the output', () => {
    expect(text.split('\r\n').every((l) => octets(l) <= 75)).toBe(true);
    expect(text).toContain('\r\n ');
  });

  it('is an empty but valid calendar without events', () => {
    const empty = serializeCalendar({ productId: '-//Sillat//Calendar//FI', events: [] });
    expect(empty).toBe(
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Sillat//Calendar//FI\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n',
    );
  });
});
