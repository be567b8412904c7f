import { api } from '#lib/api';
import { flash } from '#lib/flash';
import { loadFailed } from '#lib/load';
import type { RegistryItem } from '#lib/registries';
import type { Round } from '#lib/rounds';
import { mayOpen, requirePage } from '#lib/session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { me } = await parent();
  requirePage(me, 'rounds');
  try {
    // Archived groups and organisations too: a round keeps the ones it had.
    const [round, rounds, groups, organisations] = await Promise.all([
      api.get<Round>(`/rounds/${encodeURIComponent(params.id)}`, fetch),
      api.get<{ items: Round[] }>('/rounds', fetch),
      api.get<{ items: RegistryItem[] }>('/population-groups?includeArchived=true', fetch),
      api.get<{ items: RegistryItem[] }>('/organisations?includeArchived=true', fetch),
    ]);
    return {
      round: round.data,
      version: round.version ?? round.data.version,
      rounds: rounds.data.items,
      groups: groups.data.items,
      organisations: organisations.data.items,
      editable: mayOpen(me.user.role, 'roundEdit'),
      notice: flash.take(),
    };
  } catch (err) {
    loadFailed(err);
  }
};
