/**
 * npm run create-municipality -- --table <TableName> --id helsinki \
 *   --name-fi Helsinki --name-sv Helsingfors --name-en Helsinki \
 *   --user-pool <UserPoolId> --admin-email anna@hel.fi --admin-name "Anna Virtanen"
 *
 * Starts a municipality in a deployed stack (AWS credentials from the usual
 * SDK chain): its settings item, and — with `--admin-email` — its first
 * administrator, invited through Cognito, who then adds everyone else in the
 * app. Safe to run again: an existing municipality or e-mail address is left
 * as it is.
 */
import { parseArgs } from 'node:util';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { LOCALES, LocalizedName, MUNICIPALITY_ID_PATTERN, UserInput } from '@sillat/shared';
import { SYSTEM_ACTOR } from '../data/audited-write';
import { configureData } from '../data/client';
import { seedMunicipality } from '../data/municipality';
import { ApiError } from '../http/errors';
import { createCognitoDirectory } from '../identity/cognito-directory';
import { configureIdentityDirectory } from '../identity/directory';
import { createUserWithIdentity } from '../services/users';

const { values } = parseArgs({
  options: {
    table: { type: 'string' },
    id: { type: 'string' },
    'name-fi': { type: 'string' },
    'name-sv': { type: 'string' },
    'name-en': { type: 'string' },
    'default-locale': { type: 'string', default: 'fi' },
    'user-pool': { type: 'string' },
    'admin-email': { type: 'string' },
    'admin-name': { type: 'string' },
    'admin-locale': { type: 'string' },
    region: { type: 'string', default: process.env.AWS_REGION ?? 'eu-north-1' },
    endpoint: { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

if (!values.table) fail('Give the table name: --table <name> (the stack output TableName).');
if (!values.id || !MUNICIPALITY_ID_PATTERN.test(values.id)) fail('Give --id as lower-case letters, digits and dashes.');
const municipalityId = values.id;
const name = LocalizedName.safeParse({ fi: values['name-fi'], sv: values['name-sv'], en: values['name-en'] });
if (!name.success) fail('Give the name in at least one language: --name-fi, --name-sv, --name-en.');
const defaultLocale = LOCALES.find((l) => l === values['default-locale']);
if (!defaultLocale) fail('--default-locale must be fi, sv or en.');

// Everything is checked before anything is written.
let admin: UserInput | undefined;
if (values['admin-email'] !== undefined) {
  if (!values['admin-name']) fail('Give the administrator\'s name: --admin-name "First Last".');
  if (!values['user-pool'])
    fail('Give the user pool for the administrator: --user-pool <id> (the stack output UserPoolId).');
  const parsed = UserInput.safeParse({
    email: values['admin-email'],
    name: values['admin-name'],
    role: 'administrator',
    locale: values['admin-locale'] ?? defaultLocale,
  });
  if (!parsed.success) {
    fail(
      `The administrator is not valid: ${parsed.error.issues.map((i) => `--admin-${i.path.join('.')}: ${i.message}`).join(' ')}`,
    );
  }
  admin = parsed.data;
}

configureData({
  tableName: values.table,
  region: values.region,
  ...(values.endpoint ? { endpoint: values.endpoint } : {}),
});
await seedMunicipality(
  municipalityId,
  { name: name.data, defaultLocale, privacyThreshold: 5 },
  new Date().toISOString(),
);
console.log(`✔ Municipality "${municipalityId}" is in table ${values.table}.`);

if (admin && values['user-pool']) {
  configureIdentityDirectory(
    createCognitoDirectory({
      userPoolId: values['user-pool'],
      client: new CognitoIdentityProviderClient({ region: values.region }),
    }),
  );
  try {
    const user = await createUserWithIdentity(municipalityId, admin, SYSTEM_ACTOR);
    console.log(
      `✔ Administrator ${admin.email} invited (user id ${user.id}). Cognito has e-mailed a temporary password; ` +
        'at the first sign-in they choose a new password and set up an authenticator app.',
    );
  } catch (err) {
    if (!(err instanceof ApiError && err.code === 'email_taken')) throw err;
    console.log(`• A user with the e-mail address ${admin.email} exists already in the user pool; nothing changed.`);
  }
} else {
  console.log('• No administrator given (--admin-email): nobody can sign in to this municipality yet.');
}
