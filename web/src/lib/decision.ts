import { MAX_PLAN_MEASURES, type PlanStatus } from '@sillat/shared/action-plan';
import { ASPECTS, type Aspect } from '@sillat/shared/aspects';
import {
  ATTENDANCE_CATEGORIES,
  ATTENDANCE_LABELS,
  MAX_ATTENDANCE,
  type AttendanceCategory,
} from '@sillat/shared/attendance';
import { m } from '#lib/paraglide/messages.js';
import { ApiError } from './api';
import type { Card } from './cards';
import { errorMessage } from './errors';
import { currentLocale } from './i18n';

/**
 * The decision-maker session, its "more of this, less of that" board, the
 * candidate measures and the action plan, as the API answers them
 * (shared/src/schemas/decision-session.ts). Types only here: the schema modules
 * would ship zod.
 */
export { ATTENDANCE_CATEGORIES, MAX_ATTENDANCE, MAX_PLAN_MEASURES, type AttendanceCategory };
export type Attendance = Record<AttendanceCategory, number>;

export interface DecisionSession {
  roundId: string;
  date?: string;
  place?: string;
  attendance: Attendance;
  /** 0 while nothing is saved yet. */
  version: number;
  updatedAt?: string;
}

/** Mirrors the API's limits (not imported: zod). */
export const MAX_PLACE_LENGTH = 200;
export const MAX_TABLES = 30;
export const MAX_IDEA_LENGTH = 1000;
export const MAX_IDEA_CARDS = 10;
export const MAX_TITLE_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 4000;

export function attendanceLabel(category: AttendanceCategory): string {
  return ATTENDANCE_LABELS[category][currentLocale()];
}

export function attendanceTotal(attendance: Partial<Record<AttendanceCategory, number>>): number {
  return ATTENDANCE_CATEGORIES.reduce((n, c) => n + (attendance[c] ?? 0), 0);
}

export type BoardStatus = 'notOpened' | 'open' | 'closed';
export const IDEA_KINDS = ['increaseGood', 'reduceBad'] as const;
export type IdeaKind = (typeof IDEA_KINDS)[number];
export type Mark = 'more' | 'less';

export interface Idea {
  id: string;
  table: number;
  kind: IdeaKind;
  text: string;
  cardIds: string[];
  createdAt: string;
}

export interface CardMarks {
  cardId: string;
  more: number;
  less: number;
}

export interface Board {
  roundId: string;
  status: BoardStatus;
  token?: string;
  tables: number;
  version: number;
  summary: { cards: CardMarks[]; ideas: Idea[] };
}

export const IDEA_KIND_LABELS: Record<IdeaKind, () => string> = {
  increaseGood: m.idea_kind_increase_good,
  reduceBad: m.idea_kind_reduce_bad,
};

/** The fields a candidate form edits, as the inputs hold them. */
export interface CandidateFieldValues {
  title: string;
  description: string;
  aspects: Aspect[];
  populationGroupIds: string[];
  districtIds: string[];
  ideaIds: string[];
  cardIds: string[];
}

/** A candidate measure: the fields its form edits, and what the API keeps with them. */
export interface Candidate extends CandidateFieldValues {
  id: string;
  roundId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ActionPlan {
  roundId: string;
  candidateIds: string[];
  status: PlanStatus;
  confirmedAt?: string;
  version: number;
}

export interface Survey {
  roundId: string;
  status: 'draft' | 'open' | 'closed';
  code?: string;
  closesAt?: string;
  responses: number;
  version: number;
}

export interface SurveyResults {
  /** The municipality's privacy threshold the results were hidden by. */
  threshold: number;
  /** `count` is null when fewer than `threshold` said so (hidden). */
  measures: { candidateId: string; title: string; count: number | null }[];
}

export function candidateFieldValues(c?: Candidate): CandidateFieldValues {
  return {
    title: c?.title ?? '',
    description: c?.description ?? '',
    aspects: [...(c?.aspects ?? [])],
    populationGroupIds: [...(c?.populationGroupIds ?? [])],
    districtIds: [...(c?.districtIds ?? [])],
    ideaIds: [...(c?.ideaIds ?? [])],
    cardIds: [...(c?.cardIds ?? [])],
  };
}

const unique = <T>(items: T[]): T[] => [...new Set(items)];

/** A title from an idea's words: its first line, cut at a word near 80 characters. */
function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  if (line.length <= 80) return line;
  const cut = line.slice(0, 80);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * A candidate measure drafted from ideas: the first idea's words as its
 * title, every idea as the description, and the aspects, groups and districts
 * of the cards the ideas refer to. The coordinator edits it before saving.
 */
export function candidateFromIdeas(ideas: Idea[], cards: Card[]): CandidateFieldValues {
  const cardIds = unique(ideas.flatMap((i) => i.cardIds)).filter((id) => cards.some((c) => c.id === id));
  const used = cardIds.map((id) => cards.find((c) => c.id === id)).filter((c) => c !== undefined);
  const aspects = new Set(used.map((c) => c.aspect));
  return {
    title: titleFrom(ideas[0]?.text ?? ''),
    description: ideas
      .map((i) => i.text.trim())
      .join('\n\n')
      .slice(0, MAX_DESCRIPTION_LENGTH),
    aspects: ASPECTS.filter((a) => aspects.has(a)),
    populationGroupIds: unique(used.map((c) => c.populationGroupId)),
    districtIds: unique(used.map((c) => c.districtId)),
    ideaIds: ideas.map((i) => i.id),
    cardIds,
  };
}

/** The body for creating a candidate. */
export function candidateInput(v: CandidateFieldValues): Record<string, unknown> {
  return {
    title: v.title.trim(),
    description: v.description.trim(),
    aspects: ASPECTS.filter((a) => v.aspects.includes(a)),
    populationGroupIds: [...v.populationGroupIds],
    districtIds: [...v.districtIds],
    ...(v.ideaIds.length ? { ideaIds: [...v.ideaIds] } : {}),
    ...(v.cardIds.length ? { cardIds: [...v.cardIds] } : {}),
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id) => b.includes(id));

/** Only what changed, so the audit trail records exactly that. */
export function candidatePatch(before: Candidate, v: CandidateFieldValues): Record<string, unknown> {
  const input = candidateInput(v);
  const patch: Record<string, unknown> = {};
  if (input.title !== before.title) patch.title = input.title;
  if (input.description !== before.description) patch.description = input.description;
  for (const key of ['aspects', 'populationGroupIds', 'districtIds'] as const) {
    if (!sameSet(v[key], before[key])) patch[key] = input[key];
  }
  return patch;
}

/** Checks the API makes too, worded in the reader's language before the request. */
export function candidateErrors(v: CandidateFieldValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.title.trim()) errors.title = m.candidate_title_required();
  if (v.aspects.length === 0) errors.aspects = m.candidate_aspects_required();
  return errors;
}

/** Whether the API refused a plan for having more than four measures (400 on `candidateIds`). */
export function isTooManyMeasures(err: unknown): boolean {
  return (
    err instanceof ApiError && err.code === 'validation_failed' && err.details.some((d) => d.field === 'candidateIds')
  );
}

/** The sentence for a failed request on these pages, with this part's own error codes. */
export function decisionErrorMessage(err: unknown): string {
  if (isTooManyMeasures(err)) return m.plan_too_many();
  if (err instanceof ApiError) {
    switch (err.code) {
      case 'plan_too_large':
        return m.plan_too_many();
      case 'plan_empty':
        return m.plan_empty();
      case 'plan_confirmed':
        return m.plan_confirmed_error();
      case 'candidate_in_plan':
        return m.candidate_in_plan();
      case 'board_not_open':
        return m.board_not_open();
    }
  }
  return errorMessage(err);
}

/** A new id for something a device sends, so a retry is recognised (crypto.randomUUID needs a secure page). */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
