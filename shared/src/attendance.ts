import type { Locale } from './locales';

/**
 * Who came to the decision-maker session, by the method's own categories
 * (domain.md, part 2): counts only, never names. Keys are stable across rounds
 * so attendance compares; the labels are for forms and reports.
 */
export const ATTENDANCE_CATEGORIES = [
  'electedOfficials',
  'officials',
  'wellbeingServicesCounty',
  'police',
  'organisations',
  'facilitatorsAndClerks',
  'residents',
] as const;
export type AttendanceCategory = (typeof ATTENDANCE_CATEGORIES)[number];

/** Largest count accepted per category: a town-hall meeting, not a stadium. */
export const MAX_ATTENDANCE = 10_000;

export const ATTENDANCE_LABELS: Record<AttendanceCategory, Record<Locale, string>> = {
  electedOfficials: { fi: 'luottamushenkilöt', sv: 'förtroendevalda', en: 'elected officials' },
  officials: { fi: 'viranhaltijat', sv: 'tjänsteinnehavare', en: 'officials' },
  wellbeingServicesCounty: {
    fi: 'hyvinvointialue',
    sv: 'välfärdsområdet',
    en: 'wellbeing services county',
  },
  police: { fi: 'poliisi', sv: 'polisen', en: 'police' },
  organisations: { fi: 'järjestöt', sv: 'organisationer', en: 'organisations' },
  facilitatorsAndClerks: {
    fi: 'fasilitaattorit ja kirjurit',
    sv: 'samtalsledare och sekreterare',
    en: 'facilitators and clerks',
  },
  residents: { fi: 'asukkaat', sv: 'invånare', en: 'residents' },
};

/** Everyone at zero: what a session shows before anything is saved. */
export function emptyAttendance(): Record<AttendanceCategory, number> {
  return Object.fromEntries(ATTENDANCE_CATEGORIES.map((c) => [c, 0])) as Record<AttendanceCategory, number>;
}
