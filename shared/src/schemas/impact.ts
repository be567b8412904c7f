import * as z from 'zod';
import { ASPECTS } from '../aspects';
import { IMPACT_OUTCOMES, NOT_COMPARABLE_REASONS } from '../impact';
import { MEASURE_STATUSES } from './measures';
import { Id } from './common';

/**
 * The impact view's query and answer (shared/src/impact.ts builds it). Figures
 * about people are `null` where the privacy threshold hides them; a change is
 * given only when both rounds' figures are published.
 */
export const ImpactQuery = z
  .object({
    roundId: Id.optional().meta({
      description: 'The round whose measures to follow; by default the latest round whose next round has data',
    }),
  })
  .strict()
  .meta({ id: 'ImpactQuery' });
export type ImpactQuery = z.output<typeof ImpactQuery>;

const Shown = z.int().nullable().meta({ description: 'null: hidden, about fewer people than the privacy threshold' });
const Interval = z.tuple([z.number(), z.number()]).readonly().nullable();
const Rating = z.object({
  n: Shown,
  mean: z.number().nullable(),
  sd: z.number().nullable(),
  ci: Interval,
  shareHigh: z.number().nullable().meta({ description: 'Share who rated 4–5' }),
  shareHighCi: Interval,
});
const Difference = z.object({ estimate: z.number(), ci: z.tuple([z.number(), z.number()]).readonly() }).nullable();
const Cards = z.object({ positive: z.int(), negative: z.int() });
const Side = z.object({ sessions: z.int(), participants: Shown });
const Name = z.object({ fi: z.string().optional(), sv: z.string().optional(), en: z.string().optional() });
const ImpactRound = z.object({
  id: z.string(),
  name: Name,
  period: z.object({ start: z.string(), end: z.string() }),
  nextRoundId: z.string().optional(),
});

export const ImpactView = z
  .object({
    threshold: z.int(),
    round: ImpactRound,
    nextRound: ImpactRound.nullable(),
    measures: z.array(
      z.object({
        measureId: z.string(),
        title: z.string(),
        aspects: z.array(z.enum(ASPECTS)),
        populationGroupIds: z.array(z.string()).meta({ description: 'Empty: every group' }),
        districtIds: z.array(z.string()).meta({ description: 'Empty: every district' }),
        lastStatus: z.enum(MEASURE_STATUSES).optional(),
        progress: z.int().optional(),
        sourceCardIds: z.array(z.string()).meta({ description: 'The experience cards the measure grew from' }),
        before: Side,
        after: Side.nullable(),
        outcome: z.enum(IMPACT_OUTCOMES),
        notComparableReason: z.enum(NOT_COMPARABLE_REASONS).optional(),
        byAspect: z.array(
          z.object({
            aspect: z.enum(ASPECTS),
            before: Rating,
            after: Rating.nullable(),
            meanChange: Difference,
            shareChange: Difference,
            change: z.enum(['improved', 'worsened', 'noClearChange', 'notComparable']),
            cardsBefore: Cards,
            cardsAfter: Cards.nullable(),
          }),
        ),
      }),
    ),
    summary: z.object({ total: z.int(), ...Object.fromEntries(IMPACT_OUTCOMES.map((o) => [o, z.int()])) }),
  })
  .meta({ id: 'ImpactView' });
