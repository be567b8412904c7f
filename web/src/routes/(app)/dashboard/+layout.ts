import { requirePage } from '#lib/session';
import type { LayoutLoad } from './$types';

/** Every dashboard view is for those who decide and follow (PAGE_ROLES.dashboard, as the API's DASHBOARD_READERS). */
export const load: LayoutLoad = async ({ parent }) => {
  const { me } = await parent();
  requirePage(me, 'dashboard');
};
