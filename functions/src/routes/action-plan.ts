import { OpenAPIHono } from '@hono/zod-openapi';
import { ANY_ROLE, COORDINATORS } from '@sillat/shared/access';
import { ActionPlan, ActionPlanInput, Id } from '@sillat/shared';
import * as z from 'zod';
import {
  confirmActionPlan,
  getActionPlan,
  PlanRefusedError,
  saveActionPlan,
  UnknownCandidateError,
} from '../data/action-plan';
import { getWritableRound } from '../data/decision-session';
import { ClosedRoundError, getRound } from '../data/rounds';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ApiError } from '../http/errors';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';
import { IfMatchHeader, etag } from '../http/versioning';

/**
 * The action plan: the one to four candidate measures the people in the room
 * will carry out (shared/src/action-plan.ts has the rules). A draft while the
 * coordinator chooses; confirmed, it is fixed and its measures go on to owners.
 */
const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const RoundParam = z.object({ roundId: Id });
const tags = ['Action plan'];
const planResponse = { 200: { description: 'The action plan', ...json(ActionPlan) }, ...ErrorResponses };

const read = guardedRoute({
  method: 'get',
  path: '/{roundId}/action-plan',
  tags,
  access: ANY_ROLE,
  summary: 'Read the action plan (an empty draft at version 0 before the first save)',
  request: { params: RoundParam },
  responses: planResponse,
});
const save = guardedRoute({
  method: 'put',
  path: '/{roundId}/action-plan',
  tags,
  access: COORDINATORS,
  summary: 'Choose the plan’s measures (at most four candidates; If-Match "0" for the first save)',
  request: { params: RoundParam, headers: IfMatchHeader, body: { required: true, ...json(ActionPlanInput) } },
  responses: planResponse,
});
const confirm = guardedRoute({
  method: 'post',
  path: '/{roundId}/action-plan/confirm',
  tags,
  access: COORDINATORS,
  summary: 'Confirm the plan (one to four measures); it no longer changes after this',
  request: { params: RoundParam, headers: IfMatchHeader },
  responses: planResponse,
});

function translate(err: unknown): never {
  if (err instanceof ClosedRoundError) throw new ApiError(409, 'round_closed', err.message);
  if (err instanceof PlanRefusedError) {
    // Too many measures is a fault in the body (a 400 on the field); the rest are the plan's state.
    if (err.code === 'plan_too_large') {
      throw new ApiError(400, 'validation_failed', 'The request body is not valid.', [
        { field: 'candidateIds', message: err.message },
      ]);
    }
    throw new ApiError(409, err.code, err.message);
  }
  if (err instanceof UnknownCandidateError) {
    throw new ApiError(400, 'validation_failed', 'The request body is not valid.', [
      { field: `candidateIds.${err.index}`, message: err.message },
    ]);
  }
  throw err;
}

export const actionPlanRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(read, async (c) => {
    const { roundId } = c.req.valid('param');
    await getRound(c.var.municipalityId, roundId);
    const plan = await getActionPlan(c.var.municipalityId, roundId);
    return c.json(plan, 200, etag(plan.version));
  })
  .openapi(save, async (c) => {
    const { roundId } = c.req.valid('param');
    await getWritableRound(c.var.municipalityId, roundId).catch(translate);
    const version = c.req.valid('header')['if-match'];
    const { candidateIds } = c.req.valid('json');
    const plan = await saveActionPlan(c.var.municipalityId, roundId, candidateIds, version, c.var.actor).catch(
      translate,
    );
    return c.json(plan, 200, etag(plan.version));
  })
  .openapi(confirm, async (c) => {
    const { roundId } = c.req.valid('param');
    await getWritableRound(c.var.municipalityId, roundId).catch(translate);
    const version = c.req.valid('header')['if-match'];
    const plan = await confirmActionPlan(c.var.municipalityId, roundId, version, c.var.actor).catch(translate);
    return c.json(plan, 200, etag(plan.version));
  });
