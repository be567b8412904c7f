import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { NotFoundError, VersionConflictError } from '../data/errors';
import { log } from './log';

/** One error body for the whole API: `{ error: { code, message, details } }`. */
export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. "name.sv"; "" for the body as a whole. */
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const errorBody = (code: string, message: string, details: ErrorDetail[] = []) => ({
  error: { code, message, details },
});

/** Network-level failures reaching DynamoDB: the caller should retry later, not see a 500. */
function isDatabaseUnavailable(err: Error): boolean {
  const codes = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH'];
  const anyErr = err as Error & { code?: string; cause?: { code?: string } };
  return (
    codes.includes(anyErr.code ?? '') ||
    codes.includes(anyErr.cause?.code ?? '') ||
    [
      'TimeoutError',
      'ServiceUnavailable',
      'ProvisionedThroughputExceededException',
      'ThrottlingException',
      'RequestLimitExceeded',
      'InternalServerError',
    ].includes(err.name)
  );
}

export function toErrorResponse(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.details), err.status, err.headers);
  }
  if (err instanceof NotFoundError) {
    return c.json(errorBody('not_found', err.message), 404);
  }
  if (err instanceof VersionConflictError) {
    return c.json(errorBody('version_conflict', err.message), 409);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request';
    return c.json(errorBody(code, err.message || 'The request could not be read.'), status);
  }
  if (isDatabaseUnavailable(err)) {
    log('warn', 'database unavailable', { path: c.req.path, error: err.name });
    return c.json(errorBody('unavailable', 'The database is not reachable right now. Try again shortly.'), 503, {
      'Retry-After': '5',
    });
  }
  log('error', 'unhandled error', {
    path: c.req.path,
    method: c.req.method,
    error: err.name,
    message: err.message,
    stack: err.stack,
  });
  return c.json(errorBody('internal', 'Something went wrong on our side. It has been logged.'), 500);
}
