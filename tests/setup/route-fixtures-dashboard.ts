import type { Role } from '@sillat/shared/auth';
import type { RouteFixture } from './route-fixtures';

/** Request fixtures for the dashboards' routes (see route-fixtures.ts): read-only, for those who follow the trends. */
const READERS: readonly Role[] = ['coordinator', 'councilMember', 'administrator'];

export function dashboardFixtures(): Record<string, RouteFixture> {
  return {
    'GET /api/dashboard/trends': { roles: READERS, prepare: async () => ({ path: '/api/dashboard/trends' }) },
  };
}
