import { OpenAPIHono } from '@hono/zod-openapi';
import { ANY_ROLE, COORDINATORS, MEASURE_MEMBER_ROLES, MEASURE_REPORTERS } from '@sillat/shared/access';
import type { Role } from '@sillat/shared/roles';
import {
  Id,
  Measure,
  MeasureQuery,
  MeasureWithTimeline,
  Report,
  ReportInput,
  ResponsibilityInput,
  ScheduleInput,
  ScheduleTemplateInput,
  type Measure as MeasureType,
} from '@sillat/shared';
import { checkpointState } from '@sillat/shared/measure-checkpoints';
import { todayIn } from '@sillat/shared/reminders';
import { quarterlyTemplate, type ScheduleEntry } from '@sillat/shared/schedule';
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { getWritableRound } from '../data/decision-session';
import { districts } from '../data/districts';
import { NotFoundError } from '../data/errors';
import { addReport, listReports } from '../data/measure-reports';
import { applyScheduleTemplate, setSchedule } from '../data/measure-schedule';
import {
  assignResponsibility,
  getMeasure,
  isMember,
  listAllMeasures,
  listMeasuresOf,
  membersOf,
} from '../data/measures';
import { organisations } from '../data/organisations';
import { ClosedRoundError } from '../data/rounds';
import { findUser } from '../data/users';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ApiError, type ErrorDetail } from '../http/errors';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';
import { IfMatchHeader, etag } from '../http/versioning';

/**
 * Measures of confirmed action plans: who is responsible (an owner and
 * contributors, set by the coordinator) and how they progress (reports, the
 * measure's timeline). Coordinators, council members and administrators see
 * every measure; measure owners and organisation staff only the ones they are
 * on — any other answers 404, as if it did not exist.
 */
const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const MeasureParam = z.object({ roundId: Id, id: Id });
const tags = ['Measures'];
const path = '/rounds/{roundId}/measures/{id}';

const list = guardedRoute({
  method: 'get',
  path: '/measures',
  tags,
  access: ANY_ROLE,
  summary:
    'All measures (owners and organisation staff: their own), at risk first, filtered by district, aspect, owner',
  request: { query: MeasureQuery },
  responses: {
    200: { description: 'The measures', ...json(z.object({ items: z.array(Measure) })) },
    ...ErrorResponses,
  },
});
const read = guardedRoute({
  method: 'get',
  path,
  tags,
  access: ANY_ROLE,
  summary: 'A measure and its timeline of reports, newest first',
  request: { params: MeasureParam },
  responses: { 200: { description: 'The measure and its reports', ...json(MeasureWithTimeline) }, ...ErrorResponses },
});
const assign = guardedRoute({
  method: 'put',
  path: `${path}/responsibility`,
  tags,
  access: COORDINATORS,
  summary: 'Set the measure’s owner and contributors (replaces them)',
  request: { params: MeasureParam, headers: IfMatchHeader, body: { required: true, ...json(ResponsibilityInput) } },
  responses: { 200: { description: 'The measure', ...json(Measure) }, ...ErrorResponses },
});
const report = guardedRoute({
  method: 'post',
  path: `${path}/reports`,
  tags,
  access: MEASURE_REPORTERS,
  summary: 'Report progress (If-Match: the measure’s version); the owner, contributor users or a coordinator',
  request: { params: MeasureParam, headers: IfMatchHeader, body: { required: true, ...json(ReportInput) } },
  responses: {
    201: { description: 'The stored report; ETag is the measure’s new version', ...json(Report) },
    ...ErrorResponses,
  },
});

const schedule = guardedRoute({
  method: 'put',
  path: `${path}/schedule`,
  tags,
  access: COORDINATORS,
  summary: 'Set the measure’s assessment schedule: single dates and RRULE recurrences (replaces it)',
  request: { params: MeasureParam, headers: IfMatchHeader, body: { required: true, ...json(ScheduleInput) } },
  responses: { 200: { description: 'The measure', ...json(Measure) }, ...ErrorResponses },
});
const template = guardedRoute({
  method: 'post',
  path: '/rounds/{roundId}/measures/schedule-template',
  tags,
  access: COORDINATORS,
  summary: 'Apply a quarterly checkpoint to every measure of the round (replaces an earlier template entry)',
  request: { params: z.object({ roundId: Id }), body: { required: true, ...json(ScheduleTemplateInput) } },
  responses: {
    200: { description: 'The round’s measures', ...json(z.object({ items: z.array(Measure) })) },
    ...ErrorResponses,
  },
});

const onlyTheirs = (role: Role) => MEASURE_MEMBER_ROLES.includes(role);

/** The measure, or 404 for a caller who sees only their own measures and is not on this one. */
async function visibleMeasure(
  m: string,
  principal: { userId: string; role: Role },
  roundId: string,
  id: string,
): Promise<MeasureType> {
  const measure = await getMeasure(m, roundId, id);
  if (onlyTheirs(principal.role) && !(await isMember(m, roundId, id, principal.userId))) {
    throw new NotFoundError('measure', id);
  }
  return measure;
}

const notFound = (field: string, message = 'No such item.') => ({ field, message });

/** The owner must be an active user who may report; contributors must exist; a 400 names each that does not. */
async function assertResponsibility(m: string, input: ResponsibilityInput): Promise<void> {
  const exists = (get: () => Promise<unknown>) =>
    get().then(
      () => true,
      (err: unknown) => {
        if (err instanceof NotFoundError) return false;
        throw err;
      },
    );
  const activeUser = async (id: string) => (await findUser(m, id))?.status === 'active';
  const owner = await findUser(m, input.ownerId);
  const details: ErrorDetail[] = [];
  if (owner?.status !== 'active' || !MEASURE_REPORTERS.includes(owner.role)) {
    details.push(
      notFound(
        'ownerId',
        'Choose an active measure owner, organisation staff member or coordinator of the municipality.',
      ),
    );
  }
  const found = await Promise.all(
    input.contributors.map((c) =>
      c.kind === 'user'
        ? activeUser(c.userId)
        : c.kind === 'organisation'
          ? exists(() => organisations.get(m, c.organisationId))
          : exists(() => districts.get(m, c.districtId)),
    ),
  );
  found.forEach((ok, i) => {
    if (!ok) details.push(notFound(`contributors.${i}`));
  });
  if (details.length) throw new ApiError(400, 'validation_failed', 'The request body is not valid.', details);
}

/** Each entry's reporter must be on the measure (owner or contributor user); entries get an id when they have none. */
function scheduleEntries(measure: MeasureType, input: ScheduleInput): ScheduleEntry[] {
  const members = membersOf(measure);
  const details: ErrorDetail[] = [];
  input.entries.forEach((e, i) => {
    if (e.reporterId !== undefined && !members.includes(e.reporterId)) {
      details.push(notFound(`entries.${i}.reporterId`, 'Choose the measure’s owner or one of its contributors.'));
    }
  });
  if (details.length) throw new ApiError(400, 'validation_failed', 'The request body is not valid.', details);
  return input.entries.map((e) => ({ ...e, id: e.id ?? randomUUID() }));
}

/** The measure as answered: with its next and overdue checkpoints on today's Helsinki date. */
const withCheckpoints = (measure: MeasureType, today = todayIn(new Date(), 'Europe/Helsinki')): MeasureType => ({
  ...measure,
  ...checkpointState(measure, today),
});

function translate(err: unknown): never {
  if (err instanceof ClosedRoundError) throw new ApiError(409, 'round_closed', err.message);
  throw err;
}

/** Overdue first (the longest overdue first), then at risk, then by title. */
const byAttention = (a: MeasureType, b: MeasureType) =>
  Number(!!b.overdueCheckpoint) - Number(!!a.overdueCheckpoint) ||
  (a.overdueCheckpoint?.date ?? '').localeCompare(b.overdueCheckpoint?.date ?? '') ||
  Number(b.lastStatus === 'atRisk') - Number(a.lastStatus === 'atRisk') ||
  a.title.localeCompare(b.title, 'fi');

export const measureRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => {
    const { districtId, aspect, ownerId } = c.req.valid('query');
    const m = c.var.municipalityId;
    const { role, userId } = c.var.principal;
    const measures = onlyTheirs(role) ? await listMeasuresOf(m, userId) : await listAllMeasures(m);
    const today = todayIn(new Date(), 'Europe/Helsinki');
    const items = measures
      .map((x) => withCheckpoints(x, today))
      .filter((x) => !districtId || x.districtIds.includes(districtId))
      .filter((x) => !aspect || x.aspects.includes(aspect))
      .filter((x) => !ownerId || x.ownerId === ownerId)
      .sort(byAttention);
    return c.json({ items }, 200);
  })
  .openapi(read, async (c) => {
    const { roundId, id } = c.req.valid('param');
    const measure = await visibleMeasure(c.var.municipalityId, c.var.principal, roundId, id);
    const reports = await listReports(c.var.municipalityId, roundId, id);
    return c.json({ measure: withCheckpoints(measure), reports }, 200, etag(measure.version));
  })
  .openapi(assign, async (c) => {
    const { roundId, id } = c.req.valid('param');
    const input = c.req.valid('json');
    const current = await getMeasure(c.var.municipalityId, roundId, id);
    await getWritableRound(c.var.municipalityId, roundId).catch(translate);
    await assertResponsibility(c.var.municipalityId, input);
    const version = c.req.valid('header')['if-match'];
    const measure = await assignResponsibility(c.var.municipalityId, current, input, version, c.var.actor);
    return c.json(withCheckpoints(measure), 200, etag(measure.version));
  })
  .openapi(schedule, async (c) => {
    const { roundId, id } = c.req.valid('param');
    const m = c.var.municipalityId;
    const current = await getMeasure(m, roundId, id);
    await getWritableRound(m, roundId).catch(translate);
    const entries = scheduleEntries(current, c.req.valid('json'));
    const version = c.req.valid('header')['if-match'];
    const measure = await setSchedule(m, current, entries, version, c.var.actor);
    return c.json(withCheckpoints(measure), 200, etag(measure.version));
  })
  .openapi(template, async (c) => {
    const { roundId } = c.req.valid('param');
    const { start, until, assess } = c.req.valid('json');
    await getWritableRound(c.var.municipalityId, roundId).catch(translate);
    const recurrence = { ...quarterlyTemplate(start, until), assess };
    const measures = await applyScheduleTemplate(c.var.municipalityId, roundId, recurrence, c.var.actor);
    return c.json({ items: measures.map((x) => withCheckpoints(x)) }, 200);
  })
  .openapi(report, async (c) => {
    const { roundId, id } = c.req.valid('param');
    const m = c.var.municipalityId;
    const measure = await visibleMeasure(m, c.var.principal, roundId, id);
    await getWritableRound(m, roundId).catch(translate);
    const version = c.req.valid('header')['if-match'];
    const asMember = c.var.principal.role !== 'coordinator';
    const saved = await addReport(m, measure, c.req.valid('json'), version, c.var.actor, asMember);
    return c.json(saved, 201, etag(saved.version));
  });
