import { api } from '#lib/api';
import { loadFailed } from '#lib/load';
import type { Me } from '#lib/session';
import type { PageLoad } from './$types';

/** Everyone has an account page; it reads the profile afresh for its settings and version. */
export const load: PageLoad = async ({ fetch }) => {
  try {
    const { data, version } = await api.get<Me>('/me', fetch);
    return { account: data, version: version ?? 0 };
  } catch (err) {
    loadFailed(err);
  }
};
