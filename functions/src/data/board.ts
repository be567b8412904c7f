import { GetCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Board, BoardStatus, Idea, IdeaInput, Mark } from '@sillat/shared';
import { type Actor, auditPut } from './audit';
import { db, tableName } from './client';
import { isConditionFailure, NotFoundError, VersionConflictError } from './errors';
import { municipalityPk } from './municipality-keys';
import { retryingConflicts } from './retry';
import { codePut, failedAt, withFreshCode } from './public-codes';
import { queryByPrefix } from './query';

/**
 * The "more of this, less of that" board of a round's decision-maker session.
 * Everything sorts under one prefix, so the facilitator's summary is one
 * Query bounded by the tables (at most 30) and the ideas:
 * - ROUND#<r>#BOARD: status, table count, the token of the tables' pages, version;
 * - ROUND#<r>#BOARD#TABLE#<nn>: one item per table with `marks` (cardId → more/less)
 *   and `open`. Each table writes only its own item, one map entry at a time
 *   (SET marks.#card / REMOVE), so tables marking at once never overwrite each
 *   other; `open` is set on every table in the same transaction that opens or
 *   closes the board, so a mark's own condition refuses a closed board;
 * - ROUND#<r>#BOARD#IDEA#<id>: the tables' ideas, put only if the id is new, so a
 *   phone that retries with the same id stores one idea.
 * The token (public-codes.ts) is created with the board and kept when it is
 * closed and re-opened. Opening and closing are audited; marks and ideas have
 * no actor (the tables do not sign in) and are not.
 */
const ENTITY = 'board';
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const prefix = (roundId: string) => `ROUND#${roundId}#BOARD`;
const boardKey = (m: string, roundId: string) => ({ pk: municipalityPk(m), sk: prefix(roundId) });
const tableKey = (m: string, roundId: string, table: number) => ({
  pk: municipalityPk(m),
  sk: `${prefix(roundId)}#TABLE#${String(table).padStart(2, '0')}`,
});
const ideaKey = (m: string, roundId: string, id: string) => ({
  pk: municipalityPk(m),
  sk: `${prefix(roundId)}#IDEA#${id}`,
});

export interface BoardState {
  roundId: string;
  status: BoardStatus;
  token?: string;
  tables: number;
  version: number;
  /** Each table's marks, by table number. */
  marks: Map<number, Record<string, Mark>>;
  ideas: Idea[];
}

/** The board is not open (never opened, or closed): public pages answer 404. */
export class BoardClosedError extends Error {
  override readonly name = 'BoardClosedError';
  constructor() {
    super('No open board at this address. Ask the facilitator for the current link.');
  }
}

/** Closing a board that is not open. */
export class BoardNotOpenError extends Error {
  override readonly name = 'BoardNotOpenError';
  constructor() {
    super('The board is not open.');
  }
}

function toIdea(raw: Record<string, unknown>): Idea {
  const { id, table, kind, text, cardIds, createdAt } = raw as Idea;
  return { id, table, kind, text, cardIds: cardIds ?? [], createdAt };
}

/** Board, tables and ideas in one Query of the board's prefix. */
export async function readBoard(m: string, roundId: string): Promise<BoardState> {
  const items = await queryByPrefix(municipalityPk(m), prefix(roundId));
  const state: BoardState = { roundId, status: 'notOpened', tables: 0, version: 0, marks: new Map(), ideas: [] };
  for (const item of items) {
    if (item.type === ENTITY) {
      Object.assign(state, {
        status: item.status as BoardStatus,
        token: item.token as string,
        tables: item.tables as number,
        version: item.version as number,
      });
    } else if (item.type === 'boardTable') {
      state.marks.set(item.table as number, (item.marks ?? {}) as Record<string, Mark>);
    } else if (item.type === 'idea') {
      state.ideas.push(toIdea(item));
    }
  }
  state.ideas.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.table - b.table);
  return state;
}

/** What the facilitator sees: how many tables want more or less of each marked card, and every idea. */
export function toBoard(state: BoardState): Board {
  const counts = new Map<string, { cardId: string; more: number; less: number }>();
  for (const marks of state.marks.values()) {
    for (const [cardId, mark] of Object.entries(marks)) {
      const count = counts.get(cardId) ?? { cardId, more: 0, less: 0 };
      count[mark] += 1;
      counts.set(cardId, count);
    }
  }
  const cards = [...counts.values()].sort(
    (a, b) => b.more + b.less - (a.more + a.less) || b.more - a.more || a.cardId.localeCompare(b.cardId),
  );
  return {
    roundId: state.roundId,
    status: state.status,
    ...(state.token ? { token: state.token } : {}),
    tables: state.tables,
    version: state.version,
    summary: { cards, ideas: state.ideas },
  };
}

async function getBoardItem(m: string, roundId: string) {
  const res = await db().send(
    new GetCommand({ TableName: tableName(), Key: boardKey(m, roundId), ConsistentRead: true }),
  );
  return res.Item as { status: BoardStatus; tables: number; version: number } | undefined;
}

/** Tables 1..`upTo` exist with their marks kept; those up to `open` take marks, the rest do not. */
function tableUpdates(m: string, roundId: string, upTo: number, open: number): TransactItem[] {
  const names = { '#marks': 'marks', '#open': 'open', '#type': 'type', '#m': 'municipalityId', '#round': 'roundId' };
  return Array.from({ length: upTo }, (_, i) => ({
    Update: {
      TableName: tableName(),
      Key: tableKey(m, roundId, i + 1),
      UpdateExpression:
        'SET #marks = if_not_exists(#marks, :empty), #open = :open, #type = :type, #m = :m, #round = :round, #table = :table',
      ExpressionAttributeNames: { ...names, '#table': 'table' },
      ExpressionAttributeValues: {
        ...{ ':empty': {}, ':open': i + 1 <= open, ':type': 'boardTable' },
        ...{ ':m': m, ':round': roundId, ':table': i + 1 },
      },
    },
  }));
}

/**
 * One transaction for the board: its own write first (index 0, so a failed
 * condition there is `failedAt(err, 0)`), then `extra` (the token's Put at
 * index 1), every table's `open`, and the audit entry.
 */
async function writeBoard(
  m: string,
  roundId: string,
  board: TransactItem,
  tables: { upTo: number; open: number },
  audit: { actor: Actor; action: string; changes?: Record<string, unknown>; at: string },
  extra: TransactItem[] = [],
): Promise<void> {
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        board,
        ...extra,
        ...tableUpdates(m, roundId, tables.upTo, tables.open),
        auditPut({ ...audit, municipalityId: m, target: { type: ENTITY, id: roundId } }),
      ],
    }),
  );
}

/** Sets the board's status and table count if it is still at `version`. */
function boardUpdate(m: string, roundId: string, version: number, status: BoardStatus, tables: number, at: string) {
  return {
    Update: {
      TableName: tableName(),
      Key: boardKey(m, roundId),
      UpdateExpression: 'SET #status = :status, #tables = :tables, #version = #version + :one, updatedAt = :at',
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#status': 'status', '#tables': 'tables', '#version': 'version' },
      ExpressionAttributeValues: { ':status': status, ':tables': tables, ':one': 1, ':at': at, ':expected': version },
    },
  };
}

/**
 * Opens the board with `tables` tables, or re-opens it (a closed board, or an
 * open one with a new table count). The first opening creates the token in
 * the same transaction (a fresh one if it clashes with an existing code).
 * Opening takes no If-Match — it sets, it does not edit — so a board changed
 * between the read and the write is simply read again.
 */
export async function openBoard(m: string, roundId: string, tables: number, actor: Actor): Promise<Board> {
  for (let attempt = 0; ; attempt++) {
    const current = await getBoardItem(m, roundId);
    const at = new Date().toISOString();
    const audit = { actor, action: 'board.open', changes: { tables }, at };
    try {
      if (current) {
        const upTo = Math.max(tables, current.tables);
        const update = boardUpdate(m, roundId, current.version, 'open', tables, at);
        await writeBoard(m, roundId, update, { upTo, open: tables }, audit);
      } else {
        const item = { type: ENTITY, municipalityId: m, roundId, status: 'open', tables, version: 1, createdAt: at };
        const put = (token: string) => ({
          Put: {
            TableName: tableName(),
            Item: { ...boardKey(m, roundId), ...item, token, updatedAt: at },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
        await withFreshCode(
          'board',
          (token) =>
            writeBoard(m, roundId, put(token), { upTo: tables, open: tables }, audit, [
              codePut(token, { kind: 'board', municipalityId: m, roundId }),
            ]),
          (err) => failedAt(err, 1),
        );
      }
      break;
    } catch (err) {
      if (attempt >= 2 || !failedAt(err, 0)) throw err;
    }
  }
  return toBoard(await readBoard(m, roundId));
}

/** Closes an open board at the version the facilitator saw; every table stops taking marks and ideas at once. */
export async function closeBoard(m: string, roundId: string, expectedVersion: number, actor: Actor): Promise<Board> {
  const current = await getBoardItem(m, roundId);
  if ((current?.version ?? 0) !== expectedVersion) throw new VersionConflictError(ENTITY, roundId, expectedVersion);
  if (current?.status !== 'open') throw new BoardNotOpenError();
  const at = new Date().toISOString();
  const update = boardUpdate(m, roundId, expectedVersion, 'closed', current.tables, at);
  await writeBoard(m, roundId, update, { upTo: current.tables, open: 0 }, { actor, action: 'board.close', at }).catch(
    (err: unknown) => {
      // The version condition failed: someone opened or closed it meanwhile.
      if (isConditionFailure(err)) throw new VersionConflictError(ENTITY, roundId, expectedVersion);
      throw err;
    },
  );
  return toBoard(await readBoard(m, roundId));
}

/** Sets (or with "none" removes) one table's mark on one card; returns the table's marks. */
export async function markCard(
  m: string,
  roundId: string,
  table: number,
  cardId: string,
  mark: Mark | 'none',
): Promise<Record<string, Mark>> {
  try {
    const res = await retryingConflicts(() =>
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: tableKey(m, roundId, table),
          UpdateExpression: mark === 'none' ? 'REMOVE #marks.#card' : 'SET #marks.#card = :mark',
          ConditionExpression: '#open = :true',
          ExpressionAttributeNames: { '#marks': 'marks', '#card': cardId, '#open': 'open' },
          ExpressionAttributeValues: { ':true': true, ...(mark === 'none' ? {} : { ':mark': mark }) },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return (res.Attributes?.marks ?? {}) as Record<string, Mark>;
  } catch (err) {
    if (isConditionFailure(err)) throw new BoardClosedError();
    throw err;
  }
}

/**
 * Stores a table's idea if its id is new and the table is open, in one
 * transaction. A retry with the same id finds the stored idea and returns it
 * (`created: false`) instead of storing a second one.
 */
export async function addIdea(
  m: string,
  roundId: string,
  table: number,
  id: string,
  input: Omit<IdeaInput, 'id'>,
): Promise<{ idea: Idea; created: boolean }> {
  const idea: Idea = {
    id,
    table,
    kind: input.kind,
    text: input.text,
    cardIds: input.cardIds ?? [],
    createdAt: new Date().toISOString(),
  };
  try {
    await retryingConflicts(() =>
      db().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: tableName(),
                Key: tableKey(m, roundId, table),
                ConditionExpression: '#open = :true',
                ExpressionAttributeNames: { '#open': 'open' },
                ExpressionAttributeValues: { ':true': true },
              },
            },
            {
              Put: {
                TableName: tableName(),
                Item: { ...ideaKey(m, roundId, id), type: 'idea', municipalityId: m, roundId, ...idea },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      ),
    );
    return { idea, created: true };
  } catch (err) {
    if (failedAt(err, 0)) throw new BoardClosedError();
    if (failedAt(err, 1)) return { idea: await getIdea(m, roundId, id), created: false };
    throw err;
  }
}

/** One idea of the round's board (candidate measures refer to them), or NotFoundError. */
export async function getIdea(m: string, roundId: string, id: string): Promise<Idea> {
  const res = await db().send(
    new GetCommand({ TableName: tableName(), Key: ideaKey(m, roundId, id), ConsistentRead: true }),
  );
  if (!res.Item) throw new NotFoundError('idea', id);
  return toIdea(res.Item);
}
