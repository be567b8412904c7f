/**
 * Dashboard scaling (issue 7): the trend dashboard must read precomputed
 * counters, so its database reads may not grow with the number of survey
 * responses or experience cards. In-process, against its own DynamoDB Local:
 * the demo municipality plus one round that first holds 10 responses and 10
 * cards, then 10,000 responses and 1,000 cards. For each state it counts the
 * DynamoDB requests one GET /api/dashboard/trends makes (every Query page and
 * BatchGet counts) and takes the median latency of 21 requests; it prints
 * both read counts and the latency ratio (budget ≤ 1.5×).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { app } from '../functions/src/app';
import { configureAuth } from '../functions/src/auth/config';
import { createLocalIssuer } from '../functions/src/auth/local-issuer';
import { createTokenVerifier } from '../functions/src/auth/verify-token';
import { SYSTEM_ACTOR } from '../functions/src/data/audited-write';
import { createCard } from '../functions/src/data/cards';
import { configureData, db } from '../functions/src/data/client';
import { createRound, getRound } from '../functions/src/data/rounds';
import { createSession, getSession, setSessionStatus } from '../functions/src/data/sessions';
import { getSurvey, openSurvey, submitAnswer } from '../functions/src/data/survey';
import { localIdpTableName } from '../functions/src/identity/local-store';
import { ensureLocalIdpTable, ensureTable } from '../functions/src/local/create-table';
import {
  DEMO_DISTRICTS,
  DEMO_GROUPS,
  DEMO_MUNICIPALITY,
  DEMO_ORGANISATIONS,
  DEMO_USERS,
} from '../functions/src/local/demo-data';
import { startDynamoLocal } from '../functions/src/local/dynamo-local';
import { seedDemo } from '../functions/src/local/seed';
import type { BenchRow } from './survey-page';

const M = DEMO_MUNICIPALITY.id;
const ISSUER = 'http://bench.test/api/auth/local';
const AUDIENCE = 'sillat-web';

/** Runs `task` over `items` with at most `width` at a time. */
async function pool<T>(items: T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function dashboardRows(): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sillat-bench-dash-'));
  const dynamo = await startDynamoLocal({ dataDir });
  try {
    await ensureTable(dynamo.endpoint, 'bench');
    await ensureLocalIdpTable(dynamo.endpoint, localIdpTableName('bench'));
    configureData({ tableName: 'bench', endpoint: dynamo.endpoint, region: 'eu-north-1' });
    await seedDemo();

    let reads = 0;
    db().middlewareStack.add(
      (next, context) => async (args) => {
        if (/^(Get|BatchGet|Query|Scan|TransactGet)/.test(String(context.commandName))) reads++;
        return next(args);
      },
      { step: 'initialize', name: 'benchReadCounter' },
    );

    const issuer = await createLocalIssuer({ issuer: ISSUER, audience: AUDIENCE });
    configureAuth(createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: issuer.jwks() }));
    const council = DEMO_USERS.find((u) => u.input.role === 'councilMember')!;
    const token = await issuer.issue({ userId: council.id, role: 'councilMember', municipalityId: M });

    // One more round: a held session to hang cards on, and an open survey to answer.
    const round = await createRound(
      M,
      {
        name: { fi: 'Kuormitus' },
        period: { start: '2027-02-01', end: '2027-05-31' },
        populationGroupIds: [DEMO_GROUPS[0]!.id],
        organisationIds: [DEMO_ORGANISATIONS[0]!.id],
      },
      SYSTEM_ACTOR,
    );
    const planned = await createSession(
      M,
      round.id,
      {
        populationGroupId: DEMO_GROUPS[0]!.id,
        districtId: DEMO_DISTRICTS[0]!.id,
        organisationId: DEMO_ORGANISATIONS[0]!.id,
        language: 'fi',
        date: '2027-03-01',
        place: 'Kirjasto',
        participantCount: 12,
        notesDeadline: '2027-03-15',
      },
      SYSTEM_ACTOR,
    );
    const session = await setSessionStatus(M, planned, 'held', planned.version, SYSTEM_ACTOR);
    const survey = await getSurvey(M, round.id);
    await openSurvey(M, await getRound(M, round.id), { measureOptions: [] }, survey.version, SYSTEM_ACTOR);
    const target = { kind: 'survey' as const, municipalityId: M, roundId: round.id };

    let responses = 0;
    let cards = 0;
    const grow = async (toResponses: number, toCards: number) => {
      const answers = Array.from({ length: toResponses - responses }, (_, i) => responses + i);
      await pool(answers, 16, async (i) => {
        await submitAnswer(target, `bench-device-${i}`, randomUUID(), {
          understandingOverall: 1 + (i % 5),
          usefulness: 1 + ((i * 7) % 5),
        });
      });
      responses = toResponses;
      const made = Array.from({ length: toCards - cards }, (_, i) => cards + i);
      const fresh = await getSession(M, round.id, session.id);
      await pool(made, 8, async (i) => {
        const input = {
          sessionId: fresh.id,
          aspect: (['attitudes', 'safety', 'interaction', 'participation'] as const)[i % 4]!,
          tone: i % 3 ? ('positive' as const) : ('negative' as const),
          language: 'fi' as const,
          text: `Kortti ${i}`,
        };
        await createCard(M, fresh, input, SYSTEM_ACTOR);
      });
      cards = toCards;
    };

    const measure = async () => {
      const request = async () => {
        const r = await app.request('/api/dashboard/trends', { headers: { authorization: `Bearer ${token}` } });
        if (r.status !== 200) throw new Error(`dashboard answered ${r.status}: ${await r.text()}`);
        await r.arrayBuffer();
      };
      await request(); // warm: token verification cache, connections
      reads = 0;
      await request();
      const readCount = reads;
      const times: number[] = [];
      for (let i = 0; i < 21; i++) {
        const started = performance.now();
        await request();
        times.push(performance.now() - started);
      }
      return { reads: readCount, latency: median(times) };
    };

    await grow(10, 10);
    const small = await measure();
    await grow(10_000, 1_000);
    const large = await measure();
    return [
      { figure: 'dashboard reads, 10 responses + 10 cards', value: small.reads, unit: 'reads', budget: 40 },
      {
        figure: 'dashboard reads, 10,000 responses + 1,000 cards',
        value: large.reads,
        unit: 'reads',
        // Must not grow at all: the budget is the small case's count.
        budget: small.reads,
      },
      { figure: 'dashboard median latency, small', value: small.latency, unit: 'ms', budget: 500 },
      {
        figure: 'dashboard latency ratio, large / small (median of 21)',
        value: large.latency / small.latency,
        unit: '×',
        budget: 1.5,
      },
    ];
  } finally {
    await dynamo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
