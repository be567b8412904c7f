import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import { m } from '#lib/paraglide/messages.js';
import { api } from './api';
import { errorMessage, fieldErrors } from './errors';
import { flash } from './flash';
import { periodErrors, type Round, type RoundFieldValues } from './rounds';

/**
 * Starts a round from a round form — a new one (POST /rounds) or the next one
 * from an existing round (POST /rounds/{id}/next) — and opens it with
 * `confirmation`. The period is checked first, as the API would. Resolves with
 * what the form should show when the round was not started.
 */
export async function startRound(
  path: string,
  fields: RoundFieldValues,
  more: Record<string, unknown>,
  confirmation: string,
): Promise<{ error: string; errors: Record<string, string> }> {
  const errors = periodErrors(fields.period);
  if (Object.keys(errors).length) return { error: m.error_validation(), errors };
  try {
    const { data } = await api.post<Round>(path, { name: { ...fields.name }, period: { ...fields.period }, ...more });
    flash.set(confirmation);
    await goto(resolve('/(app)/rounds/[id]', { id: data.id }));
    return { error: '', errors: {} };
  } catch (err) {
    return { error: errorMessage(err), errors: fieldErrors(err) };
  }
}
