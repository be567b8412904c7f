import { randomInt } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { NotFoundError } from './errors';

/**
 * Codes that let people without an account reach one thing of one round: the
 * feedback survey (a short code typed from the screen or a QR code) and the
 * "more of this, less of that" board (a longer token behind a QR code).
 *
 * A code arrives without a token, so it cannot carry the municipality the way
 * every other request does; it is looked up here instead. This is the one kind
 * of item whose key does not start with MUNI#: pk = CODE#<code>, sk = CODE,
 * holding only which municipality and round it opens. The owning entity (the
 * survey, the board) stays under its municipality and decides whether the code
 * still opens anything (open or closed), so a code never outlives its owner's
 * rules.
 */
export type CodeKind = 'survey' | 'board';

export interface CodeTarget {
  kind: CodeKind;
  municipalityId: string;
  roundId: string;
}

/** No 0/O, 1/I/L: a code read off a projector and typed on a phone. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Survey codes are typed by hand; board tokens only travel in links and QR codes. */
export const CODE_LENGTH: Record<CodeKind, number> = { survey: 6, board: 16 };

export function newCode(kind: CodeKind): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH[kind]; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** What a person typed, as stored: upper case, without spaces or dashes. */
export function normaliseCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

/** Whether `code` could be a code of `kind` at all; anything else is answered 404 without a read. */
export function isWellFormedCode(kind: CodeKind, code: string): boolean {
  return code.length === CODE_LENGTH[kind] && [...code].every((ch) => CODE_ALPHABET.includes(ch));
}

const codeKey = (code: string) => ({ pk: `CODE#${code}`, sk: 'CODE' });

/**
 * The Put of a new code, for the owner's own transaction: the condition makes a
 * clash with an existing code fail the whole transaction, and the caller tries
 * again with a fresh code (see {@link withFreshCode}).
 */
export function codePut(code: string, target: CodeTarget) {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...codeKey(code), type: 'code', ...target },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Runs `write` with fresh codes until one does not clash. `write` throws the
 * DynamoDB error; `clashed` tells a code clash from the owner's own condition
 * failures (which are re-thrown for the caller to translate).
 */
export async function withFreshCode<T>(
  kind: CodeKind,
  write: (code: string) => Promise<T>,
  clashed: (err: unknown) => boolean,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write(newCode(kind));
    } catch (err) {
      if (attempt >= 4 || !clashed(err)) throw err;
    }
  }
}

/** Whether a cancelled transaction failed on the item at `index` (where the code Put sits). */
export function failedAt(err: unknown, index: number): boolean {
  const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return reasons?.[index]?.Code === 'ConditionalCheckFailed';
}

/** Where a code leads, or NotFoundError for unknown codes and codes of another kind. */
export async function resolveCode(kind: CodeKind, code: string): Promise<CodeTarget> {
  if (!isWellFormedCode(kind, code)) throw new NotFoundError(kind, code);
  const res = await db().send(new GetCommand({ TableName: tableName(), Key: codeKey(code) }));
  if (!res.Item || res.Item.kind !== kind) throw new NotFoundError(kind, code);
  return {
    kind,
    municipalityId: res.Item.municipalityId as string,
    roundId: res.Item.roundId as string,
  };
}
