import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { claimsFromPrincipal, type Principal } from '@sillat/shared/auth';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import * as z from 'zod';

const ALG = 'ES256';

/** What a key file holds: one P-256 private JWK. Parsed, never trusted as-is. */
const PrivateKeyFile = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(1),
  y: z.string().min(1),
  d: z.string().min(1),
  kid: z.string().min(1),
});
type PrivateKeyFile = z.output<typeof PrivateKeyFile>;

export interface LocalIssuerOptions {
  /** The `iss` to put in tokens; the verifier must be configured with the same. */
  issuer: string;
  /** The `aud` (app client id) to put in tokens. */
  audience: string;
  /**
   * Where the private key lives between runs, so restarting `npm start` keeps
   * issued tokens valid. Created (mode 0600) when missing. Without it the key
   * lives in memory only — what tests want.
   */
  keyFile?: string;
}

export interface IssueOptions {
  /** Lifetime from now; default one hour like Cognito. Negative values mint already-expired tokens (tests). */
  ttlSeconds?: number;
}

export interface LocalIssuer {
  /** The public key set to serve at the issuer's JWKS URL. Never contains private key material. */
  jwks(): { keys: JWK[] };
  /** An access token for `principal`, with exactly the claims Cognito's tokens carry for Sillat. */
  issue(principal: Principal, options?: IssueOptions): Promise<string>;
}

/**
 * Stands in for Cognito when running locally: it signs access tokens and
 * publishes its public key, and the API verifies them through the same JWKS
 * code path as in AWS. It has no sign-in of its own; whoever calls `issue`
 * decides who the user is, so it must only ever be reachable locally.
 */
export async function createLocalIssuer(options: LocalIssuerOptions): Promise<LocalIssuer> {
  const { issuer, audience } = options;
  const stored = options.keyFile === undefined ? await generate() : await loadOrCreate(options.keyFile);
  const privateKey = await importJWK(privateJwk(stored), ALG);
  // Built field by field from the public parts, so `d` cannot slip through.
  const publicJwk: JWK = {
    kty: stored.kty,
    crv: stored.crv,
    x: stored.x,
    y: stored.y,
    kid: stored.kid,
    alg: ALG,
    use: 'sig',
  };

  return {
    jwks: () => ({ keys: [{ ...publicJwk }] }),
    async issue(principal, issueOptions = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ ...claimsFromPrincipal(principal) })
        .setProtectedHeader({ alg: ALG, kid: stored.kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(now)
        .setExpirationTime(now + (issueOptions.ttlSeconds ?? 3600))
        .setJti(randomUUID())
        .sign(privateKey);
    },
  };
}

async function generate(): Promise<PrivateKeyFile> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  // The thumbprint (RFC 7638) is a stable, content-derived kid.
  return PrivateKeyFile.parse({ ...jwk, kid: await calculateJwkThumbprint(jwk) });
}

/** Reads the key file, or creates it. A file that exists but is not a key is an error, never overwritten. */
async function loadOrCreate(keyFile: string): Promise<PrivateKeyFile> {
  let text: string;
  try {
    text = await readFile(keyFile, 'utf8');
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const key = await generate();
    await mkdir(dirname(keyFile), { recursive: true });
    // `wx`: if another process created it meanwhile, fail rather than clobber its key.
    await writeFile(keyFile, JSON.stringify(key, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  }
  const parsed = PrivateKeyFile.safeParse(parseJson(text));
  if (!parsed.success) {
    throw new Error(
      `${keyFile} is not a local issuer key (a P-256 private JWK with a kid). Delete it to make a new one.`,
    );
  }
  return parsed.data;
}

function privateJwk({ kty, crv, x, y, d }: PrivateKeyFile): JWK {
  return { kty, crv, x, y, d };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
