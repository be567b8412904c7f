import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { NotificationSettings } from '@sillat/shared';
import type { Actor } from './audit';
import { updateVersioned } from './audited-write';
import { db, tableName } from './client';
import { NotFoundError } from './errors';
import { storedNotifications, userKey } from './users';

/**
 * A person's own settings, kept on their profile item (pk = MUNI#<m>, sk =
 * USER#<id>) beside what administrators manage:
 * - `notifications` {reminders, escalations}: read by the reminder job (users.ts `listRecipients`);
 * - `calendarFeedHash`: the SHA-256 of their calendar feed's secret, when they have one (calendar-feeds.ts).
 * Neither is part of the `User` an administrator sees.
 */
export interface AccountSettings {
  notifications: NotificationSettings;
  /** Whether a calendar feed exists; its secret is never read back. */
  calendarFeed: boolean;
  /** The profile's version, for If-Match. */
  version: number;
}

/** The raw profile item, strongly consistent (a change must show on the next read). */
export async function readProfileItem(m: string, userId: string): Promise<Record<string, unknown> | undefined> {
  const res = await db().send(
    new GetCommand({ TableName: tableName(), Key: userKey(m, userId), ConsistentRead: true }),
  );
  return res.Item;
}

export async function getAccountSettings(m: string, userId: string): Promise<AccountSettings> {
  const raw = await readProfileItem(m, userId);
  if (!raw) throw new NotFoundError('user', userId);
  return {
    notifications: storedNotifications(raw),
    calendarFeed: typeof raw.calendarFeedHash === 'string',
    version: raw.version as number,
  };
}

/** Replaces the person's notification choices at `expectedVersion` of their profile (409 when stale), audited. */
export function setNotifications(
  m: string,
  userId: string,
  notifications: NotificationSettings,
  expectedVersion: number,
  actor: Actor,
): Promise<AccountSettings> {
  return updateVersioned(
    userKey(m, userId),
    { notifications: { reminders: notifications.reminders, escalations: notifications.escalations } },
    expectedVersion,
    { actor, municipalityId: m, action: 'user.notifications', target: { type: 'user', id: userId } },
    () => getAccountSettings(m, userId),
  );
}
