import type { CoverageView } from '@sillat/shared/coverage';
import { api } from '#lib/api';
import { loadFailed } from '#lib/load';
import type { PageLoad } from './$types';

/** The coverage matrix and the groups to consult next (GET /api/dashboard/coverage). */
export const load: PageLoad = async ({ fetch, parent }) => {
  const { me } = await parent();
  try {
    const coverage = await api.get<CoverageView>('/dashboard/coverage', fetch);
    return { me, coverage: coverage.data };
  } catch (err) {
    loadFailed(err);
  }
};
