import { api } from '#lib/api';
import type { ImpactView } from '#lib/impact';
import { loadFailed } from '#lib/load';
import type { RegistryItem } from '#lib/registries';
import type { Round } from '#lib/rounds';
import type { PageLoad } from './$types';

/**
 * The impact view for the round in the address (`?roundId=`); without one the
 * API opens on the latest round whose next round has data.
 */
export const load: PageLoad = async ({ fetch, url, parent }) => {
  const { me } = await parent();
  const roundId = url.searchParams.get('roundId') ?? '';
  try {
    const [rounds, groups, districts] = await Promise.all([
      api.get<{ items: Round[] }>('/rounds', fetch),
      api.get<{ items: RegistryItem[] }>('/population-groups?includeArchived=true', fetch),
      api.get<{ items: RegistryItem[] }>('/districts?includeArchived=true', fetch),
    ]);
    const view = rounds.data.items.length
      ? (
          await api.get<ImpactView>(
            `/dashboard/impact${roundId ? `?roundId=${encodeURIComponent(roundId)}` : ''}`,
            fetch,
          )
        ).data
      : null;
    return { me, view, rounds: rounds.data.items, groups: groups.data.items, districts: districts.data.items };
  } catch (err) {
    loadFailed(err);
  }
};
