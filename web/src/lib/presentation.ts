import { ASPECTS, type Aspect } from '@sillat/shared/aspects';
import type { Card, Tone } from './cards';
import type { Session, SessionStatus } from './sessions';

/**
 * What the presentation view shows in the decision-maker session: a title
 * slide, then for each population group its summary and its experience cards
 * (one to a slide, large enough to read from the back of the room), then the
 * feedback survey. Pure functions, so the arithmetic is testable on its own.
 */

/** A session counts as held once it has taken place, whatever has happened to its notes since. */
const HELD: readonly SessionStatus[] = ['held', 'notesDelivered', 'approved'];

/** No figure about fewer than five people is shown (domain.md, "Principles"). */
/** Where the municipality has set none (its settings hold the threshold, at least 3). */
export const MIN_RATERS = 5;

export interface AspectMean {
  /** Null when fewer than {@link MIN_RATERS} rated the aspect. */
  mean: number | null;
  raters: number;
}

export interface GroupSummary {
  populationGroupId: string;
  sessionsHeld: number;
  participants: number;
  means: Record<Aspect, AspectMean>;
  /** The group's cards in the deck, by aspect and tone. */
  cards: Record<Aspect, Record<Tone, number>>;
}

/**
 * A group's sessions and cards in figures. Means pool the counts per point of
 * every held session (1–5, index 0 = "1"), so a bigger session weighs more.
 */
export function groupSummary(
  populationGroupId: string,
  sessions: Session[],
  cards: Card[],
  minRaters = MIN_RATERS,
): GroupSummary {
  const held = sessions.filter((s) => s.populationGroupId === populationGroupId && HELD.includes(s.status));
  const means = Object.fromEntries(
    ASPECTS.map((a) => {
      let raters = 0;
      let sum = 0;
      for (const s of held) {
        (s.ratings?.[a] ?? []).forEach((count, i) => {
          raters += count;
          sum += count * (i + 1);
        });
      }
      return [a, { mean: raters >= minRaters ? sum / raters : null, raters }];
    }),
  ) as Record<Aspect, AspectMean>;
  const counts = Object.fromEntries(ASPECTS.map((a) => [a, { positive: 0, negative: 0 }])) as Record<
    Aspect,
    Record<Tone, number>
  >;
  for (const c of cards) if (c.populationGroupId === populationGroupId && c.inDeck) counts[c.aspect][c.tone] += 1;
  return {
    populationGroupId,
    sessionsHeld: held.length,
    participants: held.reduce((n, s) => n + (s.participantCount ?? 0), 0),
    means,
    cards: counts,
  };
}

export type Slide =
  | { kind: 'title' }
  | { kind: 'group'; summary: GroupSummary }
  | { kind: 'card'; populationGroupId: string; card: Card; index: number; of: number }
  | { kind: 'survey' };

/** The slides in order; `groupIds` already in the order they are presented. */
export function buildSlides(groupIds: string[], sessions: Session[], cards: Card[], minRaters = MIN_RATERS): Slide[] {
  const slides: Slide[] = [{ kind: 'title' }];
  for (const id of groupIds) {
    slides.push({ kind: 'group', summary: groupSummary(id, sessions, cards, minRaters) });
    const own = cards.filter((c) => c.populationGroupId === id && c.inDeck);
    own.forEach((card, i) => slides.push({ kind: 'card', populationGroupId: id, card, index: i + 1, of: own.length }));
  }
  slides.push({ kind: 'survey' });
  return slides;
}
