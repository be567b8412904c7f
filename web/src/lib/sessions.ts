import { ASPECTS, ASPECT_LABELS, type Aspect } from '@sillat/shared/aspects';
import type { Session } from '@sillat/shared/schemas/sessions';
import { STAFF_EDITABLE_SESSION_FIELDS, type SessionStatus } from '@sillat/shared/session-status';
import { m } from '#lib/paraglide/messages.js';
import { api } from './api';
import { currentLocale } from './i18n';

/** A session as the API answers it (type only: the schema module would ship zod). */
export type { Session, SessionStatus, Aspect };
export { ASPECTS, STAFF_EDITABLE_SESSION_FIELDS };

/** Mirrors RATING_POINTS and MAX_PARTICIPANTS in shared/src/schemas/sessions.ts (not imported: zod). */
export const RATING_POINTS = 5;
export const MAX_PARTICIPANTS = 1000;

export const STATUS_LABELS: Record<SessionStatus, () => string> = {
  planned: m.session_status_planned,
  held: m.session_status_held,
  notesDelivered: m.session_status_notes_delivered,
  approved: m.session_status_approved,
};

export function statusLabel(status: SessionStatus): string {
  return STATUS_LABELS[status]();
}

export function aspectLabel(aspect: Aspect): string {
  return ASPECT_LABELS[aspect][currentLocale()];
}

/** A calendar day ("2026-11-23") in the reader's language; read as UTC so it never shifts a day. */
export function formatDay(iso: string): string {
  try {
    return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${iso}T00:00:00Z`),
    );
  } catch {
    return iso;
  }
}

/** Today as a calendar day in the reader's time zone. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Notes are late when their deadline has passed and they have not been delivered yet. */
export function notesLate(session: Pick<Session, 'status' | 'notesDeadline'>, on = today()): boolean {
  return (session.status === 'planned' || session.status === 'held') && session.notesDeadline < on;
}

/** The fields a session form edits, as the inputs hold them (empty = not given). */
export interface SessionFieldValues {
  populationGroupId: string;
  districtId: string;
  organisationId: string;
  language: string;
  date: string;
  place: string;
  notesDeadline: string;
  participantCount: string;
  facilitatorId: string;
  clerkId: string;
}

export function sessionFieldValues(s?: Session): SessionFieldValues {
  return {
    populationGroupId: s?.populationGroupId ?? '',
    districtId: s?.districtId ?? '',
    organisationId: s?.organisationId ?? '',
    language: s?.language ?? '',
    date: s?.date ?? '',
    place: s?.place ?? '',
    notesDeadline: s?.notesDeadline ?? '',
    participantCount: s?.participantCount === undefined ? '' : String(s.participantCount),
    facilitatorId: s?.facilitatorId ?? '',
    clerkId: s?.clerkId ?? '',
  };
}

const OPTIONAL = ['facilitatorId', 'clerkId', 'participantCount'] as const;

/** The body for creating a session: optional fields left out when empty. */
export function sessionInput(v: SessionFieldValues): Record<string, unknown> {
  const body: Record<string, unknown> = {
    ...v,
    participantCount: v.participantCount === '' ? undefined : Number(v.participantCount),
  };
  for (const key of OPTIONAL) if (body[key] === '' || body[key] === undefined) delete body[key];
  return body;
}

/** Only what changed (null clears an optional field), limited to `allowed` fields. */
export function sessionPatch(
  before: Session,
  v: SessionFieldValues,
  allowed: readonly string[] | undefined,
): Record<string, unknown> {
  const was = sessionFieldValues(before);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(v) as (keyof SessionFieldValues)[]) {
    if (allowed && !allowed.includes(key)) continue;
    if (v[key] === was[key]) continue;
    if (key === 'participantCount') patch[key] = v[key] === '' ? null : Number(v[key]);
    else patch[key] = v[key] === '' && (OPTIONAL as readonly string[]).includes(key) ? null : v[key];
  }
  return patch;
}

/** Someone who may facilitate a session or keep its notes: GET /api/organisations/{id}/staff answers id and name only. */
export interface StaffMember {
  id: string;
  name: string;
}

/** The active staff of one organisation, by name (every role that plans or runs sessions may ask). */
export async function organisationStaff(organisationId: string): Promise<StaffMember[]> {
  const { data } = await api.get<{ items: StaffMember[] }>(
    `/organisations/${encodeURIComponent(organisationId)}/staff`,
  );
  return data.items;
}
