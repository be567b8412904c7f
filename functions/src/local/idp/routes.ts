import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { passwordProblem } from '@sillat/shared/password-policy';
import { Hono } from 'hono';
import * as z from 'zod';
import type { LocalIssuer } from '../../auth/local-issuer';
import { hashPassword, MAX_PASSWORD_LENGTH, verifyPassword } from '../../auth/password';
import { principalForSignIn } from '../../auth/sign-in';
import { getLogin, updateLogin } from '../../identity/local-store';
import { errorBody } from '../../http/errors';
import { FailureLimiter } from './failure-limiter';

/**
 * The local issuer's OAuth endpoints — a small stand-in for Cognito's managed
 * login, mounted by the local server only (never in the Lambda app):
 * - POST /authorize: the sign-in page posts credentials and a PKCE challenge,
 *   and gets the redirect to the app's callback with a one-time code;
 * - POST /token: the app exchanges code + verifier for an access token
 *   (form-encoded, OAuth 2.0 error bodies — as Cognito's /oauth2/token);
 * - GET /jwks.json: the public keys the API verifies tokens with.
 * The web app runs one authorization-code + PKCE client against either.
 */
export const LOCAL_CLIENT_ID = 'sillat-web';
const CODE_TTL_MS = 60_000;
const TOKEN_TTL_SECONDS = 3600;

const AuthorizeBody = z
  .object({
    email: z.string().max(254),
    password: z.string().max(MAX_PASSWORD_LENGTH),
    newPassword: z.string().max(MAX_PASSWORD_LENGTH).optional(),
    clientId: z.literal(LOCAL_CLIENT_ID),
    redirectUri: z.url(),
    state: z.string().min(8).max(256),
    codeChallenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    codeChallengeMethod: z.literal('S256'),
  })
  .strict();

interface PendingCode {
  challenge: string;
  redirectUri: string;
  municipalityId: string;
  userId: string;
  expires: number;
}

/** Only the app's own callback, on this machine, may receive a code. */
function isAllowedRedirect(uri: string): boolean {
  const url = new URL(uri);
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && url.pathname === '/auth/callback' && !url.search;
}

const b64url = (buf: Buffer) => buf.toString('base64url');

export function localIdpRoutes(issuer: LocalIssuer): Hono {
  const codes = new Map<string, PendingCode>();
  const limiter = new FailureLimiter({ maxFailures: 5, windowMs: 15 * 60_000 });
  const app = new Hono();

  app.get('/jwks.json', (c) => c.json(issuer.jwks(), 200, { 'Cache-Control': 'public, max-age=300' }));

  app.post('/authorize', async (c) => {
    const parsed = AuthorizeBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success || !isAllowedRedirect(parsed.data.redirectUri)) {
      return c.json(errorBody('invalid_request', 'The sign-in request is not valid. Start again from the app.'), 400);
    }
    const body = parsed.data;
    const email = body.email.trim().toLowerCase();
    const wait = limiter.retryAfterSeconds(email);
    if (wait > 0) {
      return c.json(errorBody('too_many_attempts', 'Too many failed attempts. Wait a while and try again.'), 429, {
        'Retry-After': String(wait),
      });
    }
    const login = await getLogin(email);
    // Same answer for an unknown address and a wrong password: the form must not reveal who has an account.
    if (!login || !(await verifyPassword(body.password, login.passwordHash))) {
      limiter.fail(email);
      return c.json(errorBody('invalid_credentials', 'Wrong e-mail address or password.'), 401);
    }
    const principal = login.disabled ? undefined : await principalForSignIn(login.municipalityId, login.userId);
    if (!principal) {
      return c.json(errorBody('account_inactive', 'This account is not active. Ask your administrator.'), 403);
    }
    if (login.mustChangePassword) {
      if (body.newPassword === undefined) {
        return c.json(
          errorBody('password_change_required', 'Choose a new password to replace the temporary one.'),
          403,
        );
      }
      const problem = passwordProblem(body.newPassword);
      if (problem || body.newPassword === body.password) {
        return c.json(
          errorBody('weak_password', 'The new password does not meet the rules.', [
            { field: 'newPassword', message: problem ?? 'same_as_old' },
          ]),
          400,
        );
      }
      await updateLogin(email, { passwordHash: await hashPassword(body.newPassword), mustChangePassword: false });
    }
    limiter.succeed(email);
    const code = b64url(randomBytes(32));
    codes.set(code, {
      challenge: body.codeChallenge,
      redirectUri: body.redirectUri,
      municipalityId: principal.municipalityId,
      userId: principal.userId,
      expires: Date.now() + CODE_TTL_MS,
    });
    const redirect = new URL(body.redirectUri);
    redirect.searchParams.set('code', code);
    redirect.searchParams.set('state', body.state);
    return c.json({ redirectTo: redirect.toString() }, 200);
  });

  app.post('/token', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const oauthError = (error: string, description: string) =>
      c.json({ error, error_description: description }, 400, { 'Cache-Control': 'no-store' });
    if (form.grant_type !== 'authorization_code')
      return oauthError('unsupported_grant_type', 'Only authorization_code.');
    if (form.client_id !== LOCAL_CLIENT_ID) return oauthError('invalid_client', 'Unknown client.');
    const code = typeof form.code === 'string' ? form.code : '';
    const pending = codes.get(code);
    codes.delete(code); // one use, whatever happens next
    if (!pending || pending.expires < Date.now() || pending.redirectUri !== form.redirect_uri) {
      return oauthError('invalid_grant', 'The code is unknown, used or expired.');
    }
    const verifier = typeof form.code_verifier === 'string' ? form.code_verifier : '';
    const expected = Buffer.from(pending.challenge);
    const actual = Buffer.from(b64url(createHash('sha256').update(verifier).digest()));
    if (verifier.length < 43 || actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      return oauthError('invalid_grant', 'The code verifier does not match.');
    }
    // The profile is read again: a user deactivated between the two steps gets no token.
    const principal = await principalForSignIn(pending.municipalityId, pending.userId);
    if (!principal) return oauthError('invalid_grant', 'This account is not active.');
    const accessToken = await issuer.issue(principal, { ttlSeconds: TOKEN_TTL_SECONDS });
    return c.json({ access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS }, 200, {
      'Cache-Control': 'no-store',
    });
  });

  return app;
}
