import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Card, CardInput, CardPatch, Session } from '@sillat/shared';
import { cardContribution } from '@sillat/shared/round-stats';
import type { Actor } from './audit';
import { putNew, SYSTEM_ACTOR, updateVersioned, type AuditFor } from './audited-write';
import { db, tableName } from './client';
import { NotFoundError, VersionConflictError } from './errors';
import { municipalityPk } from './municipality-keys';
import { queryByPrefix } from './query';
import { statsUpdates } from './round-stats';

/**
 * Experience cards of a round. Keys: pk = MUNI#<m>, sk = ROUND#<r>#CARD#<id>:
 * the deck is one Query. Group and district are copied from the source
 * session when the card is made (the session's own never change once its
 * notes are approved), so decks and trends need no second read.
 */
const ENTITY = 'card';
const prefix = (roundId: string) => `ROUND#${roundId}#CARD#`;
const key = (m: string, roundId: string, id: string) => ({ pk: municipalityPk(m), sk: `${prefix(roundId)}${id}` });

function toCard(raw: Record<string, unknown>): Card {
  const { pk: _pk, sk: _sk, type: _type, municipalityId: _m, ...card } = raw;
  return card as Card;
}

export async function getCard(m: string, roundId: string, id: string): Promise<Card> {
  const res = await db().send(
    new GetCommand({ TableName: tableName(), Key: key(m, roundId, id), ConsistentRead: true }),
  );
  if (!res.Item) throw new NotFoundError(ENTITY, id);
  return toCard(res.Item);
}

/** By aspect, then tone, then when made: the order of the printed deck. */
export async function listCards(m: string, roundId: string): Promise<Card[]> {
  const order = (c: Card) => `${c.aspect}#${c.tone === 'positive' ? 0 : 1}#${c.createdAt}`;
  return (await queryByPrefix(municipalityPk(m), prefix(roundId)))
    .map(toCard)
    .sort((a, b) => order(a).localeCompare(order(b)));
}

export async function createCard(m: string, session: Session, input: CardInput, actor: Actor): Promise<Card> {
  const id = randomUUID();
  const at = new Date().toISOString();
  const item = {
    type: ENTITY,
    municipalityId: m,
    ...input,
    id,
    roundId: session.roundId,
    populationGroupId: session.populationGroupId,
    districtId: session.districtId,
    inDeck: true,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const audit: AuditFor = {
    actor,
    municipalityId: m,
    action: 'card.create',
    target: { type: ENTITY, id },
    changes: { ...input },
  };
  await putNew(key(m, session.roundId, id), item, audit, at, statsUpdates(m, null, cardContribution(item)));
  return toCard(item);
}

export async function updateCard(
  m: string,
  card: Card,
  patch: CardPatch,
  expectedVersion: number,
  actor: Actor,
): Promise<Card> {
  const audit: AuditFor = { actor, municipalityId: m, action: 'card.update', target: { type: ENTITY, id: card.id } };
  // As for sessions: counters move from what the card as read contributed, so the read must be the version written over.
  if (card.version !== expectedVersion) {
    await getCard(m, card.roundId, card.id);
    throw new VersionConflictError(ENTITY, card.id, expectedVersion);
  }
  return updateVersioned(
    key(m, card.roundId, card.id),
    { ...patch },
    expectedVersion,
    audit,
    () => getCard(m, card.roundId, card.id),
    statsUpdates(m, cardContribution(card), cardContribution({ ...card, ...patch })),
  );
}

/** Seeding only: a complete card with a fixed id; nothing when it exists. */
export async function seedCard(m: string, card: Card): Promise<void> {
  const audit: AuditFor = {
    actor: SYSTEM_ACTOR,
    municipalityId: m,
    action: 'card.seed',
    target: { type: ENTITY, id: card.id },
  };
  await putNew(
    key(m, card.roundId, card.id),
    { type: ENTITY, municipalityId: m, ...card },
    audit,
    card.createdAt,
    statsUpdates(m, null, cardContribution(card)),
  );
}
