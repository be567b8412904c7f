import type { AddressInfo } from 'node:net';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, tableName } from '../../functions/src/data/client';
import { measureKey } from '../../functions/src/data/measures';
import { municipalityPk } from '../../functions/src/data/municipality-keys';
import { outboxSender, smtpSender } from '../../functions/src/jobs/mailer';
import { runReminders } from '../../functions/src/jobs/reminders';
import { DEMO_MUNICIPALITY } from '../../functions/src/local/demo-data';
import { call, DEMO, useLocalAuth } from '../setup/auth';
import { TENANT_A } from '../setup/municipalities';
import '../setup/route-fixtures';
import { sessionSetup } from '../setup/route-fixtures-cycle';
import { confirmedMeasure } from '../setup/route-fixtures-measures';
import { useFreshTable } from '../setup/table';

/**
 * The reminder job end to end against DynamoDB Local and a real SMTP server
 * in this process: one digest per person in their language with links to the
 * report forms; idempotent by conditional claims; a refused mail stays
 * pending and goes out, once, with the next run.
 */
useFreshTable({ seed: true });
useLocalAuth();

const M = DEMO_MUNICIPALITY.id;
/** 08:00 in Helsinki on 11 October 2027. */
const NOW = new Date('2027-10-11T05:00:00Z');
const later = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);
const BASE = 'https://sillat.test';
const OWNER = 'owner@sillat.example';
const STAFF = DEMO.organisationStaff;
const STAFF_EMAIL = 'staff@sillat.example';

interface Smtp {
  port: number;
  mails: ParsedMail[];
  close(): Promise<void>;
}

/** An SMTP server on a free port that parses what it accepts, or refuses every message. */
async function smtpServer(refuse = false): Promise<Smtp> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      if (refuse) {
        stream.resume();
        stream.on('end', () => done(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 })));
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          done();
        },
        (err: Error) => done(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const ifMatch = (v: number | string) => ({ 'If-Match': `"${v}"` });
const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address;
const claims = async (prefix = '') =>
  (
    await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `${municipalityPk(M)}#REMINDERS${prefix}` },
      }),
    )
  ).Items ?? [];
const run = (smtp: Smtp, now: Date) =>
  runReminders({ now, municipalityId: M, send: smtpSender(`smtp://127.0.0.1:${smtp.port}`), baseUrl: BASE });

const soon = { roundId: '', id: '' };
const late = { roundId: '', id: '' };
let session = { roundId: '', id: '' };
const servers: Smtp[] = [];

/** A measure owned by the demo owner with one checkpoint on `date`. */
async function measureWithCheckpoint(date: string, target: { roundId: string; id: string }, createdAt?: string) {
  const measure = await confirmedMeasure(TENANT_A);
  Object.assign(target, { roundId: measure.roundId, id: measure.id });
  const owner = { ownerId: DEMO.measureOwner.userId, contributors: [] };
  expect((await call('coordinator', 'PUT', `${measure.path}/responsibility`, owner, ifMatch(1))).status).toBe(200);
  const entries = [{ kind: 'single', date, assess: 'Toteutuiko?' }];
  expect((await call('coordinator', 'PUT', `${measure.path}/schedule`, { entries }, ifMatch(2))).status).toBe(200);
  if (createdAt) {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: measureKey(M, measure.roundId, measure.id),
        UpdateExpression: 'SET createdAt = :at',
        ExpressionAttributeValues: { ':at': createdAt },
      }),
    );
  }
}

beforeAll(async () => {
  await measureWithCheckpoint('2027-10-18', soon); // due in 7 days
  await measureWithCheckpoint('2027-10-10', late, '2027-01-01T00:00:00.000Z'); // 1 day overdue
  const { roundId, body } = await sessionSetup(TENANT_A);
  const created = await call('coordinator', 'POST', `/api/rounds/${roundId}/sessions`, {
    ...body,
    date: '2027-10-04',
    notesDeadline: '2027-10-11',
    clerkId: STAFF.userId,
  });
  expect(created.status, created.text).toBe(201);
  session = { roundId, id: created.body.id };
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('the reminder job', () => {
  it('keeps the reminders pending when the SMTP server refuses the mail', async () => {
    const refusing = await smtpServer(true);
    servers.push(refusing);
    const result = await run(refusing, NOW);
    expect(result.sent).toBe(0);
    expect(result.failed).toBeGreaterThanOrEqual(2);
    const mine = (await claims()).filter((c) =>
      [DEMO.measureOwner.userId, STAFF.userId].includes(String(c.recipientId)),
    );
    expect(mine).toHaveLength(3);
    expect(mine.every((c) => c.status === 'pending')).toBe(true);
  });

  it('sends them with a later run: one digest per person, in their language, with links to the forms', async () => {
    const smtp = await smtpServer();
    servers.push(smtp);
    const result = await run(smtp, later(1));
    expect(result.failed).toBe(0);
    const addresses = smtp.mails.map(to);
    expect(new Set(addresses).size).toBe(addresses.length); // one digest each

    const owner = smtp.mails.find((m) => to(m) === OWNER)!;
    expect(owner.subject).toBe('Sillat: muistutukset (2)');
    expect(owner.text).toContain('myöhässä, eräpäivä oli 10.10.2027');
    expect(owner.text).toContain('erääntyy pian, 18.10.2027');
    expect(owner.text).toContain(`${BASE}/measures/${late.roundId}/${late.id}#report`);
    expect(owner.text).toContain(`${BASE}/measures/${soon.roundId}/${soon.id}#report`);
    expect(owner.html).toContain(`href="${BASE}/measures/${soon.roundId}/${soon.id}#report"`);

    const staff = smtp.mails.find((m) => to(m) === STAFF_EMAIL)!;
    expect(staff.subject).toBe('Sillat: påminnelser (1)');
    expect(staff.text).toContain('förfaller i dag');
    expect(staff.text).toContain(`${BASE}/rounds/${session.roundId}/sessions/${session.id}`);

    const sent = await claims();
    expect(sent.every((c) => c.status === 'sent')).toBe(true);
    // Sent claims expire (TTL) 90 days after sending; pending ones never do.
    const runAt = Math.floor(later(1).getTime() / 1000);
    for (const c of sent) expect(Number(c.expiresAt) - runAt).toBe(90 * 86_400);
    expect(await claims('#PENDING')).toEqual([]);
  });

  it('sends nothing new when run again the same day', async () => {
    const smtp = await smtpServer();
    servers.push(smtp);
    const before = (await claims()).length;
    const result = await run(smtp, later(3));
    expect(result).toEqual({ sent: 0, failed: 0, reminders: 0 });
    expect(smtp.mails).toEqual([]);
    expect((await claims()).length).toBe(before);
  });
});

describe('the outbox (no SMTP server)', () => {
  it('keeps the mails for administrators, newest first', async () => {
    const mail = { municipalityId: M, to: OWNER, text: 'x', html: '<p>x</p>' };
    await outboxSender(() => NOW)({ ...mail, subject: 'first' });
    await outboxSender(() => later(1))({ ...mail, subject: 'second' });
    const res = await call('administrator', 'GET', '/api/outbox');
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.map((m: { subject: string }) => m.subject)).toEqual(['second', 'first']);
    expect(res.body.items[0]).toMatchObject({ to: OWNER, text: 'x', html: '<p>x</p>' });
    expect((await call('coordinator', 'GET', '/api/outbox')).status).toBe(403);
  });
});
