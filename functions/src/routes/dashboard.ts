import { OpenAPIHono } from '@hono/zod-openapi';
import { DASHBOARD_READERS } from '@sillat/shared/access';
import { DashboardQuery, DashboardSessions, DashboardSessionsQuery, TrendDashboard } from '@sillat/shared';
import { trendDashboard } from '@sillat/shared/dashboard';
import { checkpointState } from '@sillat/shared/measure-checkpoints';
import { todayIn } from '@sillat/shared/reminders';
import { sessionContribution } from '@sillat/shared/round-stats';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '@sillat/shared/suppression';
import { listAllMeasures } from '../data/measures';
import { getMunicipality } from '../data/municipality';
import { listStats } from '../data/round-stats';
import { getRound, listRounds } from '../data/rounds';
import { listSessions } from '../data/sessions';
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

/**
 * The held sessions behind a session count, for every dashboard reader —
 * council members too, who may not open the sessions themselves. Two reads:
 * the round (404 if not the caller's municipality's) and its sessions (one
 * Query on the round's prefix). A session is listed exactly when the
 * counters count it (`sessionContribution`), so the list's length is the
 * dashboard's figure; each item carries only when, which group, where and
 * which organisation, never anything about the people in it.
 */
const sessions = guardedRoute({
  method: 'get',
  path: '/sessions',
  tags: ['Dashboards'],
  access: DASHBOARD_READERS,
  summary: 'The held sessions behind a dashboard session count: date, group, district and organisation only',
  request: { query: DashboardSessionsQuery },
  responses: {
    200: { description: 'The held sessions', content: { 'application/json': { schema: DashboardSessions } } },
    ...ErrorResponses,
  },
});

export const dashboardRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(sessions, async (c) => {
    const m = c.var.municipalityId;
    const { roundId, ...filters } = c.req.valid('query');
    const [round, all] = await Promise.all([getRound(m, roundId), listSessions(m, roundId)]);
    const items = all.flatMap((s) => {
      const cell = sessionContribution(s)?.cell;
      if (!cell) return [];
      if (filters.populationGroupId && cell.populationGroupId !== filters.populationGroupId) return [];
      if (filters.districtId && cell.districtId !== filters.districtId) return [];
      // Picked field by field: nothing else of the session may reach a council member.
      return [
        {
          date: s.date,
          populationGroupId: s.populationGroupId,
          districtId: s.districtId,
          organisationId: s.organisationId,
        },
      ];
    });
    const { id, name, period, phase } = round;
    return c.json({ round: { id, name, period, phase }, filters, items }, 200);
  })
  .openapi(trends, async (c) => {
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
