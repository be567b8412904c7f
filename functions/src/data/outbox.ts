import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { LOCALES, type Locale } from '@sillat/shared/locales';
import { db, tableName } from './client';
import { municipalityPk } from './municipality-keys';

/**
 * The local outbox: mails the reminder job would have sent, kept for
 * administrators to read when no SMTP server is configured.
 * pk = MUNI#<m>#OUTBOX, sk = <ISO time>#<uuid>, so newest first is one Query.
 */
const outboxPk = (m: string) => `${municipalityPk(m)}#OUTBOX`;

export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The recipient's language; absent on mails kept before it was recorded. */
  locale?: Locale;
  createdAt: string;
}

export async function putOutboxMail(m: string, mail: Omit<OutboxMail, 'id' | 'createdAt'>, at: string): Promise<void> {
  const id = randomUUID();
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { pk: outboxPk(m), sk: `${at}#${id}`, type: 'outboxMail', id, createdAt: at, ...mail },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** The newest `limit` mails, newest first. */
export async function listOutbox(m: string, limit = 100): Promise<OutboxMail[]> {
  const res = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': outboxPk(m) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (res.Items ?? []).map((item) => ({
    id: String(item.id),
    to: String(item.to),
    subject: String(item.subject),
    text: String(item.text),
    html: String(item.html),
    ...(LOCALES.includes(item.locale as Locale) ? { locale: item.locale as Locale } : {}),
    createdAt: String(item.createdAt),
  }));
}
