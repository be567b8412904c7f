import { OpenAPIHono } from '@hono/zod-openapi';
import { DASHBOARD_READERS } from '@sillat/shared/access';
import { CoverageQuery, CoverageView } from '@sillat/shared';
import { coverageView } from '@sillat/shared/coverage';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '@sillat/shared/suppression';
import { getMunicipality } from '../data/municipality';
import { populationGroups } from '../data/population-groups';
import { listStats } from '../data/round-stats';
import { listRounds } from '../data/rounds';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';

/**
 * "Who to consult next" (issue 7): the groups × rounds coverage matrix and the
 * ranked suggestions. Four reads whatever the data: the round index, the
 * active population groups, every round's counters (one Query) and the
 * municipality (its privacy threshold).
 */
const coverage = guardedRoute({
  method: 'get',
  path: '/coverage',
  tags: ['Dashboards'],
  access: DASHBOARD_READERS,
  summary: 'Which population groups each round heard, and the groups to consult next with the reason',
  request: { query: CoverageQuery },
  responses: {
    200: {
      description: 'The coverage matrix and suggestions',
      content: { 'application/json': { schema: CoverageView } },
    },
    ...ErrorResponses,
  },
});

export const coverageRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(coverage, async (c) => {
  const m = c.var.municipalityId;
  const [municipality, rounds, groups, cells] = await Promise.all([
    getMunicipality(m),
    listRounds(m),
    populationGroups.list(m),
    listStats(m),
  ]);
  const view = coverageView({
    rounds,
    groups,
    cells,
    threshold: municipality.privacyThreshold ?? DEFAULT_SUPPRESSION_THRESHOLD,
  });
  return c.json(view, 200);
});
