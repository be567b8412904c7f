import { error } from '@sveltejs/kit';
import { ApiError } from '#lib/api';
import { tableApi } from '#lib/board-table';
import { loadFailed } from '#lib/load';
import { m } from '#lib/paraglide/messages.js';
import type { PageLoad } from './$types';

/**
 * A table at the "more of this, less of that" board, opened from the QR code
 * on the table. Public: outside the app's signed-in pages, the board's token
 * is the key, and nothing here starts a sign-in.
 */
export const load: PageLoad = async ({ fetch, params }) => {
  const table = Number(params.table);
  if (!/^\d+$/.test(params.table) || table < 1) error(404, m.table_not_found());
  try {
    return { token: params.token, table, view: await tableApi.view(params.token, table, fetch) };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) error(404, m.table_not_found());
    loadFailed(err);
  }
};
