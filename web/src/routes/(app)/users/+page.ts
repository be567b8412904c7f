import { api } from '#lib/api';
import { currentLocale } from '#lib/i18n';
import { loadFailed } from '#lib/load';
import type { RegistryItem } from '#lib/registries';
import { requirePage } from '#lib/session';
import { byName, statusFilter, type User } from '#lib/users';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, parent }) => {
  const { me } = await parent();
  requirePage(me, 'users');
  const status = statusFilter(url.searchParams.get('status'));
  try {
    const [users, organisations] = await Promise.all([
      api.get<{ items: User[] }>(status === 'all' ? '/users' : `/users?status=${status}`, fetch),
      // Archived ones too: a user may still belong to one.
      api.get<{ items: RegistryItem[] }>('/organisations?includeArchived=true', fetch),
    ]);
    return { status, users: byName(users.data.items, currentLocale()), organisations: organisations.data.items };
  } catch (err) {
    loadFailed(err);
  }
};
