import { api } from '#lib/api';
import type { Card } from '#lib/cards';
import type { DecisionSession, Survey } from '#lib/decision';
import { localName } from '#lib/i18n';
import { loadFailed } from '#lib/load';
import type { RegistryItem } from '#lib/registries';
import type { Round } from '#lib/rounds';
import type { Session } from '#lib/sessions';
import { requirePage } from '#lib/session';
import type { PageLoad } from './$types';

/**
 * The presentation view of the decision-maker session: the round's groups,
 * their summaries and their cards in the deck. The session's own record and
 * the survey are extras: without them (not saved yet, survey not built) the
 * presentation still runs.
 */
export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { me } = await parent();
  requirePage(me, 'presentation');
  const id = encodeURIComponent(params.id);
  try {
    const [round, sessions, cards, groups, districts, decision, survey, municipality] = await Promise.all([
      api.get<Round>(`/rounds/${id}`, fetch),
      api.get<{ items: Session[] }>(`/rounds/${id}/sessions`, fetch),
      api.get<{ items: Card[] }>(`/rounds/${id}/cards`, fetch),
      api.get<{ items: RegistryItem[] }>('/population-groups?includeArchived=true', fetch),
      api.get<{ items: RegistryItem[] }>('/districts?includeArchived=true', fetch),
      api.get<DecisionSession>(`/rounds/${id}/decision-session`, fetch).catch(() => undefined),
      api.get<Survey>(`/rounds/${id}/survey`, fetch).catch(() => undefined),
      api.get<{ privacyThreshold: number }>('/municipality', fetch),
    ]);
    const groupItems = groups.data.items;
    // The order is fixed once, in the reader's language, so switching the slides' language keeps one's place.
    const groupIds = [...round.data.populationGroupIds].sort((a, b) => {
      const name = (gid: string) => {
        const g = groupItems.find((i) => i.id === gid);
        return g ? localName(g.name).text : '';
      };
      return name(a).localeCompare(name(b));
    });
    return {
      round: round.data,
      groupIds,
      sessions: sessions.data.items,
      cards: cards.data.items.filter((c) => c.inDeck),
      groups: groupItems,
      districts: districts.data.items,
      decision: decision?.data,
      survey: survey?.data,
      /** Means about fewer raters than this are not shown to the room. */
      threshold: municipality.data.privacyThreshold,
    };
  } catch (err) {
    loadFailed(err);
  }
};
