import { MEASURE_MEMBER_ROLES, MEASURE_REPORTERS } from '@sillat/shared/access';
import type { Aspect } from '@sillat/shared/aspects';
import type { ScheduleEntry } from '@sillat/shared/schedule';
import { m } from '#lib/paraglide/messages.js';
import type { Role } from './session';
import type { User } from './users';

/**
 * The measures of confirmed action plans, their owners and contributors, and
 * their progress reports, as the API answers them
 * (shared/src/schemas/measures.ts). Types only here: the schema modules would
 * ship zod.
 */
export const MEASURE_STATUSES = ['notStarted', 'onTrack', 'atRisk', 'done', 'discontinued'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** Mirrors the API's limits (not imported: zod). */
export const MAX_NARRATIVE_LENGTH = 2000;
export const MAX_EVIDENCE_LINKS = 10;
export const MAX_CONTRIBUTORS = 20;

export type Contributor =
  | { kind: 'user'; userId: string }
  | { kind: 'organisation'; organisationId: string }
  | { kind: 'districtLiaison'; districtId: string };

/** A checkpoint of a measure's assessment schedule: when, and what to assess. */
export interface Checkpoint {
  entryId: string;
  date: string;
  assess: string;
  reporterId?: string;
}

export interface Measure {
  id: string;
  roundId: string;
  title: string;
  description: string;
  aspects: Aspect[];
  populationGroupIds: string[];
  districtIds: string[];
  ownerId?: string;
  contributors: Contributor[];
  lastStatus?: MeasureStatus;
  progress?: number;
  lastReportAt?: string;
  /** The next checkpoint, when the measure's schedule gives it one (computed by the API on read). */
  nextCheckpoint?: Checkpoint;
  /** The first checkpoint since the last report that is already past (computed by the API on read). */
  overdueCheckpoint?: Checkpoint;
  /** The assessment schedule: single dates and recurrences (see `#lib/measure-schedule`). */
  schedule?: ScheduleEntry[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Report {
  id: string;
  measureId: string;
  roundId: string;
  authorId: string;
  status: MeasureStatus;
  progress: number;
  narrative: string;
  evidenceLinks: string[];
  checkpointDate?: string;
  version: number;
  createdAt: string;
}

export interface MeasureWithTimeline {
  measure: Measure;
  reports: Report[];
}

export const STATUS_LABELS: Record<MeasureStatus, () => string> = {
  notStarted: m.measure_status_not_started,
  onTrack: m.measure_status_on_track,
  atRisk: m.measure_status_at_risk,
  done: m.measure_status_done,
  discontinued: m.measure_status_discontinued,
};

export function measureStatusLabel(status: MeasureStatus | undefined): string {
  return status ? STATUS_LABELS[status]() : m.measure_status_none();
}

/** The next checkpoint's day ("2026-12-01"); undefined when the measure has none (or no schedule yet). */
export function nextCheckpointDay(measure: Measure): string | undefined {
  return measure.nextCheckpoint?.date;
}

/** A moment in time ("2026-11-23T10:00:00Z") as a day in the reader's language. */
export function formatReportDay(iso: string, locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
  } catch {
    return iso;
  }
}

/** One key per contributor, for keyed lists. */
export const contributorKey = (c: Contributor) =>
  c.kind === 'user' ? `u:${c.userId}` : c.kind === 'organisation' ? `o:${c.organisationId}` : `d:${c.districtId}`;

/** The measure's path in the API. */
export const measurePath = (measure: { roundId: string; id: string }) =>
  `/rounds/${encodeURIComponent(measure.roundId)}/measures/${encodeURIComponent(measure.id)}`;

/** Who may own a measure or contribute as a person: active users of the roles that report (as the API checks). */
export function ownerChoices(users: User[]): User[] {
  return users.filter((u) => u.status === 'active' && MEASURE_REPORTERS.includes(u.role));
}

/** The body of `PUT …/responsibility` that makes `ownerId` the owner and keeps the contributors as they are. */
export const ownerChange = (measure: Measure, ownerId: string) => ({ ownerId, contributors: measure.contributors });

/** Whether `user` may report this measure's progress: coordinators always, members while they are on it. */
export function mayReport(measure: Measure, user: { id: string; role: Role }): boolean {
  if (user.role === 'coordinator') return true;
  if (!MEASURE_MEMBER_ROLES.includes(user.role)) return false;
  return measure.ownerId === user.id || measure.contributors.some((c) => c.kind === 'user' && c.userId === user.id);
}

/** The report form's fields, as the inputs hold them. */
export interface ReportFieldValues {
  status: MeasureStatus | '';
  progress: number;
  narrative: string;
  evidenceLinks: string[];
  checkpointDate: string;
}

export function reportFieldValues(measure: Measure): ReportFieldValues {
  return {
    status: '',
    progress: measure.progress ?? 0,
    narrative: '',
    evidenceLinks: [],
    checkpointDate: '',
  };
}

const isHttpsUrl = (value: string) => {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
};

/** Checks the API makes too, worded in the reader's language before the request. */
export function reportErrors(v: ReportFieldValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.status) errors.status = m.measure_report_status_required();
  if (!Number.isInteger(v.progress) || v.progress < 0 || v.progress > 100) {
    errors.progress = m.measure_report_progress_invalid();
  }
  if (!v.narrative.trim()) errors.narrative = m.measure_report_narrative_required();
  v.evidenceLinks.forEach((link, i) => {
    if (link.trim() && !isHttpsUrl(link.trim())) errors[`evidenceLinks.${i}`] = m.measure_report_link_invalid();
  });
  return errors;
}

/** The body for a report: links left empty are dropped. */
export function reportInput(v: ReportFieldValues): Record<string, unknown> {
  return {
    status: v.status,
    progress: v.progress,
    narrative: v.narrative.trim(),
    evidenceLinks: v.evidenceLinks.map((l) => l.trim()).filter((l) => l !== ''),
    ...(v.checkpointDate ? { checkpointDate: v.checkpointDate } : {}),
  };
}
