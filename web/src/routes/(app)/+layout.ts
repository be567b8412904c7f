import { api } from '#lib/api';
import { accessToken, signIn } from '#lib/auth';
import { loadFailed } from '#lib/load';
import type { Me } from '#lib/session';
import type { LayoutLoad } from './$types';

/**
 * Every page of the app needs a signed-in user: without a token, sign-in
 * starts and comes back to the page asked for. Who is signed in is read once
 * per visit (the url is untracked, so moving between pages does not ask again)
 * and decides the menu and what each page offers.
 */
export const load: LayoutLoad = async ({ fetch, url, untrack }) => {
  if (!accessToken()) {
    // The fragment (a reminder's "#report") is not in `url` in a load; it is in the address being opened.
    const path = untrack(() => url.pathname + url.search);
    const hash =
      typeof location !== 'undefined' && location.pathname === untrack(() => url.pathname) ? location.hash : '';
    return signIn(path + hash);
  }
  try {
    const { data } = await api.get<Me>('/me', fetch);
    return { me: data };
  } catch (err) {
    loadFailed(err);
  }
};
