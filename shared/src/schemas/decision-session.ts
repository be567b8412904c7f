import * as z from 'zod';
import { MAX_PLAN_MEASURES, PLAN_SIZE_MESSAGE, PLAN_STATUSES } from '../action-plan';
import { ASPECTS } from '../aspects';
import { ATTENDANCE_CATEGORIES, MAX_ATTENDANCE } from '../attendance';
import { CARD_TONES } from './cards';
import { Id, text } from './common';

/**
 * Part 2 of the method: the decision-maker session of a round (when, where,
 * who came), its "more of this, less of that" board, the candidate measures
 * drawn from it, and the action plan of one to four measures.
 */
const day = z.iso.date({ message: 'Use a date like 2026-11-23.' });

/** Ids chosen in a form: each at most once, in the order given. */
const IdList = (max: number) =>
  z
    .array(Id)
    .max(max, { message: `At most ${max}.` })
    .transform((ids) => [...new Set(ids)]);

const Count = z
  .int({ message: 'Give a whole number.' })
  .min(0, { message: 'Cannot be negative.' })
  .max(MAX_ATTENDANCE, { message: `At most ${MAX_ATTENDANCE}.` });

export const Attendance = z
  .object(
    Object.fromEntries(ATTENDANCE_CATEGORIES.map((c) => [c, Count])) as Record<
      (typeof ATTENDANCE_CATEGORIES)[number],
      typeof Count
    >,
  )
  .strict()
  .meta({ id: 'Attendance' });

export const DecisionSessionInput = z
  .object({
    date: day,
    place: text(200).pipe(z.string().min(1, { message: 'Give the place.' })),
    attendance: Attendance,
  })
  .strict()
  .meta({ id: 'DecisionSessionInput' });

export const DecisionSession = z
  .object({
    roundId: z.string(),
    date: z.string().optional(),
    place: z.string().optional(),
    attendance: z.record(z.string(), z.int()),
    /** 0 while nothing has been saved: the first save sends If-Match "0". */
    version: z.int(),
    updatedAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'DecisionSession' });

// ---- "More of this, less of that" -------------------------------------------------------------

/** Small groups around tables; one phone or tablet each. */
export const MAX_BOARD_TABLES = 30;
export const MAX_IDEA_LENGTH = 1000;
export const MAX_IDEA_CARDS = 10;
export const BOARD_STATUSES = ['notOpened', 'open', 'closed'] as const;
export const MARKS = ['more', 'less'] as const;
export const IDEA_KINDS = ['increaseGood', 'reduceBad'] as const;

export const BoardOpen = z
  .object({
    tables: z
      .int({ message: 'Give a whole number.' })
      .min(1, { message: 'At least one table.' })
      .max(MAX_BOARD_TABLES, { message: `At most ${MAX_BOARD_TABLES} tables.` }),
  })
  .strict()
  .meta({ id: 'BoardOpen' });

/** "none" takes a table's mark off the card again. */
export const MarkInput = z
  .object({ mark: z.enum([...MARKS, 'none']) })
  .strict()
  .meta({ id: 'MarkInput' });

/** A client-chosen `id` makes a retry (a phone on a weak network) store the idea once. */
export const IdeaInput = z
  .object({
    id: Id.optional(),
    kind: z.enum(IDEA_KINDS),
    text: text(MAX_IDEA_LENGTH).pipe(z.string().min(1, { message: 'Write the idea.' })),
    cardIds: IdList(MAX_IDEA_CARDS).optional(),
  })
  .strict()
  .meta({ id: 'IdeaInput' });

export const Idea = z
  .object({
    id: z.string(),
    table: z.int(),
    kind: z.enum(IDEA_KINDS),
    text: z.string(),
    cardIds: z.array(z.string()),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Idea' });

export const BoardSummary = z
  .object({
    /** Cards at least one table marked, most marked first. */
    cards: z.array(z.object({ cardId: z.string(), more: z.int(), less: z.int() })),
    ideas: z.array(Idea),
  })
  .meta({ id: 'BoardSummary' });

export const Board = z
  .object({
    roundId: z.string(),
    status: z.enum(BOARD_STATUSES),
    /** Opens the tables' pages (`/b/<token>/<table>`); kept when the board is closed and re-opened. */
    token: z.string().optional(),
    tables: z.int(),
    version: z.int(),
    summary: BoardSummary,
  })
  .meta({ id: 'Board' });

export const BoardMarks = z.object({ marks: z.record(z.string(), z.enum(MARKS)) }).meta({ id: 'BoardMarks' });

/** What a table's phone shows: the round's deck and the table's own marks and ideas. */
export const BoardTable = z
  .object({
    roundName: z.record(z.string(), z.string()),
    table: z.int(),
    tables: z.int(),
    cards: z.array(
      z.object({
        id: z.string(),
        aspect: z.enum(ASPECTS),
        tone: z.enum(CARD_TONES),
        language: z.enum(['fi', 'sv']),
        text: z.string(),
        translations: z.record(z.string(), z.string()).optional(),
        populationGroupId: z.string(),
        districtId: z.string(),
      }),
    ),
    marks: z.record(z.string(), z.enum(MARKS)),
    ideas: z.array(Idea),
  })
  .meta({ id: 'BoardTable' });

// ---- Candidate measures ------------------------------------------------------------------------

const candidateFields = {
  title: text(200).pipe(z.string().min(1, { message: 'Give the measure a title.' })),
  description: text(4000),
  aspects: z
    .array(z.enum(ASPECTS))
    .min(1, { message: 'Choose at least one aspect.' })
    .max(ASPECTS.length, { message: `At most ${ASPECTS.length}.` })
    .refine((a) => new Set(a).size === a.length, { message: 'Choose each aspect at most once.' }),
  populationGroupIds: IdList(100),
  districtIds: IdList(100),
  /** The board's ideas and the cards the measure grew from, so it can be traced back. */
  ideaIds: IdList(50).optional(),
  cardIds: IdList(50).optional(),
};

export const CandidateInput = z.object(candidateFields).strict().meta({ id: 'CandidateInput' });

export const CandidatePatch = z
  .object(candidateFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Give at least one field to change.' })
  .meta({ id: 'CandidatePatch' });

export const Candidate = z
  .object({
    id: z.string(),
    roundId: z.string(),
    title: z.string(),
    description: z.string(),
    aspects: z.array(z.enum(ASPECTS)),
    populationGroupIds: z.array(z.string()),
    districtIds: z.array(z.string()),
    ideaIds: z.array(z.string()),
    cardIds: z.array(z.string()),
    version: z.int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Candidate' });

// ---- Action plan -------------------------------------------------------------------------------

export const ActionPlanInput = z
  .object({
    candidateIds: z
      .array(Id)
      .transform((ids) => [...new Set(ids)])
      .refine((ids) => ids.length <= MAX_PLAN_MEASURES, { message: PLAN_SIZE_MESSAGE }),
  })
  .strict()
  .meta({ id: 'ActionPlanInput' });

export const ActionPlan = z
  .object({
    roundId: z.string(),
    candidateIds: z.array(z.string()),
    status: z.enum(PLAN_STATUSES),
    confirmedAt: z.iso.datetime().optional(),
    /** 0 while never saved (an empty draft). */
    version: z.int(),
    updatedAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'ActionPlan' });

export type Attendance = z.output<typeof Attendance>;
export type DecisionSessionInput = z.output<typeof DecisionSessionInput>;
export type DecisionSession = z.output<typeof DecisionSession>;
export type BoardOpen = z.output<typeof BoardOpen>;
export type MarkInput = z.output<typeof MarkInput>;
export type Mark = (typeof MARKS)[number];
export type IdeaInput = z.output<typeof IdeaInput>;
export type Idea = z.output<typeof Idea>;
export type BoardStatus = (typeof BOARD_STATUSES)[number];
export type Board = z.output<typeof Board>;
export type BoardTable = z.output<typeof BoardTable>;
export type CandidateInput = z.output<typeof CandidateInput>;
export type CandidatePatch = z.output<typeof CandidatePatch>;
export type Candidate = z.output<typeof Candidate>;
export type ActionPlanInput = z.output<typeof ActionPlanInput>;
export type ActionPlan = z.output<typeof ActionPlan>;
