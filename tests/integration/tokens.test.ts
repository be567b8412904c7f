import { describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app';
import { createLocalIssuer } from '../../functions/src/auth/local-issuer';
import { SYSTEM_ACTOR } from '../../functions/src/data/audited-write';
import { getUser, setUserStatus, updateUser } from '../../functions/src/data/users';
import { AUDIENCE, authHeader, DEMO, ISSUER, useLocalAuth } from '../setup/auth';
import { expectError, request } from '../setup/http';
import { useFreshTable } from '../setup/table';

/**
 * The API refuses every token it must not trust with 401 and the error shape —
 * checked through the app itself, not only the verifier — and writes nothing.
 */
const table = useFreshTable({ seed: true });
const auth = useLocalAuth();

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function refused(headers: Record<string, string>, code: string) {
  const before = await table.snapshot();
  for (const [method, path, body] of [
    ['GET', '/api/districts', undefined],
    ['POST', '/api/districts', { name: { fi: 'Ei saa syntyä' } }],
  ] as const) {
    const res = await request(app, method, path, body, headers);
    expectError(res, 401, code);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="sillat"/);
  }
  expect(await table.snapshot()).toEqual(before);
}

describe('tokens the API refuses with 401', () => {
  it('accepts a valid token (the baseline the refusals below differ from)', async () => {
    const res = await request(app, 'GET', '/api/districts', undefined, await authHeader('coordinator'));
    expect(res.status).toBe(200);
  });

  it('no token, another scheme, or a malformed header', async () => {
    await refused({}, 'unauthenticated');
    await refused({ authorization: 'Basic Y29vcmQ6cGFzcw==' }, 'unauthenticated');
    await refused({ authorization: 'Bearer a b' }, 'unauthenticated');
  });

  it('an expired token', async () => {
    const expired = await auth.issuer().issue(DEMO.coordinator, { ttlSeconds: -120 });
    await refused(bearer(expired), 'invalid_token');
  });

  it('a token signed with a key the issuer does not publish', async () => {
    const impostor = await createLocalIssuer({ issuer: ISSUER, audience: AUDIENCE });
    await refused(bearer(await impostor.issue(DEMO.coordinator)), 'invalid_token');
  });

  it('a token for another audience (app client)', async () => {
    const other = await createLocalIssuer({ issuer: ISSUER, audience: 'some-other-client' });
    // Same key set is not needed to show the point: even a correctly signed one would fail on aud.
    await refused(bearer(await other.issue(DEMO.coordinator)), 'invalid_token');
  });

  it('a token from another issuer', async () => {
    const other = await createLocalIssuer({ issuer: 'https://evil.example/issuer', audience: AUDIENCE });
    await refused(bearer(await other.issue(DEMO.coordinator)), 'invalid_token');
  });

  it('garbage and a token with its signature stripped', async () => {
    await refused(bearer('not.a.jwt'), 'invalid_token');
    const token = await auth.issuer().issue(DEMO.coordinator);
    const [header, payload] = token.split('.');
    await refused(bearer(`${header}.${payload}.`), 'invalid_token');
  });

  it('a valid token for a user who does not exist in that municipality', async () => {
    const ghost = { ...DEMO.coordinator, municipalityId: 'naapurikunta' };
    await refused(await authHeader(ghost), 'account_inactive');
  });

  it('a valid token of a user deactivated after signing in — from the next request on', async () => {
    const header = await authHeader('measureOwner');
    expect((await request(app, 'GET', '/api/me', undefined, header)).status).toBe(200);
    const owner = await getUser('demo', DEMO.measureOwner.userId);
    await setUserStatus('demo', owner.id, 'deactivated', owner.version, SYSTEM_ACTOR);
    expectError(await request(app, 'GET', '/api/me', undefined, header), 401, 'account_inactive');
  });

  it('a valid token whose role no longer matches the profile', async () => {
    const header = await authHeader('councilMember');
    const council = await getUser('demo', DEMO.councilMember.userId);
    await updateUser('demo', council, { role: 'coordinator' }, council.version, SYSTEM_ACTOR);
    // Promoted users must sign in again to use the new role; the old token is not upgraded silently.
    expectError(await request(app, 'GET', '/api/me', undefined, header), 401, 'token_outdated');
  });
});
