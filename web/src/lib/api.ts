/**
 * The web app's one way to talk to the API (same origin: /api). Errors come
 * back as ApiError carrying the API's `{ code, message, details }`, so pages can
 * show a message in the reader's language and mark the offending fields.
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
  const headers: Record<string, string> = { accept: 'application/json' };
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
  const payload: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const err = (payload as { error?: { code?: string; message?: string; details?: FieldError[] } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'unknown', err?.message ?? res.statusText, err?.details ?? []);
  }
  const etag = res.headers.get('etag');
  return { data: payload as T, version: etag ? Number(etag.replace(/\D/g, '')) : undefined };
}

export const api = {
  get: <T>(path: string, fetcher: Fetch = fetch) => call<T>(fetcher, 'GET', path),
  post: <T>(path: string, body?: unknown, version?: number) => call<T>(fetch, 'POST', path, body, version),
  patch: <T>(path: string, body: unknown, version: number) => call<T>(fetch, 'PATCH', path, body, version),
};
