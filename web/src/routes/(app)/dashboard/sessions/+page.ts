import { error } from '@sveltejs/kit';
import { api } from '#lib/api';
import { apiQuery, type DashboardSessions, filtersFrom } from '#lib/dashboard';
import { loadFailed } from '#lib/load';
import { m } from '#lib/paraglide/messages.js';
import type { RegistryItem } from '#lib/registries';
import type { PageLoad } from './$types';

/**
 * The held sessions behind a session count on the dashboard
 * (`?round=…&group=…&district=…`, as the count's link gives them). Archived
 * names too: an older round may have heard a group that has since been archived.
 */
export const load: PageLoad = async ({ fetch, url, parent }) => {
  const { me } = await parent();
  const roundId = url.searchParams.get('round') ?? '';
  if (!roundId) error(404, m.dashsess_no_round());
  const filters = filtersFrom(url);
  const query = apiQuery(filters);
  try {
    const [sessions, groups, districts, organisations] = await Promise.all([
      api.get<DashboardSessions>(
        `/dashboard/sessions?roundId=${encodeURIComponent(roundId)}${query ? `&${query.slice(1)}` : ''}`,
        fetch,
      ),
      api.get<{ items: RegistryItem[] }>('/population-groups?includeArchived=true', fetch),
      api.get<{ items: RegistryItem[] }>('/districts?includeArchived=true', fetch),
      api.get<{ items: RegistryItem[] }>('/organisations?includeArchived=true', fetch),
    ]);
    return {
      me,
      filters,
      list: sessions.data,
      groups: groups.data.items,
      districts: districts.data.items,
      organisations: organisations.data.items,
    };
  } catch (err) {
    loadFailed(err);
  }
};
