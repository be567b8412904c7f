import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

/**
 * Password hashing for the local issuer's users (in AWS, Cognito holds
 * passwords and this is never used). scrypt is a memory-hard KDF in Node's own
 * crypto; the stored string carries its parameters so they can be raised later
 * without breaking existing hashes:  scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>
 */
const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** OWASP's scrypt floor is N=2^17, r=8, p=1 (128 MiB); sign-in is rare, so pay it. */
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Longer inputs are refused rather than hashed: bounds the work an attacker can ask for. */
export const MAX_PASSWORD_LENGTH = 256;

const maxmem = (N: number, r: number) => 128 * N * r * 2;

export async function hashPassword(password: string, params = SCRYPT_PARAMS): Promise<string> {
  if (password.length > MAX_PASSWORD_LENGTH) throw new RangeError('Password too long.');
  const salt = randomBytes(SALT_LENGTH);
  const { N, r, p } = params;
  const hash = await scryptAsync(password.normalize('NFKC'), salt, KEY_LENGTH, { N, r, p, maxmem: maxmem(N, r) });
  return ['scrypt', N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Constant-time check; false (never a throw) for a malformed stored value or an over-long input. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (salt.length === 0 || expected.length !== KEY_LENGTH) return false;
  const actual = await scryptAsync(password.normalize('NFKC'), salt, KEY_LENGTH, { N, r, p, maxmem: maxmem(N, r) });
  return timingSafeEqual(actual, expected);
}
