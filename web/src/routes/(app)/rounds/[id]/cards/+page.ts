import { api } from '#lib/api';
import type { Card } from '#lib/cards';
import { loadFailed } from '#lib/load';
import type { RegistryItem } from '#lib/registries';
import type { Round } from '#lib/rounds';
import { requirePage } from '#lib/session';
import type { PageLoad } from './$types';

/** The round's experience cards, in deck order, for the coordinator to curate. */
export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { me } = await parent();
  requirePage(me, 'roundEdit');
  const id = encodeURIComponent(params.id);
  try {
    const [round, cards, groups, districts] = await Promise.all([
      api.get<Round>(`/rounds/${id}`, fetch),
      api.get<{ items: Card[] }>(`/rounds/${id}/cards`, fetch),
      api.get<{ items: RegistryItem[] }>('/population-groups?includeArchived=true', fetch),
      api.get<{ items: RegistryItem[] }>('/districts?includeArchived=true', fetch),
    ]);
    return {
      round: round.data,
      cards: cards.data.items,
      groups: groups.data.items,
      districts: districts.data.items,
    };
  } catch (err) {
    loadFailed(err);
  }
};
