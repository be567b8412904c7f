import { ASPECTS, type Aspect } from '@sillat/shared/aspects';
import { MEASURE_MEMBER_ROLES } from '@sillat/shared/access';
import { api } from '#lib/api';
import { currentLocale } from '#lib/i18n';
import { loadFailed } from '#lib/load';
import type { Measure } from '#lib/measures';
import type { RegistryItem } from '#lib/registries';
import type { Round } from '#lib/rounds';
import { mayOpen, requirePage } from '#lib/session';
import { byName, type User } from '#lib/users';
import type { PageLoad } from './$types';

/**
 * "My measures" for owners and staff; every measure, filtered by district,
 * aspect and owner (in the address, so a view can be bookmarked), for the others.
 */
export const load: PageLoad = async ({ fetch, url, parent }) => {
  const { me } = await parent();
  requirePage(me, 'measures');
  const own = MEASURE_MEMBER_ROLES.includes(me.user.role);
  const aspectParam = url.searchParams.get('aspect') ?? '';
  const filters = {
    districtId: own ? '' : (url.searchParams.get('districtId') ?? ''),
    aspect: own || !(ASPECTS as readonly string[]).includes(aspectParam) ? '' : (aspectParam as Aspect),
    ownerId: own ? '' : (url.searchParams.get('ownerId') ?? ''),
  };
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString();
  try {
    const [measures, rounds, districts, users] = await Promise.all([
      api.get<{ items: Measure[] }>(`/measures${query ? `?${query}` : ''}`, fetch),
      api.get<{ items: Round[] }>('/rounds', fetch),
      own ? undefined : api.get<{ items: RegistryItem[] }>('/districts', fetch),
      // Names of owners: only those who may read the users have them.
      mayOpen(me.user.role, 'users') ? api.get<{ items: User[] }>('/users?status=active', fetch) : undefined,
    ]);
    return {
      own,
      filters,
      measures: measures.data.items,
      rounds: rounds.data.items,
      districts: districts?.data.items ?? [],
      users: byName(users?.data.items ?? [], currentLocale()),
    };
  } catch (err) {
    loadFailed(err);
  }
};
