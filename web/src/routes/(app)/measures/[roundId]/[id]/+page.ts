import { api } from '#lib/api';
import { currentLocale } from '#lib/i18n';
import { loadFailed } from '#lib/load';
import { mayReport, type MeasureWithTimeline } from '#lib/measures';
import type { RegistryItem } from '#lib/registries';
import type { Round } from '#lib/rounds';
import { mayOpen, requirePage } from '#lib/session';
import { byName, type User } from '#lib/users';
import type { PageLoad } from './$types';

/** A measure, its timeline of reports, the report form for those who report, and its people for the coordinator. */
export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { me } = await parent();
  requirePage(me, 'measures');
  const base = `/rounds/${encodeURIComponent(params.roundId)}`;
  const path = `${base}/measures/${encodeURIComponent(params.id)}`;
  const assigns = mayOpen(me.user.role, 'roundEdit');
  try {
    const [measure, round, districts, organisations, users] = await Promise.all([
      api.get<MeasureWithTimeline>(path, fetch),
      api.get<Round>(base, fetch),
      api.get<{ items: RegistryItem[] }>('/districts?includeArchived=true', fetch),
      api
        .get<{ items: RegistryItem[] }>('/organisations?includeArchived=true', fetch)
        .catch(() => ({ data: { items: [] as RegistryItem[] } })),
      mayOpen(me.user.role, 'users') ? api.get<{ items: User[] }>('/users?status=active', fetch) : undefined,
    ]);
    const writable = round.data.phase !== 'closed';
    return {
      path,
      measure: measure.data.measure,
      reports: measure.data.reports,
      version: measure.version ?? measure.data.measure.version,
      round: round.data,
      districts: districts.data.items,
      organisations: organisations.data.items,
      users: byName(users?.data.items ?? [], currentLocale()),
      canReport: writable && mayReport(measure.data.measure, me.user),
      assigns: writable && assigns,
    };
  } catch (err) {
    loadFailed(err);
  }
};
