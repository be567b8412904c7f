import { signIn } from '#lib/auth';
import type { PageLoad } from './$types';

/**
 * The local issuer's sign-in page (under `npm start` only; in AWS Cognito's
 * managed login takes this place). It is reached from the app's own sign-in
 * redirect, carrying the OAuth request; opened on its own, it starts one.
 */
export const load: PageLoad = async ({ url }) => {
  const q = url.searchParams;
  const request = {
    clientId: q.get('client_id') ?? '',
    redirectUri: q.get('redirect_uri') ?? '',
    state: q.get('state') ?? '',
    codeChallenge: q.get('code_challenge') ?? '',
    codeChallengeMethod: q.get('code_challenge_method') ?? '',
  };
  if (q.get('response_type') !== 'code' || Object.values(request).some((v) => v === '')) return signIn('/');
  return { request };
};
