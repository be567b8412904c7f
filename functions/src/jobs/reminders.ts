import type { Measure, Session } from '@sillat/shared';
import { checkpointState } from '@sillat/shared/measure-checkpoints';
import {
  DEFAULT_REMINDER_SETTINGS,
  type Digest,
  type DigestEntry,
  type DueItem,
  digests,
  digestText,
  type ReminderSettings,
  todayIn,
} from '@sillat/shared/reminders';
import type { Checkpoint } from '@sillat/shared/schedule';
import { listAllMeasures } from '../data/measures';
import { claimReminder, listPendingReminders, markReminderSent } from '../data/reminder-claims';
import { listRounds } from '../data/rounds';
import { listSessions } from '../data/sessions';
import { listRecipients, type Recipient } from '../data/users';
import type { Send } from './mail';

/**
 * The daily reminder job (issue 6). For each municipality: collects what is
 * due (measure checkpoints → the entry's reporter or the owner; notes
 * deadlines of sessions whose notes are not delivered → the clerk), builds one
 * digest per person with shared/src/reminders.ts, CLAIMS every entry with a
 * conditional write before sending, sends, and marks the claims sent.
 *
 * - A second run the same day finds every key claimed and sends nothing.
 * - A failed send leaves its claims pending; the next run sends them (with
 *   that day's new ones, still one mail per person), so nothing is lost and
 *   nothing is sent twice once a send succeeded.
 * - Pending claims younger than `PENDING_LEASE_MS` belong to a run that may
 *   still be sending; they are left alone so two overlapping runs do not both
 *   send them.
 *
 * Municipalities are named by the caller: the table has no index listing
 * them, and finding them would take a Scan. The Lambda reads MUNICIPALITY_IDS.
 */
export const PENDING_LEASE_MS = 10 * 60_000;

export interface RunRemindersOptions {
  now: Date;
  /** One municipality (locally: the demo) … */
  municipalityId?: string;
  /** … or several (in AWS, from MUNICIPALITY_IDS). */
  municipalityIds?: readonly string[];
  send: Send;
  /** Where the links in the mails point, e.g. https://sillat.example.fi. */
  baseUrl?: string;
  settings?: ReminderSettings;
}

export interface RunRemindersResult {
  /** Mails accepted by the sender. */
  sent: number;
  /** Mails the sender refused; their reminders stay pending. */
  failed: number;
  /** Digest entries delivered (new and previously pending). */
  reminders: number;
}

export async function runReminders(options: RunRemindersOptions): Promise<RunRemindersResult> {
  const ids = options.municipalityId ? [options.municipalityId] : [...(options.municipalityIds ?? [])];
  if (ids.length === 0) throw new Error('Name the municipalities to remind: no index lists them without a Scan.');
  const total: RunRemindersResult = { sent: 0, failed: 0, reminders: 0 };
  for (const m of ids) {
    const result = await remindMunicipality(m, options);
    total.sent += result.sent;
    total.failed += result.failed;
    total.reminders += result.reminders;
  }
  return total;
}

async function remindMunicipality(m: string, options: RunRemindersOptions): Promise<RunRemindersResult> {
  const settings = options.settings ?? DEFAULT_REMINDER_SETTINGS;
  const at = options.now.toISOString();
  const baseUrl = options.baseUrl ?? 'http://localhost:3000';
  const people = await listRecipients(m);
  const items = await dueItems(m, todayIn(options.now, settings.timeZone), settings, people);

  // Earlier runs' pending claims (older than the lease), then today's fresh claims.
  const leaseEnd = new Date(options.now.getTime() - PENDING_LEASE_MS).toISOString();
  const toSend = new Map<string, DigestEntry[]>();
  const add = (recipientId: string, entry: DigestEntry) =>
    toSend.set(recipientId, [...(toSend.get(recipientId) ?? []), entry]);
  for (const pending of await listPendingReminders(m)) {
    if (pending.claimedAt <= leaseEnd) add(pending.recipientId, pending.entry);
  }
  for (const digest of digests(items, options.now, settings, people)) {
    for (const entry of digest.entries) {
      if (await claimReminder(m, digest.recipientId, entry, at)) add(digest.recipientId, entry);
    }
  }

  const byId = new Map(people.map((p) => [p.id, p]));
  const result: RunRemindersResult = { sent: 0, failed: 0, reminders: 0 };
  for (const [recipientId, entries] of [...toSend].sort(([a], [b]) => a.localeCompare(b))) {
    const person = byId.get(recipientId);
    if (!person) continue; // deactivated since the claim: nobody to mail, and the claim stays pending.
    const digest: Digest = {
      recipientId,
      locale: person.locale,
      email: person.email,
      entries: entries.sort((a, b) => a.item.dueDate.localeCompare(b.item.dueDate) || a.key.localeCompare(b.key)),
    };
    try {
      await options.send({
        municipalityId: m,
        to: person.email,
        locale: person.locale,
        ...digestText(digest, baseUrl),
      });
    } catch (err) {
      result.failed++;
      console.error(
        JSON.stringify({ level: 'error', msg: 'reminder mail not sent', municipalityId: m, error: String(err) }),
      );
      continue;
    }
    result.sent++;
    for (const entry of entries) await markReminderSent(m, entry.key, at);
    result.reminders += entries.length;
  }
  return result;
}

/** Checkpoints of measures in rounds still running, and notes deadlines of sessions whose notes are not delivered. */
async function dueItems(
  m: string,
  today: string,
  settings: ReminderSettings,
  people: readonly Recipient[],
): Promise<DueItem[]> {
  const open = (await listRounds(m)).filter((r) => r.phase !== 'closed');
  const openIds = new Set(open.map((r) => r.id));
  const coordinatorIds = people.filter((p) => p.role === 'coordinator').map((p) => p.id);
  const items: DueItem[] = [];

  for (const measure of await listAllMeasures(m)) {
    if (!openIds.has(measure.roundId)) continue;
    const { nextCheckpoint, overdueCheckpoint } = checkpointState(measure, today, settings.timeZone);
    for (const checkpoint of [overdueCheckpoint, nextCheckpoint]) {
      const item = checkpoint && checkpointItem(measure, checkpoint, coordinatorIds);
      if (item && !items.some((x) => x.itemId === item.itemId)) items.push(item);
    }
  }
  for (const round of open) {
    for (const session of await listSessions(m, round.id)) {
      const item = notesItem(session, coordinatorIds);
      if (item) items.push(item);
    }
  }
  return items;
}

function checkpointItem(measure: Measure, checkpoint: Checkpoint, coordinatorIds: string[]): DueItem | undefined {
  const recipientId = checkpoint.reporterId ?? measure.ownerId;
  if (!recipientId) return undefined;
  return {
    kind: 'checkpoint',
    itemId: `${measure.roundId}/${measure.id}/${checkpoint.entryId}/${checkpoint.date}`,
    dueDate: checkpoint.date,
    recipientId,
    coordinatorIds,
    link: `/measures/${measure.roundId}/${measure.id}#report`,
    title: checkpoint.assess ? `${measure.title} (${checkpoint.assess})` : measure.title,
  };
}

function notesItem(session: Session, coordinatorIds: string[]): DueItem | undefined {
  const undelivered = session.status === 'planned' || session.status === 'held';
  if (!undelivered || !session.clerkId) return undefined;
  return {
    kind: 'notesDeadline',
    itemId: `${session.roundId}/${session.id}`,
    dueDate: session.notesDeadline,
    recipientId: session.clerkId,
    coordinatorIds,
    link: `/rounds/${session.roundId}/sessions/${session.id}`,
    title: `${session.place}, ${session.date}`,
  };
}
