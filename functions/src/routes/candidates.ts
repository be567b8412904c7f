import { OpenAPIHono } from '@hono/zod-openapi';
import { ANY_ROLE, COORDINATORS } from '@sillat/shared/access';
import { Candidate, CandidateInput, CandidatePatch, Id } from '@sillat/shared';
import * as z from 'zod';
import { getIdea } from '../data/board';
import {
  CandidateInPlanError,
  createCandidate,
  deleteCandidate,
  getCandidate,
  listCandidates,
  updateCandidate,
} from '../data/candidates';
import { getCard } from '../data/cards';
import { getWritableRound } from '../data/decision-session';
import { districts } from '../data/districts';
import { NotFoundError } from '../data/errors';
import { populationGroups } from '../data/population-groups';
import { ClosedRoundError, getRound } from '../data/rounds';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ApiError, type ErrorDetail } from '../http/errors';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';
import { IfMatchHeader, etag } from '../http/versioning';

/**
 * Candidate measures of a round: what the board's ideas became, targeting
 * aspects, population groups and districts. Everyone signed in reads them (the
 * survey and the plan name them); the coordinator writes them.
 */
const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const RoundParam = z.object({ roundId: Id });
const CandidateParam = z.object({ roundId: Id, id: Id });
const tags = ['Candidate measures'];
const candidateResponse = { 200: { description: 'The candidate measure', ...json(Candidate) }, ...ErrorResponses };

const list = guardedRoute({
  method: 'get',
  path: '/{roundId}/candidates',
  tags,
  access: ANY_ROLE,
  summary: 'The round’s candidate measures, in the order they were written down',
  request: { params: RoundParam },
  responses: {
    200: { description: 'The candidates', ...json(z.object({ items: z.array(Candidate) })) },
    ...ErrorResponses,
  },
});
const create = guardedRoute({
  method: 'post',
  path: '/{roundId}/candidates',
  tags,
  access: COORDINATORS,
  summary: 'Write down a candidate measure',
  request: { params: RoundParam, body: { required: true, ...json(CandidateInput) } },
  responses: { 201: { description: 'The new candidate', ...json(Candidate) }, ...ErrorResponses },
});
const update = guardedRoute({
  method: 'patch',
  path: '/{roundId}/candidates/{id}',
  tags,
  access: COORDINATORS,
  summary: 'Change a candidate measure',
  request: { params: CandidateParam, headers: IfMatchHeader, body: { required: true, ...json(CandidatePatch) } },
  responses: candidateResponse,
});
const remove = guardedRoute({
  method: 'delete',
  path: '/{roundId}/candidates/{id}',
  tags,
  access: COORDINATORS,
  summary: 'Delete a candidate measure (not while the action plan includes it)',
  request: { params: CandidateParam, headers: IfMatchHeader },
  responses: { 204: { description: 'Deleted' }, ...ErrorResponses },
});

/** Each id that `exists` does not find, as `field.<index>` details. */
async function missing(
  ids: readonly string[] | undefined,
  field: string,
  exists: (id: string) => Promise<unknown>,
): Promise<ErrorDetail[]> {
  const found = await Promise.all(
    (ids ?? []).map((id, i) =>
      exists(id).then(
        () => undefined,
        (err: unknown) => {
          if (err instanceof NotFoundError) return { field: `${field}.${i}`, message: 'No such item.' };
          throw err;
        },
      ),
    ),
  );
  return found.filter((d) => d !== undefined);
}

/** Groups and districts of the municipality, ideas and cards of this round; a 400 names each that is not. */
async function assertReferences(m: string, roundId: string, body: Partial<CandidateInput>) {
  const details = (
    await Promise.all([
      missing(body.populationGroupIds, 'populationGroupIds', (id) => populationGroups.get(m, id)),
      missing(body.districtIds, 'districtIds', (id) => districts.get(m, id)),
      missing(body.ideaIds, 'ideaIds', (id) => getIdea(m, roundId, id)),
      missing(body.cardIds, 'cardIds', (id) => getCard(m, roundId, id)),
    ])
  ).flat();
  if (details.length) throw new ApiError(400, 'validation_failed', 'The request body is not valid.', details);
}

function translate(err: unknown): never {
  if (err instanceof ClosedRoundError) throw new ApiError(409, 'round_closed', err.message);
  if (err instanceof CandidateInPlanError) throw new ApiError(409, 'candidate_in_plan', err.message);
  throw err;
}

export const candidateRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => {
    const { roundId } = c.req.valid('param');
    await getRound(c.var.municipalityId, roundId);
    return c.json({ items: await listCandidates(c.var.municipalityId, roundId) }, 200);
  })
  .openapi(create, async (c) => {
    const { roundId } = c.req.valid('param');
    const input = c.req.valid('json');
    await getWritableRound(c.var.municipalityId, roundId).catch(translate);
    await assertReferences(c.var.municipalityId, roundId, input);
    const candidate = await createCandidate(c.var.municipalityId, roundId, input, c.var.actor);
    return c.json(candidate, 201, etag(candidate.version));
  })
  .openapi(update, async (c) => {
    const { roundId, id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const current = await getCandidate(c.var.municipalityId, roundId, id);
    await getWritableRound(c.var.municipalityId, roundId).catch(translate);
    await assertReferences(c.var.municipalityId, roundId, patch);
    const version = c.req.valid('header')['if-match'];
    const candidate = await updateCandidate(c.var.municipalityId, current, patch, version, c.var.actor);
    return c.json(candidate, 200, etag(candidate.version));
  })
  .openapi(remove, async (c) => {
    const { roundId, id } = c.req.valid('param');
    const current = await getCandidate(c.var.municipalityId, roundId, id);
    await getWritableRound(c.var.municipalityId, roundId).catch(translate);
    const version = c.req.valid('header')['if-match'];
    await deleteCandidate(c.var.municipalityId, current, version, c.var.actor).catch(translate);
    return c.body(null, 204);
  });
