import { randomInt, randomUUID } from 'node:crypto';
import { hashPassword } from '../auth/password';
import type { IdentityDirectory } from './directory';
import { deleteLogin, getLogin, putLogin, updateLogin } from './local-store';

/** Avoids look-alikes (0/O, 1/l/I) — the password is read out or copied by hand. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 4 groups of 4 from 57 symbols ≈ 93 bits; always has upper, lower and a digit so it meets the policy. */
export function temporaryPassword(): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () =>
      Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
    );
    const candidate = groups.join('-');
    if (/[a-z]/.test(candidate) && /[A-Z]/.test(candidate) && /\d/.test(candidate)) return candidate;
  }
}

/**
 * The identity directory under `npm start`: there is no mail yet, so a new
 * user gets a temporary password that the creator hands over, and the first
 * sign-in must replace it — as Cognito's invitation flow does.
 */
export const localDirectory: IdentityDirectory = {
  async create({ email, municipalityId }) {
    const password = temporaryPassword();
    const userId = randomUUID();
    await putLogin({
      email,
      userId,
      municipalityId,
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
      disabled: false,
      createdAt: new Date().toISOString(),
    });
    return { userId, temporaryPassword: password };
  },
  disable: ({ email }) => updateLogin(email, { disabled: true }),
  enable: ({ email }) => updateLogin(email, { disabled: false }),
  remove: ({ email }) => deleteLogin(email),
  async describe({ email }) {
    const login = await getLogin(email);
    if (!login) return undefined;
    const { passwordHash: _secret, ...rest } = login;
    return { provider: 'local', ...rest };
  },
};
