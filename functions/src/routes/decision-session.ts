import { OpenAPIHono } from '@hono/zod-openapi';
import { COORDINATORS } from '@sillat/shared/access';
import type { Role } from '@sillat/shared/auth';
import { DecisionSession, DecisionSessionInput, Id } from '@sillat/shared';
import * as z from 'zod';
import { getDecisionSession, getWritableRound, saveDecisionSession } from '../data/decision-session';
import { ClosedRoundError, getRound } from '../data/rounds';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ApiError } from '../http/errors';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';
import { IfMatchHeader, etag } from '../http/versioning';

/**
 * The decision-maker session of a round (part 2 of the method): date, place
 * and attendance by category. Council members read it for their reports.
 */
const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const RoundParam = z.object({ roundId: Id });
const tags = ['Decision-maker session'];
const READERS: readonly Role[] = ['coordinator', 'councilMember'];
const sessionResponse = {
  200: { description: 'The decision-maker session', ...json(DecisionSession) },
  ...ErrorResponses,
};

const read = guardedRoute({
  method: 'get',
  path: '/{roundId}/decision-session',
  tags,
  access: READERS,
  summary: 'Read the decision-maker session (version 0, all counts 0, before the first save)',
  request: { params: RoundParam },
  responses: sessionResponse,
});
const save = guardedRoute({
  method: 'put',
  path: '/{roundId}/decision-session',
  tags,
  access: COORDINATORS,
  summary: 'Save date, place and attendance (If-Match "0" for the first save)',
  request: { params: RoundParam, headers: IfMatchHeader, body: { required: true, ...json(DecisionSessionInput) } },
  responses: sessionResponse,
});

/** The round is closed: later rounds compare against it, so nothing in it changes. */
function refuseClosedRound(err: unknown): never {
  if (err instanceof ClosedRoundError) throw new ApiError(409, 'round_closed', err.message);
  throw err;
}

export const decisionSessionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(read, async (c) => {
    const { roundId } = c.req.valid('param');
    await getRound(c.var.municipalityId, roundId);
    const session = await getDecisionSession(c.var.municipalityId, roundId);
    return c.json(session, 200, etag(session.version));
  })
  .openapi(save, async (c) => {
    const { roundId } = c.req.valid('param');
    await getWritableRound(c.var.municipalityId, roundId).catch(refuseClosedRound);
    const version = c.req.valid('header')['if-match'];
    const session = await saveDecisionSession(c.var.municipalityId, roundId, c.req.valid('json'), version, c.var.actor);
    return c.json(session, 200, etag(session.version));
  });
