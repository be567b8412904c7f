/**
 * Languages a population group speaks are stored as BCP 47 primary language
 * subtags (ISO 639: "so", "ar", "fi", "fse" for Finnish Sign Language), so they
 * can be shown in any UI language with Intl.DisplayNames.
 */
export function normaliseLanguageCode(input: string): string | undefined {
  const code = input.trim().toLowerCase();
  if (!/^[a-z]{2,3}$/.test(code)) return undefined;
  try {
    const [canonical] = Intl.getCanonicalLocales(code);
    return canonical;
  } catch {
    return undefined;
  }
}

/**
 * Languages most often spoken in discussion sessions in Finnish cities, offered
 * first in pickers. Any other valid code can still be typed in.
 */
export const COMMON_LANGUAGES = [
  'fi',
  'sv',
  'en',
  'ru',
  'et',
  'so',
  'ar',
  'fa',
  'ku',
  'zh',
  'vi',
  'sq',
  'uk',
  'tr',
  'es',
  'th',
  'se',
  'fse',
  'fss',
] as const;

/**
 * Names that browsers' Intl.DisplayNames does not know yet (Finland's two sign
 * languages; Northern Sami in some builds), in the product's three languages.
 */
export const LANGUAGE_NAMES_EXTRA: Record<string, { fi: string; sv: string; en: string }> = {
  se: { fi: 'pohjoissaame', sv: 'nordsamiska', en: 'Northern Sami' },
  fse: { fi: 'suomalainen viittomakieli', sv: 'finskt teckenspråk', en: 'Finnish Sign Language' },
  fss: {
    fi: 'suomenruotsalainen viittomakieli',
    sv: 'finlandssvenskt teckenspråk',
    en: 'Finland-Swedish Sign Language',
  },
};
