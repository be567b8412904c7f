import { OpenAPIHono } from '@hono/zod-openapi';
import { DASHBOARD_READERS } from '@sillat/shared/access';
import { Card, CardInput, CardPatch, Id } from '@sillat/shared';
import { roundOverview } from '@sillat/shared/round-overview';
import * as z from 'zod';
import { createCard, getCard, listCards, updateCard } from '../data/cards';
import { NotFoundError } from '../data/errors';
import { getRound } from '../data/rounds';
import { getSession, listSessions } from '../data/sessions';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ApiError } from '../http/errors';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';
import { IfMatchHeader, etag } from '../http/versioning';

/**
 * Experience cards of a round, curated by the coordinator for the
 * decision-maker session's deck, and the round overview built on them.
 */
const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const RoundParam = z.object({ roundId: Id });
const CardParam = z.object({ roundId: Id, id: Id });
const tags = ['Experience cards'];
const COORDINATOR = ['coordinator'] as const;
/** Reading cards: also those who follow the dashboards, whose card counts link to exactly these cards. */
const cardResponse = { 200: { description: 'The card', ...json(Card) }, ...ErrorResponses };

const list = guardedRoute({
  method: 'get',
  path: '/{roundId}/cards',
  tags,
  access: DASHBOARD_READERS,
  summary: 'The round’s cards, in deck order',
  request: { params: RoundParam },
  responses: { 200: { description: 'The cards', ...json(z.object({ items: z.array(Card) })) }, ...ErrorResponses },
});
const create = guardedRoute({
  method: 'post',
  path: '/{roundId}/cards',
  tags,
  access: COORDINATOR,
  summary: 'Make a card from a session’s approved notes',
  request: { params: RoundParam, body: { required: true, ...json(CardInput) } },
  responses: { 201: { description: 'The new card', ...json(Card) }, ...ErrorResponses },
});
const read = guardedRoute({
  method: 'get',
  path: '/{roundId}/cards/{id}',
  tags,
  access: DASHBOARD_READERS,
  summary: 'Read a card',
  request: { params: CardParam },
  responses: cardResponse,
});
const update = guardedRoute({
  method: 'patch',
  path: '/{roundId}/cards/{id}',
  tags,
  access: COORDINATOR,
  summary: 'Curate a card: wording, aspect, tone, translations, in the deck or not',
  request: { params: CardParam, headers: IfMatchHeader, body: { required: true, ...json(CardPatch) } },
  responses: cardResponse,
});

const overview = guardedRoute({
  method: 'get',
  path: '/{roundId}/overview',
  tags: ['Rounds'],
  access: COORDINATOR,
  summary: 'Round overview: sessions by group and district with status, late notes, card counts per aspect and tone',
  request: { params: RoundParam },
  responses: { 200: { description: 'The overview', ...json(z.record(z.string(), z.unknown())) }, ...ErrorResponses },
});

async function openRound(m: string, roundId: string): Promise<void> {
  if ((await getRound(m, roundId)).phase === 'closed') {
    throw new ApiError(409, 'round_closed', 'The round is closed; its cards no longer change.');
  }
}

export const cardRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => {
    const { roundId } = c.req.valid('param');
    await getRound(c.var.municipalityId, roundId);
    return c.json({ items: await listCards(c.var.municipalityId, roundId) }, 200);
  })
  .openapi(create, async (c) => {
    const { roundId } = c.req.valid('param');
    const input = c.req.valid('json');
    await openRound(c.var.municipalityId, roundId);
    const session = await getSession(c.var.municipalityId, roundId, input.sessionId).catch((err: unknown) => {
      if (err instanceof NotFoundError) {
        throw new ApiError(400, 'validation_failed', 'The request body is not valid.', [
          { field: 'sessionId', message: 'No such session in this round.' },
        ]);
      }
      throw err;
    });
    // Cards come from anonymised, reviewed material only.
    if (session.status !== 'approved') {
      throw new ApiError(409, 'notes_not_approved', 'Approve the session’s notes before making cards from them.');
    }
    const card = await createCard(c.var.municipalityId, session, input, c.var.actor);
    return c.json(card, 201, etag(card.version));
  })
  .openapi(read, async (c) => {
    const { roundId, id } = c.req.valid('param');
    const card = await getCard(c.var.municipalityId, roundId, id);
    return c.json(card, 200, etag(card.version));
  })
  .openapi(update, async (c) => {
    const { roundId, id } = c.req.valid('param');
    const current = await getCard(c.var.municipalityId, roundId, id);
    await openRound(c.var.municipalityId, roundId);
    const version = c.req.valid('header')['if-match'];
    const card = await updateCard(c.var.municipalityId, current, c.req.valid('json'), version, c.var.actor);
    return c.json(card, 200, etag(card.version));
  })
  .openapi(overview, async (c) => {
    const { roundId } = c.req.valid('param');
    await getRound(c.var.municipalityId, roundId);
    const [sessions, cards] = await Promise.all([
      listSessions(c.var.municipalityId, roundId),
      listCards(c.var.municipalityId, roundId),
    ]);
    // "Late" is judged by the municipality's calendar day.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(new Date());
    return c.json({ ...roundOverview(sessions, cards, today) }, 200);
  });
