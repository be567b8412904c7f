import type { Hook } from '@hono/zod-openapi';
import type { z } from 'zod';
import type { AppEnv } from './context';
import { ApiError, type ErrorDetail } from './errors';

/**
 * The one place that turns a failed zod validation into an API answer.
 * Body and query problems are 400 with every field and reason; a path id
 * that fails validation can never name a stored item, so it is a 404;
 * a missing If-Match is 428 (the client must say which version it edits).
 */
export function issuesToDetails(issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      // One detail per unknown field, named by its own path, so a form can point at it.
      return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: 'Unknown field.' }));
    }
    // zod 4 leaves the input out of issues, so a missing field is told by its message.
    const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
    return [{ field: path.join('.'), message: missing ? 'Required.' : issue.message }];
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Hook's generics are the library's own.
export const validationHook: Hook<any, AppEnv, any, any> = (result) => {
  if (result.success) return;
  const details = issuesToDetails(result.error.issues);
  switch (result.target) {
    case 'param':
      throw new ApiError(404, 'not_found', 'Nothing with that id exists.');
    case 'header':
      throw new ApiError(
        428,
        'precondition_required',
        'Send If-Match with the version you are editing (from the ETag).',
        details,
      );
    default:
      throw new ApiError(
        400,
        'validation_failed',
        `The ${result.target === 'json' ? 'request body' : 'query string'} is not valid.`,
        details,
      );
  }
};
