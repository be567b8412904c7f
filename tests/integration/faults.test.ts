import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { counterDelta, RESPONDENTS, type SurveyAnswers, sumCounters } from '@sillat/shared/survey-results';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app';
import { auditPartitionKey } from '../../functions/src/data/audit';
import { configureData, db } from '../../functions/src/data/client';
import { localIdpTableName } from '../../functions/src/identity/local-store';
import { ensureLocalIdpTable, ensureTable } from '../../functions/src/local/create-table';
import { DEMO_MUNICIPALITY } from '../../functions/src/local/demo-data';
import { type DynamoLocal, startDynamoLocal } from '../../functions/src/local/dynamo-local';
import { seedDemo } from '../../functions/src/local/seed';
import { call, useLocalAuth } from '../setup/auth';
import { expectError, request, type TestResponse } from '../setup/http';
import { TENANT_A } from '../setup/municipalities';
// Through route-fixtures.ts, which the measures' fixtures extend (the same order the matrix loads them in).
import '../setup/route-fixtures';
import { confirmedMeasure, REPORT_BODY } from '../setup/route-fixtures-measures';
import { REGION } from '../setup/table';

/**
 * Faults: DynamoDB Local is stopped in the middle of a burst of writes and
 * started again on the same port with the same files. While it is down the
 * API answers 503 with Retry-After and the one error body (never a 500, never
 * a stack trace); clients retry as the survey page does (the same submission
 * id, the same If-Match); once it is back, every acknowledged write is stored
 * exactly once and nothing is half-written — each answer has its claim and
 * its counters, each report its measure version and audit entry.
 *
 * This file runs its own DynamoDB Local (not the tier's shared one), since it
 * stops it. Waits are bounded by conditions (and the test timeout), never by
 * measured time.
 */
useLocalAuth();

const TABLE = 'sillat-faults';
const dataDir = mkdtempSync(join(tmpdir(), 'sillat-faults-'));
let dynamo: DynamoLocal | undefined;
let port = 0;

/** Short enough that a frozen database costs seconds, long enough for a busy DynamoDB Local. */
const REQUEST_TIMEOUT_MS = 3_000;

async function startDatabase(): Promise<void> {
  dynamo = await startDynamoLocal({ dataDir, ...(port ? { port } : {}) });
  port = dynamo.port;
}

async function stopDatabase(): Promise<void> {
  await dynamo?.stop();
  dynamo = undefined;
}

beforeAll(async () => {
  await startDatabase();
  await ensureTable(dynamo!.endpoint, TABLE);
  await ensureLocalIdpTable(dynamo!.endpoint, localIdpTableName(TABLE));
  configureData({ tableName: TABLE, endpoint: dynamo!.endpoint, region: REGION, requestTimeoutMs: REQUEST_TIMEOUT_MS });
  expect(await seedDemo()).toBe('seeded');
}, 120_000);

afterAll(async () => {
  if (dynamo?.process.signalCode === null) dynamo.process.kill('SIGCONT');
  await stopDatabase();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Waits until `done()` holds; gives up (failing the test) after a generous bound. */
async function until(done: () => boolean, what: string, boundMs = 60_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}.`);
    await sleep(25);
  }
}

/** Every item of one partition, read consistently. */
async function partition(pk: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const res = await db().send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    out.push(...(res.Items ?? []));
    startKey = res.LastEvaluatedKey;
  } while (startKey);
  return out;
}

/**
 * What a client may see while the database is away: 503, a Retry-After in
 * seconds, the one error body, and nothing of the server's insides.
 */
function expectUnavailable(res: TestResponse): void {
  expectError(res, 503, 'unavailable');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.text).not.toMatch(/\bat .+:\d+:\d+|node_modules|\.ts\b|ECONNREFUSED|stack/i);
}

/** The survey client waits Retry-After seconds; the test keeps the ratio but runs 25 times faster. */
const retryWait = (res: TestResponse) => (Number(res.headers.get('retry-after')) || 1) * 40;

const ifMatch = (v: number | string) => ({ 'If-Match': `"${v}"` });

describe('DynamoDB Local stopped in the middle of a burst of survey answers', () => {
  const CLIENTS = 40;
  /** Answers each client sends one after another, each from a new device (so each is one stored answer). */
  const PER_CLIENT = 6;

  it('answers 503 with Retry-After meanwhile; afterwards each acknowledged answer is stored once, with its claim and counters', async () => {
    const round = await call('coordinator', 'POST', '/api/rounds', {
      name: { fi: 'Katkos' },
      period: { start: '2027-02-01', end: '2027-05-31' },
      populationGroupIds: [],
      organisationIds: [],
    });
    expect(round.status, round.text).toBe(201);
    const roundId = round.body.id as string;
    const open = await call('coordinator', 'POST', `/api/rounds/${roundId}/survey/open`, {}, ifMatch(0));
    expect(open.status, open.text).toBe(200);
    const code = open.body.code as string;

    const acknowledged = new Map<string, SurveyAnswers>();
    const failures: TestResponse[] = [];
    const clientsThatMetTheOutage = new Set<number>();

    /** One phone's script, like web/src/survey/enhance.ts: keep the answer, resend it unchanged until stored. */
    async function client(n: number): Promise<void> {
      const address = { 'x-forwarded-for': `198.51.100.${n + 1}` };
      for (let k = 0; k < PER_CLIENT; k++) {
        const answers: SurveyAnswers = {
          usefulness: 1 + ((n + k) % 5),
          understandingOverall: 1 + ((n * 3 + k) % 5),
          ...(k % 2 ? { ownAction: `Vastaus ${n}-${k}` } : {}),
        };
        const body = { deviceId: randomUUID(), submissionId: randomUUID(), answers };
        for (let attempt = 0; ; attempt++) {
          if (attempt > 500) throw new Error(`Client ${n} gave up on submission ${k}.`);
          const res = await request(app, 'POST', `/api/surveys/${code}/responses`, body, address);
          if (res.status === 200 || res.status === 201) {
            acknowledged.set(body.submissionId, answers);
            break;
          }
          failures.push(res);
          clientsThatMetTheOutage.add(n);
          await sleep(retryWait(res));
        }
      }
    }

    const burst = Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    // Stopped once the burst is well under way…
    await until(() => acknowledged.size >= CLIENTS, 'the first answers to be stored');
    await stopDatabase();
    const storedBeforeTheStop = acknowledged.size;
    // …and started again once most clients have met the outage.
    await until(() => clientsThatMetTheOutage.size >= CLIENTS / 2, 'the clients to meet the outage');
    await startDatabase();
    await burst;

    expect(storedBeforeTheStop).toBeLessThan(CLIENTS * PER_CLIENT);
    expect(failures.length).toBeGreaterThanOrEqual(CLIENTS / 2);
    for (const res of failures) expectUnavailable(res);
    expect(acknowledged.size).toBe(CLIENTS * PER_CLIENT);

    // Exactly once: one answer and one claim per acknowledged submission, and nothing else.
    const items = await partition(`MUNI#${DEMO_MUNICIPALITY.id}#SURVEY#${roundId}`);
    const responses = items.filter((i) => String(i.sk).startsWith('RESP#'));
    const claims = items.filter((i) => String(i.sk).startsWith('SUB#'));
    const shards = items.filter((i) => String(i.sk).startsWith('AGG#'));
    expect(items.length).toBe(responses.length + claims.length + shards.length);
    expect(responses.map((r) => r.submissionId).sort()).toEqual([...acknowledged.keys()].sort());
    expect(claims.map((c) => String(c.sk).slice('SUB#'.length)).sort()).toEqual([...acknowledged.keys()].sort());
    for (const r of responses) expect(r.answers).toEqual(acknowledged.get(String(r.submissionId)));

    // The counters were written in the same transactions: they equal what the stored answers add up to.
    const counters = sumCounters(shards.map(({ pk: _pk, sk: _sk, ...c }) => c as Record<string, number>));
    const expected = sumCounters(responses.map((r) => counterDelta(undefined, r.answers as SurveyAnswers)));
    expect(counters).toEqual(expected);
    expect(counters[RESPONDENTS]).toBe(CLIENTS * PER_CLIENT);
    const survey = await call('coordinator', 'GET', `/api/rounds/${roundId}/survey`);
    expect(survey.body.responses).toBe(CLIENTS * PER_CLIENT);
  }, 180_000);
});

describe('DynamoDB Local stopped while progress reports are saved', () => {
  /** The measure's reports and its `measure.report` audit entries, straight from the table. */
  async function stored(measure: { path: string; id: string }) {
    const res = await call('coordinator', 'GET', measure.path);
    expect(res.status, res.text).toBe(200);
    const audit = (await partition(auditPartitionKey(DEMO_MUNICIPALITY.id))).filter(
      (e) => e.action === 'measure.report' && e.targetId === measure.id,
    );
    return {
      version: res.body.measure.version as number,
      reportIds: (res.body.reports as { id: string }[]).map((r) => r.id).sort(),
      reportVersions: (res.body.reports as { version: number }[]).map((r) => r.version).sort((a, b) => a - b),
      auditedReportIds: audit.map((e) => (e.changes as { reportId: string }).reportId).sort(),
    };
  }

  it('refuses a report with 503 while the database is down; the same save afterwards is stored once', async () => {
    const measure = await confirmedMeasure(TENANT_A);
    await stopDatabase();
    const during = await call('coordinator', 'POST', `${measure.path}/reports`, REPORT_BODY, ifMatch(1));
    expectUnavailable(during);
    await startDatabase();

    const saved = await call('coordinator', 'POST', `${measure.path}/reports`, REPORT_BODY, ifMatch(1));
    expect(saved.status, saved.text).toBe(201);
    expect(saved.headers.get('etag')).toBe('"2"');
    // The same press again (as after a lost reply) is refused, not stored twice.
    const again = await call('coordinator', 'POST', `${measure.path}/reports`, REPORT_BODY, ifMatch(1));
    expectError(again, 409, 'version_conflict');

    expect(await stored(measure)).toEqual({
      version: 2,
      reportIds: [saved.body.id],
      reportVersions: [2],
      auditedReportIds: [saved.body.id],
    });
  }, 120_000);

  it('keeps measures, reports and audit entries in step when the database stops in the middle of a burst of saves', async () => {
    const MEASURES = 6;
    const PER_MEASURE = 5;
    const measures = [];
    for (let i = 0; i < MEASURES; i++) measures.push(await confirmedMeasure(TENANT_A));
    const failures: TestResponse[] = [];
    const acknowledged = new Map<string, string[]>();
    /** Saves whose reply was lost but which the database did store (seen as a 409 on the retry). */
    const lostReplies = new Map<string, number>();
    let saves = 0;

    /** One reporter per measure: each save carries the version it saw, and is retried unchanged on a 503. */
    async function reporter(measure: { path: string; id: string }): Promise<void> {
      acknowledged.set(measure.id, []);
      lostReplies.set(measure.id, 0);
      let version = 1;
      for (let k = 0; k < PER_MEASURE; k++) {
        const body = { ...REPORT_BODY, progress: 10 * (k + 1), narrative: `Raportti ${k + 1}` };
        let failed = false;
        for (let attempt = 0; ; attempt++) {
          if (attempt > 500) throw new Error(`The reporter of ${measure.id} gave up.`);
          const res = await call('coordinator', 'POST', `${measure.path}/reports`, body, ifMatch(version));
          if (res.status === 201) {
            acknowledged.get(measure.id)!.push(res.body.id);
            version += 1;
            saves += 1;
            break;
          }
          if (res.status === 409 && failed) {
            // Only this reporter writes to this measure: the attempt that failed was in fact stored.
            const now = await call('coordinator', 'GET', measure.path);
            expect(now.body.measure.version).toBe(version + 1);
            lostReplies.set(measure.id, lostReplies.get(measure.id)! + 1);
            version += 1;
            saves += 1;
            break;
          }
          expect(res.status, res.text).toBe(503);
          failures.push(res);
          failed = true;
          await sleep(retryWait(res));
        }
      }
    }

    const burst = Promise.all(measures.map((m) => reporter(m)));
    await until(() => saves >= MEASURES, 'the first reports to be stored');
    await stopDatabase();
    await until(() => failures.length >= MEASURES, 'the reporters to meet the outage');
    await startDatabase();
    await burst;

    expect(failures.length).toBeGreaterThanOrEqual(MEASURES);
    for (const res of failures) expectUnavailable(res);
    for (const measure of measures) {
      const acked = acknowledged.get(measure.id)!;
      const lost = lostReplies.get(measure.id)!;
      expect(acked.length + lost).toBe(PER_MEASURE);
      const now = await stored(measure);
      // One version step per stored report, one audit entry per report and none without one.
      expect(now.version).toBe(1 + PER_MEASURE);
      expect(now.reportVersions).toEqual(Array.from({ length: PER_MEASURE }, (_, i) => i + 2));
      expect(now.auditedReportIds).toEqual(now.reportIds);
      // Every acknowledged report is among them, once.
      expect(now.reportIds.filter((id) => acked.includes(id))).toEqual([...acked].sort());
    }
  }, 180_000);
});

describe('a frozen database (the process stops answering but keeps its sockets)', () => {
  it('is a 503 within the request timeout, not a hung request; a retry afterwards is stored once', async () => {
    const round = await call('coordinator', 'POST', '/api/rounds', {
      name: { fi: 'Jäätynyt' },
      period: { start: '2027-02-01', end: '2027-05-31' },
      populationGroupIds: [],
      organisationIds: [],
    });
    const roundId = round.body.id as string;
    const code = (await call('coordinator', 'POST', `/api/rounds/${roundId}/survey/open`, {}, ifMatch(0))).body
      .code as string;
    const body = { deviceId: randomUUID(), submissionId: randomUUID(), answers: { usefulness: 4 } };
    const answer = () => request(app, 'POST', `/api/surveys/${code}/responses`, body);

    dynamo!.process.kill('SIGSTOP');
    let during: TestResponse;
    try {
      during = await answer();
    } finally {
      dynamo!.process.kill('SIGCONT');
    }
    expectUnavailable(during);

    const after = await answer();
    expect([200, 201], after.text).toContain(after.status);
    expect((await answer()).body).toEqual({ stored: true, replaced: false, replay: true });
    const items = await partition(`MUNI#${DEMO_MUNICIPALITY.id}#SURVEY#${roundId}`);
    expect(items.filter((i) => String(i.sk).startsWith('RESP#')).map((i) => i.submissionId)).toEqual([
      body.submissionId,
    ]);
    expect(items.filter((i) => String(i.sk).startsWith('SUB#'))).toHaveLength(1);
  }, 120_000);
});
