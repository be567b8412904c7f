import { ROLES, type Role } from './roles';

/**
 * Who may call a route: `'public'` (no sign-in at all — an explicit, short
 * allow-list) or the roles that may. Every API route declares one; the
 * authorisation-matrix test reads these declarations from the app itself.
 */
export type Access = 'public' | readonly Role[];

/** Every signed-in role: for reads everyone in the municipality needs (names of groups, districts…). */
export const ANY_ROLE: readonly Role[] = ROLES;

/** Coordinators set up rounds and registries (domain.md, "the people"). */
export const COORDINATORS: readonly Role[] = ['coordinator'];

/** Administrators manage users, roles, settings and the audit trail. */
export const ADMINISTRATORS: readonly Role[] = ['administrator'];

/** Who may open user management at all; what they may do there is narrowed by {@link canManageRole}. */
export const USER_MANAGERS: readonly Role[] = ['administrator', 'coordinator'];

/**
 * Roles that see a measure only while they are on it (its owner or a
 * contributor user); everyone else who may read measures sees them all.
 */
export const MEASURE_MEMBER_ROLES: readonly Role[] = ['measureOwner', 'organisationStaff'];

/** Who may report a measure's progress: coordinators, and its owner and contributor users in these roles. */
export const MEASURE_REPORTERS: readonly Role[] = ['coordinator', ...MEASURE_MEMBER_ROLES];

/** Who reads the trend dashboards and comparisons: those who decide and follow (council, coordinators, administrators). */
export const DASHBOARD_READERS: readonly Role[] = ['coordinator', 'councilMember', 'administrator'];

/**
 * The routes API Gateway lets through without a token, as `METHOD /path`.
 * The API's own check and the infra's authorizer exemptions both read this, so
 * the two can never disagree about what is public.
 */
export const PUBLIC_API_ROUTES = [
  'GET /api/health',
  'POST /api/surveys/{code}/responses',
  'GET /api/boards/{token}/tables/{table}',
  'PUT /api/boards/{token}/tables/{table}/marks/{cardId}',
  'POST /api/boards/{token}/tables/{table}/ideas',
  // A person's private calendar feed: the secret in the path is the credential (functions/src/routes/calendar.ts).
  'GET /api/calendar/{secret}',
] as const;

export function isAllowed(access: Access, role: Role | undefined): boolean {
  if (access === 'public') return true;
  return role !== undefined && access.includes(role);
}

/**
 * Coordinators bring in the people they work with — organisation staff and
 * measure owners — while administrators manage everyone. A coordinator may
 * therefore create, change or deactivate a user only when the user's role is
 * (and, for a role change, stays) one of those two.
 */
const COORDINATOR_MANAGED: readonly Role[] = ['organisationStaff', 'measureOwner'];

export function canManageRole(manager: Role, targetRole: Role): boolean {
  if (manager === 'administrator') return true;
  if (manager === 'coordinator') return COORDINATOR_MANAGED.includes(targetRole);
  return false;
}

/** The roles `manager` may give a user, in the order a form lists them. */
export function assignableRoles(manager: Role): Role[] {
  return ROLES.filter((r) => canManageRole(manager, r));
}

/**
 * Whether `METHOD /path` is on {@link PUBLIC_API_ROUTES}. Patterns use
 * OpenAPI's `{param}` for one path segment, so a survey route such as
 * `GET /api/surveys/{code}` can be listed once.
 */
export function isPublicRoute(method: string, path: string): boolean {
  return PUBLIC_API_ROUTES.some((route) => {
    const [routeMethod, pattern] = route.split(' ') as [string, string];
    if (routeMethod !== method.toUpperCase()) return false;
    const regex = new RegExp('^' + pattern.replace(/\{[^}]+\}/g, '[^/]+') + '/?$');
    return regex.test(path);
  });
}
