import {
  QUESTION_KEYS,
  QUESTION_TYPES,
  type Instrument,
  type QuestionKey,
  type QuestionWording,
  type Wording,
} from '@sillat/shared/survey-instrument';
import type { QuestionResult } from '@sillat/shared/survey-results';
import { LOCALES, type Locale } from './i18n';

/**
 * The feedback survey as the staff page sees it (GET /api/rounds/{id}/survey
 * and …/survey/results). Types and pure helpers only: the schema modules would
 * ship zod, so the shapes are restated here from shared/src/schemas/survey.ts.
 */
export { QUESTION_KEYS, QUESTION_TYPES, type Instrument, type QuestionKey };

export type SurveyStatus = 'draft' | 'open' | 'closed';

export interface SurveyDetail {
  roundId: string;
  status: SurveyStatus;
  /** The short code respondents type; set when first opened. */
  code?: string;
  closesAt?: string;
  instrument: Instrument;
  /** The candidate measures respondents choose from, as they were when the survey opened. */
  measureOptions: { id: string; title: string }[];
  /** Respondents so far: a count, never answers. */
  responses: number;
  version: number;
}

export interface SurveyResultsDetail {
  status: SurveyStatus;
  responses: number;
  /** Figures about fewer than this many respondents are hidden (null). */
  threshold: number;
  /** Per question once closed; null while open. */
  questions: QuestionResult[] | null;
  measures: { candidateId: string; title: string; count: number | null }[];
  /** Null when hidden (too few answered) or still open. */
  ownActions: string[] | null;
}

/** The parts of a question's wording: its text, and for 1–5 scales the words at each end. */
export const WORDING_PARTS = ['text', 'low', 'high'] as const;
export type WordingPart = (typeof WORDING_PARTS)[number];

export function partsOf(key: QuestionKey): readonly WordingPart[] {
  return QUESTION_TYPES[key] === 'scale' ? WORDING_PARTS : ['text'];
}

/**
 * The wording as the editor's inputs hold it: every part of every question in
 * every language (the ends of a question that is no scale stay empty, unused).
 */
export type WordingFields = Record<QuestionKey, Record<WordingPart, Record<Locale, string>>>;

export function wordingFields(instrument: Instrument): WordingFields {
  const words = (w: Partial<Wording> | undefined) =>
    Object.fromEntries(LOCALES.map((l) => [l, w?.[l] ?? ''])) as Record<Locale, string>;
  return Object.fromEntries(
    QUESTION_KEYS.map((key) => {
      const q: QuestionWording | undefined = instrument.questions[key];
      return [key, Object.fromEntries(WORDING_PARTS.map((part) => [part, words(q?.[part])]))];
    }),
  ) as WordingFields;
}

/** The API's field path of one input ("questions.usefulness.text.sv"), which its errors name. */
export const wordingPath = (key: QuestionKey, part: WordingPart, locale: Locale) =>
  `questions.${key}.${part}.${locale}`;

/** Inputs left empty (the API refuses an empty wording), by field path. */
export function emptyWording(fields: WordingFields): string[] {
  return QUESTION_KEYS.flatMap((key) =>
    partsOf(key).flatMap((part) =>
      LOCALES.filter((l) => !fields[key][part][l].trim()).map((l) => wordingPath(key, part, l)),
    ),
  );
}

/** Only the words that changed, trimmed, as PUT …/survey/instrument takes them; {} when nothing did. */
export function wordingChanges(
  instrument: Instrument,
  fields: WordingFields,
): Partial<Record<QuestionKey, Partial<Record<WordingPart, Partial<Wording>>>>> {
  const changes: Partial<Record<QuestionKey, Partial<Record<WordingPart, Partial<Wording>>>>> = {};
  for (const key of QUESTION_KEYS) {
    for (const part of partsOf(key)) {
      for (const locale of LOCALES) {
        const next = fields[key][part][locale].trim();
        if (next === (instrument.questions[key]?.[part]?.[locale] ?? '')) continue;
        const question = (changes[key] ??= {});
        (question[part] ??= {})[locale] = next;
      }
    }
  }
  return changes;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A `datetime-local` value ("2026-11-23T18:00") as an ISO date-time with the
 * browser's offset at that moment ("2026-11-23T18:00:00+02:00"), as the API
 * takes a closing time; undefined for anything else. Built from the Date's own
 * fields, so a time that does not exist locally (a DST gap) comes out as the
 * moment the browser takes it to be.
 */
export function localDateTimeToIso(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi);
  if (Number.isNaN(at.getTime())) return undefined;
  const offset = -at.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}` +
    `T${pad(at.getHours())}:${pad(at.getMinutes())}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** Now as a `datetime-local` value, the earliest closing time the picker offers. */
export function localDateTimeNow(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** The share of `count` in `total` as a whole percentage, for a bar's width. */
export function share(count: number | null, total: number | null): number {
  if (count === null || !total) return 0;
  return Math.round((count / total) * 100);
}
