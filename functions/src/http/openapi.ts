import * as z from 'zod';

/** The error body every route may answer with, documented once. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
  })
  .meta({ id: 'Error' });

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBody } } });

export const ErrorResponses = {
  400: error('Invalid input: each field and reason are in details'),
  401: error('Not signed in, or the sign-in is no longer valid'),
  403: error('Signed in, but the role may not do this'),
  404: error('Not found (or not visible to the caller)'),
  409: error('Changed by someone else since the version sent in If-Match'),
  413: error('Body larger than 256 KB'),
  428: error('If-Match missing'),
  503: error('Database unavailable; retry after Retry-After seconds'),
} as const;
