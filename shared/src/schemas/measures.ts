import * as z from 'zod';
import { ASPECTS } from '../aspects';
import { isIsoDate, validateRule } from '../schedule';
import { Id, text } from './common';

/**
 * Part 4 of the method: the measures of a confirmed action plan, each with one
 * accountable owner and any number of contributors, and the progress reports
 * that make up its timeline. A measure is born when its round's plan is
 * confirmed (one per chosen candidate, same id); its content is the
 * candidate's as it was then.
 */
const day = z.iso.date({ message: 'Use a date like 2026-11-23.' });

export const MEASURE_STATUSES = ['notStarted', 'onTrack', 'atRisk', 'done', 'discontinued'] as const;
export const MAX_CONTRIBUTORS = 20;
export const MAX_NARRATIVE_LENGTH = 2000;
export const MAX_EVIDENCE_LINKS = 10;

/** Who helps: a colleague with an account, a partner organisation, or a district's liaison officer. */
export const Contributor = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('user'), userId: Id }).strict(),
    z.object({ kind: z.literal('organisation'), organisationId: Id }).strict(),
    z.object({ kind: z.literal('districtLiaison'), districtId: Id }).strict(),
  ])
  .meta({ id: 'Contributor' });

const contributorKey = (c: Contributor) =>
  c.kind === 'user' ? `u:${c.userId}` : c.kind === 'organisation' ? `o:${c.organisationId}` : `d:${c.districtId}`;

export const ResponsibilityInput = z
  .object({
    ownerId: Id,
    contributors: z
      .array(Contributor)
      .max(MAX_CONTRIBUTORS, { message: `At most ${MAX_CONTRIBUTORS} contributors.` })
      .refine((list) => new Set(list.map(contributorKey)).size === list.length, {
        message: 'Name each contributor at most once.',
      }),
  })
  .strict()
  .meta({ id: 'ResponsibilityInput' });

const evidenceLink = z
  .url({ protocol: /^https$/, message: 'Give an https:// address.' })
  .max(2000, { message: 'At most 2000 characters.' });

export const ReportInput = z
  .object({
    status: z.enum(MEASURE_STATUSES),
    progress: z
      .int({ message: 'Give a whole number.' })
      .min(0, { message: 'At least 0.' })
      .max(100, { message: 'At most 100.' }),
    narrative: text(MAX_NARRATIVE_LENGTH),
    evidenceLinks: z.array(evidenceLink).max(MAX_EVIDENCE_LINKS, { message: `At most ${MAX_EVIDENCE_LINKS} links.` }),
    /** The checkpoint the report answers, when it answers one. */
    checkpointDate: day.optional(),
  })
  .strict()
  .meta({ id: 'ReportInput' });

/** A calendar date that exists (2026-02-30 does not). */
const calendarDay = day.refine(isIsoDate, { message: 'Use a date that exists, like 2026-11-23.' });
export const MAX_SCHEDULE_ENTRIES = 20;
/** Entry ids are chosen by the client (stable across edits) or by the server; `quarterly` is the template's. */
const EntryId = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,64}$/, { message: 'Use 1–64 letters, digits or hyphens.' })
  .meta({ description: 'Stable id of the entry; generated when absent' });
const entryBase = {
  id: EntryId.optional(),
  assess: text(500).refine((x) => x.length > 0, { message: 'Say what to assess.' }),
  /** Who reports at this entry's checkpoints: the owner or a contributor user; the owner when absent. */
  reporterId: Id.optional(),
};

export const ScheduleEntryInput = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('single'), date: calendarDay, ...entryBase }).strict(),
    z
      .object({
        kind: z.literal('recurring'),
        start: calendarDay,
        rule: z.string().max(200, { message: 'At most 200 characters.' }),
        until: calendarDay.optional(),
        count: z.int().min(1).max(500).optional(),
        ...entryBase,
      })
      .strict()
      .superRefine((entry, ctx) => {
        if (entry.until !== undefined && isIsoDate(entry.until) && entry.until < entry.start) {
          ctx.addIssue({ code: 'custom', path: ['until'], message: 'The end is before the start.' });
        }
        if (!isIsoDate(entry.start) || (entry.until !== undefined && !isIsoDate(entry.until))) return;
        const check = validateRule(entry.rule, entry);
        if (!check.ok) ctx.addIssue({ code: 'custom', path: ['rule'], message: check.message });
      }),
  ])
  .meta({ id: 'ScheduleEntryInput' });

export const ScheduleInput = z
  .object({
    entries: z
      .array(ScheduleEntryInput)
      .max(MAX_SCHEDULE_ENTRIES, { message: `At most ${MAX_SCHEDULE_ENTRIES} entries.` })
      .refine((list) => new Set(list.flatMap((e) => (e.id ? [e.id] : []))).size === list.filter((e) => e.id).length, {
        message: 'Give each entry a different id.',
      }),
  })
  .strict()
  .meta({ id: 'ScheduleInput' });

export const ScheduleTemplateInput = z
  .object({
    start: calendarDay,
    until: calendarDay,
    assess: text(500).refine((x) => x.length > 0, { message: 'Say what to assess.' }),
  })
  .strict()
  .refine((t) => t.until >= t.start, { path: ['until'], message: 'The end is before the start.' })
  .meta({ id: 'ScheduleTemplateInput' });

const ScheduleEntry = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('single'),
      id: z.string(),
      date: z.string(),
      assess: z.string(),
      reporterId: z.string().optional(),
    }),
    z.object({
      kind: z.literal('recurring'),
      id: z.string(),
      start: z.string(),
      rule: z.string(),
      until: z.string().optional(),
      count: z.int().optional(),
      assess: z.string(),
      reporterId: z.string().optional(),
    }),
  ])
  .meta({ id: 'ScheduleEntry' });

export const Checkpoint = z
  .object({ entryId: z.string(), date: z.string(), assess: z.string(), reporterId: z.string().optional() })
  .meta({ id: 'Checkpoint' });

export const MeasureQuery = z
  .object({ districtId: Id.optional(), aspect: z.enum(ASPECTS).optional(), ownerId: Id.optional() })
  .strict();

export const Measure = z
  .object({
    id: z.string(),
    roundId: z.string(),
    title: z.string(),
    description: z.string(),
    aspects: z.array(z.enum(ASPECTS)),
    populationGroupIds: z.array(z.string()),
    districtIds: z.array(z.string()),
    ownerId: z.string().optional(),
    contributors: z.array(Contributor),
    lastStatus: z.enum(MEASURE_STATUSES).optional(),
    progress: z.int().optional(),
    lastReportAt: z.iso.datetime().optional(),
    schedule: z.array(ScheduleEntry).optional(),
    /** Computed on read: the first checkpoint from today (Helsinki) on. */
    nextCheckpoint: Checkpoint.optional(),
    /** Computed on read: the first checkpoint after the last report that is already past. */
    overdueCheckpoint: Checkpoint.optional(),
    version: z.int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Measure' });

export const Report = z
  .object({
    id: z.string(),
    measureId: z.string(),
    roundId: z.string(),
    authorId: z.string(),
    status: z.enum(MEASURE_STATUSES),
    progress: z.int(),
    narrative: z.string(),
    evidenceLinks: z.array(z.string()),
    checkpointDate: z.string().optional(),
    /** The measure's version this report made. */
    version: z.int(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Report' });

export const MeasureWithTimeline = z
  .object({ measure: Measure, reports: z.array(Report) })
  .meta({ id: 'MeasureWithTimeline' });

export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export type Contributor = z.output<typeof Contributor>;
export type ResponsibilityInput = z.output<typeof ResponsibilityInput>;
export type ReportInput = z.output<typeof ReportInput>;
export type ScheduleEntryInput = z.output<typeof ScheduleEntryInput>;
export type ScheduleInput = z.output<typeof ScheduleInput>;
export type ScheduleTemplateInput = z.output<typeof ScheduleTemplateInput>;
export type MeasureQuery = z.output<typeof MeasureQuery>;
export type Measure = z.output<typeof Measure>;
export type Report = z.output<typeof Report>;
export type MeasureWithTimeline = z.output<typeof MeasureWithTimeline>;
