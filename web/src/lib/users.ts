import type { Locale } from './i18n';
import type { RegistryItem } from './registries';
import type { Role } from './session';

/** A staff user as the API returns it (shared/src/schemas/users.ts). */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId?: string;
  locale: Locale;
  status: 'active' | 'deactivated';
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The answer to creating a user: locally with the one-time temporary password. */
export interface CreatedUser extends User {
  temporaryPassword?: string;
}

export const USER_STATUS_FILTERS = ['active', 'deactivated', 'all'] as const;
export type UserStatusFilter = (typeof USER_STATUS_FILTERS)[number];

export function statusFilter(value: string | null): UserStatusFilter {
  return (USER_STATUS_FILTERS as readonly string[]).includes(value ?? '') ? (value as UserStatusFilter) : 'active';
}

/** Users in alphabetical order of name, in the reader's language's collation. */
export function byName(users: User[], locale: string): User[] {
  const collator = new Intl.Collator(locale);
  return [...users].sort((a, b) => collator.compare(a.name, b.name));
}

/** Organisations a user may be put in: those in use, plus the user's own even when archived. */
export function organisationChoices(all: RegistryItem[], current?: string): RegistryItem[] {
  return all.filter((o) => !o.archived || o.id === current);
}
