import * as z from 'zod';
import { LOCALES } from '../locales';
import { MAX_NOTES_RETENTION_DAYS, MIN_NOTES_RETENTION_DAYS } from '../retention';
import { LocalizedName, text } from './common';

/**
 * The smallest group any figure may describe. The method says 5; a municipality
 * may raise it, and may lower it to 3 at the very least (issue: dashboards).
 */
/** Municipality ids are short slugs ("helsinki"); they start every key in the table. */
export const MUNICIPALITY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,39}$/;

export const MIN_PRIVACY_THRESHOLD = 3;
export const DEFAULT_PRIVACY_THRESHOLD = 5;

const settingsFields = {
  name: LocalizedName,
  /** The language new users and printed materials start in. */
  defaultLocale: z.enum(LOCALES),
  privacyThreshold: z
    .int({ message: 'Give a whole number.' })
    .min(MIN_PRIVACY_THRESHOLD, { message: `Must be at least ${MIN_PRIVACY_THRESHOLD}.` })
    .max(50, { message: 'Must be at most 50.' }),
  notesRetentionDays: z
    .int({ message: 'Give a whole number.' })
    .min(MIN_NOTES_RETENTION_DAYS, { message: `Must be at least ${MIN_NOTES_RETENTION_DAYS}.` })
    .max(MAX_NOTES_RETENTION_DAYS, { message: `Must be at most ${MAX_NOTES_RETENTION_DAYS}.` }),
  /**
   * Names the personal-data check flags in notes (e.g. local people often
   * mentioned by name). Kept short and per municipality; never shown outside it.
   */
  personalNames: z
    .array(text(100).pipe(z.string().min(2, { message: 'At least two letters.' })))
    .max(1000, { message: 'At most 1000 names.' })
    .transform((names) => [...new Set(names)]),
};

export const MunicipalityPatch = z
  .object(settingsFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Give at least one field to change.' })
  .meta({ id: 'MunicipalityPatch' });

export const Municipality = z
  .object({
    id: z.string(),
    name: z.record(z.string(), z.string()),
    defaultLocale: z.enum(LOCALES),
    privacyThreshold: z.int(),
    notesRetentionDays: z.int().optional(),
    personalNames: z.array(z.string()).optional(),
    version: z.int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Municipality' });

export type MunicipalityPatch = z.output<typeof MunicipalityPatch>;
export type Municipality = z.output<typeof Municipality>;
