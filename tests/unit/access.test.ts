import { assignableRoles, canManageRole, isAllowed, isPublicRoute } from '@sillat/shared/access';
import { passwordProblem } from '@sillat/shared/password-policy';
import { UserInput, UserPatch } from '@sillat/shared';
import { describe, expect, it } from 'vitest';
import { FailureLimiter } from '../../functions/src/local/idp/failure-limiter';
import { temporaryPassword } from '../../functions/src/identity/local-directory';

describe('who may manage whom', () => {
  it('lets administrators manage every role and coordinators only staff and owners', () => {
    expect(assignableRoles('administrator')).toEqual([
      'administrator',
      'coordinator',
      'organisationStaff',
      'measureOwner',
      'councilMember',
    ]);
    expect(assignableRoles('coordinator')).toEqual(['organisationStaff', 'measureOwner']);
    for (const role of ['organisationStaff', 'measureOwner', 'councilMember'] as const) {
      expect(assignableRoles(role)).toEqual([]);
    }
    expect(canManageRole('coordinator', 'administrator')).toBe(false);
  });

  it('admits a role only where listed; public admits anyone, even without a role', () => {
    expect(isAllowed(['coordinator'], 'coordinator')).toBe(true);
    expect(isAllowed(['coordinator'], 'administrator')).toBe(false);
    expect(isAllowed(['coordinator'], undefined)).toBe(false);
    expect(isAllowed('public', undefined)).toBe(true);
  });

  it('matches the public allow-list exactly, by method and path', () => {
    expect(isPublicRoute('GET', '/api/health')).toBe(true);
    expect(isPublicRoute('get', '/api/health/')).toBe(true);
    expect(isPublicRoute('POST', '/api/health')).toBe(false);
    expect(isPublicRoute('GET', '/api/health/x')).toBe(false);
    expect(isPublicRoute('GET', '/api/healthz')).toBe(false);
    expect(isPublicRoute('GET', '/api/districts')).toBe(false);
  });
});

describe('password policy', () => {
  it.each([
    ['Short1a', 'too_short'],
    ['alllowercase-2026', 'needs_uppercase'],
    ['ALLUPPERCASE-2026', 'needs_lowercase'],
    ['No-digits-at-all', 'needs_digit'],
    ['Sillat-demo-2026', undefined],
    ['Pitkä-Salasana-9', undefined],
  ])('%s → %s', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it('makes temporary passwords that meet it and differ every time', () => {
    const made = Array.from({ length: 50 }, temporaryPassword);
    for (const p of made) expect(passwordProblem(p)).toBeUndefined();
    expect(new Set(made).size).toBe(50);
  });
});

describe('failure limiter', () => {
  it('refuses after the maximum within the window and forgets old failures', () => {
    const limiter = new FailureLimiter({ maxFailures: 3, windowMs: 1000 });
    for (const t of [0, 100, 200]) limiter.fail('a', t);
    expect(limiter.retryAfterSeconds('a', 300)).toBe(1);
    expect(limiter.retryAfterSeconds('b', 300)).toBe(0);
    expect(limiter.retryAfterSeconds('a', 1001)).toBe(0);
    limiter.fail('a', 1100);
    limiter.succeed('a');
    expect(limiter.retryAfterSeconds('a', 1100)).toBe(0);
  });
});

describe('user schemas', () => {
  const base = { email: 'A@B.example', name: 'Aino', role: 'measureOwner', locale: 'fi' };

  it('lower-cases the e-mail and treats an empty organisation as none', () => {
    expect(UserInput.parse({ ...base, organisationId: '' })).toEqual({ ...base, email: 'a@b.example' });
  });

  it('requires an organisation exactly for organisation staff', () => {
    expect(UserInput.safeParse({ ...base, role: 'organisationStaff' }).success).toBe(false);
    expect(
      UserInput.safeParse({
        ...base,
        role: 'organisationStaff',
        organisationId: '00000000-0000-4000-8000-000000000301',
      }).success,
    ).toBe(true);
  });

  it('never lets a patch change the e-mail, status or version', () => {
    for (const field of ['email', 'status', 'version']) {
      expect(UserPatch.safeParse({ name: 'X', [field]: 'y' }).success).toBe(false);
    }
    expect(UserPatch.safeParse({}).success).toBe(false);
    expect(UserPatch.parse({ organisationId: null })).toEqual({ organisationId: null });
  });
});
