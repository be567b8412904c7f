import { api } from '#lib/api';
import { loadFailed } from '#lib/load';
import type { Round } from '#lib/rounds';
import { mayOpen, requirePage } from '#lib/session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  const { me } = await parent();
  requirePage(me, 'rounds');
  try {
    const { data } = await api.get<{ items: Round[] }>('/rounds', fetch);
    return {
      rounds: data.items,
      editable: mayOpen(me.user.role, 'roundEdit'),
      staff: mayOpen(me.user.role, 'mySessions'),
    };
  } catch (err) {
    loadFailed(err);
  }
};
