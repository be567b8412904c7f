import { ASPECTS, type Aspect } from '@sillat/shared/aspects';
import { MEASURE_MEMBER_ROLES } from '@sillat/shared/access';
import { MEASURE_PROGRESS } from '@sillat/shared/dashboard';
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
 * The trend dashboard's measure counts link here with `?roundId=&status=&targetGroupId=&targetDistrictId=`:
 * a round's measures by status (or overdue), aimed at a group and district — or at the whole municipality,
 * naming none — exactly as the dashboard counts them (shared/src/dashboard.ts).
 */
function dashboardFilters(url: URL) {
  const get = (key: string) => url.searchParams.get(key) ?? '';
  const f = {
    roundId: get('roundId'),
    status: [...MEASURE_PROGRESS, 'overdue'].includes(get('status')) ? get('status') : '',
    targetGroupId: get('targetGroupId'),
    targetDistrictId: get('targetDistrictId'),
  };
  return Object.values(f).some(Boolean) ? f : undefined;
}
type DashboardMeasureFilters = NonNullable<ReturnType<typeof dashboardFilters>>;

function countedBy(x: Measure, f: DashboardMeasureFilters): boolean {
  const reaches = (ids: string[], id: string) => !id || ids.length === 0 || ids.includes(id);
  const status =
    !f.status ||
    (f.status === 'overdue' ? x.overdueCheckpoint !== undefined : (x.lastStatus ?? 'notStarted') === f.status);
  return (
    (!f.roundId || x.roundId === f.roundId) &&
    status &&
    reaches(x.populationGroupIds, f.targetGroupId) &&
    reaches(x.districtIds, f.targetDistrictId)
  );
}

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
  const fromDashboard = own ? undefined : dashboardFilters(url);
  try {
    const [measures, rounds, districts, users, groups] = await Promise.all([
      api.get<{ items: Measure[] }>(`/measures${query ? `?${query}` : ''}`, fetch),
      api.get<{ items: Round[] }>('/rounds', fetch),
      own ? undefined : api.get<{ items: RegistryItem[] }>('/districts', fetch),
      // Names of owners: only those who may read the users have them.
      mayOpen(me.user.role, 'users') ? api.get<{ items: User[] }>('/users?status=active', fetch) : undefined,
      fromDashboard?.targetGroupId
        ? api.get<{ items: RegistryItem[] }>('/population-groups?includeArchived=true', fetch)
        : undefined,
    ]);
    return {
      own,
      filters,
      fromDashboard,
      groups: groups?.data.items ?? [],
      measures: measures.data.items.filter((x) => !fromDashboard || countedBy(x, fromDashboard)),
      rounds: rounds.data.items,
      districts: districts?.data.items ?? [],
      users: byName(users?.data.items ?? [], currentLocale()),
    };
  } catch (err) {
    loadFailed(err);
  }
};
