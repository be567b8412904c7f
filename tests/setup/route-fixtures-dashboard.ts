import type { Role } from '@sillat/shared/auth';
import type { RouteFixture } from './route-fixtures';

/** Request fixtures for the dashboards' routes (see route-fixtures.ts): read-only, for those who follow the trends. */
const READERS: readonly Role[] = ['coordinator', 'councilMember', 'administrator'];
/** The demo's spring 2025 and spring 2026 rounds (functions/src/local/demo-history.ts). */
const DEMO_ROUNDS = ['00000000-0000-4000-8000-000000000501', '00000000-0000-4000-8000-000000000502'] as const;

export function dashboardFixtures(): Record<string, RouteFixture> {
  return {
    'GET /api/dashboard/trends': { roles: READERS, prepare: async () => ({ path: '/api/dashboard/trends' }) },
    // The held sessions behind a count: one round, optionally one group and district.
    'GET /api/dashboard/sessions': {
      roles: READERS,
      prepare: async () => ({ path: `/api/dashboard/sessions?roundId=${DEMO_ROUNDS[1]}` }),
    },
    'GET /api/rounds/{roundId}/report': {
      roles: READERS,
      prepare: async () => ({ path: `/api/rounds/${DEMO_ROUNDS[1]}/report` }),
    },
    'GET /api/dashboard/compare': {
      roles: READERS,
      prepare: async () => ({ path: `/api/dashboard/compare?from=${DEMO_ROUNDS[0]}&to=${DEMO_ROUNDS[1]}` }),
    },
    'GET /api/dashboard/impact': { roles: READERS, prepare: async () => ({ path: '/api/dashboard/impact' }) },
    'GET /api/dashboard/coverage': { roles: READERS, prepare: async () => ({ path: '/api/dashboard/coverage' }) },
    // Exports (functions/src/routes/exports.ts): a round's data for its coordinators; open data for the readers.
    'GET /api/rounds/{roundId}/export.csv': {
      roles: ['coordinator'],
      prepare: async () => ({ path: `/api/rounds/${DEMO_ROUNDS[1]}/export.csv` }),
    },
    'GET /api/rounds/{roundId}/export.xlsx': {
      roles: ['coordinator'],
      prepare: async () => ({ path: `/api/rounds/${DEMO_ROUNDS[1]}/export.xlsx` }),
    },
    'GET /api/dashboard/open-data.csv': {
      roles: READERS,
      prepare: async () => ({ path: '/api/dashboard/open-data.csv' }),
    },
    'GET /api/dashboard/open-data-dictionary.csv': {
      roles: READERS,
      prepare: async () => ({ path: '/api/dashboard/open-data-dictionary.csv' }),
    },
  };
}
