/**
 * One password policy for Cognito (infra/lib/auth.ts) and the local issuer, so
 * a password that works under `npm start` also works in AWS. Length matters
 * more than symbols (NIST SP 800-63B); the character classes are what Cognito
 * can enforce on top.
 */
export const PASSWORD_POLICY = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: false,
} as const;

export type PasswordProblem = 'too_short' | 'too_long' | 'needs_lowercase' | 'needs_uppercase' | 'needs_digit';

/** The first rule `password` breaks, or undefined when it is acceptable. */
export function passwordProblem(password: string, maxLength = 256): PasswordProblem | undefined {
  if (password.length < PASSWORD_POLICY.minLength) return 'too_short';
  if (password.length > maxLength) return 'too_long';
  if (PASSWORD_POLICY.requireLowercase && !/\p{Ll}/u.test(password)) return 'needs_lowercase';
  if (PASSWORD_POLICY.requireUppercase && !/\p{Lu}/u.test(password)) return 'needs_uppercase';
  if (PASSWORD_POLICY.requireDigits && !/\d/.test(password)) return 'needs_digit';
  return undefined;
}
