/**
 * A table as the exports write it (CSV, one XLSX sheet): column names and
 * rows of plain cells. Numbers stay numbers, text is text, an empty cell
 * (`null`/`undefined`) is a figure that is hidden or does not exist.
 * Framework-free, so the serialisers are testable on their own.
 */
export type Cell = string | number | boolean | null | undefined;

export interface ExportTable {
  /** Short machine name: the XLSX sheet name and the CSV file name's last part. */
  name: string;
  columns: readonly string[];
  rows: readonly (readonly Cell[])[];
}

/**
 * Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that
 * begins with = + - @, and tab or carriage return can smuggle one in. Such
 * text gets a leading `'`, which spreadsheets show as text and nobody misreads.
 * Applied to every text cell of every export; numbers are never text here.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A number as exports publish it: rounded to `digits` decimals, or empty when there is none. */
export function rounded(value: number | null | undefined, digits: number): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** An ASCII slug for file names ("Kevät 2026" → "kevat-2026"), `fallback` when nothing is left. */
export function fileSlug(text: string, fallback = 'export'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}
