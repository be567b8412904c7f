import * as z from 'zod';

/**
 * Optimistic locking over HTTP: responses carry `ETag: "<version>"`, and every
 * change must send it back as If-Match. Two people saving the same version →
 * the second gets 409 and reloads.
 */
export const IfMatchHeader = z.object({
  'if-match': z
    .string()
    .regex(/^(W\/)?"?\d{1,9}"?$/, { message: 'If-Match must be the ETag you received, e.g. "3".' })
    .transform((v) => Number(v.replace(/\D/g, ''))),
});

export const etag = (version: number) => ({ ETag: `"${version}"` });
