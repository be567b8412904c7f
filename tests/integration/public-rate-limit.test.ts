import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app';
import { call, useLocalAuth } from '../setup/auth';
import { expectError, request } from '../setup/http';
import { useFreshTable } from '../setup/table';

/**
 * The public routes' per-client limit (functions/src/http/rate-limit.ts) and
 * body cap. This file has its own module instance, hence its own limiter,
 * set low here so a flood is quick to make.
 */
useFreshTable({ seed: true });
useLocalAuth();

const LIMIT = 20;
afterAll(() => {
  delete process.env.PUBLIC_RATE_LIMIT_PER_MINUTE;
});
let code = '';
let roundId = '';

beforeAll(async () => {
  process.env.PUBLIC_RATE_LIMIT_PER_MINUTE = String(LIMIT);
  const round = await call('coordinator', 'POST', '/api/rounds', {
    name: { fi: 'Tulva' },
    period: { start: '2027-02-01', end: '2027-05-31' },
    populationGroupIds: [],
    organisationIds: [],
  });
  roundId = round.body.id;
  const open = await call('coordinator', 'POST', `/api/rounds/${roundId}/survey/open`, {}, { 'If-Match': '"0"' });
  code = open.body.code;
});

const answer = (headers: Record<string, string> = {}) =>
  request(
    app,
    'POST',
    `/api/surveys/${code}/responses`,
    { deviceId: randomUUID(), submissionId: randomUUID(), answers: { usefulness: 3 } },
    headers,
  );

describe('the public rate limit', () => {
  it('answers a flood from one client with 429 and Retry-After, and loses no accepted answer', async () => {
    const client = { 'x-forwarded-for': '198.51.100.20' };
    const results = await Promise.all(Array.from({ length: LIMIT + 10 }, () => answer(client)));
    const accepted = results.filter((r) => r.status === 201);
    const limited = results.filter((r) => r.status === 429);
    expect(accepted).toHaveLength(LIMIT);
    expect(limited).toHaveLength(10);
    for (const r of limited) {
      expectError(r, 429, 'rate_limited');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const survey = await call('coordinator', 'GET', `/api/rounds/${roundId}/survey`);
    expect(survey.body.responses).toBe(LIMIT);
    // The plain-HTML form counts against the same limit.
    const form = await request(app, 'POST', `/s/${code}`, 'usefulness=3', {
      ...client,
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(429);
  });

  it('counts each client on its own: another address still gets through', async () => {
    expect((await answer({ 'x-forwarded-for': '198.51.100.21' })).status).toBe(201);
  });

  it('counts the address the nearest proxy saw, not what the client wrote in front of it', async () => {
    // Forged first entries vary, the real (last) one is the limited client's: still limited.
    const res = await answer({ 'x-forwarded-for': `10.0.0.${Math.floor(Math.random() * 200)}, 198.51.100.20` });
    expect(res.status).toBe(429);
  });

  it('refuses bodies over 8 KB on public routes with 413, before reading them', async () => {
    const res = await request(
      app,
      'POST',
      `/api/surveys/${code}/responses`,
      { deviceId: randomUUID(), submissionId: randomUUID(), answers: { ownAction: 'x'.repeat(9000) } },
      { 'x-forwarded-for': '198.51.100.22' },
    );
    expectError(res, 413, 'payload_too_large');
  });
});
