import type { Principal, Role } from '@sillat/shared/auth';
import { beforeAll } from 'vitest';
import { app } from '../../functions/src/app';
import { configureAuth } from '../../functions/src/auth/config';
import { createLocalIssuer, type IssueOptions, type LocalIssuer } from '../../functions/src/auth/local-issuer';
import { createTokenVerifier } from '../../functions/src/auth/verify-token';
import { configureIdentityDirectory } from '../../functions/src/identity/directory';
import { localDirectory } from '../../functions/src/identity/local-directory';
import { DEMO_USERS } from '../../functions/src/local/demo-data';
import { request, type TestResponse } from './http';

export const ISSUER = 'http://sillat.test/api/auth/local';
export const AUDIENCE = 'sillat-web';

/** The seeded demo user of each role, as the API sees them once signed in. */
export const DEMO = Object.fromEntries(
  DEMO_USERS.map(({ id, input }) => [
    input.role,
    {
      userId: id,
      role: input.role,
      municipalityId: 'demo',
      ...(input.organisationId ? { organisationId: input.organisationId } : {}),
    },
  ]),
) as Record<Role, Principal>;

let issuer: LocalIssuer | undefined;

/**
 * Configures the API of this test file to verify tokens exactly as in
 * production — signature, issuer, audience, expiry and claims — against an
 * in-memory local issuer's key set (in-process tests have no server to fetch
 * a JWKS from; the end-to-end tests go through the HTTP JWKS), and to manage
 * users in the local identity directory.
 */
export function useLocalAuth(): { issuer(): LocalIssuer } {
  beforeAll(async () => {
    issuer = await createLocalIssuer({ issuer: ISSUER, audience: AUDIENCE });
    configureAuth(createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: issuer.jwks() }));
    configureIdentityDirectory(localDirectory);
  });
  return {
    issuer: () => {
      if (!issuer) throw new Error('useLocalAuth: not ready (call inside tests or hooks).');
      return issuer;
    },
  };
}

/** `Authorization` header for `who` (a demo role or any principal). */
export async function authHeader(who: Role | Principal, options?: IssueOptions): Promise<Record<string, string>> {
  if (!issuer) throw new Error('useLocalAuth() must be called in this test file.');
  const principal = typeof who === 'string' ? DEMO[who] : who;
  return { authorization: `Bearer ${await issuer.issue(principal, options)}` };
}

/** `request(app, …)` as a signed-in user. */
export async function call(
  who: Role | Principal,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<TestResponse> {
  return request(app, method, path, body, { ...(await authHeader(who)), ...headers });
}
