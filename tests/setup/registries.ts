import { DEMO_DISTRICTS, DEMO_GROUPS, DEMO_ORGANISATIONS } from '../../functions/src/local/demo-data';

/**
 * The three registries share one life cycle; integration tests run the same
 * cases over each of them with these per-registry bodies.
 */
export interface RegistryCase {
  label: string;
  path: string;
  /** Entity name used in audit actions, e.g. "populationGroup" → "populationGroup.create". */
  entity: string;
  /** A valid create body and what the API should store/return for it. */
  create: { body: Record<string, unknown>; stored: Record<string, unknown> };
  /** A valid patch body and the fields it should change to. */
  patch: { body: Record<string, unknown>; stored: Record<string, unknown> };
  /** A body invalid only in a registry-specific field, and the field the 400 must name. */
  invalid: { body: Record<string, unknown>; field: string };
  /** Id of a seeded item of this registry. */
  seededId: string;
}

const first = <T>(list: readonly T[]): T => {
  if (!list[0]) throw new Error('demo data is empty');
  return list[0];
};

export const REGISTRIES: RegistryCase[] = [
  {
    label: 'districts',
    path: '/api/districts',
    entity: 'district',
    create: {
      body: {
        name: { fi: 'Testipiiri', sv: 'Testdistrikt', en: '' },
        liaisonOfficer: { name: 'Testi Henkilö', email: 'Testi.Henkilo@Example.ORG', phone: '' },
      },
      stored: {
        name: { fi: 'Testipiiri', sv: 'Testdistrikt' },
        liaisonOfficer: { name: 'Testi Henkilö', email: 'testi.henkilo@example.org' },
      },
    },
    patch: {
      body: { name: { fi: 'Uusi piiri', en: 'New district' } },
      stored: { name: { fi: 'Uusi piiri', en: 'New district' } },
    },
    invalid: { body: { name: { fi: 'Piiri' }, liaisonOfficer: { phone: 'call me' } }, field: 'liaisonOfficer.phone' },
    seededId: first(DEMO_DISTRICTS).id,
  },
  {
    label: 'population groups',
    path: '/api/population-groups',
    entity: 'populationGroup',
    create: {
      body: { name: { sv: 'Testgrupp' }, languages: ['so', 'SO', 'Ar'] },
      stored: { name: { sv: 'Testgrupp' }, languages: ['so', 'ar'] },
    },
    patch: { body: { languages: ['FSE', 'fi', 'fse'] }, stored: { languages: ['fse', 'fi'] } },
    invalid: { body: { name: { fi: 'Ryhmä' }, languages: ['so', 'english'] }, field: 'languages.1' },
    seededId: first(DEMO_GROUPS).id,
  },
  {
    label: 'organisations',
    path: '/api/organisations',
    entity: 'organisation',
    create: {
      body: { name: { en: '  Test Association  ' }, contact: { email: 'Info@Test.Example.org' } },
      stored: { name: { en: 'Test Association' }, contact: { email: 'info@test.example.org' } },
    },
    patch: {
      body: { contact: { name: 'Eeva', phone: '+358 40 123 4567' } },
      stored: { contact: { name: 'Eeva', phone: '+358 40 123 4567' } },
    },
    invalid: { body: { name: { fi: 'Yhdistys' }, contact: { phone: '12' } }, field: 'contact.phone' },
    seededId: first(DEMO_ORGANISATIONS).id,
  },
];

/** A well-formed UUID that names nothing. */
export const UNKNOWN_ID = '11111111-2222-4333-8444-555555555555';
