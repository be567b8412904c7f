import * as z from 'zod';
import { ASPECTS, type Aspect } from '../aspects';
import { SESSION_STATUSES } from '../session-status';
import { Id, text } from './common';
import { LanguageCode } from './registries';

/**
 * A discussion session in a round: one population group, in its own language,
 * held by a contracted organisation in a district. Participants are a count,
 * never names (domain.md: anonymity).
 */
const day = z.iso.date({ message: 'Use a date like 2026-11-23.' });
const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

export const MAX_PARTICIPANTS = 1000;

const sessionFields = {
  populationGroupId: Id,
  districtId: Id,
  organisationId: Id,
  /** The language the group spoke (ISO 639). */
  language: LanguageCode,
  date: day,
  place: text(200).pipe(z.string().min(1, { message: 'Give the place.' })),
  /** Organisation staff users of the session's organisation. */
  facilitatorId: z.preprocess(emptyToUndefined, Id.optional()),
  clerkId: z.preprocess(emptyToUndefined, Id.optional()),
  participantCount: z
    .int({ message: 'Give a whole number.' })
    .min(0, { message: 'Cannot be negative.' })
    .max(MAX_PARTICIPANTS, { message: `At most ${MAX_PARTICIPANTS}.` })
    .optional(),
  notesDeadline: day,
};

export const SessionInput = z.object(sessionFields).strict().meta({ id: 'SessionInput' });

/** `null` clears an optional field (e.g. a clerk who can no longer come). */
export const SessionPatch = z
  .object({
    ...sessionFields,
    facilitatorId: z.preprocess(emptyToUndefined, Id.nullable().optional()),
    clerkId: z.preprocess(emptyToUndefined, Id.nullable().optional()),
    participantCount: sessionFields.participantCount.nullable(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Give at least one field to change.' })
  .meta({ id: 'SessionPatch' });

export const SessionStatusChange = z
  .object({ status: z.enum(SESSION_STATUSES) })
  .strict()
  .meta({ id: 'SessionStatusChange' });

export const Session = z
  .object({
    id: z.string(),
    roundId: z.string(),
    populationGroupId: z.string(),
    districtId: z.string(),
    organisationId: z.string(),
    language: z.string(),
    date: z.string(),
    place: z.string(),
    facilitatorId: z.string().optional(),
    clerkId: z.string().optional(),
    participantCount: z.int().optional(),
    notesDeadline: z.string(),
    /** Set when the retention job deleted the notes (the round had been closed for the municipality's period). */
    notesExpiredAt: z.iso.datetime().optional(),
    status: z.enum(SESSION_STATUSES),
    ratings: z.record(z.string(), z.array(z.int())).optional(),
    version: z.int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Session' });

export type SessionInput = z.output<typeof SessionInput>;
export type SessionPatch = z.output<typeof SessionPatch>;
export type Session = z.output<typeof Session>;

/**
 * How the participants rated each aspect on a 1–5 scale, as counts per point
 * (index 0 = "1" … index 4 = "5"). Only counts are kept, never who answered
 * what. An aspect may be left out (not discussed).
 */
export const RATING_POINTS = 5;
const PointCounts = z
  .array(z.int({ message: 'Give whole numbers.' }).min(0, { message: 'Cannot be negative.' }).max(MAX_PARTICIPANTS))
  .length(RATING_POINTS, { message: `Give one count for each point 1–${RATING_POINTS}.` });

export const AspectRatings = z
  .object(
    Object.fromEntries(ASPECTS.map((a) => [a, PointCounts.optional()])) as Record<
      Aspect,
      z.ZodOptional<typeof PointCounts>
    >,
  )
  .strict()
  .meta({ id: 'AspectRatings' });

export const RatingsInput = z.object({ ratings: AspectRatings }).strict().meta({ id: 'RatingsInput' });
export type AspectRatings = z.output<typeof AspectRatings>;
