import { App, type AppProps } from 'aws-cdk-lib';
import type { NagPack } from 'cdk-nag';
import { MUNICIPALITY_ID_PATTERN } from '@sillat/shared/schemas/municipality';
import { addNagChecks } from './nag-checks';
import { fromRepoRoot } from './paths';
import { SillatStack } from './sillat-stack';

/** Context keys a city passes with `cdk deploy -c key=value`. */
export const CONTEXT = {
  stackName: 'sillat:stackName',
  webAclArn: 'sillat:webAclArn',
  domainName: 'sillat:domainName',
  certificateArn: 'sillat:certificateArn',
  municipalityId: 'sillat:municipalityId',
} as const;

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
  // Until sign-in carries the municipality in each token, a deployment serves one municipality.
  const municipalityId = optionalString(app, CONTEXT.municipalityId) ?? 'demo';
  if (!MUNICIPALITY_ID_PATTERN.test(municipalityId)) {
    throw new Error(`${CONTEXT.municipalityId} must be lower-case letters, digits and dashes (e.g. "helsinki").`);
  }
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw new Error(`Give both ${CONTEXT.domainName} and ${CONTEXT.certificateArn}, or neither.`);
  }

  // Environment-agnostic on purpose: nothing is looked up at synth time, so one
  // template deploys to whichever account and region the city's profile names.
  const stack = new SillatStack(app, stackName, {
    stackName,
    description: 'Sillat: good-relations cycle for a municipality (table, API, web)',
    siteDir,
    municipalityId,
    ...(webAclArn ? { webAclArn } : {}),
    ...(domainName && certificateArn ? { customDomain: { domainName, certificateArn } } : {}),
  });

  const nagPacks = addNagChecks(app);
  return { app, stack, nagPacks };
}
