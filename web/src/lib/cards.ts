import type { Card } from '@sillat/shared/schemas/cards';
import type { RoundOverview } from '@sillat/shared/round-overview';
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from './i18n';

/** A card and the overview as the API answers them (type only: the schema module would ship zod). */
export type { Card, RoundOverview };
export type Tone = Card['tone'];

/** Mirrors CARD_TONES and MAX_CARD_LENGTH in shared/src/schemas/cards.ts (not imported: zod). */
export const TONES = ['positive', 'negative'] as const satisfies readonly Tone[];
export const MAX_CARD_LENGTH = 600;
/** Cards are written in the languages notes are kept in. */
export const CARD_LANGUAGES = ['fi', 'sv'] as const;
export const TRANSLATION_LANGUAGES = ['fi', 'sv', 'en'] as const satisfies readonly Locale[];

export const TONE_LABELS: Record<Tone, typeof m.card_tone_positive> = {
  positive: m.card_tone_positive,
  negative: m.card_tone_negative,
};

/** A tone in words (never colour only), in the reader's language or the deck's. */
export function toneLabel(tone: Tone, locale?: Locale): string {
  return TONE_LABELS[tone]({}, { locale });
}

/** The fields a card form edits, as the inputs hold them (empty = not given). */
export interface CardFieldValues {
  aspect: string;
  tone: string;
  language: string;
  text: string;
  translations: Record<Locale, string>;
}

export function cardFieldValues(card?: Card): CardFieldValues {
  return {
    aspect: card?.aspect ?? '',
    tone: card?.tone ?? '',
    language: card?.language ?? '',
    text: card?.text ?? '',
    translations: {
      fi: card?.translations?.fi ?? '',
      sv: card?.translations?.sv ?? '',
      en: card?.translations?.en ?? '',
    },
  };
}

/** Translations that were written; a translation into the card's own language is not one. */
export function translationsOf(v: CardFieldValues): Partial<Record<Locale, string>> {
  return Object.fromEntries(
    TRANSLATION_LANGUAGES.filter((l) => l !== v.language && v.translations[l].trim() !== '').map((l) => [
      l,
      v.translations[l].trim(),
    ]),
  );
}

/** The body for making a card from a session. */
export function cardInput(sessionId: string, v: CardFieldValues): Record<string, unknown> {
  const translations = translationsOf(v);
  return {
    sessionId,
    aspect: v.aspect,
    tone: v.tone,
    language: v.language,
    text: v.text.trim(),
    ...(Object.keys(translations).length ? { translations } : {}),
  };
}

/** Only what changed; translations are sent whole when any of them changed. */
export function cardPatch(before: Card, v: CardFieldValues): Record<string, unknown> {
  const was = cardFieldValues(before);
  const patch: Record<string, unknown> = {};
  for (const key of ['aspect', 'tone', 'language'] as const) if (v[key] !== was[key]) patch[key] = v[key];
  if (v.text.trim() !== was.text) patch.text = v.text.trim();
  const translations = translationsOf(v);
  if (JSON.stringify(translations) !== JSON.stringify(translationsOf(was))) patch.translations = translations;
  return patch;
}

/**
 * A card's words for a deck in `lang`: its own text when written in that
 * language, else its translation, else the original — `original` tells the
 * reader which language they are reading instead.
 */
export function cardTextIn(card: Card, lang: Locale): { text: string; lang: Locale; original: boolean } {
  if (card.language === lang) return { text: card.text, lang, original: false };
  const translated = card.translations?.[lang];
  if (translated) return { text: translated, lang, original: false };
  return { text: card.text, lang: card.language, original: true };
}
