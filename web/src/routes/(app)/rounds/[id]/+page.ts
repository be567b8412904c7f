import { api } from '#lib/api';
import { flash } from '#lib/flash';
import { loadFailed } from '#lib/load';
import type { RoundOverview } from '#lib/cards';
import type { RegistryItem } from '#lib/registries';
import type { Round } from '#lib/rounds';
import type { Session } from '#lib/sessions';
import { mayOpen, requirePage } from '#lib/session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { me } = await parent();
  requirePage(me, 'rounds');
  try {
    // Archived groups and organisations too: a round keeps the ones it had.
    const editable = mayOpen(me.user.role, 'roundEdit');
    const [round, rounds, groups, organisations, districts, sessions, overview] = await Promise.all([
      api.get<Round>(`/rounds/${encodeURIComponent(params.id)}`, fetch),
      api.get<{ items: Round[] }>('/rounds', fetch),
      api.get<{ items: RegistryItem[] }>('/population-groups?includeArchived=true', fetch),
      api.get<{ items: RegistryItem[] }>('/organisations?includeArchived=true', fetch),
      api.get<{ items: RegistryItem[] }>('/districts?includeArchived=true', fetch),
      // Sessions are for those who run them: organisation staff get only their organisation's.
      mayOpen(me.user.role, 'sessions')
        ? api.get<{ items: Session[] }>(`/rounds/${encodeURIComponent(params.id)}/sessions`, fetch)
        : undefined,
      // The overview of the data collection is the coordinator's.
      editable ? api.get<RoundOverview>(`/rounds/${encodeURIComponent(params.id)}/overview`, fetch) : undefined,
    ]);
    return {
      round: round.data,
      version: round.version ?? round.data.version,
      rounds: rounds.data.items,
      groups: groups.data.items,
      organisations: organisations.data.items,
      districts: districts.data.items,
      sessions: sessions?.data.items,
      overview: overview?.data,
      editable,
      notice: flash.take(),
    };
  } catch (err) {
    loadFailed(err);
  }
};
