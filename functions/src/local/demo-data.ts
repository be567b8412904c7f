import type { DistrictInput, OrganisationInput, PopulationGroupInput, UserInput } from '@sillat/shared';

/**
 * The demo municipality seeded on first start. Names follow Helsinki's major
 * districts; people, organisations and addresses are invented (example.org).
 * Ids are fixed so that seeding again never duplicates anything.
 */
export const DEMO_MUNICIPALITY = {
  id: 'demo',
  name: { fi: 'Helsinki (demo)', sv: 'Helsingfors (demo)', en: 'Helsinki (demo)' },
  defaultLocale: 'fi' as const,
  privacyThreshold: 5,
};

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export const DEMO_DISTRICTS: { id: string; input: DistrictInput }[] = [
  {
    id: id(101),
    input: {
      name: { fi: 'Itäinen suurpiiri', sv: 'Östra stordistriktet', en: 'Eastern major district' },
      liaisonOfficer: { name: 'Aino Virtanen', email: 'aino.virtanen@example.org', phone: '+358 40 000 0101' },
    },
  },
  {
    id: id(102),
    input: {
      name: { fi: 'Koillinen suurpiiri', sv: 'Nordöstra stordistriktet', en: 'North-eastern major district' },
      liaisonOfficer: { name: 'Mikael Lindqvist', email: 'mikael.lindqvist@example.org', phone: '+358 40 000 0102' },
    },
  },
  {
    id: id(103),
    input: {
      name: { fi: 'Keskinen suurpiiri', sv: 'Mellersta stordistriktet', en: 'Central major district' },
      liaisonOfficer: { name: 'Hodan Ali', email: 'hodan.ali@example.org', phone: '+358 40 000 0103' },
    },
  },
  {
    id: id(104),
    input: {
      name: { fi: 'Läntinen suurpiiri', sv: 'Västra stordistriktet', en: 'Western major district' },
      liaisonOfficer: { name: 'Sanna Korhonen', email: 'sanna.korhonen@example.org', phone: '+358 40 000 0104' },
    },
  },
];

export const DEMO_GROUPS: { id: string; input: PopulationGroupInput }[] = [
  {
    id: id(201),
    input: {
      name: { fi: 'Somalinkieliset vanhemmat', sv: 'Somalisktalande föräldrar', en: 'Somali-speaking parents' },
      languages: ['so', 'fi'],
    },
  },
  {
    id: id(202),
    input: {
      name: { fi: 'Ruotsinkieliset ikääntyneet', sv: 'Svenskspråkiga äldre', en: 'Swedish-speaking older people' },
      languages: ['sv'],
    },
  },
  {
    id: id(203),
    input: {
      name: { fi: 'Nuoret Itä-Helsingissä', sv: 'Unga i östra Helsingfors', en: 'Young people in East Helsinki' },
      languages: ['fi', 'sv', 'en'],
    },
  },
  {
    id: id(204),
    input: {
      name: { fi: 'Venäjänkieliset asukkaat', sv: 'Rysktalande invånare', en: 'Russian-speaking residents' },
      languages: ['ru'],
    },
  },
  {
    id: id(205),
    input: {
      name: { fi: 'Arabiankieliset naiset', sv: 'Arabisktalande kvinnor', en: 'Arabic-speaking women' },
      languages: ['ar'],
    },
  },
  {
    id: id(206),
    input: {
      name: { fi: 'Viittomakieliset', sv: 'Teckenspråkiga', en: 'Sign language users' },
      languages: ['fse', 'fss'],
    },
  },
];

export const DEMO_ORGANISATIONS: { id: string; input: OrganisationInput }[] = [
  {
    id: id(301),
    input: {
      name: { fi: 'Naapuruusapu ry', sv: 'Grannhjälpen rf', en: 'Neighbourhood Aid' },
      contact: { name: 'Leena Mäkinen', email: 'leena@naapuruusapu.example.org', phone: '+358 50 000 0301' },
    },
  },
  {
    id: id(302),
    input: {
      name: { fi: 'Kotoutumisen tuki ry', sv: 'Integrationsstöd rf', en: 'Integration Support Association' },
      contact: { name: 'Abdi Hassan', email: 'abdi@kotoutumisentuki.example.org', phone: '+358 50 000 0302' },
    },
  },
  {
    id: id(303),
    input: {
      name: { fi: 'Nuorten Silta ry', sv: 'Ungdomsbron rf', en: 'Youth Bridge Association' },
      contact: { name: 'Elin Holmström', email: 'elin@nuortensilta.example.org', phone: '+358 50 000 0303' },
    },
  },
];

/**
 * One demo user per role, all with the same password, printed by `npm start`
 * and listed in the README. The staff member belongs to Neighbourhood Aid.
 */
export const DEMO_PASSWORD = 'Sillat-demo-2026';

export const DEMO_USERS: { id: string; input: UserInput }[] = [
  {
    id: id(401),
    input: { email: 'admin@sillat.example', name: 'Anna Administrator', role: 'administrator', locale: 'fi' },
  },
  {
    id: id(402),
    input: { email: 'coordinator@sillat.example', name: 'Kalle Koordinaattori', role: 'coordinator', locale: 'fi' },
  },
  {
    id: id(403),
    input: {
      email: 'staff@sillat.example',
      name: 'Sara Staff',
      role: 'organisationStaff',
      organisationId: id(301),
      locale: 'sv',
    },
  },
  { id: id(404), input: { email: 'owner@sillat.example', name: 'Olli Omistaja', role: 'measureOwner', locale: 'fi' } },
  {
    id: id(405),
    input: { email: 'council@sillat.example', name: 'Cecilia Council', role: 'councilMember', locale: 'en' },
  },
];
