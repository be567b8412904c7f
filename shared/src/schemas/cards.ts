import * as z from 'zod';
import { ASPECTS } from '../aspects';
import { Id, text } from './common';

/**
 * Experience cards: short narratives drawn from approved notes, one aspect
 * and one tone each, written in Finnish or Swedish with optional
 * translations. Group and district come from the source session, so a card
 * can never claim a group that was not in the room.
 */
export const CARD_TONES = ['positive', 'negative'] as const;
export const MAX_CARD_LENGTH = 600;

const CardText = text(MAX_CARD_LENGTH).pipe(z.string().min(1, { message: 'Write the card.' }));
const Translations = z.object({ fi: CardText.optional(), sv: CardText.optional(), en: CardText.optional() }).strict();

export const CardInput = z
  .object({
    sessionId: Id,
    aspect: z.enum(ASPECTS),
    tone: z.enum(CARD_TONES),
    language: z.enum(['fi', 'sv']),
    text: CardText,
    translations: Translations.optional(),
  })
  .strict()
  .meta({ id: 'CardInput' });

/** The coordinator curates: wording, aspect, tone, translations, and whether the card goes into the deck. */
export const CardPatch = z
  .object({
    aspect: z.enum(ASPECTS),
    tone: z.enum(CARD_TONES),
    language: z.enum(['fi', 'sv']),
    text: CardText,
    translations: Translations,
    inDeck: z.boolean(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Give at least one field to change.' })
  .meta({ id: 'CardPatch' });

export const Card = z
  .object({
    id: z.string(),
    roundId: z.string(),
    sessionId: z.string(),
    populationGroupId: z.string(),
    districtId: z.string(),
    aspect: z.enum(ASPECTS),
    tone: z.enum(CARD_TONES),
    language: z.enum(['fi', 'sv']),
    text: z.string(),
    translations: z.record(z.string(), z.string()).optional(),
    inDeck: z.boolean(),
    version: z.int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Card' });

export type CardInput = z.output<typeof CardInput>;
export type CardPatch = z.output<typeof CardPatch>;
export type Card = z.output<typeof Card>;
