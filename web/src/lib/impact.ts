import { resolve } from '$app/paths';
import type { Aspect } from '@sillat/shared/aspects';
import type {
  AspectImpact,
  ImpactOutcome,
  ImpactRound,
  ImpactView,
  MeasureImpact,
  NotComparableReason,
} from '@sillat/shared/impact';
import type { Difference } from '@sillat/shared/stats';
import { m } from '#lib/paraglide/messages.js';
import { formatCount, formatInterval, formatMean, formatShare } from './dashboard';
import { currentLocale, localName } from './i18n';

/**
 * The impact view in the web app (GET /api/dashboard/impact): the summary
 * sentence, words for outcomes and reasons, and the links along the chain
 * experience card → measure → next round's cards. The API has hidden every
 * figure about too few people (null) and gives a change only when both rounds
 * are published; nothing here recomputes either.
 */

export type { AspectImpact, ImpactOutcome, ImpactRound, ImpactView, MeasureImpact, NotComparableReason };

export const OUTCOME_WORDS: Record<ImpactOutcome, () => string> = {
  improved: m.imp_outcome_improved,
  noClearChange: m.imp_outcome_noClearChange,
  worsened: m.imp_outcome_worsened,
  mixed: m.imp_outcome_mixed,
  notComparable: m.imp_outcome_notComparable,
};

const PARTS: Record<ImpactOutcome, (p: { count: string }) => string> = {
  improved: m.imp_part_improved,
  noClearChange: m.imp_part_noClearChange,
  worsened: m.imp_part_worsened,
  mixed: m.imp_part_mixed,
  notComparable: m.imp_part_notComparable,
};

/** The order the summary names the outcomes in: what went well first, what could not be said last. */
const SUMMARY_ORDER: ImpactOutcome[] = ['improved', 'noClearChange', 'mixed', 'worsened', 'notComparable'];

export const roundLabel = (round: Pick<ImpactRound, 'name'>) => localName(round.name).text;

/**
 * One sentence that answers "did relations improve in the aspects our measures
 * targeted?": "Of the 4 measures of Spring 2025, the targeted ratings improved
 * clearly for 1, there was no clear change for 2, and 1 could not be compared."
 */
export function impactSummary(view: ImpactView): string {
  const round = roundLabel(view.round);
  const { summary } = view;
  if (summary.total === 0) return m.imp_summary_none({ round });
  if (!view.nextRound) return m.imp_summary_no_next({ round });
  if (summary.total === 1) {
    const outcome = SUMMARY_ORDER.find((o) => summary[o] > 0) ?? 'notComparable';
    return m.imp_summary_one({ round, outcome: OUTCOME_WORDS[outcome]() });
  }
  const parts = SUMMARY_ORDER.filter((o) => summary[o] > 0).map((o) => PARTS[o]({ count: formatCount(summary[o]) }));
  const list = new Intl.ListFormat(currentLocale(), { type: 'conjunction' }).format(parts);
  return `${m.imp_summary_lead({ round, total: formatCount(summary.total) })} ${list}.`;
}

export function reasonText(reason: NotComparableReason, threshold: number): string {
  switch (reason) {
    case 'noNextRound':
      return m.imp_reason_noNextRound();
    case 'notConsultedBefore':
      return m.imp_reason_notConsultedBefore();
    case 'notConsultedAfter':
      return m.imp_reason_notConsultedAfter();
    case 'tooFewPeople':
      return m.imp_reason_tooFewPeople({ threshold });
  }
}

/** A count of people as published: the number, or "fewer than 5" when the API hid it. */
export const peopleText = (n: number | null, threshold: number) =>
  n === null ? m.imp_hidden({ threshold }) : formatCount(n);

type Rating = AspectImpact['before'];

export function meanText(r: Rating | null): string {
  if (!r || r.mean === null) return m.imp_not_published();
  return r.ci
    ? m.imp_with_ci({ value: formatMean(r.mean), interval: formatInterval(r.ci, 'mean') })
    : formatMean(r.mean);
}

export function shareText(r: Rating | null): string {
  if (!r || r.shareHigh === null) return m.imp_not_published();
  return r.shareHighCi
    ? m.imp_with_ci({ value: formatShare(r.shareHigh), interval: formatInterval(r.shareHighCi, 'share') })
    : formatShare(r.shareHigh);
}

const signed = (x: number, format: (v: number) => string) => (x > 0 ? `+${format(x)}` : format(x));

/** "Change: improved clearly (+0,5; 95 %: +0,1 … +0,9)", or "not comparable" with no figures. */
export function changeText(a: AspectImpact): string {
  const words = OUTCOME_WORDS[a.change]();
  const detail = (d: Difference, format: (v: number) => string) =>
    m.imp_change_detail({
      words,
      estimate: signed(d.estimate, format),
      lo: signed(d.ci[0], format),
      hi: signed(d.ci[1], format),
    });
  if (a.meanChange) return detail(a.meanChange, formatMean);
  if (a.shareChange) return detail(a.shareChange, (v) => formatShare(v));
  return words;
}

/**
 * The cards behind a card count on the round's cards page: this aspect and
 * tone, in the deck, of exactly the measure's groups and districts (a
 * repeated `group` / `district` for each; none when the measure names all).
 */
export function measureCardsHref(
  roundId: string,
  measure: Pick<MeasureImpact, 'populationGroupIds' | 'districtIds'>,
  aspect: Aspect,
  tone?: 'positive' | 'negative',
): string {
  const params = new URLSearchParams({ aspect });
  if (tone) params.set('tone', tone);
  params.set('deck', 'in');
  for (const g of measure.populationGroupIds) params.append('group', g);
  for (const d of measure.districtIds) params.append('district', d);
  return `${resolve('/(app)/rounds/[id]/cards', { id: roundId })}?${params}`;
}

/** The impact view opened on a measure's round, scrolled to the measure. */
export function impactHref(roundId: string, measureId: string): string {
  return `${resolve('/(app)/dashboard')}/impact?roundId=${encodeURIComponent(roundId)}#${measureAnchor(measureId)}`;
}

export const measureAnchor = (measureId: string) => `measure-${measureId}`;
