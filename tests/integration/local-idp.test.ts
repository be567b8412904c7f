import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app';
import { getLogin } from '../../functions/src/identity/local-store';
import { localIdpRoutes, LOCAL_CLIENT_ID } from '../../functions/src/local/idp/routes';
import { DEMO_PASSWORD } from '../../functions/src/local/demo-data';
import { call, useLocalAuth } from '../setup/auth';
import { request } from '../setup/http';
import { useFreshTable } from '../setup/table';

/**
 * The local issuer's sign-in: authorization code + PKCE as the web app runs it,
 * ending in an access token the API accepts. Wrong passwords, replayed codes,
 * wrong verifiers and foreign redirect URIs are refused.
 */
useFreshTable({ seed: true });
const auth = useLocalAuth();
let routes: ReturnType<typeof localIdpRoutes> | undefined;
/** One instance for the file: pending codes and the failure counter live in it, as in the running server. */
const idp = () => (routes ??= localIdpRoutes(auth.issuer()));

const REDIRECT = 'http://localhost:3000/auth/callback';
const b64url = (b: Buffer) => b.toString('base64url');

function pkce() {
  const verifier = b64url(randomBytes(32));
  return { verifier, challenge: b64url(createHash('sha256').update(verifier).digest()) };
}

async function authorize(
  email: string,
  password: string,
  extra: Record<string, unknown> = {},
  challenge = pkce().challenge,
) {
  return request(idp(), 'POST', '/authorize', {
    email,
    password,
    clientId: LOCAL_CLIENT_ID,
    redirectUri: REDIRECT,
    state: 'state-123456',
    codeChallenge: challenge,
    codeChallengeMethod: 'S256',
    ...extra,
  });
}

async function exchange(code: string, verifier: string, redirectUri = REDIRECT) {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    client_id: LOCAL_CLIENT_ID,
    code_verifier: verifier,
  });
  return request(idp(), 'POST', '/token', form.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
}

async function signIn(email: string, password: string, extra: Record<string, unknown> = {}) {
  const { verifier, challenge } = pkce();
  const res = await authorize(email, password, extra, challenge);
  expect(res.status, res.text).toBe(200);
  const url = new URL(res.body.redirectTo);
  expect(`${url.origin}${url.pathname}`).toBe(REDIRECT);
  expect(url.searchParams.get('state')).toBe('state-123456');
  return { code: url.searchParams.get('code')!, verifier };
}

describe('local sign-in (authorization code + PKCE)', () => {
  it('signs a demo user in; the token works on the API and carries the profile’s role', async () => {
    const { code, verifier } = await signIn('Coordinator@Sillat.Example', DEMO_PASSWORD);
    const res = await exchange(code, verifier);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
    const me = await request(app, 'GET', '/api/me', undefined, { authorization: `Bearer ${res.body.access_token}` });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: 'coordinator@sillat.example', role: 'coordinator' });
    expect(me.body.municipality.id).toBe('demo');
  });

  it('publishes only public keys at /jwks.json', async () => {
    const res = await request(idp(), 'GET', '/jwks.json');
    expect(res.status).toBe(200);
    expect(res.body.keys).toHaveLength(1);
    expect(res.body.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(res.body.keys[0]).not.toHaveProperty('d');
  });

  it('answers an unknown address and a wrong password alike', async () => {
    const unknown = await authorize('nobody@sillat.example', DEMO_PASSWORD);
    const wrong = await authorize('owner@sillat.example', 'Wrong-password-1');
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.body.error.code).toBe('invalid_credentials');
  });

  it('locks an address after five wrong passwords, with Retry-After', async () => {
    for (let i = 0; i < 5; i++)
      expect((await authorize('staff@sillat.example', `Wrong-password-${i}`)).status).toBe(401);
    const locked = await authorize('staff@sillat.example', DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_attempts');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('uses a code once, only with its verifier and redirect URI', async () => {
    const a = await signIn('council@sillat.example', DEMO_PASSWORD);
    expect((await exchange(a.code, pkce().verifier)).body.error).toBe('invalid_grant');
    expect((await exchange(a.code, a.verifier)).body.error).toBe('invalid_grant'); // burnt by the failed attempt
    const b = await signIn('council@sillat.example', DEMO_PASSWORD);
    expect((await exchange(b.code, b.verifier, 'http://localhost:3000/other')).body.error).toBe('invalid_grant');
    const c = await signIn('council@sillat.example', DEMO_PASSWORD);
    expect((await exchange(c.code, c.verifier)).status).toBe(200);
    expect((await exchange(c.code, c.verifier)).body.error).toBe('invalid_grant');
  });

  it('sends codes only to the app’s own callback on this machine', async () => {
    for (const redirectUri of [
      'https://evil.example/auth/callback',
      'http://localhost:3000/elsewhere',
      `${REDIRECT}?x=1`,
    ]) {
      const res = await authorize('owner@sillat.example', DEMO_PASSWORD, { redirectUri });
      expect({ redirectUri, status: res.status, code: res.body.error.code }).toEqual({
        redirectUri,
        status: 400,
        code: 'invalid_request',
      });
    }
    expect((await authorize('owner@sillat.example', DEMO_PASSWORD, { codeChallengeMethod: 'plain' })).status).toBe(400);
  });

  it('makes a new user replace the temporary password at the first sign-in', async () => {
    const created = await call('coordinator', 'POST', '/api/users', {
      email: 'fresh@sillat.example',
      name: 'Fresh Owner',
      role: 'measureOwner',
      locale: 'sv',
    });
    const temporary = created.body.temporaryPassword as string;
    const first = await authorize('fresh@sillat.example', temporary);
    expect({ status: first.status, code: first.body.error.code }).toEqual({
      status: 403,
      code: 'password_change_required',
    });
    const weak = await authorize('fresh@sillat.example', temporary, { newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details).toEqual([{ field: 'newPassword', message: 'too_short' }]);
    const same = await authorize('fresh@sillat.example', temporary, { newPassword: temporary });
    expect(same.body.error.details).toEqual([{ field: 'newPassword', message: 'same_as_old' }]);

    const { code, verifier } = await signIn('fresh@sillat.example', temporary, { newPassword: 'Uusi-salasana-2026' });
    expect((await exchange(code, verifier)).status).toBe(200);
    expect((await getLogin('fresh@sillat.example'))?.mustChangePassword).toBe(false);
    expect((await authorize('fresh@sillat.example', temporary)).status).toBe(401);
    await signIn('fresh@sillat.example', 'Uusi-salasana-2026');
  });

  it('refuses deactivated users, also between the two steps', async () => {
    const created = await call('administrator', 'POST', '/api/users', {
      email: 'leaving@sillat.example',
      name: 'Leaving Person',
      role: 'councilMember',
      locale: 'en',
    });
    const id = created.body.id as string;
    const pending = await signIn('leaving@sillat.example', created.body.temporaryPassword, {
      newPassword: 'Goodbye-Sillat-1',
    });
    await call('administrator', 'POST', `/api/users/${id}/deactivate`, undefined, { 'If-Match': '"1"' });
    expect((await exchange(pending.code, pending.verifier)).body.error).toBe('invalid_grant');
    const again = await authorize('leaving@sillat.example', 'Goodbye-Sillat-1');
    expect({ status: again.status, code: again.body.error.code }).toEqual({ status: 403, code: 'account_inactive' });
  });
});
