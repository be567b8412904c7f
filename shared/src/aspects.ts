import type { Locale } from './locales';

/**
 * The four aspects of good relations. Keys are fixed and stable across rounds so
 * that figures compare; labels are the method's own terms in each language.
 */
export const ASPECTS = ['attitudes', 'safety', 'interaction', 'participation'] as const;
export type Aspect = (typeof ASPECTS)[number];

export const ASPECT_LABELS: Record<Aspect, Record<Locale, string>> = {
  attitudes: { fi: 'asenteet', sv: 'attityder', en: 'attitudes' },
  safety: { fi: 'turvallisuuden tunne', sv: 'trygghetskänsla', en: 'sense of security' },
  interaction: { fi: 'vuorovaikutus', sv: 'växelverkan', en: 'interaction' },
  participation: { fi: 'osallisuus', sv: 'delaktighet', en: 'participation' },
};
