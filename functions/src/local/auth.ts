import type { WebAuthConfig } from '@sillat/shared/web-auth-config';
import { configureAuth } from '../auth/config';
import { createLocalIssuer, type LocalIssuer } from '../auth/local-issuer';
import { createTokenVerifier } from '../auth/verify-token';
import { configureIdentityDirectory } from '../identity/directory';
import { localDirectory } from '../identity/local-directory';
import { LOCAL_CLIENT_ID } from './idp/routes';

/** Where the local server mounts the issuer's endpoints (see idp/routes.ts). */
export const LOCAL_IDP_PATH = '/api/auth/local';

export const LOCAL_WEB_AUTH_CONFIG: WebAuthConfig = {
  clientId: LOCAL_CLIENT_ID,
  authorizeUrl: '/signin',
  tokenUrl: `${LOCAL_IDP_PATH}/token`,
  scope: 'openid email',
};

/**
 * Sets up sign-in for `npm start`: the local issuer (its key kept in
 * `keyFile`), the API's verifier fetching that issuer's JWKS over HTTP from
 * this very server — the same path as Cognito's JWKS in AWS — and the local
 * identity directory for user management.
 */
export async function setupLocalAuth(opts: { baseUrl: string; keyFile: string }): Promise<LocalIssuer> {
  const issuerUrl = `${opts.baseUrl}${LOCAL_IDP_PATH}`;
  const issuer = await createLocalIssuer({ issuer: issuerUrl, audience: LOCAL_CLIENT_ID, keyFile: opts.keyFile });
  configureAuth(createTokenVerifier({ issuer: issuerUrl, audience: LOCAL_CLIENT_ID, jwks: `${issuerUrl}/jwks.json` }));
  configureIdentityDirectory(localDirectory);
  return issuer;
}
