import { OpenAPIHono } from '@hono/zod-openapi';
import type { Principal } from '@sillat/shared/auth';
import { Id, RatingsInput, Session, SessionInput, SessionPatch, SessionStatusChange, type Round } from '@sillat/shared';
import { canMoveSessionStatus, STAFF_EDITABLE_SESSION_FIELDS } from '@sillat/shared/session-status';
import * as z from 'zod';
import { districts } from '../data/districts';
import { NotFoundError } from '../data/errors';
import { getRound } from '../data/rounds';
import {
  createSession,
  getSession,
  listSessions,
  setSessionRatings,
  setSessionStatus,
  type SessionScope,
  updateSession,
} from '../data/sessions';
import { findUser } from '../data/users';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ApiError, type ErrorDetail } from '../http/errors';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';
import { IfMatchHeader, etag } from '../http/versioning';

/**
 * Discussion sessions of a round. Coordinators plan them; organisation staff
 * see and update only their own organisation's sessions — another
 * organisation's session is a 404 to them, as if it did not exist.
 */
const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const RoundParam = z.object({ roundId: Id });
const SessionParam = z.object({ roundId: Id, id: Id });
const tags = ['Sessions'];
const WORKERS = ['coordinator', 'organisationStaff'] as const;
const sessionResponse = { 200: { description: 'The session', ...json(Session) }, ...ErrorResponses };

const list = guardedRoute({
  method: 'get',
  path: '/{roundId}/sessions',
  tags,
  access: WORKERS,
  summary: 'List the sessions of a round (staff: their organisation’s)',
  request: { params: RoundParam },
  responses: {
    200: { description: 'The sessions', ...json(z.object({ items: z.array(Session) })) },
    ...ErrorResponses,
  },
});
const create = guardedRoute({
  method: 'post',
  path: '/{roundId}/sessions',
  tags,
  access: ['coordinator'],
  summary: 'Plan a discussion session',
  request: { params: RoundParam, body: { required: true, ...json(SessionInput) } },
  responses: { 201: { description: 'The new session', ...json(Session) }, ...ErrorResponses },
});
const read = guardedRoute({
  method: 'get',
  path: '/{roundId}/sessions/{id}',
  tags,
  access: WORKERS,
  summary: 'Read a session',
  request: { params: SessionParam },
  responses: sessionResponse,
});
const update = guardedRoute({
  method: 'patch',
  path: '/{roundId}/sessions/{id}',
  tags,
  access: WORKERS,
  summary: 'Change a session (staff: date, place, language, participants, facilitator and clerk)',
  request: { params: SessionParam, headers: IfMatchHeader, body: { required: true, ...json(SessionPatch) } },
  responses: sessionResponse,
});
const status = guardedRoute({
  method: 'post',
  path: '/{roundId}/sessions/{id}/status',
  tags,
  access: WORKERS,
  summary: 'Mark a session held (or planned again)',
  request: { params: SessionParam, headers: IfMatchHeader, body: { required: true, ...json(SessionStatusChange) } },
  responses: sessionResponse,
});

const ratings = guardedRoute({
  method: 'put',
  path: '/{roundId}/sessions/{id}/ratings',
  tags,
  access: WORKERS,
  summary: 'Record how participants rated each aspect (counts per point 1–5; no individual answers)',
  request: { params: SessionParam, headers: IfMatchHeader, body: { required: true, ...json(RatingsInput) } },
  responses: sessionResponse,
});

/** Staff are confined to their organisation; everyone else allowed here sees the whole round. */
const scopeOf = (p: Principal): SessionScope =>
  p.role === 'organisationStaff' ? { organisationId: p.organisationId } : {};

async function openRound(municipalityId: string, roundId: string): Promise<Round> {
  const round = await getRound(municipalityId, roundId);
  if (round.phase === 'closed')
    throw new ApiError(409, 'round_closed', 'The round is closed; its sessions no longer change.');
  return round;
}

const invalid = (details: ErrorDetail[]) =>
  new ApiError(400, 'validation_failed', 'The request body is not valid.', details);

/**
 * The references of a session as it will be: a group and an organisation of
 * the round, an existing district, and facilitator and clerk who are active
 * staff of that organisation.
 */
async function checkReferences(municipalityId: string, round: Round, s: Partial<Session>): Promise<void> {
  const details: ErrorDetail[] = [];
  if (s.populationGroupId && !round.populationGroupIds.includes(s.populationGroupId)) {
    details.push({ field: 'populationGroupId', message: 'This group is not consulted in this round.' });
  }
  if (s.organisationId && !round.organisationIds.includes(s.organisationId)) {
    details.push({ field: 'organisationId', message: 'This organisation is not contracted in this round.' });
  }
  if (s.districtId) {
    await districts.get(municipalityId, s.districtId).catch((err: unknown) => {
      if (!(err instanceof NotFoundError)) throw err;
      details.push({ field: 'districtId', message: 'No such district.' });
    });
  }
  for (const field of ['facilitatorId', 'clerkId'] as const) {
    const userId = s[field];
    if (!userId) continue;
    const user = await findUser(municipalityId, userId);
    if (
      !user ||
      user.status !== 'active' ||
      user.role !== 'organisationStaff' ||
      user.organisationId !== s.organisationId
    ) {
      details.push({ field, message: 'Choose an active staff member of the session’s organisation.' });
    }
  }
  if (details.length) throw invalid(details);
}

export const sessionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => {
    const { roundId } = c.req.valid('param');
    await getRound(c.var.municipalityId, roundId); // 404 for an unknown round rather than an empty list
    return c.json({ items: await listSessions(c.var.municipalityId, roundId, scopeOf(c.var.principal)) }, 200);
  })
  .openapi(create, async (c) => {
    const { roundId } = c.req.valid('param');
    const input = c.req.valid('json');
    const round = await openRound(c.var.municipalityId, roundId);
    await checkReferences(c.var.municipalityId, round, input);
    const session = await createSession(c.var.municipalityId, roundId, input, c.var.actor);
    return c.json(session, 201, etag(session.version));
  })
  .openapi(read, async (c) => {
    const { roundId, id } = c.req.valid('param');
    const session = await getSession(c.var.municipalityId, roundId, id, scopeOf(c.var.principal));
    return c.json(session, 200, etag(session.version));
  })
  .openapi(update, async (c) => {
    const { roundId, id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const current = await getSession(c.var.municipalityId, roundId, id, scopeOf(c.var.principal));
    if (c.var.principal.role === 'organisationStaff') {
      const notAllowed = Object.keys(patch).filter(
        (f) => !(STAFF_EDITABLE_SESSION_FIELDS as readonly string[]).includes(f),
      );
      if (notAllowed.length) {
        throw new ApiError(
          403,
          'forbidden',
          'Only the coordinator changes who is consulted, where, by which organisation, and the notes deadline.',
          notAllowed.map((field) => ({ field, message: 'Only the coordinator may change this.' })),
        );
      }
    }
    const round = await openRound(c.var.municipalityId, roundId);
    const merged = { ...current, ...Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v ?? undefined])) };
    await checkReferences(c.var.municipalityId, round, merged);
    const version = c.req.valid('header')['if-match'];
    const session = await updateSession(c.var.municipalityId, current, patch, version, c.var.actor);
    return c.json(session, 200, etag(session.version));
  })
  .openapi(status, async (c) => {
    const { roundId, id } = c.req.valid('param');
    const { status: to } = c.req.valid('json');
    const current = await getSession(c.var.municipalityId, roundId, id, scopeOf(c.var.principal));
    await openRound(c.var.municipalityId, roundId);
    if (!canMoveSessionStatus(current.status, to)) {
      throw new ApiError(409, 'status_move_not_allowed', `A session cannot go from ${current.status} to ${to} here.`, [
        { field: 'status', message: 'Not an allowed move.' },
      ]);
    }
    const session = await setSessionStatus(
      c.var.municipalityId,
      current,
      to,
      c.req.valid('header')['if-match'],
      c.var.actor,
    );
    return c.json(session, 200, etag(session.version));
  })
  .openapi(ratings, async (c) => {
    const { roundId, id } = c.req.valid('param');
    const { ratings: counts } = c.req.valid('json');
    const current = await getSession(c.var.municipalityId, roundId, id, scopeOf(c.var.principal));
    await openRound(c.var.municipalityId, roundId);
    if (current.status === 'planned') {
      throw new ApiError(409, 'session_not_held', 'Mark the session held before recording its ratings.');
    }
    // More ratings than people in the room would be a typo, or individual answers smuggled in twice.
    const participants = current.participantCount;
    const details = Object.entries(counts).flatMap(([aspect, points]) => {
      const total = (points ?? []).reduce((a, b) => a + b, 0);
      if (participants === undefined)
        return [{ field: `ratings.${aspect}`, message: 'Record the number of participants first.' }];
      return total > participants
        ? [{ field: `ratings.${aspect}`, message: `${total} ratings but only ${participants} participants.` }]
        : [];
    });
    if (details.length) throw invalid(details);
    const version = c.req.valid('header')['if-match'];
    const session = await setSessionRatings(c.var.municipalityId, current, counts, version, c.var.actor);
    return c.json(session, 200, etag(session.version));
  });
