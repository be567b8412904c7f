import { ASPECT_LABELS, ASPECTS, type Aspect } from './aspects';
import { ATTENDANCE_CATEGORIES, type AttendanceCategory } from './attendance';
import { LOCALES, type Locale } from './locales';

/**
 * The feedback survey answered at the end of the decision-maker session
 * (domain.md, part 2, "Feedback survey"). The questions, their keys and their
 * answer options are fixed here so that every round asks the same things and
 * results compare; a coordinator may change only the wording for a round,
 * which makes a new version of that round's instrument.
 */
export const INSTRUMENT_ID = 'sillat-feedback-1';

export const SCALE_POINTS = [1, 2, 3, 4, 5] as const;

const understandingKey = (aspect: Aspect) =>
  `understanding${aspect[0]!.toUpperCase()}${aspect.slice(1)}` as `understanding${Capitalize<Aspect>}`;

export const QUESTION_KEYS = [
  'category',
  'understandingOverall',
  ...ASPECTS.map(understandingKey),
  'measures',
  'ownAction',
  'usefulness',
] as const;
export type QuestionKey = (typeof QUESTION_KEYS)[number];

export type QuestionType = 'single' | 'scale' | 'multi' | 'text';

/** The 1–5 questions. */
export type ScaleKey = 'understandingOverall' | `understanding${Capitalize<Aspect>}` | 'usefulness';

export const QUESTION_TYPES: Record<QuestionKey, QuestionType> = {
  category: 'single',
  understandingOverall: 'scale',
  understandingAttitudes: 'scale',
  understandingSafety: 'scale',
  understandingInteraction: 'scale',
  understandingParticipation: 'scale',
  measures: 'multi',
  ownAction: 'text',
  usefulness: 'scale',
};

/** Longest free-text answer: a sentence or two keeps one answer one small request. */
export const MAX_OWN_ACTION = 500;

export type Wording = Record<Locale, string>;

/** The words of one question; scales also name their two ends. */
export interface QuestionWording {
  text: Wording;
  low?: Wording;
  high?: Wording;
}

export interface Instrument {
  id: typeof INSTRUMENT_ID;
  /** 1 for the default; +1 for every change of wording in a round. */
  version: number;
  questions: Record<QuestionKey, QuestionWording>;
}

/** Respondents describe themselves: the attendance categories, in the singular. */
export const RESPONDENT_LABELS: Record<AttendanceCategory, Wording> = {
  electedOfficials: { fi: 'Luottamushenkilö', sv: 'Förtroendevald', en: 'Elected official' },
  officials: {
    fi: 'Kunnan viranhaltija tai työntekijä',
    sv: 'Kommunal tjänsteinnehavare eller anställd',
    en: 'Municipal official or employee',
  },
  wellbeingServicesCounty: { fi: 'Hyvinvointialue', sv: 'Välfärdsområdet', en: 'Wellbeing services county' },
  police: { fi: 'Poliisi', sv: 'Polisen', en: 'Police' },
  organisations: { fi: 'Järjestö', sv: 'Organisation', en: 'Organisation' },
  facilitatorsAndClerks: {
    fi: 'Fasilitaattori tai kirjuri',
    sv: 'Samtalsledare eller sekreterare',
    en: 'Facilitator or clerk',
  },
  residents: { fi: 'Asukas', sv: 'Invånare', en: 'Resident' },
};
export const RESPONDENT_CATEGORIES = ATTENDANCE_CATEGORIES;

const CHANGED_LOW: Wording = { fi: 'Ei lainkaan', sv: 'Inte alls', en: 'Not at all' };
const CHANGED_HIGH: Wording = { fi: 'Hyvin paljon', sv: 'Mycket', en: 'Very much' };

const aspectQuestion = (aspect: Aspect): QuestionWording => ({
  text: {
    fi: `Entä käsityksesi osa-alueesta: ${ASPECT_LABELS[aspect].fi}?`,
    sv: `Och din uppfattning om delområdet: ${ASPECT_LABELS[aspect].sv}?`,
    en: `And your understanding of: ${ASPECT_LABELS[aspect].en}?`,
  },
  low: CHANGED_LOW,
  high: CHANGED_HIGH,
});

export const DEFAULT_INSTRUMENT: Instrument = {
  id: INSTRUMENT_ID,
  version: 1,
  questions: {
    category: {
      text: {
        fi: 'Missä roolissa osallistuit tilaisuuteen?',
        sv: 'I vilken roll deltog du i mötet?',
        en: 'In which role did you take part in the session?',
      },
    },
    understandingOverall: {
      text: {
        fi: 'Kuinka paljon aineistonkeruu ja tämä tilaisuus muuttivat käsitystäsi väestöryhmien välisistä suhteista alueella?',
        sv: 'Hur mycket förändrade datainsamlingen och detta möte din uppfattning om relationerna mellan befolkningsgrupperna i området?',
        en: 'How much did the data collection and this session change your understanding of relations between population groups in the area?',
      },
      low: CHANGED_LOW,
      high: CHANGED_HIGH,
    },
    understandingAttitudes: aspectQuestion('attitudes'),
    understandingSafety: aspectQuestion('safety'),
    understandingInteraction: aspectQuestion('interaction'),
    understandingParticipation: aspectQuestion('participation'),
    measures: {
      text: {
        fi: 'Mitä ehdotetuista toimenpiteistä aiot viedä eteenpäin?',
        sv: 'Vilka av de föreslagna åtgärderna tänker du föra vidare?',
        en: 'Which of the proposed measures do you intend to take forward?',
      },
    },
    ownAction: {
      text: { fi: 'Mitä aiot itse tehdä?', sv: 'Vad tänker du själv göra?', en: 'What will you do yourself?' },
    },
    usefulness: {
      text: {
        fi: 'Kuinka hyödyllinen tilaisuus oli sinulle?',
        sv: 'Hur nyttigt var mötet för dig?',
        en: 'How useful was the session for you?',
      },
      low: { fi: 'Ei lainkaan hyödyllinen', sv: 'Inte alls nyttigt', en: 'Not useful at all' },
      high: { fi: 'Erittäin hyödyllinen', sv: 'Mycket nyttigt', en: 'Very useful' },
    },
  },
};

/** Which aspect a per-aspect question asks about, if it is one. */
export function aspectOfQuestion(key: QuestionKey): Aspect | undefined {
  return ASPECTS.find((a) => understandingKey(a) === key);
}

/**
 * A round's wording changes applied to its instrument: only the words of
 * known questions change, never keys, types or options; a change that
 * changes nothing keeps the version.
 */
export function rewordInstrument(
  current: Instrument,
  changes: Partial<Record<QuestionKey, { [P in keyof QuestionWording]?: Partial<Wording> }>>,
): Instrument {
  const questions = structuredClone(current.questions);
  let changed = false;
  for (const key of QUESTION_KEYS) {
    const change = changes[key];
    if (!change) continue;
    for (const part of ['text', 'low', 'high'] as const) {
      const words = change[part];
      if (!words) continue;
      if (part !== 'text' && QUESTION_TYPES[key] !== 'scale') continue;
      for (const locale of LOCALES) {
        const next = words[locale];
        if (next === undefined || next === questions[key][part]?.[locale]) continue;
        questions[key][part] = {
          ...(questions[key][part] ?? DEFAULT_INSTRUMENT.questions[key][part]!),
          [locale]: next,
        };
        changed = true;
      }
    }
  }
  return changed ? { ...current, version: current.version + 1, questions } : current;
}
