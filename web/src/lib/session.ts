import { error } from '@sveltejs/kit';
import { ADMINISTRATORS, ANY_ROLE, COORDINATORS, DASHBOARD_READERS, USER_MANAGERS } from '@sillat/shared/access';
import type { Role } from '@sillat/shared/roles';
import { m } from '#lib/paraglide/messages.js';

export type { Role };

/** The signed-in user and their municipality, as GET /api/me answers (shared/src/schemas/users.ts). */
export interface Me {
  user: {
    id: string;
    email: string;
    name: string;
    role: Role;
    organisationId?: string;
    locale: 'fi' | 'sv' | 'en';
    status: 'active' | 'deactivated';
  };
  municipality: { id: string; name: Partial<Record<'fi' | 'sv' | 'en', string>> };
  /** Which reminder mails the person gets (shared/src/schemas/account.ts). */
  notifications: { reminders: boolean; escalations: boolean };
  /** Whether they have a calendar feed; its address is shown only when made. */
  calendarFeed: boolean;
}

/**
 * Which roles each management page is for. The menu offers a page only to
 * these roles, and the page itself refuses anyone else with a clear message —
 * the same lists the API enforces (shared/src/access.ts), narrowed where a
 * role may read through the API but has no use for the page (a council
 * member reads registry names in reports, not in the registry pages).
 */
export const PAGE_ROLES = {
  registries: ['administrator', 'coordinator'],
  registryEdit: COORDINATORS,
  /** Administrators and council members follow the rounds read-only; the menu offers them to coordinators only, for now. */
  rounds: ['administrator', 'coordinator', 'councilMember', 'organisationStaff'],
  roundEdit: COORDINATORS,
  /** Discussion sessions: coordinators plan them, organisation staff run their own (the API narrows to them). */
  sessions: ['coordinator', 'organisationStaff'],
  /** The menu's "My sessions": the rounds list, for staff, where their sessions are. */
  mySessions: ['organisationStaff'],
  /** The decision-maker session's date, place and attendance: coordinators record them, council members read them. */
  decisionSession: ['coordinator', 'councilMember'],
  /** The presentation view and the "more of this, less of that" board are the coordinator's, who runs the session. */
  presentation: COORDINATORS,
  board: COORDINATORS,
  /** The action plan: everyone signed in reads it; coordinators choose and confirm its measures. */
  actionPlan: ANY_ROLE,
  /** The feedback survey: coordinators word, open and close it and read its results; council members follow it. */
  survey: ['coordinator', 'councilMember'],
  /** Measures: owners and staff see theirs ("My measures"), the others every measure. */
  measures: ['measureOwner', 'organisationStaff', 'coordinator', 'councilMember', 'administrator'],
  /** The menu's "My measures": first for measure owners, whose work it is; staff find it after their sessions. */
  myMeasuresFirst: ['measureOwner'],
  myMeasures: ['organisationStaff'],
  /** The menu's "Measures": every measure, for those who follow them all. */
  measuresOverview: ['coordinator', 'councilMember', 'administrator'],
  /** The printable council report of a round: for those who follow the trends (DASHBOARD_READERS in the API). */
  councilReport: ['coordinator', 'councilMember', 'administrator'],
  /** The dashboards (trends, round comparison, impact, who to consult next): for those who decide and follow. */
  dashboard: DASHBOARD_READERS,
  /** The experience cards: coordinators curate them; dashboard readers follow a card count to the cards behind it. */
  cards: DASHBOARD_READERS,
  /** The menu's "Dashboard": first for council members, who read it on their phones; after Measures for the others. */
  dashboardFirst: ['councilMember'],
  dashboardAfterMeasures: ['coordinator', 'administrator'],
  settings: ADMINISTRATORS,
  users: USER_MANAGERS,
  audit: ADMINISTRATORS,
  /** The reminder mails kept when no SMTP server is set (local runs): administrators read them. */
  outbox: ADMINISTRATORS,
} as const satisfies Record<string, readonly Role[]>;

export type PageKey = keyof typeof PAGE_ROLES;

export function mayOpen(role: Role, key: PageKey): boolean {
  return (PAGE_ROLES[key] as readonly Role[]).includes(role);
}

/** In a page's `load`: the error page with "not available for your role" unless the user may open it. */
export function requirePage(me: Me, key: PageKey): void {
  if (!mayOpen(me.user.role, key)) error(403, m.not_available_for_role());
}

export const ROLE_LABELS: Record<Role, () => string> = {
  administrator: m.role_administrator,
  coordinator: m.role_coordinator,
  organisationStaff: m.role_organisation_staff,
  measureOwner: m.role_measure_owner,
  councilMember: m.role_council_member,
};

/** A role's name in the reader's language; unknown values (e.g. "system" in the audit trail) as they are. */
export function roleLabel(role: string): string {
  return Object.hasOwn(ROLE_LABELS, role) ? ROLE_LABELS[role as Role]() : role;
}
