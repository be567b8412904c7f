import { m } from '#lib/paraglide/messages.js';

/**
 * The three registries share one list page and one form; this says what
 * differs: where they live, their words, and which extra fields they have.
 */
export type RegistrySlug = 'districts' | 'population-groups' | 'organisations';

export interface RegistryConfig {
  slug: RegistrySlug;
  title: () => string;
  intro: () => string;
  add: () => string;
  edit: () => string;
  /** Extra fields beyond the name: a contact person (labelled), or languages. */
  extra: { kind: 'contact'; field: 'liaisonOfficer' | 'contact'; label: () => string } | { kind: 'languages' };
}

export const REGISTRIES: Record<RegistrySlug, RegistryConfig> = {
  districts: {
    slug: 'districts',
    title: m.districts_title,
    intro: m.districts_intro,
    add: m.district_add,
    edit: m.district_edit,
    extra: { kind: 'contact', field: 'liaisonOfficer', label: m.field_liaison },
  },
  'population-groups': {
    slug: 'population-groups',
    title: m.groups_title,
    intro: m.groups_intro,
    add: m.group_add,
    edit: m.group_edit,
    extra: { kind: 'languages' },
  },
  organisations: {
    slug: 'organisations',
    title: m.organisations_title,
    intro: m.organisations_intro,
    add: m.organisation_add,
    edit: m.organisation_edit,
    extra: { kind: 'contact', field: 'contact', label: m.field_contact },
  },
};

export function isRegistrySlug(value: string): value is RegistrySlug {
  return Object.hasOwn(REGISTRIES, value);
}

/** What the API returns for any registry item (the union of the three shapes). */
export interface Contact {
  name?: string;
  email?: string;
  phone?: string;
}
export interface RegistryItem {
  id: string;
  name: Partial<Record<'fi' | 'sv' | 'en', string>>;
  archived: boolean;
  version: number;
  liaisonOfficer?: Contact;
  contact?: Contact;
  languages?: string[];
}
