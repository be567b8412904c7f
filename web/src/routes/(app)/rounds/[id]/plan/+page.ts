import { api } from '#lib/api';
import type { ActionPlan, Candidate, SurveyResults } from '#lib/decision';
import { currentLocale } from '#lib/i18n';
import { loadFailed } from '#lib/load';
import type { Measure } from '#lib/measures';
import type { RegistryItem } from '#lib/registries';
import type { Round } from '#lib/rounds';
import { mayOpen, requirePage } from '#lib/session';
import { byName, type User } from '#lib/users';
import type { PageLoad } from './$types';

/**
 * The round's action plan: everyone signed in reads it; coordinators choose
 * one to four measures among the candidates and confirm it. The survey's
 * answers ("which measures will you take forward?") are shown beside the
 * candidates where the survey has results. Once confirmed, its measures are
 * followed up here: their owners, and a quarterly schedule for all of them.
 */
export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { me } = await parent();
  requirePage(me, 'actionPlan');
  const id = encodeURIComponent(params.id);
  const coordinator = mayOpen(me.user.role, 'roundEdit');
  try {
    const [round, plan, candidates, groups, districts, results, measures, users] = await Promise.all([
      api.get<Round>(`/rounds/${id}`, fetch),
      api.get<ActionPlan>(`/rounds/${id}/action-plan`, fetch),
      api.get<{ items: Candidate[] }>(`/rounds/${id}/candidates`, fetch),
      api.get<{ items: RegistryItem[] }>('/population-groups?includeArchived=true', fetch),
      api.get<{ items: RegistryItem[] }>('/districts?includeArchived=true', fetch),
      // Only when the survey answers with results; otherwise nothing is shown.
      coordinator ? api.get<SurveyResults>(`/rounds/${id}/survey/results`, fetch).catch(() => undefined) : undefined,
      // The follow-up: the measures the reader may see (an owner sees theirs), and whom a coordinator may choose.
      api.get<{ items: Measure[] }>('/measures', fetch).catch(() => undefined),
      coordinator && mayOpen(me.user.role, 'users')
        ? api.get<{ items: User[] }>('/users?status=active', fetch)
        : undefined,
    ]);
    // "Until the next round": its start, when there is one.
    const nextRound = round.data.nextRoundId
      ? await api.get<Round>(`/rounds/${encodeURIComponent(round.data.nextRoundId)}`, fetch).catch(() => undefined)
      : undefined;
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
      measures: (measures?.data.items ?? []).filter((x) => x.roundId === round.data.id),
      users: byName(users?.data.items ?? [], currentLocale()),
      nextRoundStart: nextRound?.data.period.start,
      canOpenMeasures: mayOpen(me.user.role, 'measures'),
    };
  } catch (err) {
    loadFailed(err);
  }
};
