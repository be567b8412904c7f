import { api } from '#lib/api';
import type { Card } from '#lib/cards';
import { LOCALES, currentLocale, type Locale } from '#lib/i18n';
import { loadFailed } from '#lib/load';
import type { RegistryItem } from '#lib/registries';
import type { Round } from '#lib/rounds';
import { requirePage } from '#lib/session';
import type { PageLoad } from './$types';

/** The deck for the decision-maker session: the cards in the deck, in the language asked for (?lang=fi|sv|en). */
export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  const { me } = await parent();
  requirePage(me, 'roundEdit');
  const asked = url.searchParams.get('lang');
  const lang: Locale = LOCALES.find((l) => l === asked) ?? currentLocale();
  const id = encodeURIComponent(params.id);
  try {
    const [round, cards, groups, districts] = await Promise.all([
      api.get<Round>(`/rounds/${id}`, fetch),
      api.get<{ items: Card[] }>(`/rounds/${id}/cards`, fetch),
      api.get<{ items: RegistryItem[] }>('/population-groups?includeArchived=true', fetch),
      api.get<{ items: RegistryItem[] }>('/districts?includeArchived=true', fetch),
    ]);
    return {
      lang,
      round: round.data,
      cards: cards.data.items.filter((c) => c.inDeck),
      groups: groups.data.items,
      districts: districts.data.items,
    };
  } catch (err) {
    loadFailed(err);
  }
};
