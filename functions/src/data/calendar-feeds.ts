import { createHash, randomBytes } from 'node:crypto';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Locale } from '@sillat/shared';
import { readProfileItem } from './account';
import { type Actor, auditPut } from './audit';
import { db, tableName } from './client';
import { isConditionFailure, NotFoundError, VersionConflictError } from './errors';
import { userKey } from './users';
import { retryingConflicts } from './retry';

/**
 * Private calendar feeds (issue 6, item 7): a secret URL per person that
 * calendar apps poll without signing in. Like the public codes
 * (public-codes.ts), a feed request carries no token and so no municipality;
 * a lookup item outside the municipality partition says whose feed it is:
 * pk = CALFEED#<sha256 of the secret>, sk = CALFEED, holding municipalityId and userId.
 *
 * Only the hash is stored, so a copy of the table does not open anyone's
 * feed. The profile item keeps the current hash (`calendarFeedHash`), so
 * rotating or revoking deletes the old lookup item in the same transaction as
 * the change, and the feed resolves only while both still agree.
 */
const ENTITY = 'calendarFeed';
const feedKey = (hash: string) => ({ pk: `CALFEED#${hash}`, sk: 'CALFEED' });

/** 32 random bytes (256 bits), URL-safe base64 without padding: 43 characters. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

export function newFeedSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashFeedSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/**
 * The profile update of a feed change: only while the feed is still the one
 * read (or still absent), so two rotations at once cannot both win and leave
 * a lookup item behind. The profile's version is neither checked nor bumped:
 * the feed is not part of what If-Match guards (the user's fields and
 * notification choices), so a new link does not make an open settings form stale.
 */
function profileUpdate(m: string, userId: string, from: string | undefined, to: string | undefined) {
  return {
    Update: {
      TableName: tableName(),
      Key: userKey(m, userId),
      UpdateExpression: to ? 'SET calendarFeedHash = :to' : 'REMOVE calendarFeedHash',
      ConditionExpression:
        'attribute_exists(pk) AND #status = :active AND ' +
        (from ? 'calendarFeedHash = :from' : 'attribute_not_exists(calendarFeedHash)'),
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':active': 'active',
        ...(from ? { ':from': from } : {}),
        ...(to ? { ':to': to } : {}),
      },
    },
  } satisfies TransactItem;
}

async function changeFeed(m: string, userId: string, actor: Actor, to: string | undefined): Promise<void> {
  const raw = await readProfileItem(m, userId);
  if (!raw) throw new NotFoundError('user', userId);
  const from = typeof raw.calendarFeedHash === 'string' ? raw.calendarFeedHash : undefined;
  if (!from && !to) throw new NotFoundError(ENTITY, userId);
  const at = new Date().toISOString();
  const items: TransactItem[] = [
    profileUpdate(m, userId, from, to),
    ...(from ? [{ Delete: { TableName: tableName(), Key: feedKey(from) } }] : []),
    ...(to
      ? [
          {
            Put: {
              TableName: tableName(),
              Item: { ...feedKey(to), type: ENTITY, municipalityId: m, userId, createdAt: at },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]
      : []),
    auditPut({
      actor,
      municipalityId: m,
      action: to ? (from ? 'user.calendarFeed.rotate' : 'user.calendarFeed.create') : 'user.calendarFeed.revoke',
      target: { type: 'user', id: userId },
      // Never the hash: the audit trail outlives the feed and says only that it changed.
      changes: { calendarFeed: to !== undefined },
      at,
    }),
  ];
  try {
    await retryingConflicts(() => db().send(new TransactWriteCommand({ TransactItems: items })));
  } catch (err) {
    // Someone (another tab) changed the feed since it was read: ask to try again rather than guess.
    if (isConditionFailure(err)) throw new VersionConflictError(ENTITY, userId, 0);
    throw err;
  }
}

/** Makes a new feed secret for the person, replacing (and so turning off) any earlier one. Returns the secret, once. */
export async function createOrRotateFeed(m: string, userId: string, actor: Actor): Promise<string> {
  const secret = newFeedSecret();
  await changeFeed(m, userId, actor, hashFeedSecret(secret));
  return secret;
}

/** Turns the person's feed off; NotFoundError when they have none. */
export function revokeFeed(m: string, userId: string, actor: Actor): Promise<void> {
  return changeFeed(m, userId, actor, undefined);
}

export interface FeedOwner {
  municipalityId: string;
  userId: string;
  /** The language the feed's texts are written in. */
  locale: Locale;
}

/**
 * Whose feed a secret opens: an active user whose profile still names this
 * secret's hash. Anything else (malformed, unknown, rotated, revoked,
 * deactivated, erased) is undefined, and the caller answers the same 404.
 */
export async function resolveFeed(secret: string): Promise<FeedOwner | undefined> {
  if (!SECRET.test(secret)) return undefined;
  const hash = hashFeedSecret(secret);
  const res = await db().send(new GetCommand({ TableName: tableName(), Key: feedKey(hash) }));
  if (!res.Item) return undefined;
  const municipalityId = String(res.Item.municipalityId);
  const raw = await readProfileItem(municipalityId, String(res.Item.userId));
  if (!raw || raw.calendarFeedHash !== hash || raw.status !== 'active') return undefined;
  return { municipalityId, userId: raw.id as string, locale: raw.locale as Locale };
}
