/** The product's three working languages: Finnish, Swedish and English, in that order. */
export const LOCALES = ['fi', 'sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A text given in some of the three working languages. At least one is always present. */
export type LocalizedText = Partial<Record<Locale, string>>;

/**
 * Picks the text for `locale`, falling back through Finnish, Swedish and English.
 * Registries are often filled in one language first (a Swedish-speaking coordinator
 * adds a group in Swedish); showing that name beats showing nothing.
 */
export function pickLocalized(text: LocalizedText, locale: Locale): { text: string; locale: Locale } | undefined {
  for (const candidate of [locale, ...LOCALES]) {
    const value = text[candidate]?.trim();
    if (value) return { text: value, locale: candidate };
  }
  return undefined;
}

/** Which of the three languages are still missing — shown to coordinators as work to do. */
export function missingLocales(text: LocalizedText): Locale[] {
  return LOCALES.filter((l) => !text[l]?.trim());
}
