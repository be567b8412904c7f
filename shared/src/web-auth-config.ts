/**
 * What the web app reads at `/auth-config.json` to know where to sign in. Each
 * host serves its own: the local server (functions/src/local/auth.ts) points
 * at the local issuer, and in AWS the deployment writes Cognito's endpoints
 * into the site bucket (infra/lib/web.ts).
 */
export interface WebAuthConfig {
  /** The OAuth client id (the audience the API checks). */
  clientId: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** Cognito's logout endpoint; absent locally, where signing out only forgets the token. */
  logoutUrl?: string;
  /** Space-separated OAuth scopes to ask for. */
  scope: string;
}

/** Where the web app expects it, relative to the site root. */
export const WEB_AUTH_CONFIG_PATH = 'auth-config.json';

/**
 * Where the identity provider sends the browser back with the authorization
 * code. Cognito accepts only registered callback URLs, so the app client
 * (infra/lib/auth.ts) and the web app's router must agree on it.
 */
export const SIGN_IN_CALLBACK_PATH = '/auth/callback';
