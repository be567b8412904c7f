/**
 * A small RFC 4180 reader for the export tests, written independently of the
 * writer under test: quoted fields may hold commas, doubled quotes and line
 * breaks; records end with CRLF. Returns the rows and whether a BOM led.
 */
export function parseCsv(text: string): { bom: boolean; rows: string[][] } {
  const bom = text.startsWith('\uFEFF');
  const s = bom ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < s.length) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') [field, i] = [field + '"', i + 2];
      else if (ch === '"') [quoted, i] = [false, i + 1];
      else [field, i] = [field + ch, i + 1];
    } else if (ch === '"' && field === '') [quoted, i] = [true, i + 1];
    else if (ch === ',') [row, field, i] = [[...row, field], '', i + 1];
    else if (ch === '\r' && s[i + 1] === '\n') {
      rows.push([...row, field]);
      [row, field, i] = [[], '', i + 2];
    } else if (ch === '\r' || ch === '\n') throw new Error(`bare line break at ${i}`);
    else [field, i] = [field + ch, i + 1];
  }
  if (quoted) throw new Error('unterminated quote');
  if (field !== '' || row.length) throw new Error('last record does not end with CRLF');
  return { bom, rows };
}

/** Rows as objects keyed by the header row. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text).rows;
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}
