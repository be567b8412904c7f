import type { Candidate, Contributor, Measure } from '@sillat/shared';
import { DEMO_DISTRICTS, DEMO_ORGANISATIONS, DEMO_USERS } from './demo-data';
import type { DemoRoundData } from './demo-history';

const userWithRole = (role: string) => DEMO_USERS.find((u) => u.input.role === role)!.id;

/**
 * The measures of a demo round's confirmed plan, as the coordinator would have
 * assigned them: the demo measure owner owns the first, the coordinator the
 * rest; the organisation staff member, the measure's partner organisation and
 * its district's liaison officer contribute. So `owner@sillat.example` has
 * measures in both rounds and `staff@sillat.example` sees the first ones too.
 */
export function demoMeasures({ candidates, actionPlan }: DemoRoundData): { measure: Measure; candidate: Candidate }[] {
  const chosen = actionPlan.candidateIds.map((id) => candidates.find((c) => c.id === id)!);
  return chosen.map((candidate, i) => {
    const contributors: Contributor[] = [
      ...(i === 0 ? [{ kind: 'user' as const, userId: userWithRole('organisationStaff') }] : []),
      { kind: 'organisation', organisationId: DEMO_ORGANISATIONS[i % DEMO_ORGANISATIONS.length]!.id },
      ...candidate.districtIds
        .filter((d) => DEMO_DISTRICTS.some((x) => x.id === d))
        .slice(0, 1)
        .map((districtId) => ({ kind: 'districtLiaison' as const, districtId })),
    ];
    const at = actionPlan.confirmedAt ?? candidate.createdAt;
    const measure: Measure = {
      id: candidate.id,
      roundId: candidate.roundId,
      title: candidate.title,
      description: candidate.description,
      aspects: candidate.aspects,
      populationGroupIds: candidate.populationGroupIds,
      districtIds: candidate.districtIds,
      ownerId: userWithRole(i === 0 ? 'measureOwner' : 'coordinator'),
      contributors,
      version: 2,
      createdAt: at,
      updatedAt: at,
    };
    return { measure, candidate };
  });
}
