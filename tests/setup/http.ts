import type { Hono } from 'hono';
import { expect } from 'vitest';

export interface TestResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, otherwise the text. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests assert on the shape themselves
  text: string;
}

/**
 * Calls a Hono app in-process via `app.request()` (no HTTP server).
 * An object body is sent as JSON; a string body is sent as is, so tests can
 * send malformed JSON or other content types by passing their own headers.
 */
export async function request(
  app: Pick<Hono, 'request'>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<TestResponse> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    if (typeof body === 'string') {
      init.body = body;
    } else {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json', ...headers };
    }
  }
  const res = await app.request(path, init);
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').includes('application/json');
  return { status: res.status, headers: res.headers, body: json && text ? JSON.parse(text) : text, text };
}

/** Asserts the API's one error shape, with the given status and code. */
export function expectError(res: TestResponse, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.body).toEqual({
    error: {
      code,
      message: expect.any(String),
      details: expect.any(Array),
    },
  });
  expect(res.body.error.message.length).toBeGreaterThan(0);
  for (const d of res.body.error.details) expect(d).toEqual({ field: expect.any(String), message: expect.any(String) });
}
