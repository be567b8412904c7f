import type { AttendanceCategory } from './attendance';
import {
  DEFAULT_SUPPRESSION_THRESHOLD,
  type Shown,
  suppressDistribution,
  suppressEach,
  suppressedMean,
} from './suppression';
import {
  QUESTION_KEYS,
  QUESTION_TYPES,
  type QuestionKey,
  RESPONDENT_CATEGORIES,
  SCALE_POINTS,
  type ScaleKey,
} from './survey-instrument';

/**
 * From one anonymous answer to the counters the survey keeps, and from the
 * counters to results. The API keeps only counters for figures (maintained in
 * the same transaction as the answer), so results never read every answer.
 */

export type SurveyAnswers = Partial<
  { category: AttendanceCategory; measures: string[]; ownAction: string } & Record<ScaleKey, number>
>;

/** Counter names: `n` respondents, `a:<key>` answered the question, `c:<key>:<option>` chose the option. */
export const RESPONDENTS = 'n';
const answered = (key: QuestionKey) => `a:${key}`;
const chose = (key: QuestionKey, option: string | number) => `c:${key}:${option}`;

function countersOf(answers: SurveyAnswers): Record<string, number> {
  const out: Record<string, number> = { [RESPONDENTS]: 1 };
  for (const key of QUESTION_KEYS) {
    const value = answers[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    out[answered(key)] = 1;
    if (QUESTION_TYPES[key] === 'text') continue;
    for (const option of Array.isArray(value) ? value : [value]) out[chose(key, option)] = 1;
  }
  return out;
}

/**
 * What to add to the counters when a device's answer replaces its earlier one
 * (or is its first): the new answer's counters minus the old one's, without
 * zeros. A resubmission therefore never counts a respondent twice.
 */
export function counterDelta(previous: SurveyAnswers | undefined, next: SurveyAnswers): Record<string, number> {
  const delta = countersOf(next);
  if (previous) for (const [name, v] of Object.entries(countersOf(previous))) delta[name] = (delta[name] ?? 0) - v;
  return Object.fromEntries(Object.entries(delta).filter(([, v]) => v !== 0));
}

/** Counters kept in several shards, added up. */
export function sumCounters(shards: readonly Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const shard of shards) for (const [name, v] of Object.entries(shard)) total[name] = (total[name] ?? 0) + v;
  return total;
}

export interface OptionResult {
  option: string;
  count: Shown;
}

export interface QuestionResult {
  key: QuestionKey;
  /** How many answered this question (hidden when fewer than the threshold). */
  answered: Shown;
  /** Single-choice, scale and multi-choice questions. */
  options?: OptionResult[];
  /** Scale questions: the mean on 1–5, hidden with any of its counts. */
  mean?: number | null;
}

export interface MeasureOption {
  id: string;
  title: string;
}

/**
 * Results per question with small figures hidden (see suppression.ts). Single
 * choices and scales publish the number who answered, so their counts get
 * complementary suppression; the measures question is multi-choice, each count
 * standing alone.
 */
export function surveyResults(
  counters: Record<string, number>,
  measureOptions: readonly MeasureOption[],
  threshold = DEFAULT_SUPPRESSION_THRESHOLD,
): QuestionResult[] {
  const count = (name: string) => counters[name] ?? 0;
  return QUESTION_KEYS.map((key): QuestionResult => {
    const n = count(answered(key));
    const hiddenN = n < threshold ? null : n;
    switch (QUESTION_TYPES[key]) {
      case 'text':
        return { key, answered: hiddenN };
      case 'multi': {
        const counts = measureOptions.map((m) => count(chose(key, m.id)));
        const shown = hiddenN === null ? counts.map(() => null) : suppressEach(counts, threshold);
        return { key, answered: hiddenN, options: measureOptions.map((m, i) => ({ option: m.id, count: shown[i]! })) };
      }
      case 'single': {
        const counts = RESPONDENT_CATEGORIES.map((c) => count(chose(key, c)));
        const shown = suppressDistribution(counts, threshold);
        return {
          key,
          answered: shown.total,
          options: RESPONDENT_CATEGORIES.map((c, i) => ({ option: c, count: shown.counts[i]! })),
        };
      }
      case 'scale': {
        const counts = SCALE_POINTS.map((p) => count(chose(key, p)));
        const shown = suppressDistribution(counts, threshold);
        return {
          key,
          answered: shown.total,
          options: SCALE_POINTS.map((p, i) => ({ option: String(p), count: shown.counts[i]! })),
          mean: suppressedMean(counts, shown.counts),
        };
      }
    }
  });
}
