import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { serve, type ServerType } from '@hono/node-server';
import { DEFAULT_INSTRUMENT } from '@sillat/shared/survey-instrument';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { configureData, db } from '../../functions/src/data/client';
import { localIdpTableName } from '../../functions/src/identity/local-store';
import { ensureLocalIdpTable, ensureTable } from '../../functions/src/local/create-table';
import { DEMO_MUNICIPALITY } from '../../functions/src/local/demo-data';
import { type DynamoLocal, startDynamoLocal } from '../../functions/src/local/dynamo-local';
import { seedDemo } from '../../functions/src/local/seed';
import { createLocalServer } from '../../functions/src/local/server';
import { PAGE_TEXT } from '../../functions/src/survey-page/text';
import { call, useLocalAuth } from '../setup/auth';
import { launchBrowser, tempDataDir } from './helpers';

const e2e = inject('e2e');

/**
 * The survey page's own script (web/src/survey/enhance.ts) when the database,
 * not the network, goes away: a phone answers while DynamoDB Local is stopped,
 * the API answers 503 with Retry-After, the page keeps the answer on the
 * device and says so; the database returns, the page sends the answer again
 * by itself and says it was received; the answer is stored once.
 *
 * The tier's shared server cannot lose its database without stopping, so this
 * file serves the same local server (API, survey pages, built web app) from
 * the test process, on a DynamoDB Local of its own that it stops and starts.
 */
const auth = useLocalAuth();
const TABLE = 'sillat';
const SV = PAGE_TEXT.sv;

describe.skipIf(!e2e.enabled)('the survey page while the database is away', () => {
  let dataDir = '';
  let dynamo: DynamoLocal | undefined;
  let port = 0;
  let http: ServerType | undefined;
  let baseUrl = '';
  let browser: Browser | undefined;

  const startDatabase = async () => {
    dynamo = await startDynamoLocal({ dataDir: join(dataDir, 'dynamodb'), ...(port ? { port } : {}) });
    port = dynamo.port;
  };

  beforeAll(async () => {
    dataDir = tempDataDir();
    await startDatabase();
    await ensureTable(dynamo!.endpoint, TABLE);
    await ensureLocalIdpTable(dynamo!.endpoint, localIdpTableName(TABLE));
    configureData({ tableName: TABLE, endpoint: dynamo!.endpoint, region: 'eu-north-1' });
    await seedDemo();
    http = await new Promise<ServerType>((ready) => {
      const server = serve({ fetch: createLocalServer(auth.issuer()).fetch, port: 0, hostname: '127.0.0.1' }, () =>
        ready(server),
      );
    });
    baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => (http ? http.close(done) : done(undefined)));
    await dynamo?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the answer on the phone through 503s and sends it once the database is back', async () => {
    const round = await call('coordinator', 'POST', '/api/rounds', {
      name: { fi: 'Katkos', sv: 'Avbrott' },
      period: { start: '2027-02-01', end: '2027-05-31' },
      populationGroupIds: [],
      organisationIds: [],
    });
    expect(round.status, round.text).toBe(201);
    const roundId = round.body.id as string;
    const open = await call('coordinator', 'POST', `/api/rounds/${roundId}/survey/open`, {}, { 'If-Match': '"0"' });
    expect(open.status, open.text).toBe(200);
    const code = open.body.code as string;

    const context = await browser!.newContext({
      baseURL: baseUrl,
      viewport: { width: 375, height: 812 },
      locale: 'sv-FI',
    });
    context.setDefaultTimeout(10_000);
    try {
      const page = await context.newPage();
      const answered: { status: number; retryAfter: string | null }[] = [];
      page.on('response', (res) => {
        if (res.url().endsWith(`/api/surveys/${code}/responses`))
          answered.push({ status: res.status(), retryAfter: res.headers()['retry-after'] ?? null });
      });
      await page.goto(`/s/${code}`);
      await page.getByRole('heading', { level: 1, name: SV.title }).waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      await page
        .getByRole('group', { name: DEFAULT_INSTRUMENT.questions.usefulness.text.sv, exact: true })
        .getByRole('radio', { name: '4', exact: true })
        .check();

      // The database stops; the phone's connection is fine.
      await dynamo!.stop();
      dynamo = undefined;
      const refused = page.waitForResponse((res) => res.url().endsWith(`/api/surveys/${code}/responses`));
      await page.getByRole('button', { name: SV.send, exact: true }).click();
      const first = await refused;
      expect(first.status()).toBe(503);
      expect(Number(first.headers()['retry-after'])).toBeGreaterThan(0);
      expect(await first.json()).toEqual({ error: { code: 'unavailable', message: expect.any(String), details: [] } });
      await page.getByRole('status').filter({ hasText: SV.savedOffline }).waitFor();
      expect(await page.evaluate(`localStorage.getItem('sillat-survey:${code}')`)).toContain('"usefulness":4');

      // Back: the page tries again by itself (after Retry-After) and the answer is stored.
      await startDatabase();
      const stored = page.waitForResponse(
        (res) => res.url().endsWith(`/api/surveys/${code}/responses`) && res.status() < 300,
        { timeout: 60_000 },
      );
      expect((await stored).status()).toBe(201);
      await page.getByRole('status').filter({ hasText: SV.sent }).waitFor();
      expect(await page.evaluate(`localStorage.getItem('sillat-survey:${code}')`)).toBeNull();

      // Every try before it met the outage (503 with Retry-After); exactly one was stored.
      expect(answered.at(-1)?.status).toBe(201);
      for (const a of answered.slice(0, -1))
        expect(a).toEqual({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
      const survey = await call('coordinator', 'GET', `/api/rounds/${roundId}/survey`);
      expect(survey.body.responses).toBe(1);
      const items = await db().send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `MUNI#${DEMO_MUNICIPALITY.id}#SURVEY#${roundId}` },
          ConsistentRead: true,
        }),
      );
      const kinds = (items.Items ?? []).map((i) => String(i.sk).split('#')[0]);
      expect(kinds.filter((k) => k === 'RESP')).toHaveLength(1);
      expect(kinds.filter((k) => k === 'SUB')).toHaveLength(1);
      expect((items.Items ?? []).find((i) => String(i.sk).startsWith('RESP#'))?.answers).toEqual({ usefulness: 4 });
    } finally {
      await context.close();
    }
  });
});
