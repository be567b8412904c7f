import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalIssuer, type LocalIssuer } from '../../functions/src/auth/local-issuer';
import { createTokenVerifier, InvalidTokenError, readBearer } from '../../functions/src/auth/verify-token';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ISS = 'http://127.0.0.1/local-issuer';
const AUD = 'sillat-web';
const ORG = '3f2b8c1e-6a4d-4e0b-9c7a-2d5e8f1a0b3c';
const coordinator = { userId: 'user-1', role: 'coordinator', municipalityId: 'helsinki' } as const;

let issuer: LocalIssuer;
let forgeKey: CryptoKey; // trusted by the JWKS below, so tests can sign any claims
let server: Server;
let base: string;
let jwksFetches = 0;

beforeAll(async () => {
  issuer = await createLocalIssuer({ issuer: ISS, audience: AUD });
  const pair = await generateKeyPair('ES256');
  forgeKey = pair.privateKey;
  const forgePublic = { ...(await exportJWK(pair.publicKey)), kid: 'forge', alg: 'ES256', use: 'sig' };
  server = createServer((req, res) => {
    if (req.url === '/broken') return void res.writeHead(500).end();
    if (req.url === '/counted') jwksFetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [...issuer.jwks().keys, forgePublic] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const verifier = (path = '/jwks', clockToleranceSeconds?: number) =>
  createTokenVerifier({ issuer: ISS, audience: AUD, jwks: base + path, clockToleranceSeconds });

/** The reason a token is refused for, or 'accepted'. Also checks the token is not echoed back. */
async function outcome(token: string, v = verifier()): Promise<string> {
  try {
    await v.verify(token);
    return 'accepted';
  } catch (error) {
    if (!(error instanceof InvalidTokenError)) throw error;
    if (token) expect(error.message).not.toContain(token);
    return error.reason;
  }
}

function validClaims(): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  const standard = { iss: ISS, aud: AUD, sub: 'user-1', iat: now, exp: now + 600, token_use: 'access' };
  return { ...standard, 'sillat:role': 'coordinator', 'sillat:municipality': 'helsinki' };
}

/** A token with valid claims unless overridden (undefined removes a claim), signed as told. */
function forge(overrides: JWTPayload = {}, sign: { alg?: string; kid?: string; key?: CryptoKey | Uint8Array } = {}) {
  return new SignJWT({ ...validClaims(), ...overrides })
    .setProtectedHeader({ alg: sign.alg ?? 'ES256', kid: sign.kid ?? 'forge' })
    .sign(sign.key ?? forgeKey);
}

describe('createTokenVerifier with the local issuer', () => {
  it('turns a valid token into its principal', async () => {
    expect(await verifier().verify(await issuer.issue(coordinator))).toStrictEqual(coordinator);
    const staff = { userId: 'u2', role: 'organisationStaff', municipalityId: 'espoo', organisationId: ORG } as const;
    expect(await verifier().verify(await issuer.issue(staff))).toStrictEqual(staff);
  });

  it('refuses expired tokens, allowing the configured clock skew', async () => {
    expect(await outcome(await issuer.issue(coordinator, { ttlSeconds: -120 }))).toBe('expired');
    const justExpired = await issuer.issue(coordinator, { ttlSeconds: -5 });
    expect(await outcome(justExpired)).toBe('accepted');
    expect(await outcome(justExpired, verifier('/jwks', 0))).toBe('expired');
  });

  it('refuses tokens signed by a key the issuer did not publish', async () => {
    const kid = issuer.jwks().keys[0]?.kid;
    expect(kid).toBeTruthy();
    const impostor = await generateKeyPair('ES256');
    expect(await outcome(await forge({}, { kid, key: impostor.privateKey }))).toBe('bad_signature');
    const other = await createLocalIssuer({ issuer: ISS, audience: AUD }); // unknown kid
    expect(await outcome(await other.issue(coordinator))).toBe('bad_signature');
  });

  it('refuses unsigned and HMAC tokens', async () => {
    const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    expect(await outcome(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(validClaims())}.`)).toBe('bad_signature');
    const secret = new TextEncoder().encode('x'.repeat(32));
    expect(await outcome(await forge({}, { alg: 'HS256', key: secret }))).toBe('bad_signature');
  });

  it('checks the audience in `aud`, or in `client_id` as Cognito access tokens carry it', async () => {
    expect(await outcome(await forge({ aud: 'another-app' }))).toBe('wrong_audience');
    expect(await outcome(await forge({ aud: ['another-app', AUD] }))).toBe('accepted');
    expect(await outcome(await forge({ aud: undefined, client_id: AUD }))).toBe('accepted');
    expect(await outcome(await forge({ aud: undefined, client_id: 'another-app' }))).toBe('wrong_audience');
    expect(await outcome(await forge({ aud: undefined }))).toBe('wrong_audience');
    expect(await outcome(await forge({ aud: 'another-app', client_id: AUD }))).toBe('wrong_audience');
  });

  it('refuses another issuer', async () => {
    expect(await outcome(await forge({ iss: 'https://cognito-idp.eu-north-1.amazonaws.com/x' }))).toBe('wrong_issuer');
    expect(await outcome(await forge({ iss: undefined }))).toBe('wrong_issuer');
  });

  it('calls anything that is not a JWS malformed', async () => {
    for (const junk of ['', 'abc', 'a.b.c', '..', 'eyJhbGciOiJFUzI1NiJ9.e30', '{"alg":"ES256"}.e30.x']) {
      expect(await outcome(junk)).toBe('malformed');
    }
  });

  it('refuses claims Sillat does not issue', async () => {
    const bad: JWTPayload[] = [
      { 'sillat:role': 'organisationStaff' },
      { 'sillat:role': 'root' },
      { 'sillat:municipality': '../x' },
      { token_use: 'id' },
      { exp: undefined },
      { sub: undefined },
      { nbf: Math.floor(Date.now() / 1000) + 3600 },
    ];
    for (const overrides of bad)
      expect([overrides, await outcome(await forge(overrides))]).toEqual([overrides, 'bad_claims']);
  });

  it('fetches the key set once per verifier, not per token', async () => {
    const v = verifier('/counted');
    for (let i = 0; i < 3; i++) await v.verify(await issuer.issue(coordinator));
    expect(jwksFetches).toBe(1);
  });

  it('does not blame the token when the key set cannot be fetched', async () => {
    const error: unknown = await verifier('/broken')
      .verify(await issuer.issue(coordinator))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(InvalidTokenError);
  });
});

describe('createLocalIssuer', () => {
  it('publishes only public keys', () => {
    const { keys } = issuer.jwks();
    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0] ?? {}).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('keeps its key in a private file across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sillat-issuer-'));
    try {
      const keyFile = join(dir, 'nested', 'issuer-key.json');
      const first = await createLocalIssuer({ issuer: ISS, audience: AUD, keyFile });
      expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
      const second = await createLocalIssuer({ issuer: ISS, audience: AUD, keyFile });
      expect(second.jwks()).toEqual(first.jwks());
      expect(JSON.parse(await readFile(keyFile, 'utf8'))).toHaveProperty('kid', first.jwks().keys[0]?.kid);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a key file that is not a key, and leaves it alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sillat-issuer-'));
    try {
      const keyFile = join(dir, 'issuer-key.json');
      await writeFile(keyFile, '{"kty":"oct"}');
      await expect(createLocalIssuer({ issuer: ISS, audience: AUD, keyFile })).rejects.toThrow(
        /not a local issuer key/,
      );
      expect(await readFile(keyFile, 'utf8')).toBe('{"kty":"oct"}');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('will not mint a token for an invalid principal', async () => {
    await expect(issuer.issue({ ...coordinator, municipalityId: '../x' })).rejects.toThrow();
  });
});

describe('readBearer', () => {
  it('reads the token of the Bearer scheme, in any case', () => {
    for (const h of ['Bearer abc.def.ghi', 'bearer abc.def.ghi', 'BEARER  abc.def.ghi', ' Bearer abc.def.ghi ']) {
      expect(readBearer(h)).toBe('abc.def.ghi');
    }
  });

  it('refuses other schemes, empty tokens and junk', () => {
    for (const h of [undefined, '', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearerabc', 'Bearer a b', 'abc.def']) {
      expect(readBearer(h)).toBeUndefined();
    }
  });
});
