import { api } from '#lib/api';
import { loadFailed } from '#lib/load';
import type { RegistryItem } from '#lib/registries';
import { requirePage } from '#lib/session';
import type { User } from '#lib/users';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  requirePage((await parent()).me, 'users');
  try {
    const [user, organisations] = await Promise.all([
      api.get<User>(`/users/${encodeURIComponent(params.id)}`, fetch),
      api.get<{ items: RegistryItem[] }>('/organisations?includeArchived=true', fetch),
    ]);
    return { user: user.data, version: user.version ?? user.data.version, organisations: organisations.data.items };
  } catch (err) {
    loadFailed(err);
  }
};
