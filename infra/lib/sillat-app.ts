import { App, Aws, type AppProps } from 'aws-cdk-lib';
import type { NagPack } from 'cdk-nag';
import { addNagChecks } from './nag-checks';
import { fromRepoRoot } from './paths';
import { SillatStack } from './sillat-stack';

/** Context keys a city passes with `cdk deploy -c key=value`. */
export const CONTEXT = {
  stackName: 'sillat:stackName',
  webAclArn: 'sillat:webAclArn',
  domainName: 'sillat:domainName',
  certificateArn: 'sillat:certificateArn',
  authDomainPrefix: 'sillat:authDomainPrefix',
  mailFrom: 'sillat:mailFrom',
  municipalityIds: 'sillat:municipalityIds',
  reminderHour: 'sillat:reminderHour',
  alarmEmail: 'sillat:alarmEmail',
} as const;

/** Helsinki hour of the daily reminder run unless `sillat:reminderHour` says otherwise. */
export const DEFAULT_REMINDER_HOUR = 7;

export const DEFAULT_STACK_NAME = 'Sillat';

export interface SillatAppOptions extends AppProps {
  /** @default `<repo>/web/build` */
  readonly siteDir?: string;
}

const optionalString = (app: App, key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context ${key} must be a string, got ${JSON.stringify(value)}.`);
  return value;
};

/** A whole hour 0–23, given as a number (cdk.json) or a string (`-c key=7`). */
function reminderHour(app: App): number {
  const value: unknown = app.node.tryGetContext(CONTEXT.reminderHour);
  if (value === undefined || value === '') return DEFAULT_REMINDER_HOUR;
  const hour = typeof value === 'string' && /^\d{1,2}$/.test(value) ? Number(value) : value;
  if (typeof hour !== 'number' || !Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new Error(`Context ${CONTEXT.reminderHour} must be a whole hour 0–23, got ${JSON.stringify(value)}.`);
  }
  return hour;
}

/** `sillat:municipalityIds`: comma-separated ids, blanks dropped. */
function municipalityIds(app: App): string[] {
  return (optionalString(app, CONTEXT.municipalityIds) ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

/** Cognito's rule for prefix domains: lower case, digits and inner dashes, and none of its reserved words. */
const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const RESERVED_IN_PREFIX = /aws|amazon|cognito/;

/**
 * The Cognito sign-in domain's prefix: from context, or `<stack name>-<account id>`,
 * which is unique across AWS (prefixes are global per region) and stable.
 */
function authDomainPrefix(app: App, stackName: string): string {
  const given = optionalString(app, CONTEXT.authDomainPrefix);
  // Room for `-<12-digit account id>` within Cognito's 63 characters.
  const fromStackName = stackName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 50)
    .replace(/^-+|-+$/g, '');
  const name = given ?? fromStackName;
  if (!DOMAIN_PREFIX.test(name) || RESERVED_IN_PREFIX.test(name)) {
    const source = given === undefined ? `the stack name "${stackName}"` : `${CONTEXT.authDomainPrefix}=${given}`;
    throw new Error(
      `No valid Cognito domain prefix from ${source}: use lower-case letters, digits and dashes, without "aws", "amazon" or "cognito" (-c ${CONTEXT.authDomainPrefix}=…).`,
    );
  }
  return given ?? `${name}-${Aws.ACCOUNT_ID}`;
}

/**
 * Builds the CDK app: one SillatStack, checked by cdk-nag on every synth.
 * Shared by bin/app.ts and the infra tests so both check the very same app.
 */
export function createSillatApp(options: SillatAppOptions = {}): { app: App; stack: SillatStack; nagPacks: NagPack[] } {
  const { siteDir = fromRepoRoot('web', 'build'), ...appProps } = options;
  const app = new App(appProps);

  const stackName = optionalString(app, CONTEXT.stackName) ?? process.env.SILLAT_STACK_NAME ?? DEFAULT_STACK_NAME;
  const webAclArn = optionalString(app, CONTEXT.webAclArn);
  const domainName = optionalString(app, CONTEXT.domainName);
  const certificateArn = optionalString(app, CONTEXT.certificateArn);
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw new Error(`Give both ${CONTEXT.domainName} and ${CONTEXT.certificateArn}, or neither.`);
  }

  // Reminder mail comes from the city's own domain when it has one.
  const mailFrom = optionalString(app, CONTEXT.mailFrom) ?? `no-reply@${domainName ?? 'example.com'}`;
  const alarmEmail = optionalString(app, CONTEXT.alarmEmail);

  // Environment-agnostic on purpose: nothing is looked up at synth time, so one
  // template deploys to whichever account and region the city's profile names.
  const stack = new SillatStack(app, stackName, {
    stackName,
    description: 'Sillat: good-relations cycle for municipalities (table, sign-in, API, web, reminders)',
    siteDir,
    authDomainPrefix: authDomainPrefix(app, stackName),
    reminders: {
      mailFrom,
      municipalityIds: municipalityIds(app),
      hour: reminderHour(app),
      ...(alarmEmail ? { alarmEmail } : {}),
    },
    ...(webAclArn ? { webAclArn } : {}),
    ...(domainName && certificateArn ? { customDomain: { domainName, certificateArn } } : {}),
  });

  const nagPacks = addNagChecks(app);
  return { app, stack, nagPacks };
}
