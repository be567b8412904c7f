import { invalidateAll } from '$app/navigation';
import { m } from '#lib/paraglide/messages.js';
import { api, ApiError } from './api';
import { errorMessage, fieldErrors } from './errors';

/** What an edit form shows after saving: its notice, error summary and field errors. */
export interface SaveResult {
  /** "Saved." or "Nothing changed.", for the form's status line; '' otherwise. */
  notice: string;
  /** The sentence for the error summary; '' when nothing went wrong. */
  error: string;
  errors: Record<string, string>;
  /** Someone else changed the item first: the page's data is reloaded, and the form should start again from it. */
  conflict: boolean;
}

/**
 * Saves an edit form's changes the way every versioned item is saved: only
 * what changed (nothing at all when nothing did), with If-Match at the version
 * the form was opened at, then the page's data is reloaded. A version conflict
 * (409) reloads it too and says so with `conflictMessage`; any other refusal
 * comes back as the error sentence and field errors. Never throws.
 */
export async function saveWithVersion(
  path: string,
  patch: Record<string, unknown>,
  version: number,
  conflictMessage: string = m.error_conflict_reloaded(),
): Promise<SaveResult> {
  const none: SaveResult = { notice: '', error: '', errors: {}, conflict: false };
  if (Object.keys(patch).length === 0) return { ...none, notice: m.nothing_changed() };
  try {
    await api.patch(path, patch, version);
    await invalidateAll();
    return { ...none, notice: m.saved() };
  } catch (err) {
    if (err instanceof ApiError && err.code === 'version_conflict') {
      await invalidateAll();
      return { ...none, error: conflictMessage, conflict: true };
    }
    return { ...none, error: errorMessage(err), errors: fieldErrors(err) };
  }
}
