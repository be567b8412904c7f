/**
 * The rules of an action plan (domain.md, part 2): the decision-maker session
 * ends with one to four measures that the people present will carry out. A
 * plan is a draft while the coordinator chooses among the candidate measures;
 * once confirmed it no longer changes, and its measures go on to owners and
 * monitoring. Zod-free, so the web app shows the same refusals the API gives.
 */
export const MAX_PLAN_MEASURES = 4;

export const PLAN_STATUSES = ['draft', 'confirmed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_SIZE_MESSAGE = 'An action plan has one to four measures.';
export const PLAN_EMPTY_MESSAGE = 'Choose at least one measure before confirming the plan.';
export const PLAN_CONFIRMED_MESSAGE = 'The action plan is confirmed and no longer changes.';

/** Why a plan cannot be confirmed, as the API's error code, or undefined when it can. */
export type PlanConfirmRefusal = 'plan_confirmed' | 'plan_empty' | 'plan_too_large';

export function planConfirmRefusal(plan: {
  status: PlanStatus;
  candidateIds: readonly string[];
}): PlanConfirmRefusal | undefined {
  if (plan.status === 'confirmed') return 'plan_confirmed';
  const measures = new Set(plan.candidateIds).size;
  if (measures === 0) return 'plan_empty';
  if (measures > MAX_PLAN_MEASURES) return 'plan_too_large';
  return undefined;
}

export function canConfirmPlan(plan: { status: PlanStatus; candidateIds: readonly string[] }): boolean {
  return planConfirmRefusal(plan) === undefined;
}

/** Whether another measure fits in a plan that already has `candidateIds` (for disabling a checkbox). */
export function canAddMeasure(candidateIds: readonly string[]): boolean {
  return new Set(candidateIds).size < MAX_PLAN_MEASURES;
}
