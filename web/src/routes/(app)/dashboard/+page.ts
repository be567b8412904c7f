import { api } from '#lib/api';
import { apiQuery, filtersFrom, type TrendDashboard } from '#lib/dashboard';
import { loadFailed } from '#lib/load';
import type { RegistryItem } from '#lib/registries';
import type { PageLoad } from './$types';

/** The trend dashboard, filtered by the group and district in the address (so a link or Back shows the same view). */
export const load: PageLoad = async ({ fetch, url, parent }) => {
  const { me } = await parent();
  const filters = filtersFrom(url);
  try {
    const [trends, groups, districts] = await Promise.all([
      api.get<TrendDashboard>(`/dashboard/trends${apiQuery(filters)}`, fetch),
      api.get<{ items: RegistryItem[] }>('/population-groups', fetch),
      api.get<{ items: RegistryItem[] }>('/districts', fetch),
    ]);
    return { me, filters, trends: trends.data, groups: groups.data.items, districts: districts.data.items };
  } catch (err) {
    loadFailed(err);
  }
};
