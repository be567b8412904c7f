import * as z from 'zod';
import { ASPECTS } from '../aspects';

/** "Who to consult next" (shared/src/coverage.ts builds it): the coverage matrix and the ranked suggestions. */
const Shown = z.int().nullable().meta({ description: 'null: hidden, about fewer people than the privacy threshold' });
const Name = z.object({ fi: z.string().optional(), sv: z.string().optional(), en: z.string().optional() });

/** No parameters: an unknown one is a 400, as everywhere. */
export const CoverageQuery = z.object({}).strict().meta({ id: 'CoverageQuery' });

export const CoverageReason = z
  .discriminatedUnion('reason', [
    z.object({ reason: z.literal('neverConsulted') }),
    z.object({
      reason: z.literal('notHeardSince'),
      roundId: z.string().meta({ description: 'The last round the group was heard in' }),
      latestRoundId: z.string(),
    }),
    z.object({
      reason: z.literal('worsened'),
      aspect: z.enum(ASPECTS),
      measure: z.enum(['mean', 'shareHigh']),
      from: z.string(),
      to: z.string(),
    }),
  ])
  .meta({ id: 'CoverageReason' });

export const CoverageView = z
  .object({
    threshold: z.int(),
    rounds: z.array(z.object({ id: z.string(), name: Name, period: z.object({ start: z.string(), end: z.string() }) })),
    latestRoundId: z.string().nullable(),
    groups: z.array(
      z.object({
        id: z.string(),
        name: Name,
        cells: z.array(z.object({ roundId: z.string(), sessions: z.int(), participants: Shown })),
      }),
    ),
    suggestions: z.array(z.object({ populationGroupId: z.string(), rank: z.int(), reasons: z.array(CoverageReason) })),
  })
  .meta({ id: 'CoverageView' });
