import { OpenAPIHono } from '@hono/zod-openapi';
import { DASHBOARD_READERS } from '@sillat/shared/access';
import { CouncilReport, Id, type Round } from '@sillat/shared';
import { councilReport } from '@sillat/shared/council-report';
import { checkpointState } from '@sillat/shared/measure-checkpoints';
import { todayIn } from '@sillat/shared/reminders';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '@sillat/shared/suppression';
import * as z from 'zod';
import { districts } from '../data/districts';
import { NotFoundError } from '../data/errors';
import { listRoundMeasures } from '../data/measures';
import { getMunicipality } from '../data/municipality';
import { populationGroups } from '../data/population-groups';
import { listStats } from '../data/round-stats';
import { getRound } from '../data/rounds';
import { getSurveyAndCounters } from '../data/survey';
import { findUser } from '../data/users';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';

/**
 * The council report of a round (issue 7): everything the printable report
 * shows in one answer, from precomputed counters — the round and the one it
 * was started from, both rounds' counter cells (one Query each), the survey
 * and its counter shards, the round's measures (one index Query), the
 * registries for names and the measures' owners.
 */
const read = guardedRoute({
  method: 'get',
  path: '/{roundId}/report',
  tags: ['Dashboards'],
  access: DASHBOARD_READERS,
  summary:
    'The council report of a round: summary, aspects, groups, measures and the comparison with the previous round; privacy-suppressed',
  request: { params: z.object({ roundId: Id }) },
  responses: {
    200: { description: 'The council report', content: { 'application/json': { schema: CouncilReport } } },
    ...ErrorResponses,
  },
});

/** The round this one was started from; none when it has been removed since. */
async function previousOf(m: string, round: Round): Promise<Round | null> {
  if (!round.previousRoundId) return null;
  return getRound(m, round.previousRoundId).catch((err: unknown) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
}

export const reportRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(read, async (c) => {
  const m = c.var.municipalityId;
  const { roundId } = c.req.valid('param');
  const round = await getRound(m, roundId);
  const previous = await previousOf(m, round);
  const [municipality, cells, previousCells, { survey, counters }, measures, groups, districtList] = await Promise.all([
    getMunicipality(m),
    listStats(m, round.id),
    previous ? listStats(m, previous.id) : [],
    getSurveyAndCounters(m, round.id),
    listRoundMeasures(m, round.id),
    populationGroups.list(m, { includeArchived: true }),
    districts.list(m, { includeArchived: true }),
  ]);
  const ownerIds = [...new Set(measures.flatMap((x) => (x.ownerId ? [x.ownerId] : [])))];
  const owners = (await Promise.all(ownerIds.map((id) => findUser(m, id)))).flatMap((u) =>
    u ? [{ id: u.id, name: u.name }] : [],
  );
  const today = todayIn(new Date(), 'Europe/Helsinki');
  const report = councilReport({
    municipality: { name: municipality.name },
    threshold: municipality.privacyThreshold ?? DEFAULT_SUPPRESSION_THRESHOLD,
    round,
    previous,
    cells: [...cells, ...previousCells],
    survey: { status: survey.status, counters },
    measures: measures.map((x) => {
      const state = checkpointState(x, today);
      return { ...x, nextCheckpoint: state.nextCheckpoint, overdue: state.overdueCheckpoint !== undefined };
    }),
    groups,
    districts: districtList,
    owners,
  });
  return c.json(report, 200);
});
