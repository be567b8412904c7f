import * as z from 'zod';
import { ATTENDANCE_CATEGORIES } from '../attendance';
import { LOCALES } from '../locales';
import { MAX_OWN_ACTION, QUESTION_KEYS, QUESTION_TYPES, type QuestionKey } from '../survey-instrument';
import { Id, text } from './common';

/**
 * The feedback survey of a round: its instrument (wording per round), opening
 * and closing, one anonymous answer per device, and results. See
 * survey-instrument.ts for the questions and survey-results.ts for counting.
 */
export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

const Scale = z.int({ message: 'Choose a value from 1 to 5.' }).min(1).max(5);

const answerShape = Object.fromEntries(
  QUESTION_KEYS.map((key) => {
    switch (QUESTION_TYPES[key]) {
      case 'single':
        return [key, z.enum(ATTENDANCE_CATEGORIES).optional()];
      case 'scale':
        return [key, Scale.optional()];
      case 'multi':
        return [
          key,
          z
            .array(Id)
            .max(20)
            .refine((ids) => new Set(ids).size === ids.length, { message: 'Each measure at most once.' })
            .optional(),
        ];
      case 'text':
        return [key, text(MAX_OWN_ACTION).optional()];
    }
  }),
) as Record<QuestionKey, z.ZodOptional<z.ZodType>>;

export const SurveyAnswers = z
  .object(answerShape)
  .strict()
  .transform((a) =>
    // "" from an emptied text field or an empty choice list means "not answered".
    Object.fromEntries(
      Object.entries(a).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)),
    ),
  )
  .refine((a) => Object.keys(a).length > 0, { message: 'Answer at least one question.' });

/**
 * One device's answer. `deviceId` is a random id the device keeps for this
 * survey (never stored as such: the answer is filed under a hash of it), so a
 * second answer from the same device replaces the first; `submissionId` is
 * the idempotency key, fresh per press of "send", so a retry of the same send
 * changes nothing (and the same key with a different answer is refused, 422).
 */
export const SurveyResponseInput = z
  .object({ deviceId: Id, submissionId: Id, answers: SurveyAnswers })
  .strict()
  .meta({ id: 'SurveyResponseInput' });

const Words = z
  .object(
    Object.fromEntries(
      LOCALES.map((l) => [
        l,
        text(400)
          .pipe(z.string().min(1, { message: 'Write the question.' }))
          .optional(),
      ]),
    ),
  )
  .strict();

/** New wording for some questions; keys, types and options never change. */
export const InstrumentWordingInput = z
  .object({
    questions: z
      .object(
        Object.fromEntries(
          QUESTION_KEYS.map((k) => [
            k,
            z.object({ text: Words.optional(), low: Words.optional(), high: Words.optional() }).strict().optional(),
          ]),
        ),
      )
      .strict(),
  })
  .strict()
  .meta({ id: 'InstrumentWordingInput' });

export const SurveyOpenInput = z
  .object({
    /** When the survey closes by itself; without it, it stays open until closed by hand. */
    closesAt: z.iso
      .datetime({ offset: true, message: 'Use a date and time like 2026-11-23T18:00:00+02:00.' })
      .optional(),
  })
  .strict()
  .meta({ id: 'SurveyOpenInput' });

const WordingOut = z.record(z.string(), z.string());
export const Instrument = z
  .object({
    id: z.string(),
    version: z.int(),
    questions: z.record(
      z.string(),
      z.object({ text: WordingOut, low: WordingOut.optional(), high: WordingOut.optional() }),
    ),
  })
  .meta({ id: 'Instrument' });

export const MeasureOption = z.object({ id: z.string(), title: z.string() });

export const Survey = z
  .object({
    roundId: z.string(),
    status: z.enum(SURVEY_STATUSES),
    /** The short code respondents type; set when first opened. */
    code: z.string().optional(),
    closesAt: z.string().optional(),
    instrument: Instrument,
    /** The candidate measures respondents choose from, as they were when the survey opened. */
    measureOptions: z.array(MeasureOption),
    /** Respondents so far (a live count; no answers). */
    responses: z.int(),
    version: z.int(),
  })
  .meta({ id: 'Survey' });

const Shown = z.number().nullable();
export const SurveyResults = z
  .object({
    status: z.enum(SURVEY_STATUSES),
    responses: z.int(),
    threshold: z.int(),
    /** Per question, only once the survey is closed; null while it is open (live counts only). */
    questions: z
      .array(
        z.object({
          key: z.string(),
          answered: Shown,
          options: z.array(z.object({ option: z.string(), count: Shown })).optional(),
          mean: Shown.optional(),
        }),
      )
      .nullable(),
    /** How many intend to take each candidate measure forward (null = hidden or still open). */
    measures: z.array(z.object({ candidateId: z.string(), title: z.string(), count: Shown })),
    /** What respondents will do themselves, in no particular order; null when hidden or still open. */
    ownActions: z.array(z.string()).nullable(),
  })
  .meta({ id: 'SurveyResults' });

export const SubmissionReceipt = z
  .object({
    stored: z.literal(true),
    /** This device had answered before; its earlier answer was replaced. */
    replaced: z.boolean(),
    /** The same submission had been stored already (a retry): nothing changed. */
    replay: z.boolean(),
  })
  .meta({ id: 'SubmissionReceipt' });

export type SurveyAnswersInput = z.output<typeof SurveyAnswers>;
export type SurveyResponseInput = z.output<typeof SurveyResponseInput>;
export type InstrumentWordingInput = z.output<typeof InstrumentWordingInput>;
export type SurveyOpenInput = z.output<typeof SurveyOpenInput>;
export type Survey = z.output<typeof Survey>;
export type SurveyResults = z.output<typeof SurveyResults>;
