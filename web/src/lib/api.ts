import { accessToken, signIn, tokenRefused } from './auth';

/**
 * The web app's one way to talk to the API (same origin: /api). Every call
 * carries the signed-in user's access token; without one, or when the API
 * no longer accepts it (401), the token is forgotten and sign-in starts, coming
 * back to the page the person was on. Errors come back as ApiError carrying
 * the API's `{ code, message, details }`, so pages can show a message in the
 * reader's language and mark the offending fields.
 */
export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Fetch = typeof fetch;

export interface Versioned<T> {
  data: T;
  /** From the ETag; send it back as If-Match when changing the item. */
  version: number | undefined;
}

async function call<T>(
  fetcher: Fetch,
  method: string,
  path: string,
  body?: unknown,
  version?: number,
): Promise<Versioned<T>> {
  const token = accessToken();
  if (!token) return signIn();
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (version !== undefined) headers['if-match'] = `"${version}"`;
  let res: Response;
  try {
    res = await fetcher(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The connection to the server was lost.');
  }
  const payload: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  const err = (payload as { error?: { code?: string; message?: string; details?: FieldError[] } } | undefined)?.error;
  // Expired, deactivated or changed role: sign in again (a new token carries the current role).
  if (res.status === 401 && tokenRefused(err?.code ?? 'unauthenticated')) return signIn();
  if (!res.ok) {
    throw new ApiError(res.status, err?.code ?? 'unknown', err?.message ?? res.statusText, err?.details ?? []);
  }
  const etag = res.headers.get('etag');
  return { data: payload as T, version: etag ? Number(etag.replace(/\D/g, '')) : undefined };
}

export const api = {
  get: <T>(path: string, fetcher: Fetch = fetch) => call<T>(fetcher, 'GET', path),
  post: <T>(path: string, body?: unknown, version?: number) => call<T>(fetch, 'POST', path, body, version),
  patch: <T>(path: string, body: unknown, version: number) => call<T>(fetch, 'PATCH', path, body, version),
  put: <T>(path: string, body: unknown, version: number) => call<T>(fetch, 'PUT', path, body, version),
  delete: (path: string, version?: number) => call<void>(fetch, 'DELETE', path, undefined, version),
};
