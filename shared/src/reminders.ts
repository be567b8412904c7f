import type { Locale } from './locales';
import { daysBetween, isIsoDate, type IsoDate } from './schedule';

/**
 * What the daily reminder job sends, to whom (issue 6). Pure: the job passes
 * the clock and the settings in, so a missed day can be replayed with that
 * day's `now`, and the tests need no fake timers.
 */

/** Something with a due date that its owner must deliver. */
export interface DueItem {
  kind: 'checkpoint' | 'notesDeadline';
  itemId: string;
  dueDate: IsoDate;
  /** The owner (checkpoints) or clerk (notes) who is reminded. */
  recipientId: string;
  /** Told once when the item is `escalateAfterDays` overdue. */
  coordinatorIds: string[];
  /** App path of the report form, e.g. '/measures/m1/report/c3'. */
  link: string;
  title: string;
}

export interface ReminderSettings {
  /** Remind this many days before the due date (0 = no advance reminder). */
  beforeDays: number;
  /** First overdue reminder this many days after the due date (at least 1). */
  overdueFirstDays: number;
  /** Then again every this many days (0 = only once). */
  overdueRepeatDays: number;
  /** Tell the coordinators once, this many days after the due date. */
  escalateAfterDays: number;
  /** Whose calendar decides what "today" is. */
  timeZone: string;
}

export const DEFAULT_REMINDER_SETTINGS: Readonly<ReminderSettings> = Object.freeze({
  beforeDays: 7,
  overdueFirstDays: 1,
  overdueRepeatDays: 7,
  escalateAfterDays: 14,
  timeZone: 'Europe/Helsinki',
});

/** Stages sent to the item's owner. */
export type OwnerStage = 'dueSoon' | 'due' | 'overdue';
export type ReminderStage = OwnerStage | 'escalation';

export interface Person {
  id: string;
  locale: Locale;
  email: string;
  notify: { reminders: boolean; escalations: boolean };
}

export interface DigestEntry {
  /** Idempotency key: the job claims it with a conditional write before sending. */
  key: string;
  stage: ReminderStage;
  item: DueItem;
}

export interface Digest {
  recipientId: string;
  locale: Locale;
  email: string;
  entries: DigestEntry[];
}

/** The calendar date at instant `now` in `timeZone`, 'YYYY-MM-DD'. */
export function todayIn(now: Date, timeZone: string): IsoDate {
  if (Number.isNaN(now.getTime())) throw new RangeError('now is not a valid instant.');
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(now)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * Which reminder, if any, the owner gets on `today`. Reminders fall on exact
 * days (7 days before, on the day, 1 day after, then every 7 days) so each
 * one has its own day in its idempotency key.
 */
export function reminderStage(dueDate: IsoDate, today: IsoDate, settings: ReminderSettings): OwnerStage | null {
  checkSettings(settings);
  const late = daysBetweenChecked(dueDate, today);
  if (late === 0) return 'due';
  if (late < 0) return settings.beforeDays > 0 && -late === settings.beforeDays ? 'dueSoon' : null;
  const sinceFirst = late - settings.overdueFirstDays;
  if (sinceFirst === 0) return 'overdue';
  if (sinceFirst > 0 && settings.overdueRepeatDays > 0 && sinceFirst % settings.overdueRepeatDays === 0) {
    return 'overdue';
  }
  return null;
}

/** Whether `today` is the one day the coordinators are told that the item is late. */
export function isEscalationDay(dueDate: IsoDate, today: IsoDate, settings: ReminderSettings): boolean {
  checkSettings(settings);
  return daysBetweenChecked(dueDate, today) === settings.escalateAfterDays;
}

/**
 * A stable key for one reminder: item × stage × day × recipient. The recipient
 * is part of it because an escalation goes to several coordinators and each
 * must be able to claim their own. Parts are URI-encoded so an id containing
 * '#' cannot make two keys equal.
 */
export function reminderKey(
  item: Pick<DueItem, 'kind' | 'itemId' | 'recipientId'>,
  stage: ReminderStage,
  day: IsoDate,
  recipientId: string = item.recipientId,
): string {
  return ['reminder', item.kind, item.itemId, stage, day, recipientId].map(encodeURIComponent).join('#');
}

/**
 * One digest per person for the run at `now`: owners get their own items'
 * reminders, coordinators the escalations. People who opted out of a kind,
 * or who are unknown (no address), get nothing of it; a person with nothing
 * due gets no digest. Entries are sorted by due date, digests by recipient.
 */
export function digests(
  items: readonly DueItem[],
  now: Date,
  settings: ReminderSettings,
  people: readonly Person[],
): Digest[] {
  const today = todayIn(now, settings.timeZone);
  const byId = new Map(people.map((p) => [p.id, p]));
  const out = new Map<string, Digest>();
  const add = (personId: string, stage: ReminderStage, item: DueItem) => {
    const person = byId.get(personId);
    if (!person || !(stage === 'escalation' ? person.notify.escalations : person.notify.reminders)) return;
    let digest = out.get(personId);
    if (!digest) {
      digest = { recipientId: person.id, locale: person.locale, email: person.email, entries: [] };
      out.set(personId, digest);
    }
    digest.entries.push({ key: reminderKey(item, stage, today, personId), stage, item });
  };

  for (const item of items) {
    const stage = reminderStage(item.dueDate, today, settings);
    if (stage) add(item.recipientId, stage, item);
    if (isEscalationDay(item.dueDate, today, settings)) {
      for (const coordinatorId of new Set(item.coordinatorIds)) add(coordinatorId, 'escalation', item);
    }
  }
  const digestList = [...out.values()].sort((a, b) => compare(a.recipientId, b.recipientId));
  for (const digest of digestList) {
    digest.entries.sort((a, b) => compare(a.item.dueDate, b.item.dueDate) || compare(a.key, b.key));
  }
  return digestList;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function daysBetweenChecked(dueDate: IsoDate, today: IsoDate): number {
  for (const [what, value] of [
    ['dueDate', dueDate],
    ['today', today],
  ]) {
    if (!isIsoDate(value ?? '')) throw new RangeError(`${what} must be a date written YYYY-MM-DD, not "${value}".`);
  }
  return daysBetween(dueDate, today);
}

function checkSettings(s: ReminderSettings): void {
  const wholeAtLeast = (n: number, min: number) => Number.isInteger(n) && n >= min;
  if (
    !wholeAtLeast(s.beforeDays, 0) ||
    !wholeAtLeast(s.overdueFirstDays, 1) ||
    !wholeAtLeast(s.overdueRepeatDays, 0) ||
    !wholeAtLeast(s.escalateAfterDays, 1)
  ) {
    throw new RangeError(
      'Reminder settings must be whole days: before ≥ 0, first overdue ≥ 1, repeat ≥ 0, escalate ≥ 1.',
    );
  }
}

interface Words {
  subject: (count: number) => string;
  greeting: string;
  intro: string;
  kinds: Record<DueItem['kind'], string>;
  stages: Record<ReminderStage, (due: string) => string>;
  open: string;
  footer: string;
  date: (date: IsoDate) => string;
}

const EN_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** '2026-05-10' → [2026, 5, 10]. */
const dateParts = (date: IsoDate): number[] => date.split('-').map(Number);
/** How dates are written in Finland, in Finnish and Swedish alike: 10.5.2026. */
const dottedDate = (date: IsoDate) => {
  const [y, m, d] = dateParts(date);
  return `${d}.${m}.${y}`;
};

const WORDS: Record<Locale, Words> = {
  fi: {
    subject: (n) => `Sillat: muistutukset (${n})`,
    greeting: 'Hei,',
    intro: 'Nämä odottavat sinua Sillat-palvelussa:',
    kinds: { checkpoint: 'Edistymisraportti', notesDeadline: 'Keskustelutilaisuuden muistiinpanot' },
    stages: {
      dueSoon: (d) => `erääntyy pian, ${d}`,
      due: () => 'erääntyy tänään',
      overdue: (d) => `myöhässä, eräpäivä oli ${d}`,
      escalation: (d) => `myöhässä, vastuuhenkilö ei ole raportoinut (eräpäivä ${d})`,
    },
    open: 'Avaa',
    footer: 'Voit muuttaa ilmoitusasetuksiasi Sillat-palvelussa.',
    date: dottedDate,
  },
  sv: {
    subject: (n) => `Sillat: påminnelser (${n})`,
    greeting: 'Hej,',
    intro: 'Det här väntar på dig i Sillat:',
    kinds: { checkpoint: 'Lägesrapport', notesDeadline: 'Anteckningar från diskussionstillfället' },
    stages: {
      dueSoon: (d) => `förfaller snart, ${d}`,
      due: () => 'förfaller i dag',
      overdue: (d) => `försenad, förföll ${d}`,
      escalation: (d) => `försenad, den ansvariga har inte rapporterat (förföll ${d})`,
    },
    open: 'Öppna',
    footer: 'Du kan ändra dina aviseringsinställningar i Sillat.',
    date: dottedDate,
  },
  en: {
    subject: (n) => `Sillat: reminders (${n})`,
    greeting: 'Hello,',
    intro: 'These are waiting for you in Sillat:',
    kinds: { checkpoint: 'Progress report', notesDeadline: 'Discussion session notes' },
    stages: {
      dueSoon: (d) => `due soon, on ${d}`,
      due: () => 'due today',
      overdue: (d) => `overdue, was due on ${d}`,
      escalation: (d) => `overdue, the owner has not reported (was due on ${d})`,
    },
    open: 'Open',
    footer: 'You can change your notification settings in Sillat.',
    date: (date) => EN_DATE.format(new Date(`${date}T00:00:00Z`)),
  },
};

/**
 * The mail for one digest, in the recipient's language: each item with its
 * stage in words and a link straight to its report form. Titles are user
 * content, so the HTML part escapes everything it interpolates.
 */
export function digestText(digest: Digest, baseUrl: string): { subject: string; text: string; html: string } {
  const w = WORDS[digest.locale];
  const base = baseUrl.replace(/\/+$/, '');
  const lines = digest.entries.map(({ stage, item }) => ({
    label: `${w.kinds[item.kind]}: ${item.title}`,
    stage: w.stages[stage](w.date(item.dueDate)),
    url: `${base}${item.link.startsWith('/') ? '' : '/'}${item.link}`,
  }));
  const text = [
    w.greeting,
    '',
    w.intro,
    '',
    ...lines.map((l) => `- ${l.label} — ${l.stage}\n  ${l.url}`),
    '',
    w.footer,
    '',
  ].join('\n');
  const html = [
    `<p>${escapeHtml(w.greeting)}</p>`,
    `<p>${escapeHtml(w.intro)}</p>`,
    '<ul>',
    ...lines.map(
      (l) =>
        `<li>${escapeHtml(l.label)} — ${escapeHtml(l.stage)}. <a href="${escapeHtml(l.url)}">${escapeHtml(w.open)}</a></li>`,
    ),
    '</ul>',
    `<p>${escapeHtml(w.footer)}</p>`,
  ].join('\n');
  return { subject: w.subject(digest.entries.length), text, html };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
