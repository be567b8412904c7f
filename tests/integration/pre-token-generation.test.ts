import { CLAIM, principalFromClaims } from '@sillat/shared/auth';
import { describe, expect, it } from 'vitest';
import {
  handler,
  SignInRefusedError,
  type PreTokenGenerationV2Event,
} from '../../functions/src/auth/pre-token-generation';
import { SYSTEM_ACTOR } from '../../functions/src/data/audited-write';
import { getUser, setUserStatus } from '../../functions/src/data/users';
import { MUNICIPALITY_ATTRIBUTE } from '../../functions/src/identity/cognito-attributes';
import { DEMO_USERS } from '../../functions/src/local/demo-data';
import { useFreshTable } from '../setup/table';

useFreshTable({ seed: true });

const demoUser = (role: string) => {
  const user = DEMO_USERS.find((u) => u.input.role === role);
  if (!user) throw new Error(`no demo ${role}`);
  return user;
};

/** The event Cognito sends on a sign-in through managed login, trimmed to what matters. */
function signInEvent(userAttributes: Record<string, string>): PreTokenGenerationV2Event {
  return {
    version: '2',
    triggerSource: 'TokenGeneration_HostedAuth',
    userPoolId: 'eu-north-1_test',
    userName: 'a1b2c3',
    request: { userAttributes, scopes: ['openid', 'email'] },
    response: { claimsAndScopeOverrideDetails: null },
  };
}

const attributesOf = (userId: string, municipalityId = 'demo') => ({
  sub: userId,
  email: 'someone@sillat.example',
  email_verified: 'true',
  [MUNICIPALITY_ATTRIBUTE]: municipalityId,
});

describe('pre-token-generation trigger (V2_0)', () => {
  it.each(DEMO_USERS.map((u) => [u.input.role, u] as const))(
    'gives an active %s exactly the sillat claims of their profile, in the access and ID token',
    async (_role, user) => {
      const event = await handler(signInEvent(attributesOf(user.id)));

      const access = event.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride;
      expect(access).toEqual({
        [CLAIM.role]: user.input.role,
        [CLAIM.municipality]: 'demo',
        ...(user.input.organisationId ? { [CLAIM.organisation]: user.input.organisationId } : {}),
      });
      expect(event.response.claimsAndScopeOverrideDetails?.idTokenGeneration?.claimsToAddOrOverride).toEqual(access);
      // With Cognito's own sub and token_use, the API's verifier reads the same principal back.
      expect(principalFromClaims({ ...access, sub: user.id, token_use: 'access' })).toEqual({
        userId: user.id,
        role: user.input.role,
        municipalityId: 'demo',
        ...(user.input.organisationId ? { organisationId: user.input.organisationId } : {}),
      });
    },
  );

  it('never touches Cognito’s own claims', async () => {
    const event = await handler(signInEvent(attributesOf(demoUser('coordinator').id)));
    const claims = event.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride ?? {};
    expect(Object.keys(claims).every((name) => name.startsWith('sillat:'))).toBe(true);
  });

  it('refuses a user without a profile', async () => {
    await expect(handler(signInEvent(attributesOf('00000000-0000-4000-8000-999999999999')))).rejects.toThrow(
      SignInRefusedError,
    );
  });

  it('refuses a user of the demo municipality whose attribute names another municipality', async () => {
    await expect(handler(signInEvent(attributesOf(demoUser('administrator').id, 'espoo')))).rejects.toThrow(
      SignInRefusedError,
    );
  });

  it.each([
    ['no municipality attribute', { sub: 'x' }],
    ['a municipality that is not a slug', { sub: 'x', [MUNICIPALITY_ATTRIBUTE]: '../demo' }],
    ['no sub', { [MUNICIPALITY_ATTRIBUTE]: 'demo' }],
  ])('refuses a user with %s', async (_case, userAttributes) => {
    await expect(handler(signInEvent(userAttributes))).rejects.toThrow(SignInRefusedError);
  });

  it('refuses a deactivated user, and admits them again once reactivated', async () => {
    const { id } = demoUser('measureOwner');
    const active = await getUser('demo', id);
    const deactivated = await setUserStatus('demo', id, 'deactivated', active.version, SYSTEM_ACTOR);

    await expect(handler(signInEvent(attributesOf(id)))).rejects.toThrow(SignInRefusedError);
    // A refresh is refused just the same: the trigger runs for it too.
    await expect(
      handler({ ...signInEvent(attributesOf(id)), triggerSource: 'TokenGeneration_RefreshTokens' }),
    ).rejects.toThrow(SignInRefusedError);

    await setUserStatus('demo', id, 'active', deactivated.version, SYSTEM_ACTOR);
    const event = await handler(signInEvent(attributesOf(id)));
    expect(event.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride).toMatchObject({
      [CLAIM.role]: 'measureOwner',
    });
  });
});
