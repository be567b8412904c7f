import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor } from './audit';
import { SYSTEM_ACTOR, putNew, updateVersioned } from './audited-write';
import { db, tableName } from './client';
import { NotFoundError } from './errors';
import { municipalityPk } from './municipality-keys';
import { queryByPrefix } from './query';

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

/** A validated body as the plain field map DynamoDB and the audit entry take. */
const fieldsOf = (body: object): Record<string, unknown> => ({ ...body });

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
  /** Upper-case kind used in sort keys, e.g. "DISTRICT". */
  kind: string;
  /** Item type name stored on the item and used in audit actions and messages, e.g. "district". */
  entity: string;
}): RegistryStore<Input, Patch, Item> {
  const { kind, entity } = opts;
  const key = (municipalityId: string, id: string) => ({ pk: municipalityPk(municipalityId), sk: `${kind}#${id}` });

  const toItem = (raw: Record<string, unknown>): Item => {
    const item: Record<string, unknown> = { ...raw };
    for (const attr of KEY_ATTRIBUTES) delete item[attr];
    return item as Item;
  };

  const newItem = (municipalityId: string, id: string, input: Input, at: string) => ({
    type: entity,
    municipalityId,
    ...input,
    id,
    archived: false,
    version: 1,
    createdAt: at,
    updatedAt: at,
  });

  async function get(municipalityId: string, id: string): Promise<Item> {
    const res = await db().send(
      new GetCommand({ TableName: tableName(), Key: key(municipalityId, id), ConsistentRead: true }),
    );
    if (!res.Item) throw new NotFoundError(entity, id);
    return toItem(res.Item);
  }

  async function change(
    municipalityId: string,
    id: string,
    fields: Record<string, unknown>,
    expectedVersion: number,
    actor: Actor,
    action: string,
  ): Promise<Item> {
    const audit = { actor, municipalityId, action: `${entity}.${action}`, target: { type: entity, id } };
    return updateVersioned(key(municipalityId, id), fields, expectedVersion, audit, () => get(municipalityId, id));
  }

  return {
    get,

    async list(municipalityId, { includeArchived = false } = {}) {
      const items = (await queryByPrefix(municipalityPk(municipalityId), `${kind}#`)).map(toItem);
      return includeArchived ? items : items.filter((item) => !item.archived);
    },

    async create(municipalityId, input, actor) {
      const id = randomUUID();
      const at = new Date().toISOString();
      const item = newItem(municipalityId, id, input, at);
      const audit = {
        actor,
        municipalityId,
        action: `${entity}.create`,
        target: { type: entity, id },
        changes: fieldsOf(input),
      };
      // A fresh UUID cannot collide; the condition only guards against the impossible.
      await putNew(key(municipalityId, id), item, audit, at);
      return toItem(item);
    },

    update(municipalityId, id, patch, expectedVersion, actor) {
      return change(municipalityId, id, fieldsOf(patch), expectedVersion, actor, 'update');
    },

    setArchived(municipalityId, id, archived, expectedVersion, actor) {
      return change(municipalityId, id, { archived }, expectedVersion, actor, archived ? 'archive' : 'restore');
    },

    async seed(municipalityId, id, input, at) {
      const audit = { actor: SYSTEM_ACTOR, municipalityId, action: `${entity}.seed`, target: { type: entity, id } };
      await putNew(key(municipalityId, id), newItem(municipalityId, id, input, at), audit, at);
    },
  };
}
