import { OpenAPIHono } from '@hono/zod-openapi';
import { DASHBOARD_READERS } from '@sillat/shared/access';
import { ImpactQuery, ImpactView, type Round } from '@sillat/shared';
import { defaultImpactRound, impactView, nextRoundOf } from '@sillat/shared/impact';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '@sillat/shared/suppression';
import { listCandidates } from '../data/candidates';
import { NotFoundError } from '../data/errors';
import { listRoundMeasures } from '../data/measures';
import { getMunicipality } from '../data/municipality';
import { listStats, type StoredCell } from '../data/round-stats';
import { getRound, listRounds } from '../data/rounds';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';

/**
 * The impact view (issue 7): each measure of a round against what happened
 * to exactly its targets in the next round. Reads a fixed number of items
 * whatever the number of answers or cards: the round and its next round (two
 * GetItems, or the round index when the round names no next one or none was
 * asked for), the counters of both rounds (a Query each), the round's
 * measures (an index Query), its candidates (a Query, for the cards each
 * measure grew from) and the municipality (its privacy threshold).
 */
const impact = guardedRoute({
  method: 'get',
  path: '/impact',
  tags: ['Dashboards'],
  access: DASHBOARD_READERS,
  summary: "A round's measures and what happened to their aspects, groups and districts in the next round",
  request: { query: ImpactQuery },
  responses: {
    200: { description: 'The impact view', content: { 'application/json': { schema: ImpactView } } },
    ...ErrorResponses,
  },
});

/** The asked round and its next one; without a round, the default (defaultImpactRound). */
async function roundsFor(m: string, roundId: string | undefined): Promise<{ round: Round; next: Round | null }> {
  if (!roundId) {
    const [rounds, cells] = await Promise.all([listRounds(m), listStats(m)]);
    const round = defaultImpactRound(rounds, cells);
    if (!round) throw new NotFoundError('round', '(none yet)');
    return { round, next: nextRoundOf(round, rounds) };
  }
  const round = await getRound(m, roundId);
  const linked = round.nextRoundId
    ? await getRound(m, round.nextRoundId).catch((err: unknown) => {
        if (err instanceof NotFoundError) return null;
        throw err;
      })
    : null;
  return { round, next: linked ?? nextRoundOf(round, await listRounds(m)) };
}

export const impactRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(impact, async (c) => {
  const m = c.var.municipalityId;
  const { round, next } = await roundsFor(m, c.req.valid('query').roundId);
  const [municipality, before, after, measures, candidates] = await Promise.all([
    getMunicipality(m),
    listStats(m, round.id),
    next ? listStats(m, next.id) : Promise.resolve([] as StoredCell[]),
    listRoundMeasures(m, round.id),
    listCandidates(m, round.id),
  ]);
  const view = impactView({
    round,
    nextRound: next,
    cells: [...before, ...after],
    measures,
    sourceCards: new Map(candidates.map((x) => [x.id, x.cardIds])),
    threshold: municipality.privacyThreshold ?? DEFAULT_SUPPRESSION_THRESHOLD,
  });
  return c.json(view, 200);
});
