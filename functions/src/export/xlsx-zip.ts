import { type ExportTable } from '@sillat/shared/export/table';
import { xlsxParts } from '@sillat/shared/export/xlsx';
import { strToU8, zipSync } from 'fflate';

/**
 * The workbook file: shared/src/export/xlsx.ts writes the XML parts, this
 * zips them (deflate; `[Content_Types].xml` first, as Office writes it).
 * `mtime` is fixed by the caller so the same data gives the same bytes.
 */
export function xlsxFile(tables: readonly ExportTable[], mtime = new Date()): Uint8Array {
  const parts = xlsxParts(tables);
  const files = Object.fromEntries(Object.entries(parts).map(([path, xml]) => [path, strToU8(xml)]));
  return zipSync(files, { level: 6, mtime });
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
