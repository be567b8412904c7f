import { error } from '@sveltejs/kit';
import { ApiError } from './api';
import { errorMessage } from './errors';

/** Turns a failed read in a `load` into SvelteKit's error page, with the right status and words. */
export function loadFailed(err: unknown): never {
  const status = err instanceof ApiError && err.status >= 400 ? err.status : 503;
  error(status, errorMessage(err));
}
