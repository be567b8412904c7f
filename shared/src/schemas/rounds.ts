import * as z from 'zod';
import { ROUND_PHASES } from '../round-phases';
import { Id, LocalizedName } from './common';

/**
 * A round: one pass of the cycle, with the population groups it consults and
 * the organisations it contracts. "Start the next round from this one" copies
 * both and links the rounds, so the two can be compared group by group.
 */
const day = z.iso.date({ message: 'Use a date like 2026-11-23.' });

const Period = z
  .object({ start: day, end: day })
  .strict()
  .refine((p) => p.start <= p.end, { path: ['end'], message: 'The period cannot end before it starts.' });

/** The groups and organisations of a round; each id at most once. */
const IdSet = (max: number) =>
  z
    .array(Id)
    .max(max, { message: `At most ${max}.` })
    .transform((ids) => [...new Set(ids)]);

const roundFields = {
  name: LocalizedName,
  period: Period,
  populationGroupIds: IdSet(100),
  organisationIds: IdSet(100),
};

export const RoundInput = z.object(roundFields).strict().meta({ id: 'RoundInput' });

export const RoundPatch = z
  .object(roundFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Give at least one field to change.' })
  .meta({ id: 'RoundPatch' });

/** Starting the next round: the copied groups and organisations can be changed afterwards. */
export const NextRoundInput = z.object({ name: LocalizedName, period: Period }).strict().meta({ id: 'NextRoundInput' });

export const PhaseChange = z
  .object({ phase: z.enum(ROUND_PHASES) })
  .strict()
  .meta({ id: 'PhaseChange' });

export const Round = z
  .object({
    id: z.string(),
    name: z.record(z.string(), z.string()),
    period: z.object({ start: z.string(), end: z.string() }),
    populationGroupIds: z.array(z.string()),
    organisationIds: z.array(z.string()),
    phase: z.enum(ROUND_PHASES),
    /** The round this one was started from, for comparison. */
    previousRoundId: z.string().optional(),
    /** The round started from this one; at most one. */
    nextRoundId: z.string().optional(),
    /** When the round was closed: the clock of its notes' retention period. */
    closedAt: z.iso.datetime().optional(),
    version: z.int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Round' });

export type RoundInput = z.output<typeof RoundInput>;
export type RoundPatch = z.output<typeof RoundPatch>;
export type NextRoundInput = z.output<typeof NextRoundInput>;
export type Round = z.output<typeof Round>;
