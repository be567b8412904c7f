import * as z from 'zod';
import { ASPECTS } from '../aspects';
import { MEASURE_PROGRESS } from '../dashboard';
import { ROUND_PHASES } from '../round-phases';

/**
 * The council report of one round (shared/src/council-report.ts builds it):
 * everything the printable report shows, in one answer. Figures about people
 * are `null` where the privacy threshold hides them.
 */
const Shown = z.int().nullable().meta({ description: 'null: hidden, about fewer people than the privacy threshold' });
const Interval = z.tuple([z.number(), z.number()]).readonly().nullable();
const Names = z.record(z.string(), z.string());
const Named = z.object({ id: z.string(), name: Names });
const Mean = z.number().nullable().meta({ description: 'null: hidden or nobody rated' });

const ReportRound = z.object({
  id: z.string(),
  name: Names,
  period: z.object({ start: z.string(), end: z.string() }),
  phase: z.enum(ROUND_PHASES),
});

const Change = z
  .object({
    kind: z.enum(['improved', 'worsened', 'noClearChange', 'notComparable']),
    estimate: z.number().nullable(),
    ci: Interval,
  })
  .meta({
    id: 'ReportChange',
    description: 'Change in the mean rating (later − earlier); a change only when the 95% interval excludes 0',
  });

const Rating = z.object({
  n: Shown,
  mean: Mean,
  sd: z.number().nullable(),
  ci: Interval,
  shareHigh: z.number().nullable().meta({ description: 'Share who rated 4–5' }),
  shareHighCi: Interval,
});

export const CouncilReport = z
  .object({
    threshold: z.int(),
    municipality: z.object({ name: Names }),
    round: ReportRound,
    previousRound: ReportRound.nullable(),
    summary: z.object({
      sessions: z.int(),
      groupsConsulted: z.int(),
      participants: Shown,
      cards: z.object({ positive: z.int(), negative: z.int() }),
      survey: z.object({
        status: z.enum(['none', 'draft', 'open', 'closed']),
        respondents: Shown,
        changedUnderstanding: z.object({ n: Shown, k: Shown, share: z.number().nullable(), ci: Interval }).nullable(),
      }),
      measures: z.object({
        total: z.int(),
        byStatus: z.record(z.enum(MEASURE_PROGRESS), z.int()),
        overdue: z.int(),
      }),
    }),
    aspects: z.array(
      z.object({
        aspect: z.enum(ASPECTS),
        cards: z.object({ positive: z.int(), negative: z.int(), total: z.int(), balance: z.number().nullable() }),
        rating: Rating,
        previous: z.object({ cards: z.object({ positive: z.int(), negative: z.int() }), rating: Rating }).nullable(),
        change: Change,
      }),
    ),
    groups: z.array(
      z.object({
        populationGroup: Named,
        sessions: z.int(),
        participants: Shown,
        means: z.array(z.object({ aspect: z.enum(ASPECTS), mean: Mean })),
      }),
    ),
    measures: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        aspects: z.array(z.enum(ASPECTS)),
        populationGroups: z.array(Named),
        districts: z.array(Named),
        owner: z.object({ id: z.string(), name: z.string() }).nullable(),
        status: z.enum(MEASURE_PROGRESS).nullable(),
        progress: z.int().nullable(),
        nextCheckpoint: z.object({ date: z.string(), assess: z.string() }).nullable(),
        overdue: z.boolean(),
      }),
    ),
    comparison: z.array(
      z.object({
        populationGroup: Named,
        consulted: z.enum(['both', 'thisRound', 'previousRound']),
        aspects: z.array(z.object({ aspect: z.enum(ASPECTS), previousMean: Mean, mean: Mean, change: Change })),
      }),
    ),
  })
  .meta({ id: 'CouncilReport' });
export type CouncilReport = z.output<typeof CouncilReport>;
