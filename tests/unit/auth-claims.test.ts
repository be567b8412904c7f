import {
  CLAIM,
  claimsFromPrincipal,
  principalFromClaims,
  ROLES,
  TokenClaims,
  type Principal,
} from '@sillat/shared/auth';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';

const ORG = '3f2b8c1e-6a4d-4e0b-9c7a-2d5e8f1a0b3c';

/** Claims as Cognito would send them for a coordinator, with extra claims of its own. */
function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: 'user-1',
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    client_id: 'app-client',
    [CLAIM.role]: 'coordinator',
    [CLAIM.municipality]: 'helsinki',
    ...overrides,
  };
}

/** The dotted paths of every issue of a failed parse. */
function failedPaths(input: unknown): string[] {
  const result = TokenClaims.safeParse(input);
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((i) => i.path.map(String).join('.'));
}

describe('principalFromClaims', () => {
  it('maps the claims and drops the ones Sillat does not use', () => {
    expect(principalFromClaims(claims())).toStrictEqual({
      userId: 'user-1',
      role: 'coordinator',
      municipalityId: 'helsinki',
    });
  });

  it('keeps the organisation of organisation staff', () => {
    expect(principalFromClaims(claims({ [CLAIM.role]: 'organisationStaff', [CLAIM.organisation]: ORG }))).toStrictEqual(
      { userId: 'user-1', role: 'organisationStaff', municipalityId: 'helsinki', organisationId: ORG },
    );
  });

  it('accepts every role', () => {
    for (const role of ROLES) {
      const extra = role === 'organisationStaff' ? { [CLAIM.organisation]: ORG } : {};
      expect(principalFromClaims(claims({ [CLAIM.role]: role, ...extra })).role).toBe(role);
    }
  });

  it('throws a ZodError on claims Sillat did not issue', () => {
    expect(() => principalFromClaims(claims({ [CLAIM.role]: 'root' }))).toThrow(z.ZodError);
    expect(() => principalFromClaims('not an object')).toThrow(z.ZodError);
  });
});

describe('TokenClaims', () => {
  it('requires organisation staff to name an organisation', () => {
    expect(failedPaths(claims({ [CLAIM.role]: 'organisationStaff' }))).toEqual([CLAIM.organisation]);
  });

  it('refuses an organisation on any other role', () => {
    expect(failedPaths(claims({ [CLAIM.organisation]: ORG }))).toEqual([CLAIM.organisation]);
  });

  it('refuses an organisation that is not a UUID', () => {
    const staff = { [CLAIM.role]: 'organisationStaff', [CLAIM.organisation]: 'acme' };
    expect(failedPaths(claims(staff))).toEqual([CLAIM.organisation]);
  });

  it('refuses an unknown or missing role', () => {
    expect(failedPaths(claims({ [CLAIM.role]: 'superuser' }))).toEqual([CLAIM.role]);
    expect(failedPaths(claims({ [CLAIM.role]: undefined }))).toEqual([CLAIM.role]);
  });

  it('refuses municipality ids that are not slugs', () => {
    for (const bad of ['../x', 'Helsinki', '-espoo', 'a', 'x'.repeat(41), 'espoo/1', '', 42]) {
      expect(failedPaths(claims({ [CLAIM.municipality]: bad }))).toEqual([CLAIM.municipality]);
    }
    expect(TokenClaims.safeParse(claims({ [CLAIM.municipality]: 'x'.repeat(40) })).success).toBe(true);
  });

  it('refuses ID tokens and tokens without a use', () => {
    expect(failedPaths(claims({ token_use: 'id' }))).toEqual(['token_use']);
    expect(failedPaths(claims({ token_use: undefined }))).toEqual(['token_use']);
  });

  it('refuses a missing or empty subject', () => {
    expect(failedPaths(claims({ sub: undefined }))).toEqual(['sub']);
    expect(failedPaths(claims({ sub: '' }))).toEqual(['sub']);
  });
});

describe('claimsFromPrincipal', () => {
  it('round-trips through principalFromClaims', () => {
    const principals: Principal[] = [
      { userId: 'u1', role: 'administrator', municipalityId: 'vantaa' },
      { userId: 'u2', role: 'organisationStaff', municipalityId: 'espoo', organisationId: ORG },
    ];
    for (const p of principals) expect(principalFromClaims(claimsFromPrincipal(p))).toStrictEqual(p);
  });

  it('writes no organisation key for other roles', () => {
    const out = claimsFromPrincipal({ userId: 'u1', role: 'measureOwner', municipalityId: 'vantaa' });
    expect(Object.keys(out)).not.toContain(CLAIM.organisation);
    expect(out).toStrictEqual({
      sub: 'u1',
      token_use: 'access',
      [CLAIM.role]: 'measureOwner',
      [CLAIM.municipality]: 'vantaa',
    });
  });

  it('refuses to mint claims the verifier would refuse', () => {
    expect(() => claimsFromPrincipal({ userId: 'u1', role: 'organisationStaff', municipalityId: 'vantaa' })).toThrow(
      z.ZodError,
    );
  });
});
