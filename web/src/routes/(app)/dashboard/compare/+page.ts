import { api } from '#lib/api';
import { type RoundComparison, selectionFrom, selectionQuery } from '#lib/comparison';
import { loadFailed } from '#lib/load';
import type { RegistryItem } from '#lib/registries';
import type { Round } from '#lib/rounds';
import { requirePage } from '#lib/session';
import type { PageLoad } from './$types';

/**
 * Two rounds compared per aspect × group or district. The choice is in the
 * address (`?from=…&to=…&by=…`), so a link or Back shows the same view;
 * without one, the newest round is compared with the one it followed on from.
 */
export const load: PageLoad = async ({ fetch, url, parent }) => {
  const { me } = await parent();
  requirePage(me, 'dashboard');
  try {
    const [rounds, groups, districts] = await Promise.all([
      api.get<{ items: Round[] }>('/rounds', fetch),
      // Archived names too: an older round may have heard a group that has since been archived.
      api.get<{ items: RegistryItem[] }>('/population-groups?includeArchived=true', fetch),
      api.get<{ items: RegistryItem[] }>('/districts?includeArchived=true', fetch),
    ]);
    const selection = selectionFrom(url, rounds.data.items);
    const comparable = selection.from !== '' && selection.to !== '' && selection.from !== selection.to;
    const comparison = comparable
      ? (await api.get<RoundComparison>(`/dashboard/compare?${selectionQuery(selection)}`, fetch)).data
      : null;
    return {
      selection,
      comparison,
      rounds: rounds.data.items,
      groups: groups.data.items,
      districts: districts.data.items,
    };
  } catch (err) {
    loadFailed(err);
  }
};
