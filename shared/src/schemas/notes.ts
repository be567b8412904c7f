import * as z from 'zod';
import { ASPECTS, type Aspect } from '../aspects';
import { PERSONAL_DATA_KINDS } from '../personal-data-check';
import { text } from './common';

/**
 * The anonymised notes of one discussion session, written by the clerk in
 * Finnish or Swedish and structured by the four aspects plus "other". Drafts
 * are saved as the clerk types; delivery needs every personal-data flag
 * redacted or explicitly confirmed; the coordinator approves or returns them.
 */
export const NOTE_SECTIONS = [...ASPECTS, 'other'] as const;
export type NoteSection = Aspect | 'other';

export const NOTE_STATUSES = ['draft', 'delivered', 'approved', 'returned'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];

/** Per section; five sections stay well under the API's 256 KB body limit. */
export const MAX_SECTION_LENGTH = 20_000;

const Section = text(MAX_SECTION_LENGTH).optional();

export const NotesDraft = z
  .object({
    language: z.enum(['fi', 'sv']),
    sections: z
      .object(Object.fromEntries(NOTE_SECTIONS.map((s) => [s, Section])) as Record<NoteSection, typeof Section>)
      .strict(),
  })
  .strict()
  .meta({ id: 'NotesDraft' });

/**
 * A flag the clerk has looked at and confirmed is not identifying (e.g. a
 * street the group talks about as a place). Matched by section, kind and
 * text, not by position, so edits elsewhere do not undo the confirmation.
 */
export const ConfirmedFlag = z
  .object({
    section: z.enum(NOTE_SECTIONS),
    kind: z.enum(PERSONAL_DATA_KINDS),
    text: z.string().min(1).max(300),
  })
  .strict();

export const NotesDelivery = z
  .object({ confirmations: z.array(ConfirmedFlag).max(500) })
  .strict()
  .meta({ id: 'NotesDelivery' });

export const NotesReturn = z
  .object({ comment: text(2000).pipe(z.string().min(1, { message: 'Say what should change.' })) })
  .strict()
  .meta({ id: 'NotesReturn' });

export const Notes = z
  .object({
    sessionId: z.string(),
    roundId: z.string(),
    language: z.enum(['fi', 'sv']),
    sections: z.record(z.string(), z.string()),
    status: z.enum(NOTE_STATUSES),
    confirmations: z.array(ConfirmedFlag).optional(),
    returnComment: z.string().optional(),
    version: z.int(),
    updatedAt: z.string().optional(),
  })
  .meta({ id: 'Notes' });

export type NotesDraft = z.output<typeof NotesDraft>;
export type ConfirmedFlag = z.output<typeof ConfirmedFlag>;
export type Notes = z.output<typeof Notes>;
