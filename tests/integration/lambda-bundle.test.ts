import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalIssuer, type LocalIssuer } from '../../functions/src/auth/local-issuer';
import { bundleLambda } from '../../infra/lib/lambda-bundling';
import { REPO_ROOT } from '../../infra/lib/paths';
import { DEMO } from '../setup/auth';
import { useFreshTable } from '../setup/table';

/**
 * The API exactly as it is deployed: bundled by the same code CDK runs
 * (infra/lib/lambda-bundling.ts, with the AWS SDK left to the runtime and
 * zod trimmed for @hono/zod-openapi), imported as Lambda imports it and
 * invoked with API Gateway HTTP API events. The other tests run the source;
 * this one proves the artefact starts, verifies tokens through JWKS, talks to
 * DynamoDB, validates input and writes the OpenAPI document.
 */
const table = useFreshTable({ seed: true });

// Inside the repository, so the bundle's `@aws-sdk/*` imports resolve as the runtime's would.
const OUT = join(REPO_ROOT, 'node_modules', '.cache', `sillat-lambda-bundle-${process.pid}`);
const ISSUER = 'http://sillat.bundle.test/issuer';
const AUDIENCE = 'sillat-web';

type Handler = (
  event: unknown,
  context: unknown,
) => Promise<{ statusCode: number; headers?: Record<string, string>; body: string }>;
let handler: Handler;
let issuer: LocalIssuer;
let jwksServer: Server;
const saved = { ...process.env };

beforeAll(async () => {
  issuer = await createLocalIssuer({ issuer: ISSUER, audience: AUDIENCE });
  jwksServer = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(issuer.jwks()));
  });
  await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
  const port = (jwksServer.address() as AddressInfo).port;
  Object.assign(process.env, {
    TABLE_NAME: table.tableName,
    DYNAMODB_ENDPOINT: table.endpoint,
    AWS_REGION: 'eu-north-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
  });
  mkdirSync(OUT, { recursive: true });
  await bundleLambda('functions/src/lambda.ts', OUT);
  ({ handler } = (await import(pathToFileURL(join(OUT, 'index.mjs')).href)) as { handler: Handler });
}, 120_000);

afterAll(async () => {
  process.env = saved;
  rmSync(OUT, { recursive: true, force: true });
  await new Promise((r) => jwksServer?.close(r));
});

/** An HTTP API (payload 2.0) event as API Gateway sends it. */
function event(method: string, path: string, opts: { headers?: Record<string, string>; body?: unknown } = {}) {
  const [rawPath, rawQueryString = ''] = path.split('?') as [string, string?];
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: { host: 'api.example', ...(opts.body ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: 'vitest' },
      requestId: 'req',
      routeKey: '$default',
      stage: '$default',
      time: '24/Nov/2026:06:00:00 +0000',
      timeEpoch: Date.parse('2026-11-24T06:00:00Z'),
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    isBase64Encoded: false,
  };
}

const invoke = async (...args: Parameters<typeof event>) => {
  const res = await handler(event(...args), {});
  return { status: res.statusCode, json: JSON.parse(res.body) as Record<string, unknown> };
};
const bearer = async (who: keyof typeof DEMO) => ({
  authorization: `Bearer ${await issuer.issue(DEMO[who])}`,
});

describe('the bundled API Lambda', () => {
  it('answers health from DynamoDB', async () => {
    const res = await invoke('GET', '/api/health');
    expect(res.status).toBe(200);
  });

  it('refuses a request without a token in the error shape, and serves a signed-in one from the table', async () => {
    const anonymous = await invoke('GET', '/api/rounds');
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({ error: { code: expect.any(String) } });
    const rounds = await invoke('GET', '/api/rounds', { headers: await bearer('coordinator') });
    expect(rounds.status).toBe(200);
    expect(JSON.stringify(rounds.json)).toContain('"id"');
  });

  it('validates input with zod: a bad body is a 400 naming the field', async () => {
    const res = await invoke('POST', '/api/rounds', {
      headers: await bearer('coordinator'),
      body: {
        name: { fi: 'Kevät' },
        period: { start: 'eilen', end: '2027-05-31' },
        populationGroupIds: [],
        organisationIds: [],
      },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json)).toContain('period');
  });

  it('writes the OpenAPI document (zod-to-openapi on the trimmed zod)', async () => {
    const res = await invoke('GET', '/api/openapi.json', { headers: await bearer('coordinator') });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json['paths'] as object)).toContain('/api/rounds');
  });
});
