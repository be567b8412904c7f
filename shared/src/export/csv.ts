import { type Cell, type ExportTable, neutralise } from './table';

/**
 * CSV per RFC 4180: comma-separated, CRLF line ends, fields with a comma,
 * quote or line break in double quotes (quotes doubled). UTF-8 with a byte
 * order mark, so Excel opens ä, ö and å right instead of guessing a code page.
 * Every text cell is neutralised against formula injection (table.ts).
 */
export const BOM = '\uFEFF';

function field(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const text = neutralise(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file as a string, starting with the BOM and ending with CRLF. */
export function toCsv(table: Pick<ExportTable, 'columns' | 'rows'>): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(field).join(','));
  return BOM + lines.map((line) => `${line}\r\n`).join('');
}
