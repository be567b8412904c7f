import { allowedPhaseMoves, canMovePhase, ROUND_PHASES } from '@sillat/shared/round-phases';
import { describe, expect, it } from 'vitest';

describe('round phases', () => {
  it('follow the method in order', () => {
    expect(ROUND_PHASES).toEqual(['planning', 'dataCollection', 'decisionSession', 'monitoring', 'closed']);
  });

  it('move one step forward or back; closed is final', () => {
    expect(allowedPhaseMoves('planning')).toEqual(['dataCollection']);
    expect(allowedPhaseMoves('dataCollection')).toEqual(['planning', 'decisionSession']);
    expect(allowedPhaseMoves('monitoring')).toEqual(['decisionSession', 'closed']);
    expect(allowedPhaseMoves('closed')).toEqual([]);
  });

  it('never allow skipping or staying', () => {
    for (const from of ROUND_PHASES) {
      for (const to of ROUND_PHASES) {
        const distance = Math.abs(ROUND_PHASES.indexOf(from) - ROUND_PHASES.indexOf(to));
        expect(canMovePhase(from, to), `${from} → ${to}`).toBe(distance === 1 && from !== 'closed');
      }
    }
  });
});
