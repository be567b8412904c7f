/**
 * A round of the good-relations cycle moves through the method's parts in
 * order (domain.md): planning, data collection, the decision-maker session,
 * monitoring of the measures, and closed. Zod-free: the web app uses it to
 * offer only the moves that are allowed.
 */
export const ROUND_PHASES = ['planning', 'dataCollection', 'decisionSession', 'monitoring', 'closed'] as const;
export type RoundPhase = (typeof ROUND_PHASES)[number];

/**
 * Phase changes are explicit and one step at a time: forward when a part is
 * done, or one step back to correct a premature move. A closed round stays
 * closed — later rounds compare against it, so it must not change under them.
 */
export function allowedPhaseMoves(from: RoundPhase): RoundPhase[] {
  if (from === 'closed') return [];
  const i = ROUND_PHASES.indexOf(from);
  return [ROUND_PHASES[i - 1], ROUND_PHASES[i + 1]].filter((p): p is RoundPhase => p !== undefined);
}

export function canMovePhase(from: RoundPhase, to: RoundPhase): boolean {
  return allowedPhaseMoves(from).includes(to);
}
