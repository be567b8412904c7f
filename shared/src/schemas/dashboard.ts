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

const DashboardRoundRef = z
  .object({
    id: z.string(),
    name: z.object({ fi: z.string().optional(), sv: z.string().optional(), en: z.string().optional() }),
    period: z.object({ start: z.string(), end: z.string() }),
    phase: z.string(),
  })
  .meta({ id: 'DashboardRoundRef' });

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
    rounds: z.array(DashboardRoundRef),
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

/** The held sessions behind a dashboard's session count: one round, the same group and district filters. */
export const DashboardSessionsQuery = z
  .object({ roundId: Id, populationGroupId: Id.optional(), districtId: Id.optional() })
  .strict()
  .meta({ id: 'DashboardSessionsQuery' });
export type DashboardSessionsQuery = z.output<typeof DashboardSessionsQuery>;

/**
 * A held session as every dashboard reader may see it: when, which group,
 * where and which organisation held it — names are the web's to resolve from
 * the registries. Nothing about the people in it (no participant count, no
 * facilitator or clerk, no notes, no place): a council member reads sessions
 * as counted, and a per-session count of people could be below the privacy
 * threshold.
 */
export const DashboardSession = z
  .object({ date: z.string(), populationGroupId: z.string(), districtId: z.string(), organisationId: z.string() })
  .strict()
  .meta({ id: 'DashboardSession' });
export type DashboardSession = z.output<typeof DashboardSession>;

export const DashboardSessions = z
  .object({
    round: DashboardRoundRef,
    filters: z.object({ populationGroupId: z.string().optional(), districtId: z.string().optional() }),
    /** By date; exactly as many as the dashboard's `sessions` for the same round and filters. */
    items: z.array(DashboardSession),
  })
  .meta({ id: 'DashboardSessions' });
export type DashboardSessions = z.output<typeof DashboardSessions>;
