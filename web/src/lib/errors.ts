import { m } from '#lib/paraglide/messages.js';
import { ApiError } from './api';

/** The sentence a person sees for a failed request, in their language. */
export function errorMessage(err: unknown): string {
  if (!(err instanceof ApiError)) return m.error_unknown();
  switch (err.code) {
    case 'validation_failed':
      return m.error_validation();
    case 'not_found':
      return m.error_not_found();
    case 'version_conflict':
    case 'precondition_required':
      return m.error_conflict();
    case 'payload_too_large':
      return m.error_too_large();
    case 'unavailable':
      return m.error_unavailable();
    case 'network':
      return m.error_network();
    default:
      return m.error_unknown();
  }
}

/** Field errors keyed by the API's dotted field path ("name.sv"). */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  return Object.fromEntries(err.details.map((d) => [d.field, d.message]));
}
