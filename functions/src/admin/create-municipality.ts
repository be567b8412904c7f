/**
 * `npm run create-municipality -- --table <name> --id helsinki --name-fi Helsinki --name-sv Helsingfors --name-en Helsinki`
 *
 * Creates a municipality's settings item in a deployed table (AWS credentials
 * from the usual SDK chain), so a fresh deployment has something to serve.
 * Does nothing when it exists. Until sign-in adds administrators, this is how
 * a city starts; the id must match the stack's `sillat:municipalityId`.
 */
import { parseArgs } from 'node:util';
import { LOCALES, LocalizedName, MUNICIPALITY_ID_PATTERN } from '@sillat/shared';
import { configureData } from '../data/client';
import { seedMunicipality } from '../data/municipality';

const { values } = parseArgs({
  options: {
    table: { type: 'string' },
    id: { type: 'string' },
    'name-fi': { type: 'string' },
    'name-sv': { type: 'string' },
    'name-en': { type: 'string' },
    'default-locale': { type: 'string', default: 'fi' },
    region: { type: 'string', default: process.env.AWS_REGION ?? 'eu-north-1' },
    endpoint: { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

if (!values.table) fail('Give the table name: --table <name> (the stack output or the DynamoDB console shows it).');
if (!values.id || !MUNICIPALITY_ID_PATTERN.test(values.id)) fail('Give --id as lower-case letters, digits and dashes.');
const name = LocalizedName.safeParse({ fi: values['name-fi'], sv: values['name-sv'], en: values['name-en'] });
if (!name.success) fail('Give the name in at least one language: --name-fi, --name-sv, --name-en.');
const defaultLocale = LOCALES.find((l) => l === values['default-locale']);
if (!defaultLocale) fail('--default-locale must be fi, sv or en.');

configureData({
  tableName: values.table,
  region: values.region,
  ...(values.endpoint ? { endpoint: values.endpoint } : {}),
});
await seedMunicipality(values.id, { name: name.data, defaultLocale, privacyThreshold: 5 }, new Date().toISOString());
console.log(`Municipality "${values.id}" is in table ${values.table}.`);
