import { randomUUID } from 'node:crypto';
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Measure, Report, ReportInput } from '@sillat/shared';
import { type Actor, auditPut } from './audit';
import { db, tableName } from './client';
import { isConditionFailure, NotFoundError, VersionConflictError } from './errors';
import { getMeasure, measureSk, memberCheck } from './measures';
import { municipalityPk } from './municipality-keys';
import { retryingConflicts } from './retry';
import { failedAt } from './public-codes';

/**
 * Progress reports: a measure's timeline. pk = MUNI#<m>,
 * sk = ROUND#<r>#MEASURE#<id>#REPORT#<iso time>#<uuid>, so the timeline is
 * one Query in time order. A report never changes; saving one also moves the
 * measure (last status, progress, time) at the version the reporter saw, in
 * one transaction with the audit entry — two people saving the same version:
 * one report is stored, the other gets a conflict and re-reads.
 */
const ENTITY = 'measureReport';
const prefix = (roundId: string, measureId: string) => `${measureSk(roundId, measureId)}#REPORT#`;

function toReport(raw: Record<string, unknown>): Report {
  const { pk: _pk, sk: _sk, type: _type, municipalityId: _m, ...report } = raw;
  return report as Report;
}

/** The measure's reports, newest first (all pages). */
export async function listReports(m: string, roundId: string, measureId: string): Promise<Report[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const res = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': municipalityPk(m), ':prefix': prefix(roundId, measureId) },
        ScanIndexForward: false,
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(res.Items ?? []));
    startKey = res.LastEvaluatedKey;
  } while (startKey);
  return items.map(toReport);
}

/**
 * Stores a report against the measure at `expectedVersion`. `asMember`: the
 * reporter is on the measure only by membership (not a coordinator), which
 * must still hold when the report is written.
 */
export async function addReport(
  m: string,
  measure: Measure,
  input: ReportInput,
  expectedVersion: number,
  actor: Actor,
  asMember: boolean,
): Promise<Report> {
  const at = new Date().toISOString();
  const id = randomUUID();
  const { roundId } = measure;
  const report: Report = {
    id,
    measureId: measure.id,
    roundId,
    authorId: actor.id,
    ...input,
    version: expectedVersion + 1,
    createdAt: at,
  };
  const write = () =>
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName(),
            Key: { pk: municipalityPk(m), sk: measureSk(roundId, measure.id) },
            UpdateExpression:
              'SET lastStatus = :status, progress = :progress, lastReportAt = :at, updatedAt = :at, #version = :next',
            ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: {
              ':status': input.status,
              ':progress': input.progress,
              ':at': at,
              ':next': expectedVersion + 1,
              ':expected': expectedVersion,
            },
          },
        },
        {
          Put: {
            TableName: tableName(),
            Item: {
              pk: municipalityPk(m),
              sk: `${prefix(roundId, measure.id)}${at}#${id}`,
              type: ENTITY,
              municipalityId: m,
              ...report,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        auditPut({
          actor,
          municipalityId: m,
          action: 'measure.report',
          target: { type: 'measure', id: measure.id },
          changes: {
            reportId: id,
            status: input.status,
            progress: input.progress,
            ...(input.checkpointDate ? { checkpointDate: input.checkpointDate } : {}),
          },
          at,
        }),
        ...(asMember ? [memberCheck(m, roundId, measure.id, actor.id)] : []),
      ],
    });
  try {
    // Meeting another report on the same measure, the retry then fails on the version: a 409.
    await retryingConflicts(() => db().send(write()));
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    // Taken off the measure meanwhile: for them it is gone.
    if (asMember && failedAt(err, 3)) throw new NotFoundError('measure', measure.id);
    await getMeasure(m, roundId, measure.id);
    throw new VersionConflictError('measure', measure.id, expectedVersion);
  }
  return report;
}
