import * as z from 'zod';
import { LOCALES } from '../locales';

/** Limits shared by the API and the forms, so the browser refuses what the server would. */
export const LIMITS = {
  name: 200,
  personName: 120,
  email: 254,
  phone: 40,
  languages: 20,
  note: 2000,
} as const;

/** Free text: trimmed, no control characters other than newline/tab, bounded. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `At most ${max} characters.` })
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), {
      message: 'Control characters are not allowed.',
    });

/** Server-assigned identifiers are UUIDs; anything else can never match an item. */
export const Id = z.uuid({ message: 'Not a valid id.' }).meta({ description: 'Identifier (UUID)' });

/**
 * A name in Finnish, Swedish and/or English. At least one is required; the rest
 * are shown as "translation missing" until someone fills them in.
 */
export const LocalizedName = z
  .object({
    fi: text(LIMITS.name).optional(),
    sv: text(LIMITS.name).optional(),
    en: text(LIMITS.name).optional(),
  })
  .strict()
  .transform((v) => {
    // Empty strings mean "not given": store only real translations.
    const out: Partial<Record<(typeof LOCALES)[number], string>> = {};
    for (const l of LOCALES) if (v[l]) out[l] = v[l];
    return out;
  })
  .refine((v) => Object.keys(v).length > 0, {
    message: 'Give the name in at least one language (fi, sv or en).',
  })
  .meta({ id: 'LocalizedName' });

export const Email = z
  .email({ message: 'Not a valid e-mail address.' })
  .max(LIMITS.email)
  .transform((s) => s.toLowerCase());

/** Loose on purpose: officials write numbers as "09 310 1234" or "+358 40 123 4567". */
export const Phone = z
  .string()
  .trim()
  .max(LIMITS.phone)
  .regex(/^\+?[0-9 ()-]{5,}$/, { message: 'Use digits, spaces, brackets, dashes and an optional leading +.' });

/**
 * Optional contact fields: "" from a cleared form field means "none". A
 * preprocess (not a union) keeps the field's own message, e.g. "Not a valid e-mail address."
 */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const Contact = z
  .object({
    name: optional(text(LIMITS.personName).pipe(z.string().min(1))),
    email: optional(Email),
    phone: optional(Phone),
  })
  .strict()
  .meta({ id: 'Contact' });

/** Fields every stored registry item carries; never accepted from a client. */
export const StoredFields = {
  id: Id,
  archived: z.boolean(),
  version: z.int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

export const ListQuery = z
  .object({
    includeArchived: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => v === 'true'),
  })
  .strict();
