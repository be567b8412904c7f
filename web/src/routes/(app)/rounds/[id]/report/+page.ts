import { api } from '#lib/api';
import { loadFailed } from '#lib/load';
import type { CouncilReport } from '#lib/report';
import { requirePage } from '#lib/session';
import type { PageLoad } from './$types';

/** The council report: one request gives every figure, already privacy-suppressed by the API. */
export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { me } = await parent();
  requirePage(me, 'councilReport');
  try {
    const { data } = await api.get<CouncilReport>(`/rounds/${encodeURIComponent(params.id)}/report`, fetch);
    return { report: data };
  } catch (err) {
    loadFailed(err);
  }
};
