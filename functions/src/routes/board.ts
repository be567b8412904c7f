import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { COORDINATORS } from '@sillat/shared/access';
import {
  Board,
  BoardMarks,
  BoardOpen,
  BoardTable,
  Id,
  Idea,
  IdeaInput,
  MarkInput,
  MAX_BOARD_TABLES,
} from '@sillat/shared';
import * as z from 'zod';
import {
  addIdea,
  BoardClosedError,
  BoardNotOpenError,
  closeBoard,
  markCard,
  openBoard,
  readBoard,
  toBoard,
} from '../data/board';
import { getCard, listCards } from '../data/cards';
import { getWritableRound } from '../data/decision-session';
import { NotFoundError } from '../data/errors';
import { normaliseCode, resolveCode } from '../data/public-codes';
import { ClosedRoundError, getRound } from '../data/rounds';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ApiError, type ErrorDetail } from '../http/errors';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';
import { IfMatchHeader, etag } from '../http/versioning';

/**
 * "More of this, less of that": the facilitator opens the board for the
 * session's tables (staff routes under /api/rounds), and each table's phone
 * or tablet marks the round's deck and writes ideas through a link with the
 * board's token (public routes under /api/boards, on PUBLIC_API_ROUTES). A
 * public request carries no municipality: the token names it, and a token of
 * a closed board, a closed round or an unknown token all answer the same 404.
 */
const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const RoundParam = z.object({ roundId: Id });
const tags = ['Decision-maker session'];
const boardResponse = { 200: { description: 'The board with its summary', ...json(Board) }, ...ErrorResponses };

const read = guardedRoute({
  method: 'get',
  path: '/{roundId}/board',
  tags,
  access: COORDINATORS,
  summary: 'The board: status, token, tables, and the marks and ideas so far',
  request: { params: RoundParam },
  responses: boardResponse,
});
const open = guardedRoute({
  method: 'post',
  path: '/{roundId}/board/open',
  tags,
  access: COORDINATORS,
  summary: 'Open the board for the tables (or re-open it with a new table count); the first opening makes its token',
  request: { params: RoundParam, body: { required: true, ...json(BoardOpen) } },
  responses: boardResponse,
});
const close = guardedRoute({
  method: 'post',
  path: '/{roundId}/board/close',
  tags,
  access: COORDINATORS,
  summary: 'Close the board: the tables’ pages stop taking marks and ideas',
  request: { params: RoundParam, headers: IfMatchHeader },
  responses: boardResponse,
});

function translate(err: unknown): never {
  if (err instanceof ClosedRoundError) throw new ApiError(409, 'round_closed', err.message);
  if (err instanceof BoardNotOpenError) throw new ApiError(409, 'board_not_open', err.message);
  throw err;
}

export const boardRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(read, async (c) => {
    const { roundId } = c.req.valid('param');
    await getRound(c.var.municipalityId, roundId);
    const board = toBoard(await readBoard(c.var.municipalityId, roundId));
    return c.json(board, 200, etag(board.version));
  })
  .openapi(open, async (c) => {
    const { roundId } = c.req.valid('param');
    await getWritableRound(c.var.municipalityId, roundId).catch(translate);
    const board = await openBoard(c.var.municipalityId, roundId, c.req.valid('json').tables, c.var.actor);
    return c.json(board, 200, etag(board.version));
  })
  .openapi(close, async (c) => {
    const { roundId } = c.req.valid('param');
    await getWritableRound(c.var.municipalityId, roundId).catch(translate);
    const version = c.req.valid('header')['if-match'];
    const board = await closeBoard(c.var.municipalityId, roundId, version, c.var.actor).catch(translate);
    return c.json(board, 200, etag(board.version));
  });

// ---- The tables' pages (public) ----------------------------------------------------------------

const TableParams = z.object({
  token: z.string().min(1).max(64),
  table: z.coerce.number().int().min(1).max(MAX_BOARD_TABLES),
});
const MarkParams = TableParams.extend({ cardId: Id });
const publicTags = ['Board (public)'];
const noStore = { 'Cache-Control': 'no-store' };

const tableView = guardedRoute({
  method: 'get',
  path: '/{token}/tables/{table}',
  tags: publicTags,
  access: 'public',
  summary: 'A table’s page: the round’s deck, and this table’s marks and ideas',
  request: { params: TableParams },
  responses: { 200: { description: 'The table’s page', ...json(BoardTable) }, ...ErrorResponses },
});
const mark = guardedRoute({
  method: 'put',
  path: '/{token}/tables/{table}/marks/{cardId}',
  tags: publicTags,
  access: 'public',
  summary: 'Mark a card "more of this" or "less of this" for the table ("none" takes the mark off)',
  request: { params: MarkParams, body: { required: true, ...json(MarkInput) } },
  responses: { 200: { description: 'The table’s marks', ...json(BoardMarks) }, ...ErrorResponses },
});
const idea = guardedRoute({
  method: 'post',
  path: '/{token}/tables/{table}/ideas',
  tags: publicTags,
  access: 'public',
  summary: 'Write down an idea; a retry with the same id returns the stored idea',
  request: { params: TableParams, body: { required: true, ...json(IdeaInput) } },
  responses: {
    200: { description: 'The idea, stored before under the same id', ...json(Idea) },
    201: { description: 'The new idea', ...json(Idea) },
    ...ErrorResponses,
  },
});

const closedBoard = () => new ApiError(404, 'not_found', new BoardClosedError().message);

/** Where the token leads, if the board there is open, its round is not closed and the table is one of its tables. */
async function openTable(token: string, table: number) {
  try {
    const { municipalityId, roundId } = await resolveCode('board', normaliseCode(token));
    const round = await getRound(municipalityId, roundId);
    const board = await readBoard(municipalityId, roundId);
    if (round.phase === 'closed' || board.status !== 'open' || table > board.tables) throw closedBoard();
    return { m: municipalityId, round, board };
  } catch (err) {
    if (err instanceof NotFoundError) throw closedBoard();
    throw err;
  }
}

/** The round's card, if it is in the deck; anything else is answered like a missing card. */
async function deckCard(m: string, roundId: string, cardId: string) {
  const card = await getCard(m, roundId, cardId).catch((err: unknown) => {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  });
  return card?.inDeck ? card : undefined;
}

const boardGone = (err: unknown): never => {
  if (err instanceof BoardClosedError) throw closedBoard();
  throw err;
};

export const publicBoardRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(tableView, async (c) => {
    const { token, table } = c.req.valid('param');
    const { m, round, board } = await openTable(token, table);
    const cards = (await listCards(m, round.id))
      .filter((card) => card.inDeck)
      .map(({ id, aspect, tone, language, text, translations, populationGroupId, districtId }) => ({
        id,
        aspect,
        tone,
        language,
        text,
        ...(translations ? { translations } : {}),
        populationGroupId,
        districtId,
      }));
    return c.json(
      {
        roundName: round.name,
        table,
        tables: board.tables,
        cards,
        marks: board.marks.get(table) ?? {},
        ideas: board.ideas.filter((i) => i.table === table),
      },
      200,
      noStore,
    );
  })
  .openapi(mark, async (c) => {
    const { token, table, cardId } = c.req.valid('param');
    const { m, round } = await openTable(token, table);
    if (!(await deckCard(m, round.id, cardId))) throw new ApiError(404, 'not_found', 'No such card in the deck.');
    const marks = await markCard(m, round.id, table, cardId, c.req.valid('json').mark).catch(boardGone);
    return c.json({ marks }, 200, noStore);
  })
  .openapi(idea, async (c) => {
    const { token, table } = c.req.valid('param');
    const { id, ...input } = c.req.valid('json');
    const { m, round } = await openTable(token, table);
    const cards = await Promise.all((input.cardIds ?? []).map((cardId) => deckCard(m, round.id, cardId)));
    const details: ErrorDetail[] = cards.flatMap((card, i) =>
      card ? [] : [{ field: `cardIds.${i}`, message: 'No such card in the deck.' }],
    );
    if (details.length) throw new ApiError(400, 'validation_failed', 'The request body is not valid.', details);
    const stored = await addIdea(m, round.id, table, id ?? randomUUID(), input).catch(boardGone);
    return stored.created ? c.json(stored.idea, 201, noStore) : c.json(stored.idea, 200, noStore);
  });
