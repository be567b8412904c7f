import { createTokenVerifier, type TokenVerifier } from './verify-token';

/**
 * The API's token verifier, configured once per process. In AWS it is built
 * from the Cognito user pool named in the environment; `npm start` and tests
 * configure one for the local issuer. There is no "no verifier" mode: a
 * process that cannot verify tokens refuses every non-public request.
 */
let verifier: TokenVerifier | undefined;

export function configureAuth(next: TokenVerifier): void {
  verifier = next;
}

export function tokenVerifier(): TokenVerifier {
  if (verifier) return verifier;
  const { AUTH_ISSUER, AUTH_AUDIENCE } = process.env;
  if (!AUTH_ISSUER || !AUTH_AUDIENCE) {
    throw new Error('AUTH_ISSUER and AUTH_AUDIENCE are not set: the API cannot verify sign-ins.');
  }
  verifier = createTokenVerifier({
    issuer: AUTH_ISSUER,
    audience: AUTH_AUDIENCE,
    // Cognito publishes its keys under the issuer URL.
    jwks: process.env.AUTH_JWKS_URL ?? `${AUTH_ISSUER}/.well-known/jwks.json`,
  });
  return verifier;
}
