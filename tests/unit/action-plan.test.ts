import { canAddMeasure, canConfirmPlan, MAX_PLAN_MEASURES, planConfirmRefusal } from '@sillat/shared/action-plan';
import { ActionPlanInput } from '@sillat/shared';
import { describe, expect, it } from 'vitest';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);

describe('action plan rules', () => {
  it('has one to four measures, as the method says', () => {
    expect(MAX_PLAN_MEASURES).toBe(4);
  });

  it.each([
    [0, 'plan_empty'],
    [1, undefined],
    [4, undefined],
    [5, 'plan_too_large'],
  ])('a draft of %i measures: %s', (n, refusal) => {
    const plan = { status: 'draft' as const, candidateIds: ids(n) };
    expect(planConfirmRefusal(plan)).toBe(refusal);
    expect(canConfirmPlan(plan)).toBe(refusal === undefined);
  });

  it('counts a measure named twice once', () => {
    const [a, b] = ids(2) as [string, string];
    expect(planConfirmRefusal({ status: 'draft', candidateIds: [a, a, a, a, b] })).toBeUndefined();
  });

  it('never confirms a plan twice', () => {
    expect(planConfirmRefusal({ status: 'confirmed', candidateIds: ids(2) })).toBe('plan_confirmed');
    expect(canConfirmPlan({ status: 'confirmed', candidateIds: ids(2) })).toBe(false);
  });

  it('lets a fifth measure in only when one goes out', () => {
    expect(canAddMeasure(ids(3))).toBe(true);
    expect(canAddMeasure(ids(4))).toBe(false);
  });

  it('refuses a fifth measure in the body with the message people see', () => {
    const res = ActionPlanInput.safeParse({ candidateIds: ids(5) });
    expect(res.success).toBe(false);
    expect(res.error?.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([
      { path: ['candidateIds'], message: 'An action plan has one to four measures.' },
    ]);
    expect(ActionPlanInput.parse({ candidateIds: [] })).toEqual({ candidateIds: [] });
  });
});
