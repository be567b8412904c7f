import { claimsFromPrincipal } from '@sillat/shared/auth';
import { MUNICIPALITY_ID_PATTERN } from '@sillat/shared/schemas/municipality';
import * as z from 'zod';
import { log } from '../http/log';
import { MUNICIPALITY_ATTRIBUTE } from '../identity/cognito-attributes';
import { principalForSignIn } from './sign-in';

/**
 * Cognito's pre-token-generation trigger, event version 2 (V2_0): the only
 * version that can add claims to the access token, which is what the API and
 * API Gateway's authorizer read. Only the fields Sillat uses are typed.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
 */
export interface PreTokenGenerationV2Event {
  version: string;
  triggerSource: string;
  userPoolId: string;
  userName: string;
  request: { userAttributes: Record<string, string>; scopes?: string[] };
  response: { claimsAndScopeOverrideDetails?: ClaimsAndScopeOverrideDetails | null };
}

type ClaimValue = string | number | boolean | string[];

interface TokenGeneration {
  claimsToAddOrOverride?: Record<string, ClaimValue>;
  claimsToSuppress?: string[];
}

export interface ClaimsAndScopeOverrideDetails {
  idTokenGeneration?: TokenGeneration;
  accessTokenGeneration?: TokenGeneration & { scopesToAdd?: string[]; scopesToSuppress?: string[] };
}

/**
 * Cognito shows this message on its sign-in page. It says what to do without
 * saying which of the reasons applies, so it tells nobody whether an account
 * exists in a municipality.
 */
export const SIGN_IN_REFUSED =
  'Sillat: this account may not sign in (it is deactivated or has no profile). Ask your administrator.';

export class SignInRefusedError extends Error {
  override readonly name = 'SignInRefusedError';
  constructor() {
    super(SIGN_IN_REFUSED);
  }
}

const UserAttributes = z.object({
  sub: z.string().min(1),
  [MUNICIPALITY_ATTRIBUTE]: z.string().regex(MUNICIPALITY_ID_PATTERN),
});

/**
 * Runs on every sign-in and every refresh: the token gets the role,
 * municipality and organisation from the user's current profile in the table,
 * and a user without an active profile gets no token at all (Cognito fails
 * the sign-in or refresh when the trigger throws). Cognito's own user groups
 * are not used, so the table stays the one place roles are kept.
 */
export async function handler(event: PreTokenGenerationV2Event): Promise<PreTokenGenerationV2Event> {
  const attributes = UserAttributes.safeParse(event.request.userAttributes);
  if (!attributes.success) {
    log('warn', 'sign-in refused: user has no sub or municipality attribute', { triggerSource: event.triggerSource });
    throw new SignInRefusedError();
  }
  const { sub, [MUNICIPALITY_ATTRIBUTE]: municipalityId } = attributes.data;
  const principal = await principalForSignIn(municipalityId, sub);
  if (!principal) {
    // The sub is pseudonymous; the e-mail address stays out of the logs.
    log('warn', 'sign-in refused: no active profile', {
      userId: sub,
      municipalityId,
      triggerSource: event.triggerSource,
    });
    throw new SignInRefusedError();
  }
  // `sub` and `token_use` are Cognito's own claims; only Sillat's are added.
  const { sub: _sub, token_use: _tokenUse, ...claims } = claimsFromPrincipal(principal);
  event.response.claimsAndScopeOverrideDetails = {
    accessTokenGeneration: { claimsToAddOrOverride: claims },
    // The same in the ID token, so the web app can show the role without decoding the access token.
    idTokenGeneration: { claimsToAddOrOverride: claims },
  };
  return event;
}
