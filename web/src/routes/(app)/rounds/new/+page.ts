import { api } from '#lib/api';
import { loadFailed } from '#lib/load';
import type { RegistryItem } from '#lib/registries';
import { requirePage } from '#lib/session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  requirePage((await parent()).me, 'roundEdit');
  try {
    const [groups, organisations] = await Promise.all([
      api.get<{ items: RegistryItem[] }>('/population-groups', fetch),
      api.get<{ items: RegistryItem[] }>('/organisations', fetch),
    ]);
    return { groups: groups.data.items, organisations: organisations.data.items };
  } catch (err) {
    loadFailed(err);
  }
};
