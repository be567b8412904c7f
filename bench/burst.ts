/**
 * A roomful of phones and then some: 50 clients sending survey answers as
 * fast as they get replies, for 30 s, against the local server on DynamoDB
 * Local (autocannon); then the floor, a bare PutItem loop with 50 workers
 * for as long against the same DynamoDB Local. Every answer is a new device
 * (fresh deviceId and submissionId), so every 2xx is a stored answer.
 *
 * Stored = acknowledged is checked exactly: an answer whose reply never came
 * (in flight when the run ended, or refused) is sent again with the same ids,
 * as the survey page's offline queue does, until it is acknowledged; the
 * survey's respondent count (kept in the answer's own transaction) must then
 * equal the number of acknowledged devices.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  PutItemCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import autocannon from 'autocannon';
import { ATTENDANCE_CATEGORIES } from '@sillat/shared/attendance';
import { type BenchRow, openSurvey } from './survey-page';

const CONNECTIONS = 50;
const SECONDS = 30;

/**
 * Budgets (why: docs/performance.md). The clients send without pause, so by
 * Little's law their wait is 50 ÷ throughput, and DynamoDB Local on two cores
 * bounds the throughput: an answer is five database calls (the code, the
 * survey, two reads for idempotency and replacement, one four-item
 * transaction). p95 ≤ 2 s: even then, 19 of 20 people pressing "send" see the
 * thank-you within two seconds. Errors 0 and stored = acknowledged exactly:
 * an answer is never lost or counted twice. Against the floor (one PutItem of
 * one item), an answer may cost at most 10× in median latency and in
 * throughput: five calls, one of them a transaction writing four items.
 */
export const BURST_BUDGET = { p95Ms: 2000, errors: 0, overFloor: 10 } as const;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Answers as a phone sends them: the category, the scales, and now and then an own action. */
function answerBody(): { deviceId: string; submissionId: string; answers: Record<string, unknown> } {
  const scale = () => 1 + Math.floor(Math.random() * 5);
  const answers: Record<string, unknown> = {
    category: ATTENDANCE_CATEGORIES[Math.floor(Math.random() * ATTENDANCE_CATEGORIES.length)],
    understandingOverall: scale(),
    understandingAttitudes: scale(),
    understandingSafety: scale(),
    understandingInteraction: scale(),
    understandingParticipation: scale(),
    usefulness: scale(),
  };
  if (Math.random() < 0.3) answers.ownAction = 'Kerron tuloksista yksikölleni ja kutsun järjestöt syksyn tapaamiseen.';
  return { deviceId: randomUUID(), submissionId: randomUUID(), answers };
}

interface Run {
  latencies: number[];
  acknowledged: number;
  errors: number;
  seconds: number;
}

/** The burst through the API; unanswered answers are retried afterwards until acknowledged. */
async function apiBurst(baseUrl: string, code: string): Promise<Run & { retried: number }> {
  const path = `/api/surveys/${code}/responses`;
  const pending = new Map<string, string>(); // submissionId → body, until a 2xx arrives
  const acked = new Set<string>();
  let errors = 0;
  const latencies: number[] = [];
  const instance = autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json' },
        setupRequest: (req, context) => {
          const body = answerBody();
          const text = JSON.stringify(body);
          pending.set(body.submissionId, text);
          context.submissionId = body.submissionId;
          return { ...req, body: text };
        },
        onResponse: (status, _body, context) => {
          const id = String(context.submissionId);
          if (status >= 200 && status < 300) {
            pending.delete(id);
            acked.add(id);
          } else errors++;
        },
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  errors += result.errors + result.timeouts;

  // What was in flight when the run stopped (or refused) is sent again, as the survey page's queue would.
  let retried = 0;
  for (const [id, body] of pending) {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await res.arrayBuffer();
      if (res.ok) break;
      if (attempt >= 10) throw new Error(`an answer was refused again and again: ${res.status}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    acked.add(id);
    retried++;
  }
  return { latencies, acknowledged: acked.size, errors, seconds: result.duration, retried };
}

/** The floor: PutItem of one small item, 50 workers, against the same DynamoDB Local, in a table of its own. */
async function putItemFloor(endpoint: string): Promise<Run> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const TableName = `bench-floor-${randomUUID()}`;
  await client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const end = started + SECONDS * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      try {
        await client.send(
          new PutItemCommand({
            TableName,
            Item: { pk: { S: randomUUID() }, answers: { S: JSON.stringify(answerBody().answers) } },
          }),
        );
        latencies.push(performance.now() - t);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = (performance.now() - started) / 1000;
  await client.send(new DeleteTableCommand({ TableName }));
  client.destroy();
  return { latencies, acknowledged: latencies.length, errors, seconds };
}

/** The survey's respondent count as the coordinator's results view reads it. */
async function storedResponses(baseUrl: string, roundId: string, token: string): Promise<number> {
  const res = await fetch(`${baseUrl}/api/rounds/${roundId}/survey/results`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`survey results: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { responses: number }).responses;
}

/** The burst's rows for bench/run.ts: the local server at `baseUrl`, its DynamoDB Local at `dynamoEndpoint`. */
export async function burstRows(baseUrl: string, dynamoEndpoint: string): Promise<BenchRow[]> {
  const { code, roundId, token } = await openSurvey(baseUrl);
  const api = await apiBurst(baseUrl, code);
  const stored = await storedResponses(baseUrl, roundId, token);
  const floor = await putItemFloor(dynamoEndpoint);

  const a = [...api.latencies].sort((x, y) => x - y);
  const f = [...floor.latencies].sort((x, y) => x - y);
  const apiRate = api.latencies.length / api.seconds;
  const floorRate = floor.acknowledged / floor.seconds;
  console.error(
    `burst: ${api.latencies.length} answers in ${api.seconds.toFixed(1)} s (${apiRate.toFixed(0)}/s), ` +
      `p50/p95/p99 ${pct(a, 50).toFixed(0)}/${pct(a, 95).toFixed(0)}/${pct(a, 99).toFixed(0)} ms; ` +
      `${api.retried} resent after the run; acknowledged ${api.acknowledged}, stored ${stored}\n` +
      `floor: ${floor.acknowledged} PutItems in ${floor.seconds.toFixed(1)} s (${floorRate.toFixed(0)}/s), ` +
      `p50/p95/p99 ${pct(f, 50).toFixed(1)}/${pct(f, 95).toFixed(1)}/${pct(f, 99).toFixed(1)} ms, ${floor.errors} errors; ` +
      `throughput: the API does ${(floorRate / apiRate).toFixed(1)}× fewer writes per second than the floor`,
  );
  const row = (figure: string, value: number, unit: string, budget: number | null): BenchRow => ({
    figure,
    value,
    unit,
    budget,
  });
  return [
    row(`burst (${CONNECTIONS} clients, ${SECONDS} s): answer p50`, pct(a, 50), 'ms', null),
    row('burst: answer p95', pct(a, 95), 'ms', BURST_BUDGET.p95Ms),
    row('burst: answer p99', pct(a, 99), 'ms', null),
    row('burst: answers per second', apiRate, '/s', null),
    row('burst: errors (non-2xx, socket errors, timeouts)', api.errors, '', BURST_BUDGET.errors),
    row('burst: |stored − acknowledged|', Math.abs(stored - api.acknowledged), '', 0),
    row('floor: bare PutItem p50', pct(f, 50), 'ms', null),
    row('floor: bare PutItem p95', pct(f, 95), 'ms', null),
    row('floor: bare PutItem p99', pct(f, 99), 'ms', null),
    row('floor: PutItems per second', floorRate, '/s', null),
    row('floor: errors', floor.errors, '', 0),
    row('burst: API p50 / PutItem p50', pct(a, 50) / pct(f, 50), '×', BURST_BUDGET.overFloor),
    row('burst: PutItem throughput / API throughput', floorRate / apiRate, '×', BURST_BUDGET.overFloor),
  ];
}
