import { SIGN_IN_CALLBACK_PATH, WEB_AUTH_CONFIG_PATH, type WebAuthConfig } from '@sillat/shared/web-auth-config';

/**
 * Sign-in: one OAuth 2.0 authorization-code + PKCE (S256) client for both
 * identity providers — Cognito's managed login in AWS and the local issuer
 * (whose login form is this app's own /signin page) under `npm start`. Where
 * to go is read from /auth-config.json, which each host serves for itself.
 *
 * The access token lives in sessionStorage: it is gone when the tab closes,
 * and no other site can read it. Nothing here is sent anywhere but the
 * configured token endpoint and this app's own /api.
 */
const TOKEN_KEY = 'sillat.auth.token';
const PENDING_KEY = 'sillat.auth.pending';
const SIGNED_OUT_KEY = 'sillat.auth.signedOut';
/** A token this close to expiry is treated as expired, so a request never leaves with one that dies in flight. */
const EXPIRY_MARGIN_MS = 30_000;

/** A token refused within this long of being issued is not retried by signing in again. */
const FRESH_TOKEN_MS = 5_000;

/** Registered with Cognito as the app client's callback (infra/lib/auth.ts); the route lives in routes/auth/callback. */
const CALLBACK_PATH = SIGN_IN_CALLBACK_PATH;

let config: Promise<WebAuthConfig> | undefined;

const isString = (v: unknown): v is string => typeof v === 'string' && v !== '';

function authConfig(): Promise<WebAuthConfig> {
  config ??= fetch(`/${WEB_AUTH_CONFIG_PATH}`, { headers: { accept: 'application/json' } })
    .then((res) => (res.ok ? res.json() : undefined))
    .then((raw: unknown) => {
      const c = (raw ?? {}) as Record<string, unknown>;
      if (!isString(c.clientId) || !isString(c.authorizeUrl) || !isString(c.tokenUrl) || !isString(c.scope)) {
        throw new Error('The sign-in configuration (/auth-config.json) is missing or incomplete.');
      }
      const { clientId, authorizeUrl, tokenUrl, scope, logoutUrl } = c;
      return { clientId, authorizeUrl, tokenUrl, scope, ...(isString(logoutUrl) ? { logoutUrl } : {}) };
    })
    .catch((err: unknown) => {
      config = undefined; // try again next time
      throw err;
    });
  return config;
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

async function challengeFor(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/**
 * `returnTo` when it is a path on this site (not the sign-in pages
 * themselves), else "/". Guards against an open redirect through the state.
 */
export function safeReturnPath(returnTo: unknown): string {
  if (typeof returnTo !== 'string' || !returnTo.startsWith('/') || returnTo.startsWith('//')) return '/';
  try {
    const url = new URL(returnTo, location.origin);
    if (url.origin !== location.origin) return '/';
    if (url.pathname === CALLBACK_PATH || url.pathname === '/signin') return '/';
    return url.pathname + url.search + url.hash;
  } catch {
    return '/';
  }
}

/** Where the browser is now, as a path to come back to after signing in. */
export function currentPath(): string {
  return location.pathname + location.search + location.hash;
}

/** Never settles: the page is leaving. Awaiting it keeps a `load` from rendering in the meantime. */
const leaving = () => new Promise<never>(() => {});

/**
 * Starts signing in: remembers a fresh PKCE verifier, the state and where to
 * come back to, and sends the browser to the identity provider's authorize page.
 */
export async function signIn(returnTo: string = currentPath()): Promise<never> {
  const { clientId, authorizeUrl, scope } = await authConfig();
  const verifier = randomString(32);
  const state = randomString(16);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ state, verifier, returnTo: safeReturnPath(returnTo) }));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: `${location.origin}${CALLBACK_PATH}`,
    scope,
    state,
    code_challenge: await challengeFor(verifier),
    code_challenge_method: 'S256',
  });
  location.assign(`${authorizeUrl}?${params}`);
  return leaving();
}

/** Why a sign-in could not be completed, as a code the callback page words. */
export class SignInError extends Error {
  constructor(readonly code: 'state_mismatch' | 'provider_error' | 'token_refused' | 'network') {
    super(code);
    this.name = 'SignInError';
  }
}

/**
 * Finishes signing in on the callback page: checks the state, exchanges the
 * code (with the verifier) for an access token and keeps it. Returns the path
 * to go back to.
 */
export async function completeSignIn(url: URL): Promise<string> {
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY); // one use, whatever happens next
  let pending: { state?: unknown; verifier?: unknown; returnTo?: unknown } = {};
  try {
    pending = raw ? (JSON.parse(raw) as typeof pending) : {};
  } catch {
    // unreadable: the state check below fails
  }
  if (url.searchParams.has('error')) throw new SignInError('provider_error');
  const code = url.searchParams.get('code');
  if (
    !code ||
    !isString(pending.state) ||
    !isString(pending.verifier) ||
    url.searchParams.get('state') !== pending.state
  ) {
    throw new SignInError('state_mismatch');
  }
  const { clientId, tokenUrl } = await authConfig();
  let res: Response;
  try {
    res = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: `${location.origin}${CALLBACK_PATH}`,
        client_id: clientId,
        code_verifier: pending.verifier,
      }),
    });
  } catch {
    throw new SignInError('network');
  }
  const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown };
  if (!res.ok || !isString(body.access_token) || typeof body.expires_in !== 'number') {
    throw new SignInError('token_refused');
  }
  const now = Date.now();
  const token = { accessToken: body.access_token, expiresAt: now + body.expires_in * 1000, obtainedAt: now };
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(token));
  return safeReturnPath(pending.returnTo);
}

/** The access token, or undefined when there is none or it has (nearly) expired. */
export function accessToken(): string | undefined {
  const raw = sessionStorage.getItem(TOKEN_KEY);
  if (!raw) return undefined;
  try {
    const { accessToken: token, expiresAt } = JSON.parse(raw) as { accessToken?: unknown; expiresAt?: unknown };
    if (isString(token) && typeof expiresAt === 'number' && expiresAt - EXPIRY_MARGIN_MS > Date.now()) return token;
  } catch {
    // unreadable: treated as none
  }
  sessionStorage.removeItem(TOKEN_KEY);
  return undefined;
}

/** Milliseconds since the current token was obtained (Infinity without one). */
function tokenAge(): number {
  try {
    const { obtainedAt } = JSON.parse(sessionStorage.getItem(TOKEN_KEY) ?? '{}') as { obtainedAt?: unknown };
    return typeof obtainedAt === 'number' ? Date.now() - obtainedAt : Infinity;
  } catch {
    return Infinity;
  }
}

/**
 * The API refused the token (401) with `code`. Forgets it and returns true
 * when signing in again is the way on — but false when the token is brand new
 * and the API simply does not accept it, so a misconfiguration cannot bounce
 * the browser between the API and the identity provider forever. A
 * deactivated account always goes back to sign-in, which then says so.
 */
export function tokenRefused(code: string): boolean {
  const fresh = tokenAge() < FRESH_TOKEN_MS;
  forgetToken();
  return code === 'account_inactive' || !fresh;
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Forgets the token; with Cognito also ends its session, which then sends the browser back to the app. */
export async function signOut(): Promise<never> {
  forgetToken();
  const { clientId, logoutUrl } = await authConfig();
  if (logoutUrl) {
    const params = new URLSearchParams({ client_id: clientId, logout_uri: `${location.origin}/` });
    location.assign(`${logoutUrl}?${params}`);
  } else {
    sessionStorage.setItem(SIGNED_OUT_KEY, '1');
    location.assign('/');
  }
  return leaving();
}

/** True once after a local sign-out, so the sign-in page can say so. */
export function takeSignedOut(): boolean {
  const was = sessionStorage.getItem(SIGNED_OUT_KEY) === '1';
  sessionStorage.removeItem(SIGNED_OUT_KEY);
  return was;
}
