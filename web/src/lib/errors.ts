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
    case 'forbidden':
      return m.error_forbidden();
    case 'unauthenticated':
    case 'invalid_token':
    case 'token_outdated':
      return m.error_signed_out();
    case 'account_inactive':
      return m.error_account_inactive();
    case 'email_taken':
      return m.error_email_taken();
    case 'own_account':
      return m.error_own_account();
    case 'user_active':
      return m.error_user_active();
    case 'invalid_credentials':
      return m.error_invalid_credentials();
    case 'password_change_required':
      return m.error_password_change_required();
    case 'weak_password':
      return m.error_weak_password();
    case 'too_many_attempts':
      return m.error_too_many_attempts();
    case 'phase_move_not_allowed':
      return m.error_phase_move_not_allowed();
    case 'round_closed':
      return m.error_round_closed();
    case 'next_round_exists':
      return m.error_next_round_exists();
    case 'session_not_held':
      return m.error_session_not_held();
    case 'status_move_not_allowed':
      return m.error_status_move_not_allowed();
    case 'notes_locked':
      return m.error_notes_locked();
    case 'notes_state':
      return m.error_notes_state();
    case 'notes_not_approved':
      return m.error_notes_not_approved();
    case 'personal_data_unresolved':
      return m.error_personal_data_unresolved();
    case 'invalid_request':
      return m.error_invalid_sign_in_request();
    default:
      return m.error_unknown();
  }
}

/** Field errors keyed by the API's dotted field path ("name.sv"). Known codes are worded here, in the reader's language. */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  if (err.code === 'email_taken') return { email: m.error_email_taken() };
  return Object.fromEntries(err.details.map((d) => [d.field, d.message]));
}
