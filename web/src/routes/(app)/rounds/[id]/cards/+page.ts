import { ASPECTS, type Aspect } from '@sillat/shared/aspects';
import { api } from '#lib/api';
import type { Card } from '#lib/cards';
import { loadFailed } from '#lib/load';
import type { RegistryItem } from '#lib/registries';
import type { Round } from '#lib/rounds';
import { mayOpen, requirePage } from '#lib/session';
import type { PageLoad } from './$types';

/**
 * Which cards to list, from the address: a dashboard's card count links here
 * with `?aspect=&tone=&group=&district=&deck=in` (the cards it counted, which
 * are those in the deck); anything else lists every card.
 */
function cardFilters(url: URL) {
  const get = (key: string) => url.searchParams.get(key) ?? '';
  const aspect = get('aspect');
  const tone = get('tone');
  return {
    aspect: (ASPECTS as readonly string[]).includes(aspect) ? (aspect as Aspect) : undefined,
    tone: tone === 'positive' || tone === 'negative' ? tone : undefined,
    group: get('group') || undefined,
    district: get('district') || undefined,
    inDeck: get('deck') === 'in' || undefined,
  };
}
export type CardFilters = ReturnType<typeof cardFilters>;

/** The round's experience cards, in deck order: the coordinator curates them, dashboard readers read them. */
export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  const { me } = await parent();
  requirePage(me, 'cards');
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
      filters: cardFilters(url),
      /** Coordinators curate and print; council members and administrators read. */
      editable: mayOpen(me.user.role, 'roundEdit'),
    };
  } catch (err) {
    loadFailed(err);
  }
};
