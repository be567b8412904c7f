import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app';
import { authHeader, call, useLocalAuth } from '../setup/auth';
import { csvRecords, parseCsv } from '../setup/csv';
import { expectError } from '../setup/http';
import { expectOneAudit, useFreshTable } from '../setup/table';

/** Exports of the demo's spring 2026 round (coordinators) and the open-data file (dashboard readers). */
const table = useFreshTable({ seed: true });
useLocalAuth();

const ROUND = '00000000-0000-4000-8000-000000000502';
const THRESHOLD = 5;
const HYPERLINK = '=HYPERLINK("http://example.org/x","Lue lisää")';
const AT_SUM = '@SUM(1+1) Nuorisotalolla oli turvallista.';

/** A count of people as it may be published: 0, at least the threshold, or empty. */
const publishable = (v: string) => v === '' || v === '0' || Number(v) >= THRESHOLD;

/** The body as bytes (call() decodes as text, which a zip does not survive). */
async function xlsx(path: string): Promise<{ status: number; headers: Headers; files: Record<string, string> }> {
  const res = await app.request(path, { headers: await authHeader('coordinator') });
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (res.status !== 200) return { status: res.status, headers: res.headers, files: {} };
  expect(strFromU8(bytes.slice(0, 2))).toBe('PK');
  const files = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([p, b]) => [p, strFromU8(b)]));
  return { status: res.status, headers: res.headers, files };
}

beforeAll(async () => {
  const sessions = await call('coordinator', 'GET', `/api/rounds/${ROUND}/sessions`);
  const approved = (sessions.body.items ?? sessions.body).find((s: { status: string }) => s.status === 'approved');
  for (const text of [HYPERLINK, AT_SUM]) {
    const res = await call('coordinator', 'POST', `/api/rounds/${ROUND}/cards`, {
      sessionId: approved.id,
      aspect: 'safety',
      tone: 'positive',
      language: 'fi',
      text,
    });
    expect(res.status, res.text).toBe(201);
  }
});

describe('GET /api/rounds/{roundId}/export.csv', () => {
  it.each(['sessions', 'cards', 'measures', 'survey', 'aspects'])(
    '%s: parses back, counts of people publishable',
    async (name) => {
      const res = await call('coordinator', 'GET', `/api/rounds/${ROUND}/export.csv?table=${name}`);
      expect(res.status, res.text).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-disposition')).toMatch(
        new RegExp(`^attachment; filename="sillat-[a-z0-9-]+-${name}\\.csv"$`),
      );
      // The body's own first bytes: Response.text() drops a BOM while decoding.
      const raw = await app.request(`/api/rounds/${ROUND}/export.csv?table=${name}`, {
        headers: await authHeader('coordinator'),
      });
      expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const { rows } = parseCsv(res.text);
      expect(rows.length).toBeGreaterThan(1);
      expect(new Set(rows.map((r) => r.length)).size).toBe(1);
      const records = csvRecords(res.text);
      const peopleColumns = Object.keys(records[0]!).filter((c) => /participants|raters|answered|^count$/.test(c));
      if (['sessions', 'survey', 'aspects'].includes(name)) expect(peopleColumns.length).toBeGreaterThan(0);
      for (const r of records) for (const c of peopleColumns) expect(publishable(r[c]!), `${c}=${r[c]}`).toBe(true);
    },
  );

  it('sessions: one row per session, small counts hidden and marked, no counts per rating point', async () => {
    const records = csvRecords(
      (await call('coordinator', 'GET', `/api/rounds/${ROUND}/export.csv?table=sessions`)).text,
    );
    expect(records).toHaveLength(6);
    expect(Object.keys(records[0]!).some((c) => /_[1-5]$/.test(c))).toBe(false);
    for (const r of records) {
      expect(r.participants === '').toBe(r.hidden!.split(' ').includes('participants'));
      expect(r.population_group).not.toBe('');
    }
    // 8–14 people per session: most single-session means are hidden, and a hidden n hides its mean.
    for (const r of records) if (r.safety_raters === '') expect(r.safety_mean).toBe('');
  });

  it('neutralises formulas in card texts, and audits the export', async () => {
    const before = await table.snapshot();
    const res = await call('coordinator', 'GET', `/api/rounds/${ROUND}/export.csv?table=cards`);
    expectOneAudit(before, await table.snapshot(), 'round.export', ROUND);
    const texts = csvRecords(res.text).map((r) => r.text);
    expect(texts).toContain(`'${HYPERLINK}`);
    expect(texts).toContain(`'${AT_SUM}`);
    expect(texts.every((t) => !/^[=+\-@\t\r]/.test(t!))).toBe(true);
  });

  it('refuses an unknown table naming it, and an unknown round with 404', async () => {
    const bad = await call('coordinator', 'GET', `/api/rounds/${ROUND}/export.csv?table=users`);
    expectError(bad, 400, 'validation_failed');
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['table']);
    const missing = await call('coordinator', 'GET', `/api/rounds/00000000-0000-4000-8000-000000000999/export.csv`);
    expectError(missing, 404, 'not_found');
  });

  it.each(['organisationStaff', 'councilMember', 'measureOwner', 'administrator'] as const)(
    'is for coordinators only: %s gets 403',
    async (role) => {
      expectError(await call(role, 'GET', `/api/rounds/${ROUND}/export.csv?table=cards`), 403, 'forbidden');
      expectError(await call(role, 'GET', `/api/rounds/${ROUND}/export.xlsx`), 403, 'forbidden');
    },
  );
});

describe('GET /api/rounds/{roundId}/export.xlsx', () => {
  it('is a workbook of the five tables with neutralised strings and numbers as numbers', async () => {
    const before = await table.snapshot();
    const { status, headers, files } = await xlsx(`/api/rounds/${ROUND}/export.xlsx?locale=sv`);
    expect(status).toBe(200);
    expectOneAudit(before, await table.snapshot(), 'round.export', ROUND);
    expect(headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(headers.get('content-disposition')).toMatch(/^attachment; filename="sillat-[a-z0-9-]+\.xlsx"$/);
    expect(files['xl/workbook.xml']).toMatch(
      /<sheet name="sessions".*<sheet name="cards".*<sheet name="measures".*<sheet name="survey".*<sheet name="aspects"/,
    );
    const cards = files['xl/worksheets/sheet2.xml']!;
    expect(cards).toContain(
      `<t xml:space="preserve">'=HYPERLINK(&quot;http://example.org/x&quot;,&quot;Lue lisää&quot;)</t>`,
    );
    expect(cards).toContain(`<t xml:space="preserve">'@SUM(1+1)`);
    expect(cards).not.toMatch(/<t xml:space="preserve">[=+\-@]/);
    // The aspects sheet: sessions per aspect as a number cell.
    expect(files['xl/worksheets/sheet5.xml']).toMatch(/<c r="B2"><v>6<\/v><\/c>/);
  });
});

describe('GET /api/dashboard/open-data.csv and its dictionary', () => {
  it('gives every round × level × aspect with every count of people publishable; council members may read it', async () => {
    const res = await call('councilMember', 'GET', '/api/dashboard/open-data.csv');
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="sillat-open-data.csv"');
    const records = csvRecords(res.text);
    expect(new Set(records.map((r) => r.level))).toEqual(new Set(['city', 'population_group', 'district']));
    expect(new Set(records.map((r) => r.round_id)).size).toBe(2);
    for (const r of records) {
      expect(publishable(r.participants!), `participants=${r.participants}`).toBe(true);
      expect(publishable(r.raters!), `raters=${r.raters}`).toBe(true);
      if (r.raters === '') expect([r.mean, r.share_4_5]).toEqual(['', '']);
    }
    // Complementary suppression: within a round and level, never exactly one group's participants hidden.
    for (const round of new Set(records.map((r) => r.round_id)))
      for (const level of ['population_group', 'district']) {
        const rows = records.filter((r) => r.round_id === round && r.level === level && r.aspect === 'safety');
        expect(rows.filter((r) => r.participants === '').length).not.toBe(1);
      }
    const city = records.filter((r) => r.level === 'city');
    for (const r of city) expect(Number(r.participants)).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it('describes each column of the file in three languages', async () => {
    const [data, dict] = await Promise.all([
      call('administrator', 'GET', '/api/dashboard/open-data.csv'),
      call('coordinator', 'GET', '/api/dashboard/open-data-dictionary.csv'),
    ]);
    expect(dict.status).toBe(200);
    const columns = parseCsv(data.text).rows[0];
    expect(csvRecords(dict.text).map((r) => r.column)).toEqual(columns);
    for (const r of csvRecords(dict.text))
      expect(r.description_fi && r.description_sv && r.description_en).toBeTruthy();
  });

  it('is not for staff or measure owners', async () => {
    expectError(await call('organisationStaff', 'GET', '/api/dashboard/open-data.csv'), 403, 'forbidden');
    expectError(await call('measureOwner', 'GET', '/api/dashboard/open-data-dictionary.csv'), 403, 'forbidden');
  });
});
