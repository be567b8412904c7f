import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DigestEntry } from '@sillat/shared/reminders';
import { TABLE } from '@sillat/shared/table';
import { db, tableName } from './client';
import { isConditionFailure } from './errors';
import { municipalityPk } from './municipality-keys';

/**
 * Idempotency of the reminder job. Every digest entry is claimed before it is
 * sent, with a conditional Put of `pk = MUNI#<m>#REMINDERS, sk = <reminder key>`
 * (`attribute_not_exists`): a second run the same day finds the key taken and
 * sends nothing. The claim starts 'pending' and becomes 'sent' once the mail
 * is accepted. A pending claim also has a small marker item under
 * `MUNI#<m>#REMINDERS#PENDING` (same sk) holding the entry, written in the
 * same transaction and deleted when the claim becomes 'sent': the next run
 * finds what is still unsent with one Query of that small partition, never by
 * reading the whole history.
 */
const claimsPk = (m: string) => `${municipalityPk(m)}#REMINDERS`;
const pendingPk = (m: string) => `${claimsPk(m)}#PENDING`;

export interface PendingReminder {
  key: string;
  recipientId: string;
  entry: DigestEntry;
  claimedAt: string;
}

/** True when this run now owns the reminder; false when someone (an earlier run) already claimed it. */
export async function claimReminder(m: string, recipientId: string, entry: DigestEntry, at: string): Promise<boolean> {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: {
                pk: claimsPk(m),
                sk: entry.key,
                type: 'reminderClaim',
                recipientId,
                status: 'pending',
                claimedAt: at,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { pk: pendingPk(m), sk: entry.key, type: 'reminderPending', recipientId, entry, claimedAt: at },
            },
          },
        ],
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

/** Claims still waiting to be sent (one Query of the pending partition, all pages). */
export async function listPendingReminders(m: string): Promise<PendingReminder[]> {
  const out: PendingReminder[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const res = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pendingPk(m) },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of res.Items ?? []) {
      out.push({
        key: String(item.sk),
        recipientId: String(item.recipientId),
        entry: item.entry as DigestEntry,
        claimedAt: String(item.claimedAt),
      });
    }
    startKey = res.LastEvaluatedKey;
  } while (startKey);
  return out;
}

/**
 * How long a sent claim is kept. Keys carry the day they are for, so a claim
 * only guards its own day; the rest is a record of what was sent, which TTL
 * then removes. Pending claims never expire: they must not be lost.
 */
const SENT_CLAIM_DAYS = 90;

/** The mail carrying `key` was accepted: the claim becomes 'sent' and its pending marker goes, together. */
export async function markReminderSent(m: string, key: string, at: string): Promise<void> {
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName(),
            Key: { pk: claimsPk(m), sk: key },
            UpdateExpression: 'SET #status = :sent, sentAt = :at, #ttl = :ttl',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#status': 'status', '#ttl': TABLE.timeToLiveAttribute },
            ExpressionAttributeValues: {
              ':sent': 'sent',
              ':at': at,
              ':ttl': Math.floor(Date.parse(at) / 1000) + SENT_CLAIM_DAYS * 86_400,
            },
          },
        },
        { Delete: { TableName: tableName(), Key: { pk: pendingPk(m), sk: key } } },
      ],
    }),
  );
}
