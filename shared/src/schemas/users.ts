import * as z from 'zod';
import { ROLES } from '../auth';
import { LOCALES } from '../locales';
import { NotificationSettings } from './account';
import { Email, Id, LIMITS, text } from './common';

/**
 * Staff users. The profile in the table is the source of truth for role,
 * organisation and status; the identity provider (Cognito in AWS, the local
 * issuer under `npm start`) only holds the credentials and the municipality.
 */
export const USER_STATUSES = ['active', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

const PersonName = text(LIMITS.personName).pipe(z.string().min(1, { message: 'Give a name.' }));

/** Organisation staff belong to one organisation; nobody else names one. */
function organisationMatchesRole(v: { role?: string; organisationId?: string | null }, ctx: z.RefinementCtx): void {
  if (v.role === undefined) return;
  const needsOrganisation = v.role === 'organisationStaff';
  if (needsOrganisation && !v.organisationId) {
    ctx.addIssue({
      code: 'custom',
      path: ['organisationId'],
      message: 'Organisation staff must belong to an organisation.',
    });
  }
  if (!needsOrganisation && v.organisationId) {
    ctx.addIssue({
      code: 'custom',
      path: ['organisationId'],
      message: 'Only organisation staff belong to an organisation.',
    });
  }
}

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

export const UserInput = z
  .object({
    email: Email,
    name: PersonName,
    role: z.enum(ROLES),
    organisationId: z.preprocess(emptyToUndefined, Id.optional()),
    /** The language of the user's mails and of the app when they first sign in. */
    locale: z.enum(LOCALES),
  })
  .strict()
  .superRefine(organisationMatchesRole)
  .meta({ id: 'UserInput' });

/**
 * A change to a user. The e-mail is the sign-in name and never changes (a new
 * address is a new user). `organisationId: null` removes the organisation, as
 * needed when staff become, say, a measure owner.
 */
export const UserPatch = z
  .object({
    name: PersonName.optional(),
    role: z.enum(ROLES).optional(),
    organisationId: z.preprocess(emptyToUndefined, Id.nullable().optional()),
    locale: z.enum(LOCALES).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Give at least one field to change.' })
  .meta({ id: 'UserPatch' });

export const User = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    organisationId: z.string().optional(),
    locale: z.enum(LOCALES),
    status: z.enum(USER_STATUSES),
    version: z.int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });

/**
 * The answer to creating a user. Locally there is no mail, so the temporary
 * password is shown once to the person who created the user; in AWS Cognito
 * mails it and this field is absent.
 */
export const CreatedUser = User.extend({ temporaryPassword: z.string().optional() }).meta({ id: 'CreatedUser' });

/**
 * The signed-in user and their municipality, for the web app's header and
 * menus, with their own settings for "My account". Whether a calendar feed
 * exists is all that is said of it: its secret is shown only when made.
 */
export const Me = z
  .object({
    user: User,
    municipality: z.object({ id: z.string(), name: z.record(z.string(), z.string()) }),
    notifications: NotificationSettings,
    calendarFeed: z.boolean(),
  })
  .meta({ id: 'Me' });

export const UserListQuery = z
  .object({
    status: z.enum(USER_STATUSES).optional(),
  })
  .strict();

export type UserInput = z.output<typeof UserInput>;
export type UserPatch = z.output<typeof UserPatch>;
export type User = z.output<typeof User>;
export type CreatedUser = z.output<typeof CreatedUser>;
export type Me = z.output<typeof Me>;

export { organisationMatchesRole };
