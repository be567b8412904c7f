import { createHash, randomUUID } from 'node:crypto';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Round, Survey, SurveyStatus } from '@sillat/shared';
import { DEFAULT_INSTRUMENT, type Instrument } from '@sillat/shared/survey-instrument';
import {
  counterDelta,
  type MeasureOption,
  RESPONDENTS,
  type SurveyAnswers,
  sumCounters,
} from '@sillat/shared/survey-results';
import { type Actor, auditPut } from './audit';
import { putNew, SYSTEM_ACTOR } from './audited-write';
import { db, tableName } from './client';
import { isConditionFailure, NotFoundError, VersionConflictError } from './errors';
import { municipalityPk } from './municipality-keys';
import { codePut, failedAt, withFreshCode, type CodeTarget } from './public-codes';
import { queryByPrefix } from './query';
import { ClosedRoundError } from './rounds';

/**
 * The feedback survey of a round.
 *
 * Keys:
 * - the survey: pk = MUNI#<m>, sk = ROUND#<r>#SURVEY (status, code, instrument, version);
 * - answers and counters live in their own partition, pk = MUNI#<m>#SURVEY#<r>, so that
 *   hundreds of answers never weigh on the round's partition (which lists rounds and sessions):
 *   - sk = RESP#<hash of round and device id>: one device's latest answer — no time, no address,
 *     no browser, no code; the device id itself is not stored;
 *   - sk = AGG#<0..SHARDS-1>: counters (survey-results.ts), spread over shards so that a roomful
 *     of phones answering at once do not all update one item. Results read the shards, a fixed
 *     number of items however many answered.
 * An answer and its counter change are one transaction, which also checks that the survey is
 * still open; a device answering again replaces its answer and moves its counts, never adds.
 */
const ENTITY = 'survey';
export const COUNTER_SHARDS = 10;

const surveyKey = (m: string, roundId: string) => ({ pk: municipalityPk(m), sk: `ROUND#${roundId}#SURVEY` });
const answersPk = (m: string, roundId: string) => `${municipalityPk(m)}#SURVEY#${roundId}`;
const deviceHash = (roundId: string, deviceId: string) =>
  createHash('sha256').update(`${roundId}:${deviceId}`).digest('hex');
const responseKey = (m: string, roundId: string, hash: string) => ({ pk: answersPk(m, roundId), sk: `RESP#${hash}` });
const shardKey = (m: string, roundId: string, shard: number) => ({ pk: answersPk(m, roundId), sk: `AGG#${shard}` });

interface StoredSurvey {
  roundId: string;
  status: SurveyStatus;
  code?: string;
  closesAt?: string;
  instrument: Instrument;
  measureOptions: MeasureOption[];
  version: number;
}

export class SurveyStateError extends Error {
  override readonly name = 'SurveyStateError';
  constructor(
    readonly code: 'survey_not_draft' | 'survey_closed' | 'survey_not_open',
    message: string,
  ) {
    super(message);
  }
}

/** Open until closed by hand or until its closing time, whichever comes first. */
function effectiveStatus(s: Pick<StoredSurvey, 'status' | 'closesAt'>, now = new Date()): SurveyStatus {
  if (s.status === 'open' && s.closesAt && s.closesAt <= now.toISOString()) return 'closed';
  return s.status;
}

const draft = (roundId: string): StoredSurvey => ({
  roundId,
  status: 'draft',
  instrument: DEFAULT_INSTRUMENT,
  measureOptions: [],
  version: 0,
});

async function readStored(m: string, roundId: string): Promise<StoredSurvey | undefined> {
  const res = await db().send(
    new GetCommand({ TableName: tableName(), Key: surveyKey(m, roundId), ConsistentRead: true }),
  );
  if (!res.Item) return undefined;
  const { pk: _pk, sk: _sk, type: _t, municipalityId: _m, ...s } = res.Item;
  return s as StoredSurvey;
}

/** The counters, summed over the shards: a fixed number of reads. */
export async function surveyCounters(m: string, roundId: string): Promise<Record<string, number>> {
  const keys = Array.from({ length: COUNTER_SHARDS }, (_, i) => shardKey(m, roundId, i));
  const res = await db().send(
    new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys, ConsistentRead: true } } }),
  );
  const shards = (res.Responses?.[tableName()] ?? []).map((item) => {
    const { pk: _pk, sk: _sk, ...counters } = item;
    return counters as Record<string, number>;
  });
  // Ten small keys never exceed BatchGet's limits; unprocessed keys would mean throttling, which the caller must see.
  if (Object.keys(res.UnprocessedKeys ?? {}).length)
    throw Object.assign(new Error('Throttled'), { name: 'ThrottlingException' });
  return sumCounters(shards);
}

/** The round's survey as staff see it; a draft with the default instrument until anything is saved. */
export async function getSurvey(m: string, roundId: string): Promise<Survey> {
  return (await getSurveyAndCounters(m, roundId)).survey;
}

/** The survey and its summed counters, for views that publish figures from both (the dashboards). */
export async function getSurveyAndCounters(
  m: string,
  roundId: string,
): Promise<{ survey: Survey; counters: Record<string, number> }> {
  const [stored, counters] = await Promise.all([readStored(m, roundId), surveyCounters(m, roundId)]);
  const s = stored ?? draft(roundId);
  return { survey: { ...s, status: effectiveStatus(s), responses: counters[RESPONDENTS] ?? 0 }, counters };
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Writes the whole survey item conditionally on the version the caller saw
 * (0: nothing saved yet), with its audit entry and any extra items, in one
 * transaction. The survey item is always first in the transaction.
 */
async function writeSurvey(
  m: string,
  next: StoredSurvey,
  expectedVersion: number,
  audit: { actor: Actor; action: string; changes: Record<string, unknown> },
  extra: TransactItem[] = [],
): Promise<void> {
  const at = new Date().toISOString();
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: { ...next, ...surveyKey(m, next.roundId), type: ENTITY, municipalityId: m, updatedAt: at },
            ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : '#version = :expected',
            ...(expectedVersion === 0
              ? {}
              : {
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':expected': expectedVersion },
                }),
          },
        },
        ...extra,
        auditPut({
          actor: audit.actor,
          municipalityId: m,
          action: audit.action,
          target: { type: ENTITY, id: next.roundId },
          changes: audit.changes,
          at,
        }),
      ],
    }),
  );
}

/** The stored survey at the version the caller edited, or the errors that say why not. */
async function current(m: string, roundId: string, expectedVersion: number): Promise<StoredSurvey> {
  const s = (await readStored(m, roundId)) ?? draft(roundId);
  if (s.version !== expectedVersion) throw new VersionConflictError(ENTITY, roundId, expectedVersion);
  return s;
}

async function conflictOr(err: unknown, roundId: string, expectedVersion: number): Promise<never> {
  if (isConditionFailure(err) && failedAt(err, 0)) throw new VersionConflictError(ENTITY, roundId, expectedVersion);
  throw err;
}

/** New wording for the round; only before the survey opens, so all of a round's answers answer the same words. */
export async function rewordSurvey(
  m: string,
  round: Round,
  reword: (instrument: Instrument) => Instrument,
  expectedVersion: number,
  actor: Actor,
): Promise<Survey> {
  if (round.phase === 'closed') throw new ClosedRoundError();
  const s = await current(m, round.id, expectedVersion);
  if (s.status !== 'draft') {
    throw new SurveyStateError(
      'survey_not_draft',
      'The wording is fixed once the survey has been opened, so that every answer of the round answers the same question.',
    );
  }
  const instrument = reword(s.instrument);
  const next = { ...s, instrument, version: s.version + 1 };
  await writeSurvey(m, next, expectedVersion, {
    actor,
    action: 'survey.reword',
    changes: { instrumentVersion: instrument.version },
  }).catch((err: unknown) => conflictOr(err, round.id, expectedVersion));
  return getSurvey(m, round.id);
}

/**
 * Opens (or re-opens) the survey with the candidate measures as they are now.
 * The first opening also creates the survey's code, in the same transaction;
 * a clash with an existing code is retried with a fresh one.
 */
export async function openSurvey(
  m: string,
  round: Round,
  opts: { closesAt?: string; measureOptions: MeasureOption[] },
  expectedVersion: number,
  actor: Actor,
): Promise<Survey> {
  if (round.phase === 'closed') throw new ClosedRoundError();
  const s = await current(m, round.id, expectedVersion);
  const closesAt = opts.closesAt ? new Date(opts.closesAt).toISOString() : undefined;
  const base: StoredSurvey = { ...s, status: 'open', measureOptions: opts.measureOptions, version: s.version + 1 };
  delete base.closesAt;
  if (closesAt) base.closesAt = closesAt;
  const changes = { status: 'open', closesAt: closesAt ?? null, measures: opts.measureOptions.length };
  const write = (next: StoredSurvey, extra: TransactItem[] = []) =>
    writeSurvey(m, next, expectedVersion, { actor, action: 'survey.open', changes }, extra);
  try {
    if (s.code) {
      await write(base);
    } else {
      const target: CodeTarget = { kind: 'survey', municipalityId: m, roundId: round.id };
      await withFreshCode(
        'survey',
        (code) => write({ ...base, code }, [codePut(code, target)]),
        (err) => isConditionFailure(err) && failedAt(err, 1) && !failedAt(err, 0),
      );
    }
  } catch (err) {
    await conflictOr(err, round.id, expectedVersion);
  }
  return getSurvey(m, round.id);
}

export async function closeSurvey(m: string, roundId: string, expectedVersion: number, actor: Actor): Promise<Survey> {
  const s = await current(m, roundId, expectedVersion);
  if (effectiveStatus(s) === 'draft') {
    throw new SurveyStateError('survey_not_open', 'The survey has not been opened yet.');
  }
  const next: StoredSurvey = { ...s, status: 'closed', version: s.version + 1 };
  delete next.closesAt;
  await writeSurvey(m, next, expectedVersion, { actor, action: 'survey.close', changes: { status: 'closed' } }).catch(
    (err: unknown) => conflictOr(err, roundId, expectedVersion),
  );
  return getSurvey(m, roundId);
}

/** The survey a code opens, for the public page; NotFound when there is none. */
export async function surveyForCode(target: CodeTarget): Promise<Survey> {
  const stored = await readStored(target.municipalityId, target.roundId);
  if (!stored) throw new NotFoundError(ENTITY, target.roundId);
  return { ...stored, status: effectiveStatus(stored), responses: 0 };
}

export class UnknownMeasureError extends Error {
  override readonly name = 'UnknownMeasureError';
  constructor(readonly index: number) {
    super('Not one of the measures in this survey.');
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isTransactionConflict = (err: unknown) =>
  ((err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).some(
    (r) => r.Code === 'TransactionConflict',
  ) || (err as Error).name === 'TransactionConflictException';

export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor() {
    super('This submission id was already used for a different answer; send a new answer with a new submission id.');
  }
}

/** What a submission id stands for: the device and the answer, independent of key order. */
function submissionHash(deviceId: string, answers: SurveyAnswers): string {
  const canonical = Object.fromEntries(Object.entries(answers).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256')
    .update(JSON.stringify([deviceId, canonical]))
    .digest('hex');
}

/**
 * Stores one device's answer. `submissionId` is the idempotency key, fresh
 * for every press of "send":
 * - the same key with the same body again (a retry after a lost reply, or
 *   fifty retries at once) is stored once and answered as a replay;
 * - the same key with a different body is refused (IdempotencyKeyReusedError);
 * - a new key from the same device replaces the device's earlier answer, and
 *   the counters move by the difference — one device is one respondent.
 * One transaction checks that the survey is still open, claims the key
 * (`SUB#<key>`, holding only a hash of device and answer), writes the answer
 * on the condition that the device's previous answer is still the one read,
 * and adds the difference to one counter shard. Any condition or transaction
 * conflict starts again from the reads, so counters always equal the answers.
 */
export async function submitAnswer(
  target: CodeTarget,
  deviceId: string,
  submissionId: string,
  answers: SurveyAnswers,
): Promise<{ replay: boolean; replaced: boolean }> {
  const { municipalityId: m, roundId } = target;
  const survey = await surveyForCode(target);
  if (survey.status !== 'open') throw new SurveyStateError('survey_closed', 'This survey is closed.');
  const optionIds = new Set(survey.measureOptions.map((o) => o.id));
  const unknown = (answers.measures ?? []).findIndex((id) => !optionIds.has(id));
  if (unknown >= 0) throw new UnknownMeasureError(unknown);

  const hash = deviceHash(roundId, deviceId);
  const key = responseKey(m, roundId, hash);
  const claimKey = { pk: answersPk(m, roundId), sk: `SUB#${submissionId}` };
  const bodyHash = submissionHash(deviceId, answers);
  const shard = parseInt(hash.slice(0, 8), 16) % COUNTER_SHARDS;
  for (let attempt = 0; ; attempt++) {
    const [claim, stored] = await Promise.all(
      [claimKey, key].map((Key) => db().send(new GetCommand({ TableName: tableName(), Key, ConsistentRead: true }))),
    );
    if (claim!.Item) {
      if (claim!.Item.bodyHash !== bodyHash) throw new IdempotencyKeyReusedError();
      return { replay: true, replaced: Boolean(claim!.Item.replaced) };
    }
    const previous = stored!.Item as { answers: SurveyAnswers; submissionId: string } | undefined;
    const delta = counterDelta(previous?.answers, answers);
    const names: Record<string, string> = {};
    const values: Record<string, number> = {};
    Object.entries(delta).forEach(([counter, v], i) => {
      names[`#c${i}`] = counter;
      values[`:c${i}`] = v;
    });
    const items: TransactItem[] = [
      {
        ConditionCheck: {
          TableName: tableName(),
          Key: surveyKey(m, roundId),
          ConditionExpression: '#status = :open AND (attribute_not_exists(closesAt) OR closesAt > :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':open': 'open', ':now': new Date().toISOString() },
        },
      },
      {
        Put: {
          TableName: tableName(),
          Item: { ...claimKey, type: 'surveySubmission', bodyHash, replaced: previous !== undefined },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: tableName(),
          Item: { ...key, type: 'surveyResponse', answers, submissionId, instrumentVersion: survey.instrument.version },
          ConditionExpression: previous ? 'submissionId = :previous' : 'attribute_not_exists(pk)',
          ...(previous ? { ExpressionAttributeValues: { ':previous': previous.submissionId } } : {}),
        },
      },
    ];
    if (Object.keys(delta).length) {
      items.push({
        Update: {
          TableName: tableName(),
          Key: shardKey(m, roundId, shard),
          UpdateExpression: `ADD ${Object.keys(names)
            .map((n) => `${n} ${n.replace('#', ':')}`)
            .join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      });
    }
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items }));
      return { replay: false, replaced: previous !== undefined };
    } catch (err) {
      if (isConditionFailure(err) && failedAt(err, 0)) {
        throw new SurveyStateError('survey_closed', 'This survey is closed.');
      }
      // Someone claimed the key or changed this device's answer meanwhile, or a transaction on the same items ran at once.
      const retriable = isConditionFailure(err) || isTransactionConflict(err);
      if (!retriable || attempt >= 12) throw err;
      await sleep(5 + Math.random() * 20 * (attempt + 1));
    }
  }
}

/** What respondents will do themselves, sorted so that the order says nothing about who answered when. */
export async function ownActions(m: string, roundId: string): Promise<string[]> {
  const items = await queryByPrefix(answersPk(m, roundId), 'RESP#');
  return items
    .map((item) => (item.answers as SurveyAnswers | undefined)?.ownAction)
    .filter((t): t is string => typeof t === 'string' && t.length > 0)
    .sort((a, b) => a.localeCompare(b));
}

/**
 * Starting the next round copies the instrument's wording as a new draft, so
 * the rounds ask the same questions in the same words (see rounds.ts).
 */
export async function instrumentOf(m: string, roundId: string): Promise<Instrument | undefined> {
  return (await readStored(m, roundId))?.instrument;
}

export function draftSurveyPut(m: string, roundId: string, instrument: Instrument, at: string): TransactItem {
  const item: StoredSurvey = { ...draft(roundId), instrument, version: 1 };
  return {
    Put: {
      TableName: tableName(),
      Item: { ...item, ...surveyKey(m, roundId), type: ENTITY, municipalityId: m, updatedAt: at },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Seeding only: a closed survey with its answers and counters, as if the
 * answers had come in one by one (the same keys and counters). Nothing when
 * the survey exists.
 */
export async function seedSurvey(
  m: string,
  roundId: string,
  measureOptions: MeasureOption[],
  answers: { deviceId: string; answers: SurveyAnswers }[],
  at: string,
): Promise<void> {
  const survey: StoredSurvey = { ...draft(roundId), status: 'closed', measureOptions, version: 1 };
  const created = await putNew(
    surveyKey(m, roundId),
    { ...survey, type: ENTITY, municipalityId: m, updatedAt: at },
    { actor: SYSTEM_ACTOR, municipalityId: m, action: 'survey.seed', target: { type: ENTITY, id: roundId } },
    at,
  );
  if (!created) return;
  const shards: Record<string, number>[] = Array.from({ length: COUNTER_SHARDS }, () => ({}));
  const puts = answers.map(({ deviceId, answers: a }) => {
    const hash = deviceHash(roundId, deviceId);
    const shard = shards[parseInt(hash.slice(0, 8), 16) % COUNTER_SHARDS]!;
    for (const [name, v] of Object.entries(counterDelta(undefined, a))) shard[name] = (shard[name] ?? 0) + v;
    return {
      ...responseKey(m, roundId, hash),
      type: 'surveyResponse',
      answers: a,
      submissionId: randomUUID(),
      instrumentVersion: survey.instrument.version,
    };
  });
  const items = [...puts, ...shards.map((counters, i) => ({ ...shardKey(m, roundId, i), ...counters }))];
  for (let i = 0; i < items.length; i += 25) {
    let request: BatchWriteCommandInput['RequestItems'] = {
      [tableName()]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    while (request && Object.keys(request).length) {
      request = (await db().send(new BatchWriteCommand({ RequestItems: request }))).UnprocessedItems;
    }
  }
}
