import * as z from 'zod';
import { ASPECTS } from '../aspects';
import { COMPARISON_BREAKDOWNS } from '../comparison';
import { Id } from './common';

/**
 * The round comparison's query and answer (shared/src/comparison.ts builds
 * it). Figures about people are `null` where the privacy threshold hides
 * them; a change is `null` unless both sides' figure is published.
 */
export const ComparisonQuery = z
  .object({
    from: Id.meta({ description: 'The earlier round (or any round): changes are to − from' }),
    to: Id,
    by: z.enum(COMPARISON_BREAKDOWNS).default('group'),
  })
  .strict()
  .refine((q) => q.from !== q.to, { path: ['to'], message: 'Pick two different rounds.' })
  .meta({ id: 'ComparisonQuery' });
export type ComparisonQuery = z.output<typeof ComparisonQuery>;

const Shown = z.int().nullable().meta({ description: 'null: hidden, about fewer people than the privacy threshold' });
const Interval = z.tuple([z.number(), z.number()]).readonly();

const Rating = z
  .object({
    n: Shown,
    mean: z.number().nullable(),
    sd: z.number().nullable(),
    ci: Interval.nullable(),
    shareHigh: z.number().nullable().meta({ description: 'Share who rated 4–5' }),
    shareHighCi: Interval.nullable(),
  })
  .meta({ id: 'ComparisonRating' });

const Side = z.object({
  sessions: z.int(),
  cards: z.object({ positive: z.int(), negative: z.int() }),
  rating: Rating,
});

const Change = z.object({ estimate: z.number(), ci: Interval }).nullable();
const ChangeKind = z.enum(['improved', 'worsened', 'noClearChange', 'notComparable']);

const Row = z
  .object({
    populationGroupId: z.string().nullable(),
    districtId: z.string().nullable(),
    onlyIn: z
      .enum(['from', 'to'])
      .nullable()
      .meta({ description: 'Sessions were held in only this round: not comparable, never a change' }),
    from: Side,
    to: Side,
    meanChange: Change,
    meanKind: ChangeKind,
    shareChange: Change,
    shareKind: ChangeKind,
  })
  .meta({ id: 'ComparisonRow' });

const RoundRef = z.object({
  id: z.string(),
  name: z.object({ fi: z.string().optional(), sv: z.string().optional(), en: z.string().optional() }),
  period: z.object({ start: z.string(), end: z.string() }),
  phase: z.string(),
});

export const RoundComparison = z
  .object({
    threshold: z.int(),
    by: z.enum(COMPARISON_BREAKDOWNS),
    from: RoundRef,
    to: RoundRef,
    aspects: z.array(z.object({ aspect: z.enum(ASPECTS), all: Row, rows: z.array(Row) })),
  })
  .meta({ id: 'RoundComparison' });
