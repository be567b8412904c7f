import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { todayIn } from '@sillat/shared/reminders';
import { pageProblems } from './a11y';
import { ROUND_ID, apiWithVersion, desktopContext, versionOf } from './decision-helpers';
import { DEMO, apiAs, launchBrowser, signedInPage, submitSignIn } from './helpers';

const e2e = inject('e2e');

interface ApiMeasure {
  id: string;
  roundId: string;
  title: string;
  ownerId?: string;
}

interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  locale?: string;
  createdAt: string;
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

async function outbox(admin: Page): Promise<OutboxMail[]> {
  const res = await apiAs(admin, 'GET', '/outbox');
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: OutboxMail[] }).items;
}

const noSidewaysScroll = (page: Page) =>
  page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth');

/**
 * Issue 6's reminder, end to end: the timer inside the real server (every 6 s
 * in this tier, tests/e2e/global-setup.ts) puts the owner's digest into the
 * outbox, and the owner follows its link on a phone.
 */
describe.skipIf(!e2e.enabled)('reminders: from a checkpoint to the outbox, to a report on a phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the timer mails the owner a Finnish digest, the administrator reads it, and the owner reports "at risk" from its link', async () => {
    const desktop = await desktopContext(browser, e2e.baseUrl);
    const mobile = await phone(browser);
    let cleanUp: (() => Promise<void>) | undefined;
    try {
      // The demo owner's measure in the open 2026 round (the seed gives them its first) gets a checkpoint
      // today. measures.test.ts reports on the same measure; both read its version fresh, and the schedule
      // is emptied again at the end, so either file may run first.
      const coordinator = await signedInPage(desktop, 'coordinator');
      const list = await apiAs(coordinator, 'GET', `/measures?ownerId=${DEMO.measureOwner.id}`);
      expect(list.status).toBe(200);
      const found = ((await list.json()) as { items: ApiMeasure[] }).items.find((x) => x.roundId === ROUND_ID);
      expect(found?.ownerId).toBe(DEMO.measureOwner.id);
      const measure = found!;
      const path = `/rounds/${measure.roundId}/measures/${measure.id}`;
      cleanUp = async () => {
        const now = await apiAs(coordinator, 'GET', path);
        const emptied = await apiWithVersion(coordinator, 'PUT', `${path}/schedule`, versionOf(now), { entries: [] });
        expect(emptied.status).toBe(200);
      };
      const current = await apiAs(coordinator, 'GET', path);
      expect(current.status).toBe(200);
      const today = todayIn(new Date(), 'Europe/Helsinki');
      const assess = 'Kevään osallistujamäärät';
      const scheduled = await apiWithVersion(coordinator, 'PUT', `${path}/schedule`, versionOf(current), {
        entries: [{ kind: 'single', date: today, assess }],
      });
      expect(scheduled.status).toBe(200);

      // The next run of the timer keeps the owner's digest in the outbox (no SMTP server in this tier).
      const link = `/measures/${measure.roundId}/${measure.id}#report`;
      const admin = await signedInPage(mobile, 'administrator');
      // The digest that carries today's checkpoint (an earlier run may have mailed the owner about others).
      const digestFor = (mails: OutboxMail[]) =>
        mails.find((x) => x.to === DEMO.measureOwner.email && x.text.includes(link) && x.text.includes(assess));
      await expect.poll(async () => digestFor(await outbox(admin)), { timeout: 90_000, interval: 1_000 }).toBeDefined();
      const mail = digestFor(await outbox(admin))!;
      // In the owner's language (Finnish), naming the measure, what to assess and that it is due today.
      expect(mail.locale).toBe('fi');
      expect(mail.subject).toMatch(/^Sillat: muistutukset \(\d+\)$/);
      expect(mail.text).toContain('Hei,');
      expect(mail.text).toContain(`Edistymisraportti: ${measure.title} (${assess}) — erääntyy tänään`);
      const url = mail.text.split(/\s+/).find((word) => word.endsWith(link));
      expect(url).toMatch(/^https?:\/\/[^/]+\/measures\//);

      // The administrator reads it on the Outbox page, on a phone, the link clickable.
      await admin
        .getByRole('navigation', { name: 'Päävalikko' })
        .getByRole('link', { name: 'Lähtevät viestit' })
        .click();
      await admin.getByRole('heading', { level: 1, name: 'Lähtevät viestit' }).waitFor();
      const item = admin
        .getByRole('main')
        .getByRole('listitem')
        .filter({ has: admin.getByRole('link', { name: url!, exact: true }) })
        .first();
      await item.waitFor();
      expect(await item.getByRole('heading', { level: 3 }).innerText()).toBe(mail.subject);
      const shown = await item.innerText();
      expect(shown).toContain(DEMO.measureOwner.email);
      expect(shown).toContain('suomi');
      expect(shown).toContain(`Edistymisraportti: ${measure.title} (${assess}) — erääntyy tänään`);
      const href = await item.getByRole('link', { name: url!, exact: true }).getAttribute('href');
      expect(href).toBe(url);
      expect(await pageProblems(mobile, admin, '/outbox', 1, 375)).toEqual([]);

      // The owner, on another phone, follows the link: sign-in, then straight to the report form.
      const ownerPhone = await phone(browser);
      try {
        const page = await ownerPhone.newPage();
        await page.goto(href!);
        await page.waitForURL((u) => u.pathname === '/signin');
        await submitSignIn(page, DEMO.measureOwner);
        await page.waitForURL(
          (u) => u.pathname === `/measures/${measure.roundId}/${measure.id}` && u.hash === '#report',
        );
        await page.getByRole('heading', { level: 1, name: measure.title }).waitFor();
        await page.waitForFunction(`document.activeElement?.id === 'report'`);
        expect(await noSidewaysScroll(page)).toBe(true);

        const narrative = `Osallistujia vähemmän kuin odotettiin ${Date.now().toString(36)}`;
        const form = page.locator('#report');
        await form.getByRole('radio', { name: 'Riskissä', exact: true }).check();
        await form.getByRole('spinbutton', { name: 'Edistyminen (%)', exact: true }).fill('25');
        await form.getByLabel('Mitä on tapahtunut?', { exact: true }).fill(narrative);
        await form.getByRole('button', { name: 'Lähetä raportti', exact: true }).click();
        await page.getByRole('status').filter({ hasText: 'Raportti tallennettu.' }).waitFor();
        const timeline = page.getByRole('region', { name: 'Raportit', exact: true });
        await timeline.locator('ol > li').first().filter({ hasText: narrative }).waitFor();
        expect(await noSidewaysScroll(page)).toBe(true);
      } finally {
        await ownerPhone.close();
      }

      // The coordinator's overview: this measure at risk, with only at-risk measures before it.
      await coordinator.goto('/measures');
      await coordinator.getByRole('heading', { level: 1, name: 'Toimenpiteet' }).waitFor();
      const items = coordinator.getByRole('main').locator('li.measure-item');
      await items.first().waitFor();
      const texts = await items.allTextContents();
      const hrefs = await Promise.all((await items.all()).map((i) => i.locator('h3 a').getAttribute('href')));
      const index = hrefs.indexOf(`/measures/${measure.roundId}/${measure.id}`);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(texts[index]).toContain('Riskissä');
      expect(texts[index]).toContain('Edistyminen 25 %');
      expect(texts[index]).toContain(DEMO.measureOwner.name);
      expect(texts.slice(0, index + 1).every((t) => t.includes('Riskissä'))).toBe(true);
    } finally {
      await cleanUp?.();
      await mobile.close();
      await desktop.close();
    }
  });
});
