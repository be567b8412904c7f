import * as z from 'zod';
import { ASPECTS } from '../aspects';
import { MEASURE_PROGRESS } from '../dashboard';
import { Id } from './common';

/**
 * The trend dashboard's query and answer (shared/src/dashboard.ts builds it).
 * Figures about people are `null` where the privacy threshold hides them.
 */
export const DashboardQuery = z
  .object({ populationGroupId: Id.optional(), districtId: Id.optional() })
  .strict()
  .meta({ id: 'DashboardQuery' });
export type DashboardQuery = z.output<typeof DashboardQuery>;

const Shown = z.int().nullable().meta({ description: 'null: hidden, about fewer people than the privacy threshold' });
const Interval = z.tuple([z.number(), z.number()]).readonly().nullable();

const PublishedRating = z
  .object({
    n: Shown,
    mean: z.number().nullable(),
    sd: z.number().nullable(),
    ci: Interval,
    shareHigh: z.number().nullable().meta({ description: 'Share who rated 4–5' }),
    shareHighCi: Interval,
  })
  .meta({ id: 'PublishedRating' });

const PublishedShare = z
  .object({ n: Shown, k: Shown, share: z.number().nullable(), ci: Interval })
  .meta({ id: 'PublishedShare' });

export const TrendDashboard = z
  .object({
    threshold: z.int(),
    filters: z.object({ populationGroupId: z.string().optional(), districtId: z.string().optional() }),
    rounds: z.array(
      z.object({
        id: z.string(),
        name: z.object({ fi: z.string().optional(), sv: z.string().optional(), en: z.string().optional() }),
        period: z.object({ start: z.string(), end: z.string() }),
        phase: z.string(),
      }),
    ),
    coverage: z.array(z.object({ roundId: z.string(), sessions: z.int(), participants: Shown })),
    aspects: z.array(
      z.object({
        aspect: z.enum(ASPECTS),
        rounds: z.array(
          z.object({
            roundId: z.string(),
            sessions: z.int(),
            cards: z.object({
              positive: z.int(),
              negative: z.int(),
              total: z.int(),
              balance: z.number().nullable(),
            }),
            rating: PublishedRating,
          }),
        ),
      }),
    ),
    survey: z.array(
      z.object({
        roundId: z.string(),
        status: z.enum(['none', 'draft', 'open', 'closed']),
        respondents: Shown,
        changedUnderstanding: PublishedShare.nullable(),
      }),
    ),
    measures: z.array(
      z.object({
        roundId: z.string(),
        total: z.int(),
        byStatus: z.record(z.enum(MEASURE_PROGRESS), z.int()),
        overdue: z.int(),
      }),
    ),
  })
  .meta({ id: 'TrendDashboard' });
