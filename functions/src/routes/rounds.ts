import { OpenAPIHono } from '@hono/zod-openapi';
import { ANY_ROLE, COORDINATORS } from '@sillat/shared/access';
import { Id, NextRoundInput, PhaseChange, Round, RoundInput, RoundPatch } from '@sillat/shared';
import * as z from 'zod';
import { NotFoundError } from '../data/errors';
import { organisations } from '../data/organisations';
import { populationGroups } from '../data/population-groups';
import type { RegistryItem, RegistryStore } from '../data/registry-store';
import {
  ClosedRoundError,
  createRound,
  getRound,
  listRounds,
  moveRoundPhase,
  NextRoundExistsError,
  PhaseMoveError,
  startNextRound,
  updateRound,
} from '../data/rounds';
import { draftSurveyPut, instrumentOf } from '../data/survey';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ApiError, type ErrorDetail } from '../http/errors';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';
import { IfMatchHeader, etag } from '../http/versioning';

/** Rounds of the cycle: everyone signed in reads them; coordinators set them up and move them along. */
const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const IdParam = z.object({ id: Id });
const tags = ['Rounds'];
const roundResponse = { 200: { description: 'The round', ...json(Round) }, ...ErrorResponses };

const list = guardedRoute({
  method: 'get',
  path: '/',
  tags,
  access: ANY_ROLE,
  summary: 'List the rounds, newest first',
  responses: { 200: { description: 'The rounds', ...json(z.object({ items: z.array(Round) })) }, ...ErrorResponses },
});
const create = guardedRoute({
  method: 'post',
  path: '/',
  tags,
  access: COORDINATORS,
  summary: 'Create a round (starts in planning)',
  request: { body: { required: true, ...json(RoundInput) } },
  responses: { 201: { description: 'The new round', ...json(Round) }, ...ErrorResponses },
});
const read = guardedRoute({
  method: 'get',
  path: '/{id}',
  tags,
  access: ANY_ROLE,
  summary: 'Read a round',
  request: { params: IdParam },
  responses: roundResponse,
});
const update = guardedRoute({
  method: 'patch',
  path: '/{id}',
  tags,
  access: COORDINATORS,
  summary: 'Change a round’s name, period, groups or organisations (not once closed)',
  request: { params: IdParam, headers: IfMatchHeader, body: { required: true, ...json(RoundPatch) } },
  responses: roundResponse,
});
const phase = guardedRoute({
  method: 'post',
  path: '/{id}/phase',
  tags,
  access: COORDINATORS,
  summary: 'Move the round one phase forward or back',
  request: { params: IdParam, headers: IfMatchHeader, body: { required: true, ...json(PhaseChange) } },
  responses: roundResponse,
});
const next = guardedRoute({
  method: 'post',
  path: '/{id}/next',
  tags,
  access: COORDINATORS,
  summary: 'Start the next round from this one (same groups, organisations and survey wording, linked for comparison)',
  request: { params: IdParam, body: { required: true, ...json(NextRoundInput) } },
  responses: { 201: { description: 'The new round', ...json(Round) }, ...ErrorResponses },
});

/** The ids among `ids` that name no item of the caller's municipality, as error details. */
async function missingIds(
  municipalityId: string,
  store: Pick<RegistryStore<object, object, RegistryItem>, 'get'>,
  ids: readonly string[] | undefined,
  field: string,
): Promise<ErrorDetail[]> {
  const found = await Promise.all(
    (ids ?? []).map((id, i) =>
      store.get(municipalityId, id).then(
        () => undefined,
        (err: unknown) => {
          if (err instanceof NotFoundError)
            return { field: `${field}.${i}`, message: 'No such item in this municipality.' };
          throw err;
        },
      ),
    ),
  );
  return found.filter((d) => d !== undefined);
}

/** Every group and organisation must exist in the caller's municipality; a 400 names each that does not. */
async function assertReferences(
  municipalityId: string,
  body: { populationGroupIds?: string[]; organisationIds?: string[] },
) {
  const details = [
    ...(await missingIds(municipalityId, populationGroups, body.populationGroupIds, 'populationGroupIds')),
    ...(await missingIds(municipalityId, organisations, body.organisationIds, 'organisationIds')),
  ];
  if (details.length) throw new ApiError(400, 'validation_failed', 'The request body is not valid.', details);
}

/** Domain refusals as API answers. */
function translate(err: unknown): never {
  if (err instanceof ClosedRoundError) throw new ApiError(409, 'round_closed', err.message);
  if (err instanceof PhaseMoveError) {
    throw new ApiError(409, 'phase_move_not_allowed', err.message, [{ field: 'phase', message: err.message }]);
  }
  if (err instanceof NextRoundExistsError) throw new ApiError(409, 'next_round_exists', err.message);
  throw err;
}

export const roundRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => c.json({ items: await listRounds(c.var.municipalityId) }, 200))
  .openapi(create, async (c) => {
    const input = c.req.valid('json');
    await assertReferences(c.var.municipalityId, input);
    const round = await createRound(c.var.municipalityId, input, c.var.actor);
    return c.json(round, 201, etag(round.version));
  })
  .openapi(read, async (c) => {
    const round = await getRound(c.var.municipalityId, c.req.valid('param').id);
    return c.json(round, 200, etag(round.version));
  })
  .openapi(update, async (c) => {
    const patch = c.req.valid('json');
    const current = await getRound(c.var.municipalityId, c.req.valid('param').id);
    await assertReferences(c.var.municipalityId, patch);
    const version = c.req.valid('header')['if-match'];
    const round = await updateRound(c.var.municipalityId, current, patch, version, c.var.actor).catch(translate);
    return c.json(round, 200, etag(round.version));
  })
  .openapi(phase, async (c) => {
    const current = await getRound(c.var.municipalityId, c.req.valid('param').id);
    const version = c.req.valid('header')['if-match'];
    const { phase: to } = c.req.valid('json');
    const round = await moveRoundPhase(c.var.municipalityId, current, to, version, c.var.actor).catch(translate);
    return c.json(round, 200, etag(round.version));
  })
  .openapi(next, async (c) => {
    const m = c.var.municipalityId;
    const previous = await getRound(m, c.req.valid('param').id);
    // The survey's wording goes along, so both rounds ask the same questions in the same words.
    const instrument = await instrumentOf(m, previous.id);
    const carriedOver = (roundId: string, at: string) =>
      instrument ? [draftSurveyPut(m, roundId, instrument, at)] : [];
    const round = await startNextRound(m, previous, c.req.valid('json'), c.var.actor, carriedOver).catch(translate);
    return c.json(round, 201, etag(round.version));
  });
