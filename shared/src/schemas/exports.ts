import * as z from 'zod';
import { ROUND_EXPORT_TABLES } from '../export/round-export';
import { LOCALES } from '../locales';

/**
 * Queries of the export routes (functions/src/routes/exports.ts). `locale`
 * picks the language of names (groups, districts, rounds); column names are
 * fixed English identifiers so that scripts can rely on them.
 */
const locale = z.enum(LOCALES).default('fi').meta({ description: 'Language of names in the file' });

export const RoundCsvQuery = z
  .object({
    table: z
      .enum(ROUND_EXPORT_TABLES, { message: `Give one of: ${ROUND_EXPORT_TABLES.join(', ')}.` })
      .default('sessions')
      .meta({ description: 'Which table (default sessions)' }),
    locale,
  })
  .strict()
  .meta({ id: 'RoundCsvQuery' });

export const LocaleQuery = z.object({ locale }).strict().meta({ id: 'ExportLocaleQuery' });

export type RoundCsvQuery = z.output<typeof RoundCsvQuery>;
