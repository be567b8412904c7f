import * as z from 'zod';
import { ASPECTS } from '../aspects';
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
export type MeasureQuery = z.output<typeof MeasureQuery>;
export type Measure = z.output<typeof Measure>;
export type Report = z.output<typeof Report>;
export type MeasureWithTimeline = z.output<typeof MeasureWithTimeline>;
