import { isLate, roundOverview } from '@sillat/shared/round-overview';
import { describe, expect, it } from 'vitest';

const session = (
  id: string,
  group: string,
  district: string,
  status: 'planned' | 'held' | 'notesDelivered' | 'approved',
  deadline: string,
) => ({
  id,
  populationGroupId: group,
  districtId: district,
  status,
  notesDeadline: deadline,
});

describe('round overview', () => {
  it('marks notes late only after the deadline and only while not delivered', () => {
    expect(isLate({ status: 'held', notesDeadline: '2027-03-14' }, '2027-03-15')).toBe(true);
    expect(isLate({ status: 'planned', notesDeadline: '2027-03-15' }, '2027-03-15')).toBe(false);
    expect(isLate({ status: 'notesDelivered', notesDeadline: '2027-03-01' }, '2027-03-15')).toBe(false);
    expect(isLate({ status: 'approved', notesDeadline: '2027-03-01' }, '2027-03-15')).toBe(false);
  });

  it('groups sessions by group and district, counts statuses, lists late ones and counts cards', () => {
    const sessions = [
      session('s1', 'g1', 'd1', 'held', '2027-03-01'),
      session('s2', 'g1', 'd1', 'approved', '2027-03-01'),
      session('s3', 'g2', 'd1', 'planned', '2027-04-01'),
    ];
    const cards = [
      { aspect: 'safety' as const, tone: 'negative' as const },
      { aspect: 'safety' as const, tone: 'negative' as const },
      { aspect: 'attitudes' as const, tone: 'positive' as const },
    ];
    const o = roundOverview(sessions, cards, '2027-03-15');
    expect(o.sessionsByStatus).toEqual({ planned: 1, held: 1, notesDelivered: 0, approved: 1 });
    expect(o.cells.map((c) => [c.populationGroupId, c.districtId, c.sessions.map((s) => s.id)])).toEqual([
      ['g1', 'd1', ['s1', 's2']],
      ['g2', 'd1', ['s3']],
    ]);
    expect(o.lateSessionIds).toEqual(['s1']);
    expect(o.cards.safety).toEqual({ positive: 0, negative: 2 });
    expect(o.cards.attitudes).toEqual({ positive: 1, negative: 0 });
    expect(o.cards.participation).toEqual({ positive: 0, negative: 0 });
  });
});
