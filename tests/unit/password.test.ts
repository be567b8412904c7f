import { describe, expect, it } from 'vitest';
import { MAX_PASSWORD_LENGTH, hashPassword, verifyPassword } from '../../functions/src/auth/password';

// Cheap parameters keep the tests fast; the format and checks are the same as in production.
const FAST = { N: 2 ** 10, r: 8, p: 1 } as const;

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple', FAST);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash, so the same password never hashes the same twice', async () => {
    const a = await hashPassword('same password', FAST);
    const b = await hashPassword('same password', FAST);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('uses a memory-hard default strong enough for OWASP (N ≥ 2^17)', async () => {
    const stored = await hashPassword('default parameters');
    const [, N, r] = stored.split('$');
    expect(Number(N)).toBeGreaterThanOrEqual(2 ** 17);
    expect(Number(r)).toBe(8);
    expect(await verifyPassword('default parameters', stored)).toBe(true);
  });

  it('treats Unicode compositions of the same password alike (NFKC)', async () => {
    const decomposed = 'A\u0308iti'; // "A" + combining diaeresis, as some keyboards send it
    const composed = '\u00C4iti'; // "Äiti" as one code point
    expect(decomposed).not.toBe(composed);
    const stored = await hashPassword(decomposed, FAST);
    expect(await verifyPassword(composed, stored)).toBe(true);
  });

  it('answers false, never throws, for malformed stored values', async () => {
    for (const stored of [
      '',
      'plain',
      'scrypt$1$2$3',
      'bcrypt$1024$8$1$AAAA$AAAA',
      'scrypt$x$8$1$AAAA$AAAA',
      'scrypt$1024$8$1$$AAAA',
    ]) {
      expect(await verifyPassword('anything', stored)).toBe(false);
    }
    // Parameters an attacker could plant to make verification hang are refused.
    const huge = `scrypt$${2 ** 30}$8$1$AAAAAAAAAAAAAAAAAAAAAA==$${Buffer.alloc(32).toString('base64')}`;
    expect(await verifyPassword('anything', huge)).toBe(false);
  });

  it('refuses over-long passwords instead of hashing them', async () => {
    const long = 'x'.repeat(MAX_PASSWORD_LENGTH + 1);
    await expect(hashPassword(long, FAST)).rejects.toThrow(RangeError);
    const stored = await hashPassword('x'.repeat(MAX_PASSWORD_LENGTH), FAST);
    expect(await verifyPassword(long, stored)).toBe(false);
  });
});
