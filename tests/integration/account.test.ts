import { todayIn } from '@sillat/shared/reminders';
import { addDays } from '@sillat/shared/schedule';
import { describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app';
import type { Mail } from '../../functions/src/jobs/mail';
import { hashFeedSecret } from '../../functions/src/data/calendar-feeds';
import { runReminders } from '../../functions/src/jobs/reminders';
import { call, DEMO, useLocalAuth } from '../setup/auth';
import { request } from '../setup/http';
import { TENANT_A } from '../setup/municipalities';
import { ifMatch } from '../setup/route-fixtures';
import { confirmedMeasure } from '../setup/route-fixtures-measures';
import { useFreshTable } from '../setup/table';

/**
 * "My account" (issue 6, items 4 and 7): a person's own notification choices,
 * honoured by the reminder job, and their private calendar feed of
 * checkpoints — made, fetched without a token, replaced and turned off.
 */
const table = useFreshTable({ seed: true });
useLocalAuth();

const OWNER = DEMO.measureOwner;
const STAFF = DEMO.organisationStaff;
const OWNER_EMAIL = 'owner@sillat.example';
const STAFF_EMAIL = 'staff@sillat.example';

/** A measure of a new round, owned by `ownerId`, with the given schedule entries. */
async function measureWith(ownerId: string, entries: unknown[], contributors: unknown[] = []) {
  const measure = await confirmedMeasure(TENANT_A);
  const assigned = await call(
    'coordinator',
    'PUT',
    `${measure.path}/responsibility`,
    { ownerId, contributors },
    ifMatch('"1"'),
  );
  expect(assigned.status, assigned.text).toBe(200);
  const scheduled = await call('coordinator', 'PUT', `${measure.path}/schedule`, { entries }, ifMatch('"2"'));
  expect(scheduled.status, scheduled.text).toBe(200);
  return measure;
}

const auditOf = async (action: string) => (await table.snapshot()).audit.filter((a) => a.action === action);
const feedPath = (url: string) => new URL(url).pathname;
const secretOf = (url: string) => feedPath(url).replace('/api/calendar/', '');
const fetchFeed = (url: string) => request(app, 'GET', feedPath(url));

describe('notification settings', () => {
  it('are both on until changed, and GET /api/me says there is no calendar feed', async () => {
    const me = await call(OWNER, 'GET', '/api/me');
    expect(me.status, me.text).toBe(200);
    expect(me.body).toMatchObject({ notifications: { reminders: true, escalations: true }, calendarFeed: false });
    expect(me.headers.get('etag')).toMatch(/^"\d+"$/);
  });

  it('round-trip: stored on the profile, audited, visible in GET /api/me with a new version', async () => {
    const before = await call(OWNER, 'GET', '/api/me');
    const res = await call(
      OWNER,
      'PUT',
      '/api/me/notifications',
      { reminders: false, escalations: true },
      { 'If-Match': before.headers.get('etag')! },
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ reminders: false, escalations: true });
    const after = await call(OWNER, 'GET', '/api/me');
    expect(after.body.notifications).toEqual({ reminders: false, escalations: true });
    expect(Number(after.headers.get('etag')!.replace(/\D/g, ''))).toBe(
      Number(before.headers.get('etag')!.replace(/\D/g, '')) + 1,
    );
    const [entry] = await auditOf('user.notifications');
    expect(entry).toMatchObject({
      actorId: OWNER.userId,
      targetType: 'user',
      targetId: OWNER.userId,
      changes: { notifications: { reminders: false, escalations: true } },
    });
    // Only the person's own profile changed: the administrator's view of the user is as it was.
    const user = await call('administrator', 'GET', `/api/users/${OWNER.userId}`);
    expect(user.body).not.toHaveProperty('notifications');
  });

  it('a stale If-Match is a 409 and changes nothing', async () => {
    const before = await table.snapshot();
    const res = await call(
      OWNER,
      'PUT',
      '/api/me/notifications',
      { reminders: true, escalations: true },
      ifMatch('"1"'),
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('version_conflict');
    expect(await table.snapshot()).toEqual(before);
  });

  it.each([
    [{ reminders: 'no', escalations: true }, 'reminders'],
    [{ reminders: true }, 'escalations'],
    [{ reminders: true, escalations: true, userId: STAFF.userId }, 'userId'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const res = await call(OWNER, 'PUT', '/api/me/notifications', body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });
});

describe('the reminder job honours reminders: false', () => {
  const DAY = '2031-03-10';
  /** 08:00 in Helsinki on DAY. */
  const NOW = new Date(`${DAY}T06:00:00Z`);
  const runCapturing = async (now: Date) => {
    const mails: Mail[] = [];
    await runReminders({
      now,
      municipalityId: 'demo',
      baseUrl: 'https://sillat.test',
      send: async (mail) => {
        mails.push(mail);
      },
    });
    return mails;
  };

  it('sends the owner nothing while off; someone who left it on still gets theirs', async () => {
    const measure = await measureWith(OWNER.userId, [{ kind: 'single', date: DAY, assess: 'Omistajan arvio' }]);
    const staffMeasure = await measureWith(STAFF.userId, [{ kind: 'single', date: DAY, assess: 'Oma arvio' }]);
    const turnedOff = await call(OWNER, 'PUT', '/api/me/notifications', { reminders: false, escalations: true });
    expect(turnedOff.status, turnedOff.text).toBe(200);

    const off = await runCapturing(NOW);
    expect(off.map((m) => m.to)).not.toContain(OWNER_EMAIL);
    const staff = off.find((m) => m.to === STAFF_EMAIL);
    expect(staff?.text).toContain(`/measures/${staffMeasure.roundId}/${staffMeasure.id}#report`);

    // Turned back on, the next run that day reminds the owner (nothing was claimed for them while off).
    expect((await call(OWNER, 'PUT', '/api/me/notifications', { reminders: true, escalations: true })).status).toBe(
      200,
    );
    const on = await runCapturing(new Date(NOW.getTime() + 3_600_000));
    const owner = on.find((m) => m.to === OWNER_EMAIL);
    expect(owner?.text).toContain(`/measures/${measure.roundId}/${measure.id}#report`);
  });
});

describe('the calendar feed', () => {
  const today = todayIn(new Date(), 'Europe/Helsinki');
  const soon = addDays(today, 30);
  const compact = (date: string) => date.replace(/-/g, '');
  let ownMeasure = { roundId: '', id: '' };
  let firstUrl = '';

  it('is made on request; the address carries a long URL-safe secret, and only its hash is stored', async () => {
    ownMeasure = await measureWith(
      OWNER.userId,
      [
        { kind: 'single', date: soon, assess: 'Kävijämäärä, palaute; tunnelma' },
        { kind: 'single', date: addDays(today, -120), assess: 'Liian vanha' },
        { kind: 'single', date: addDays(today, 450), assess: 'Liian kaukana' },
        { kind: 'single', date: addDays(today, 40), assess: 'Henkilökunnan vuoro', reporterId: STAFF.userId },
      ],
      [{ kind: 'user', userId: STAFF.userId }],
    );
    await measureWith(DEMO.coordinator.userId, [{ kind: 'single', date: soon, assess: 'Koordinaattorin oma' }]);

    const res = await call(OWNER, 'POST', '/api/me/calendar');
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    firstUrl = res.body.url;
    const secret = secretOf(firstUrl);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(await table.snapshot())).not.toContain(secret);
    expect((await call(OWNER, 'GET', '/api/me')).body.calendarFeed).toBe(true);
    expect(await auditOf('user.calendarFeed.create')).toHaveLength(1);
  });

  it('answers without a token with the owner’s checkpoints only, as iCalendar', async () => {
    const res = await fetchFeed(firstUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, max-age=300');
    const text = res.text.replace(/\r\n /g, '');
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const events = text.split('BEGIN:VEVENT').slice(1);
    const own = events.filter((e) => e.includes(`UID:${ownMeasure.id}.`));
    expect(own).toHaveLength(1);
    expect(own[0]).toContain(`DTSTART;VALUE=DATE:${compact(soon)}`);
    expect(own[0]).toContain('SUMMARY:Iltakävelyt – arviointi');
    expect(own[0]).toContain('Kävijämäärä\\, palaute\\; tunnelma');
    expect(own[0]).toContain(`URL:http://localhost/measures/${ownMeasure.roundId}/${ownMeasure.id}#report`);
    // Not the staff member's checkpoint, nor the coordinator's measure, nor dates outside the window.
    for (const other of ['Henkilökunnan vuoro', 'Koordinaattorin oma', 'Liian vanha', 'Liian kaukana']) {
      expect(text).not.toContain(other);
    }
  });

  it('a new link replaces the old one: the old address is 404, the new one works', async () => {
    const res = await call(OWNER, 'POST', '/api/me/calendar');
    expect(res.status).toBe(201);
    expect(res.body.url).not.toBe(firstUrl);
    const old = await fetchFeed(firstUrl);
    expect(old.status).toBe(404);
    expect(old.text).toBe('Not found.');
    expect((await fetchFeed(res.body.url)).status).toBe(200);
    expect(await auditOf('user.calendarFeed.rotate')).toHaveLength(1);
    // The old lookup item went in the same transaction as the rotation; the new one is there.
    const lookup = (url: string) => table.partition(`CALFEED#${hashFeedSecret(secretOf(url))}`);
    expect(await lookup(firstUrl)).toEqual([]);
    expect(await lookup(res.body.url)).toEqual([
      expect.objectContaining({ municipalityId: 'demo', userId: OWNER.userId }),
    ]);
    firstUrl = res.body.url;
  });

  it('turned off, the address is 404 and a second DELETE is 404 too', async () => {
    const res = await call(OWNER, 'DELETE', '/api/me/calendar');
    expect(res.status).toBe(204);
    expect((await fetchFeed(firstUrl)).status).toBe(404);
    expect((await call(OWNER, 'GET', '/api/me')).body.calendarFeed).toBe(false);
    expect(await auditOf('user.calendarFeed.revoke')).toHaveLength(1);
    expect((await call(OWNER, 'DELETE', '/api/me/calendar')).status).toBe(404);
  });

  it('answers 404 for made-up secrets, without reading further', async () => {
    for (const secret of ['x', 'A'.repeat(43), '../me']) {
      const res = await request(app, 'GET', `/api/calendar/${encodeURIComponent(secret)}`);
      expect(res.status, secret).toBe(404);
    }
  });

  it('stops answering when its owner is deactivated', async () => {
    const made = await call(STAFF, 'POST', '/api/me/calendar');
    expect((await fetchFeed(made.body.url)).status).toBe(200);
    const user = await call('administrator', 'GET', `/api/users/${STAFF.userId}`);
    const off = await call('administrator', 'POST', `/api/users/${STAFF.userId}/deactivate`, undefined, {
      'If-Match': user.headers.get('etag')!,
    });
    expect(off.status, off.text).toBe(200);
    expect((await fetchFeed(made.body.url)).status).toBe(404);
  });
});
