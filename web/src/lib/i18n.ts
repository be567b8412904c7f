import { LOCALES, type Locale, type LocalizedText, missingLocales, pickLocalized } from '@sillat/shared/locales';
import { LANGUAGE_NAMES_EXTRA } from '@sillat/shared/languages';
import { getLocale } from '#lib/paraglide/runtime.js';

export { LOCALES, type Locale };

/** Each language named in itself, so a reader finds their own in the switcher. */
export const ENDONYMS: Record<Locale, string> = { fi: 'suomi', sv: 'svenska', en: 'English' };

export function currentLocale(): Locale {
  return getLocale() as Locale;
}

/** A registry name in the reader's language, with the language it is actually in (for `lang`). */
export function localName(text: LocalizedText): { text: string; lang: Locale } {
  const picked = pickLocalized(text, currentLocale());
  return picked ? { text: picked.text, lang: picked.locale } : { text: '—', lang: currentLocale() };
}

export function missingNames(text: LocalizedText): Locale[] {
  return missingLocales(text);
}

const displayNames = new Map<string, Intl.DisplayNames>();

/** "so" → "somali" / "somaliska" / "Somali"; unknown codes are shown as they are. */
export function languageName(code: string): string {
  const locale = currentLocale();
  const extra = LANGUAGE_NAMES_EXTRA[code];
  if (extra) return extra[locale];
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
    displayNames.set(locale, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Names of languages in the reader's language: "ruotsi, englanti". */
export function localeList(locales: Locale[]): string {
  return new Intl.ListFormat(currentLocale(), { type: 'conjunction' }).format(locales.map(languageName));
}
