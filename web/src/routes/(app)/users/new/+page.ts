import { api } from '#lib/api';
import { loadFailed } from '#lib/load';
import type { RegistryItem } from '#lib/registries';
import { requirePage } from '#lib/session';
import { organisationChoices } from '#lib/users';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  requirePage((await parent()).me, 'users');
  try {
    const { data } = await api.get<{ items: RegistryItem[] }>('/organisations', fetch);
    return { organisations: organisationChoices(data.items) };
  } catch (err) {
    loadFailed(err);
  }
};
