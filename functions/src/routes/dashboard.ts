import { OpenAPIHono } from '@hono/zod-openapi';
import { DASHBOARD_READERS } from '@sillat/shared/access';
import { DashboardQuery, TrendDashboard } from '@sillat/shared';
import { trendDashboard } from '@sillat/shared/dashboard';
import { checkpointState } from '@sillat/shared/measure-checkpoints';
import { todayIn } from '@sillat/shared/reminders';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '@sillat/shared/suppression';
import { listAllMeasures } from '../data/measures';
import { getMunicipality } from '../data/municipality';
import { listStats } from '../data/round-stats';
import { listRounds } from '../data/rounds';
import { getSurveyAndCounters } from '../data/survey';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';

/**
 * Trend dashboards (issue 7). Every figure comes from precomputed counters:
 * the round list (one index Query), the counter cells (one Query), and per
 * round the survey item and its ten counter shards and the measures (one
 * index Query) — a number of reads that grows with rounds, never with
 * answers, participants or cards.
 */
const trends = guardedRoute({
  method: 'get',
  path: '/trends',
  tags: ['Dashboards'],
  access: DASHBOARD_READERS,
  summary:
    'Each aspect across all rounds (cards, ratings), the feedback survey and measure progress; privacy-suppressed',
  request: { query: DashboardQuery },
  responses: {
    200: { description: 'The trend dashboard', content: { 'application/json': { schema: TrendDashboard } } },
    ...ErrorResponses,
  },
});

export const dashboardRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(trends, async (c) => {
  const m = c.var.municipalityId;
  const filters = c.req.valid('query');
  const [municipality, rounds, cells, measures] = await Promise.all([
    getMunicipality(m),
    listRounds(m),
    listStats(m),
    listAllMeasures(m),
  ]);
  const surveys = await Promise.all(
    rounds.map(async (r) => {
      const { survey, counters } = await getSurveyAndCounters(m, r.id);
      return { roundId: r.id, status: survey.status, counters };
    }),
  );
  const today = todayIn(new Date(), 'Europe/Helsinki');
  const dashboard = trendDashboard({
    rounds,
    cells,
    surveys,
    measures: measures.map((x) => ({ ...x, overdue: checkpointState(x, today).overdueCheckpoint !== undefined })),
    filters,
    threshold: municipality.privacyThreshold ?? DEFAULT_SUPPRESSION_THRESHOLD,
  });
  return c.json(dashboard, 200);
});
