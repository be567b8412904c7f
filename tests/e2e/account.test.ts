import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pageProblems } from './a11y';
import { ROUND_ID, desktopContext } from './decision-helpers';
import { DEMO, apiAs, launchBrowser, signedInPage } from './helpers';

const e2e = inject('e2e');

interface ApiMeasure {
  id: string;
  roundId: string;
  title: string;
  ownerId?: string;
  schedule?: Record<string, unknown>[];
}

/** A 375 px phone, in Finnish. */
async function phone(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: e2e.baseUrl,
    viewport: { width: 375, height: 812 },
    locale: 'fi-FI',
  });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);
  return context;
}

/** The measure with its version (ETag), as the coordinator reads it. */
async function readMeasure(page: Page, m: ApiMeasure): Promise<{ measure: ApiMeasure; version: string }> {
  const res = await apiAs(page, 'GET', `/rounds/${m.roundId}/measures/${m.id}`);
  expect(res.status).toBe(200);
  return { measure: ((await res.json()) as { measure: ApiMeasure }).measure, version: res.headers.get('etag')! };
}

async function putSchedule(page: Page, m: ApiMeasure, entries: unknown[]): Promise<void> {
  const { version } = await readMeasure(page, m);
  const res = await apiAs(
    page,
    'PUT',
    `/rounds/${m.roundId}/measures/${m.id}/schedule`,
    { entries },
    {
      'if-match': version,
    },
  );
  expect(res.status, await res.clone().text()).toBe(200);
}

/** A date `days` from today (UTC; the checkpoint is far enough ahead for the day not to matter). */
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const REMIND = 'Muistuta minua arvioinneistani ja muistiinpanojen määräajoista';

describe.skipIf(!e2e.enabled)('My account: notification settings and the calendar feed', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a measure owner on a phone turns reminders off, and makes, replaces and turns off a calendar link', async () => {
    const context = await phone(browser);
    const desktop = await desktopContext(browser, e2e.baseUrl);
    const coordinator = await signedInPage(desktop, 'coordinator');
    // The demo owner's measure of the open 2026 round, given one checkpoint for this test (and restored after).
    const all = (await (await apiAs(coordinator, 'GET', '/measures')).json()) as { items: ApiMeasure[] };
    const target = all.items.find((x) => x.roundId === ROUND_ID && x.ownerId === DEMO.measureOwner.id)!;
    expect(target).toBeDefined();
    const original = (await readMeasure(coordinator, target)).measure.schedule ?? [];
    const date = daysAhead(200);
    await putSchedule(coordinator, target, [
      ...original,
      { kind: 'single', id: 'e2e-calendar', date, assess: 'Kalenterin testi' },
    ]);
    try {
      const page = await signedInPage(context, 'measureOwner');
      // From the header, beside the owner's name; not a menu item.
      const header = page.getByRole('banner');
      expect(await header.getByRole('navigation').getByRole('link', { name: 'Oma tili' }).count()).toBe(0);
      await header.getByRole('link', { name: 'Oma tili', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/account');
      await page.getByRole('heading', { level: 1, name: 'Oma tili' }).waitFor();
      for (const name of ['Tietosi', 'Sähköposti-ilmoitukset', 'Kalenteri']) {
        await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
      }
      const main = page.getByRole('main');
      expect(await main.textContent()).toContain(DEMO.measureOwner.email);
      // Escalations are a coordinator's matter; the owner is not offered the box.
      expect(await page.getByRole('checkbox').count()).toBe(1);
      expect(await pageProblems(context, page, 'account (fi, 375 px)', 2, 375)).toEqual([]);

      // Reminders off, saved, and still off after a reload.
      const remind = page.getByRole('checkbox', { name: REMIND, exact: true });
      expect(await remind.isChecked()).toBe(true);
      await remind.uncheck();
      await page.getByRole('button', { name: 'Tallenna', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Ilmoitusasetukset tallennettu.' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Oma tili' }).waitFor();
      expect(await page.getByRole('checkbox', { name: REMIND, exact: true }).isChecked()).toBe(false);

      // A calendar link: shown once, in a read-only field; the feed has the owner's checkpoint.
      await page.getByText('Sinulla ei ole kalenterilinkkiä.').waitFor();
      await page.getByRole('button', { name: 'Luo kalenterilinkki', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Kalenterilinkki luotu.' }).waitFor();
      const field = page.getByRole('textbox', { name: 'Kalenterilinkkisi', exact: true });
      expect(await field.getAttribute('readonly')).not.toBeNull();
      const url = await field.inputValue();
      expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}$/);
      await page.getByRole('button', { name: 'Kopioi', exact: true }).waitFor();
      expect(await pageProblems(context, page, 'account with link (fi, 375 px)', 3, 375)).toEqual([]);

      const feed = await fetch(url);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      const ics = (await feed.text()).replace(/\r\n /g, '');
      const event = ics.split('BEGIN:VEVENT').find((e) => e.includes(`UID:${target.id}.e2e-calendar.`));
      expect(event).toContain(`DTSTART;VALUE=DATE:${date.replace(/-/g, '')}`);
      expect(event).toContain(`SUMMARY:${target.title} – arviointi`);
      expect(event).toContain(`/measures/${target.roundId}/${target.id}#report`);

      // A new link, after confirming: the old address stops answering.
      await page.getByRole('button', { name: 'Tee uusi linkki', exact: true }).click();
      const rotate = page.getByRole('dialog', { name: 'Tehdäänkö uusi kalenterilinkki?' });
      await rotate.getByText('Vanha linkki lakkaa toimimasta heti').waitFor();
      await rotate.getByRole('button', { name: 'Tee uusi linkki', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Uusi kalenterilinkki luotu.' }).waitFor();
      const newUrl = await field.inputValue();
      expect(newUrl).not.toBe(url);
      expect((await fetch(url)).status).toBe(404);
      expect((await fetch(newUrl)).status).toBe(200);

      // Turned off: the address answers 404.
      await page.getByRole('button', { name: 'Poista käytöstä', exact: true }).click();
      const off = page.getByRole('dialog', { name: 'Poistetaanko kalenterilinkki käytöstä?' });
      await off.getByRole('button', { name: 'Poista käytöstä', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Kalenterilinkki poistettu käytöstä.' }).waitFor();
      expect(await field.count()).toBe(0);
      expect((await fetch(newUrl)).status).toBe(404);

      // Reminders back on, as the demo owner had them.
      await page.getByRole('checkbox', { name: REMIND, exact: true }).check();
      await page.getByRole('button', { name: 'Tallenna', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Ilmoitusasetukset tallennettu.' }).waitFor();
      const me = (await (await apiAs(page, 'GET', '/me')).json()) as { notifications: unknown; calendarFeed: boolean };
      expect(me).toMatchObject({ notifications: { reminders: true, escalations: true }, calendarFeed: false });
    } finally {
      await putSchedule(coordinator, target, original);
      await context.close();
      await desktop.close();
    }
  });
});
