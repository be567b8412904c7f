import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type Actor, auditPut } from './audit';
import { db, tableName } from './client';
import { NotFoundError, VersionConflictError, isConditionFailure } from './errors';
import { municipalityPk } from './municipality-keys';

/**
 * Districts, population groups and organisations are all "registry items":
 * small, per-municipality lists that rounds refer to by id. They share one
 * storage shape, so one store serves all three and each entity file only
 * names its kind.
 *
 * Keys: pk = MUNI#<municipality>, sk = <KIND>#<id>. A list is one Query on the
 * municipality's partition with begins_with on the kind — never a Scan.
 * Items are archived, not deleted: past rounds keep pointing at them.
 */
export interface RegistryItem {
  id: string;
  archived: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const KEY_ATTRIBUTES = ['pk', 'sk', 'type', 'municipalityId'] as const;

export interface RegistryStore<Input extends object, Patch extends object, Item extends RegistryItem> {
  list(municipalityId: string, opts?: { includeArchived?: boolean }): Promise<Item[]>;
  get(municipalityId: string, id: string): Promise<Item>;
  create(municipalityId: string, input: Input, actor: Actor): Promise<Item>;
  update(municipalityId: string, id: string, patch: Patch, expectedVersion: number, actor: Actor): Promise<Item>;
  setArchived(
    municipalityId: string,
    id: string,
    archived: boolean,
    expectedVersion: number,
    actor: Actor,
  ): Promise<Item>;
  /** Writes an item with a given id; for seeding only. Does nothing when it exists. */
  seed(municipalityId: string, id: string, input: Input, at: string): Promise<void>;
}

export function createRegistryStore<Input extends object, Patch extends object, Item extends RegistryItem>(opts: {
  /** Upper-case kind used in sort keys and audit actions, e.g. "DISTRICT". */
  kind: string;
  /** Item type name stored on the item and used in messages, e.g. "district". */
  entity: string;
}): RegistryStore<Input, Patch, Item> {
  const { kind, entity } = opts;
  const key = (municipalityId: string, id: string) => ({ pk: municipalityPk(municipalityId), sk: `${kind}#${id}` });

  const toItem = (raw: Record<string, unknown>): Item => {
    const item: Record<string, unknown> = { ...raw };
    for (const attr of KEY_ATTRIBUTES) delete item[attr];
    return item as Item;
  };

  async function get(municipalityId: string, id: string): Promise<Item> {
    const res = await db().send(
      new GetCommand({ TableName: tableName(), Key: key(municipalityId, id), ConsistentRead: true }),
    );
    if (!res.Item) throw new NotFoundError(entity, id);
    return toItem(res.Item);
  }

  /** A condition failed: tell "gone" from "changed by someone else". */
  async function explainConditionFailure(municipalityId: string, id: string, expectedVersion: number): Promise<never> {
    await get(municipalityId, id); // throws NotFoundError when the item does not exist
    throw new VersionConflictError(entity, id, expectedVersion);
  }

  async function writeChange(
    municipalityId: string,
    id: string,
    fields: Record<string, unknown>,
    expectedVersion: number,
    actor: Actor,
    action: string,
  ): Promise<Item> {
    const at = new Date().toISOString();
    const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = { ':expected': expectedVersion, ':one': 1, ':at': at };
    const sets = ['#version = #version + :one', '#updatedAt = :at'];
    const removes: string[] = [];
    Object.entries(fields).forEach(([field, value], i) => {
      names[`#f${i}`] = field;
      if (value === undefined) {
        removes.push(`#f${i}`);
      } else {
        values[`:v${i}`] = value;
        sets.push(`#f${i} = :v${i}`);
      }
    });
    const update = `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`;
    try {
      await db().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName(),
                Key: key(municipalityId, id),
                UpdateExpression: update,
                ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            },
            auditPut({ actor, municipalityId, action, target: { type: entity, id }, changes: fields, at }),
          ],
        }),
      );
    } catch (err) {
      if (isConditionFailure(err)) return explainConditionFailure(municipalityId, id, expectedVersion);
      throw err;
    }
    return get(municipalityId, id);
  }

  return {
    get,

    async list(municipalityId, { includeArchived = false } = {}) {
      const items: Item[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const res = await db().send(
          new QueryCommand({
            TableName: tableName(),
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': municipalityPk(municipalityId), ':prefix': `${kind}#` },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const raw of res.Items ?? []) {
          const item = toItem(raw);
          if (includeArchived || !item.archived) items.push(item);
        }
        startKey = res.LastEvaluatedKey;
      } while (startKey);
      return items;
    },

    async create(municipalityId, input, actor) {
      const id = randomUUID();
      const at = new Date().toISOString();
      const item = { ...input, id, archived: false, version: 1, createdAt: at, updatedAt: at };
      await db().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName(),
                Item: { ...key(municipalityId, id), type: entity, municipalityId, ...item },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            auditPut({
              actor,
              municipalityId,
              action: `${entity}.create`,
              target: { type: entity, id },
              changes: input as Record<string, unknown>,
              at,
            }),
          ],
        }),
      );
      return toItem(item);
    },

    update(municipalityId, id, patch, expectedVersion, actor) {
      return writeChange(
        municipalityId,
        id,
        { ...patch } as Record<string, unknown>,
        expectedVersion,
        actor,
        `${entity}.update`,
      );
    },

    setArchived(municipalityId, id, archived, expectedVersion, actor) {
      const action = `${entity}.${archived ? 'archive' : 'restore'}`;
      return writeChange(municipalityId, id, { archived }, expectedVersion, actor, action);
    },

    async seed(municipalityId, id, input, at) {
      try {
        await db().send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName(),
                  Item: {
                    ...key(municipalityId, id),
                    type: entity,
                    municipalityId,
                    ...input,
                    id,
                    archived: false,
                    version: 1,
                    createdAt: at,
                    updatedAt: at,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              auditPut({
                actor: { id: 'system', role: 'system' },
                municipalityId,
                action: `${entity}.seed`,
                target: { type: entity, id },
                at,
              }),
            ],
          }),
        );
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    },
  };
}
