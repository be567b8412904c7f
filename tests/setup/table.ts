import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { auditPartitionKey } from '../../functions/src/data/audit';
import { configureData } from '../../functions/src/data/client';
import { municipalityPk } from '../../functions/src/data/municipality-keys';
import { localIdpTableName } from '../../functions/src/identity/local-store';
import { ensureLocalIdpTable, ensureTable } from '../../functions/src/local/create-table';
import { DEMO_MUNICIPALITY } from '../../functions/src/local/demo-data';
import { seedDemo } from '../../functions/src/local/seed';
import { DEMO } from './auth';

type Item = Record<string, unknown>;

export interface TableSnapshot {
  /** Everything in the municipality's own partition (settings and registries), by sk. */
  items: Item[];
  /** The municipality's audit partition, by sk (time order). */
  audit: Item[];
}

export interface FreshTable {
  readonly endpoint: string;
  readonly tableName: string;
  /** Reads both partitions of a municipality (default: the demo one) with consistent reads. */
  snapshot(municipalityId?: string): Promise<TableSnapshot>;
  /** Every item of one partition (e.g. a survey's answers, which live beside the municipality's own). */
  partition(pk: string): Promise<Item[]>;
}

export const REGION = 'eu-north-1';

/**
 * Gives the calling test file its own new table on the shared DynamoDB Local
 * and points the data layer at it, optionally seeding the demo municipality.
 * Call once at the top level of a test file.
 */
export function useFreshTable(opts: { seed?: boolean } = {}): FreshTable {
  const state = { endpoint: '', tableName: '' };
  let doc: DynamoDBDocumentClient | undefined;

  beforeAll(async () => {
    state.endpoint = inject('dynamoEndpoint');
    state.tableName = `test-${randomUUID()}`;
    expect(await ensureTable(state.endpoint, state.tableName)).toBe('created');
    expect(await ensureLocalIdpTable(state.endpoint, localIdpTableName(state.tableName))).toBe('created');
    configureData({ tableName: state.tableName, endpoint: state.endpoint, region: REGION });
    doc = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: state.endpoint,
        region: REGION,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    );
    if (opts.seed) expect(await seedDemo()).toBe('seeded');
  });

  afterAll(() => doc?.destroy());

  async function queryPartition(pk: string): Promise<Item[]> {
    if (!doc) throw new Error('useFreshTable: the table is not ready (call inside tests or hooks).');
    const out: Item[] = [];
    let startKey: Item | undefined;
    do {
      const res = await doc.send(
        new QueryCommand({
          TableName: state.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      out.push(...(res.Items ?? []));
      startKey = res.LastEvaluatedKey;
    } while (startKey);
    return out;
  }

  return {
    get endpoint() {
      return state.endpoint;
    },
    get tableName() {
      return state.tableName;
    },
    partition: queryPartition,
    async snapshot(municipalityId = DEMO_MUNICIPALITY.id) {
      const [items, audit] = await Promise.all([
        queryPartition(municipalityPk(municipalityId)),
        queryPartition(auditPartitionKey(municipalityId)),
      ]);
      return { items, audit };
    },
  };
}

/** The audit entries written between two snapshots. */
export function newAuditEntries(before: TableSnapshot, after: TableSnapshot): Item[] {
  const seen = new Set(before.audit.map((e) => e.sk));
  return after.audit.filter((e) => !seen.has(e.sk));
}

/**
 * Asserts that exactly one audit entry was written between the snapshots, for
 * the given action and target, by the given actor (default: the demo coordinator).
 */
export function expectOneAudit(
  before: TableSnapshot,
  after: TableSnapshot,
  action: string,
  targetId: string,
  actor: { userId: string; role: string } = DEMO.coordinator,
): Item {
  const added = newAuditEntries(before, after);
  expect(added.map((e) => ({ action: e.action, targetId: e.targetId }))).toEqual([{ action, targetId }]);
  const [entry] = added as [Item];
  expect(entry).toMatchObject({
    municipalityId: DEMO_MUNICIPALITY.id,
    actorId: actor.userId,
    actorRole: actor.role,
    type: 'AuditEntry',
  });
  return entry;
}
