import { api } from '#lib/api';
import type { ActionPlan, Candidate, SurveyResults } from '#lib/decision';
import { loadFailed } from '#lib/load';
import type { RegistryItem } from '#lib/registries';
import type { Round } from '#lib/rounds';
import { mayOpen, requirePage } from '#lib/session';
import type { PageLoad } from './$types';

/**
 * The round's action plan: everyone signed in reads it; coordinators choose
 * one to four measures among the candidates and confirm it. The survey's
 * answers ("which measures will you take forward?") are shown beside the
 * candidates where the survey has results.
 */
export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { me } = await parent();
  requirePage(me, 'actionPlan');
  const id = encodeURIComponent(params.id);
  const coordinator = mayOpen(me.user.role, 'roundEdit');
  try {
    const [round, plan, candidates, groups, districts, results] = await Promise.all([
      api.get<Round>(`/rounds/${id}`, fetch),
      api.get<ActionPlan>(`/rounds/${id}/action-plan`, fetch),
      api.get<{ items: Candidate[] }>(`/rounds/${id}/candidates`, fetch),
      api.get<{ items: RegistryItem[] }>('/population-groups?includeArchived=true', fetch),
      api.get<{ items: RegistryItem[] }>('/districts?includeArchived=true', fetch),
      // Only when the survey answers with results; otherwise nothing is shown.
      coordinator ? api.get<SurveyResults>(`/rounds/${id}/survey/results`, fetch).catch(() => undefined) : undefined,
    ]);
    return {
      round: round.data,
      plan: plan.data,
      planVersion: plan.version ?? plan.data.version,
      candidates: candidates.data.items,
      groups: groups.data.items,
      districts: districts.data.items,
      intentions: results?.data.measures,
      threshold: results?.data.threshold,
      editable: coordinator && round.data.phase !== 'closed',
    };
  } catch (err) {
    loadFailed(err);
  }
};
