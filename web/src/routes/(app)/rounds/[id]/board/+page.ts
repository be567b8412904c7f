import { api } from '#lib/api';
import type { Card } from '#lib/cards';
import type { Board, Candidate } from '#lib/decision';
import { loadFailed } from '#lib/load';
import type { RegistryItem } from '#lib/registries';
import type { Round } from '#lib/rounds';
import { requirePage } from '#lib/session';
import type { PageLoad } from './$types';

/** The facilitator's side of "more of this, less of that": the board, what the tables say, and the candidate measures. */
export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { me } = await parent();
  requirePage(me, 'board');
  const id = encodeURIComponent(params.id);
  try {
    const [round, board, cards, candidates, groups, districts] = await Promise.all([
      api.get<Round>(`/rounds/${id}`, fetch),
      api.get<Board>(`/rounds/${id}/board`, fetch),
      api.get<{ items: Card[] }>(`/rounds/${id}/cards`, fetch),
      api.get<{ items: Candidate[] }>(`/rounds/${id}/candidates`, fetch),
      api.get<{ items: RegistryItem[] }>('/population-groups?includeArchived=true', fetch),
      api.get<{ items: RegistryItem[] }>('/districts?includeArchived=true', fetch),
    ]);
    return {
      round: round.data,
      board: board.data,
      boardVersion: board.version ?? board.data.version,
      cards: cards.data.items,
      candidates: candidates.data.items,
      groups: groups.data.items,
      districts: districts.data.items,
    };
  } catch (err) {
    loadFailed(err);
  }
};
