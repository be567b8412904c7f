/**
 * Who may do what is decided by exactly one role per user. The list is closed:
 * a token naming any other role is refused rather than treated as "no rights",
 * so a typo in the sign-in trigger shows up at once instead of as empty pages.
 *
 * Free of zod on purpose: the web app imports roles and access rules, and a
 * phone should not download a validation library to draw a menu.
 */
export const ROLES = ['administrator', 'coordinator', 'organisationStaff', 'measureOwner', 'councilMember'] as const;
export type Role = (typeof ROLES)[number];
