import { ASPECT_LABELS } from '@sillat/shared/aspects';
import { RESPONDENT_LABELS, RESPONDENT_CATEGORIES, aspectOfQuestion } from '@sillat/shared/survey-instrument';
import { m } from '#lib/paraglide/messages.js';
import { ApiError } from '#lib/api';
import { errorMessage } from '#lib/errors';
import { currentLocale } from '#lib/i18n';
import type { Instrument, QuestionKey, SurveyStatus, WordingPart } from '#lib/survey';

/** The words of the staff survey page that depend on the survey's data, in the reader's language. */

/** A short name for each question, the same in every round (the wording itself may change). */
export function questionName(key: QuestionKey): string {
  const aspect = aspectOfQuestion(key);
  if (aspect) return m.survey_q_understanding_aspect({ aspect: ASPECT_LABELS[aspect][currentLocale()] });
  switch (key) {
    case 'category':
      return m.survey_q_category();
    case 'understandingOverall':
      return m.survey_q_understanding_overall();
    case 'measures':
      return m.survey_q_measures();
    case 'ownAction':
      return m.survey_q_own_action();
    default:
      return m.survey_q_usefulness();
  }
}

export const PART_LABELS: Record<WordingPart, () => string> = {
  text: m.survey_wording_text,
  low: m.survey_wording_low,
  high: m.survey_wording_high,
};

export const STATUS_LABELS: Record<SurveyStatus, () => string> = {
  draft: m.survey_status_draft,
  open: m.survey_status_open,
  closed: m.survey_status_closed,
};

/** A question's wording in the reader's language (the instrument has all three). */
export function wordingOf(instrument: Instrument, key: QuestionKey, part: WordingPart = 'text'): string {
  return instrument.questions[key]?.[part]?.[currentLocale()] ?? '';
}

/** What a result row's option means: a respondent category, a point of the scale (ends named), or a measure. */
export function optionLabel(
  instrument: Instrument,
  key: QuestionKey,
  option: string,
  measures: { candidateId: string; title: string }[],
): string {
  if (key === 'category') {
    const category = RESPONDENT_CATEGORIES.find((c) => c === option);
    return category ? RESPONDENT_LABELS[category][currentLocale()] : option;
  }
  if (key === 'measures') return measures.find((x) => x.candidateId === option)?.title ?? option;
  if (option === '1') return `1 – ${wordingOf(instrument, key, 'low')}`;
  if (option === '5') return `5 – ${wordingOf(instrument, key, 'high')}`;
  return option;
}

/** "23.11.2026 klo 18.00" — a closing time in the reader's language and time zone. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A mean on 1–5 with one decimal, in the reader's number format. */
export function formatMean(mean: number): string {
  return new Intl.NumberFormat(currentLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(mean);
}

/** The sentence for a failed survey request, with the survey's own refusals. */
export function surveyErrorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    switch (err.code) {
      case 'survey_not_draft':
        return m.survey_not_draft();
      case 'survey_not_open':
        return m.survey_not_open_error();
      case 'survey_closed':
        // Opening refuses a closing time already past with this code.
        return m.survey_closes_at_past();
      case 'version_conflict':
        return m.survey_conflict();
    }
  }
  return errorMessage(err);
}
