import { api, ApiError } from '#lib/api';
import { filterQuery, filtersFrom, type AuditEntry } from '#lib/audit';
import { errorMessage, fieldErrors } from '#lib/errors';
import { currentLocale } from '#lib/i18n';
import { loadFailed } from '#lib/load';
import { requirePage } from '#lib/session';
import { byName, type User } from '#lib/users';
import type { PageLoad } from './$types';

/** The filters live in the address, so a filtered view can be reloaded, bookmarked and shared. */
export const load: PageLoad = async ({ fetch, url, parent }) => {
  requirePage((await parent()).me, 'audit');
  const filters = filtersFrom(url.searchParams);
  const query = filterQuery(filters);
  try {
    // Names for the actor ids; everyone, deactivated included (erased users are gone and stay ids).
    const users = await api.get<{ items: User[] }>('/users', fetch);
    const noErrors: Record<string, string> = {};
    const base = { filters, query, users: byName(users.data.items, currentLocale()) };
    try {
      const { data } = await api.get<{ items: AuditEntry[]; nextCursor?: string }>(`/audit?${query}`, fetch);
      return { ...base, entries: data.items, nextCursor: data.nextCursor, error: '', errors: noErrors };
    } catch (err) {
      // A filter the API refuses (e.g. "to" before "from") is shown beside the form, not as a broken page.
      if (!(err instanceof ApiError && err.status === 400)) throw err;
      return { ...base, entries: [], nextCursor: undefined, error: errorMessage(err), errors: fieldErrors(err) };
    }
  } catch (err) {
    loadFailed(err);
  }
};
