import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROUND_ID, desktopContext } from './decision-helpers';
import { DEMO, apiAs, launchBrowser, signedInPage, submitSignIn } from './helpers';

const e2e = inject('e2e');

interface ApiMeasure {
  id: string;
  roundId: string;
  title: string;
  ownerId?: string;
  lastStatus?: string;
  version: number;
}

/** The measures `page`'s user sees, through the API. */
async function measures(page: Page): Promise<ApiMeasure[]> {
  const res = await apiAs(page, 'GET', '/measures');
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: ApiMeasure[] }).items;
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

const noSidewaysScroll = (page: Page) =>
  page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth');

describe.skipIf(!e2e.enabled)('measures: reporting progress and assigning owners', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an owner follows a reminder link on a phone, reports "at risk" past a conflict, and the coordinator sees it first', async () => {
    const context = await phone(browser);
    const desktop = await desktopContext(browser, e2e.baseUrl);
    try {
      // The demo seed gives the owner the first measure of each round; the 2026 round is still open.
      const lookup = await signedInPage(context, 'measureOwner');
      const mine = (await measures(lookup)).find((x) => x.roundId === ROUND_ID);
      expect(mine?.ownerId).toBe(DEMO.measureOwner.id);
      const measure = mine!;
      const path = `/measures/${measure.roundId}/${measure.id}`;

      // As from a reminder: straight to the form, through sign-in, and back to the anchor.
      const page = await context.newPage();
      await page.goto(`${path}#report`);
      await page.waitForURL((url) => url.pathname === '/signin');
      await submitSignIn(page, DEMO.measureOwner);
      await page.waitForURL((url) => url.pathname === path && url.hash === '#report');
      await page.getByRole('heading', { level: 1, name: measure.title }).waitFor();
      await page.waitForFunction(`document.activeElement?.id === 'report'`);
      expect(await noSidewaysScroll(page)).toBe(true);

      const narrative = `Tilavaraus peruuntui, uusi paikka haussa ${Date.now().toString(36)}`;
      const form = page.locator('#report');
      await form.getByRole('radio', { name: 'Riskissä', exact: true }).check();
      await form.getByRole('spinbutton', { name: 'Edistyminen (%)', exact: true }).fill('40');
      await form.getByLabel('Mitä on tapahtunut?', { exact: true }).fill(narrative);
      await form.getByRole('button', { name: 'Lisää linkki', exact: true }).click();
      await form.getByLabel('Linkki 1', { exact: true }).fill('https://example.org/poytakirja');
      expect(await form.getByRole('slider').inputValue()).toBe('40');

      // Meanwhile the coordinator reports on the same version: the owner's save meets a conflict.
      const coordinator = await signedInPage(desktop, 'coordinator');
      const other = await apiAs(
        coordinator,
        'POST',
        `/rounds/${measure.roundId}/measures/${measure.id}/reports`,
        { status: 'onTrack', progress: 30, narrative: 'Koordinaattorin välitilanne', evidenceLinks: [] },
        { 'if-match': `"${measure.version}"` },
      );
      expect(other.status).toBe(201);

      await form.getByRole('button', { name: 'Lähetä raportti', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Joku muu raportoi tällä välin.' }).waitFor();
      const timeline = page.getByRole('region', { name: 'Raportit', exact: true });
      await timeline.locator('ol > li').filter({ hasText: 'Koordinaattorin välitilanne' }).waitFor();
      // What the owner typed is still there; sending again stores it.
      expect(await form.getByLabel('Mitä on tapahtunut?', { exact: true }).inputValue()).toBe(narrative);
      expect(await form.getByRole('radio', { name: 'Riskissä', exact: true }).isChecked()).toBe(true);
      await form.getByRole('button', { name: 'Lähetä raportti', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Raportti tallennettu.' }).waitFor();

      // Newest first: the owner's report, then the coordinator's.
      const first = timeline.locator('ol > li').first();
      await first.filter({ hasText: narrative }).waitFor();
      expect(await first.textContent()).toContain('Riskissä');
      expect(await first.textContent()).toContain('Edistyminen 40 %');
      expect(await first.getByRole('link').textContent()).toBe('https://example.org/poytakirja');
      expect(await timeline.locator('ol > li').nth(1).textContent()).toContain('Koordinaattorin välitilanne');
      expect(await noSidewaysScroll(page)).toBe(true);

      // The coordinator's overview: at risk first, this measure among them.
      await coordinator.goto('/measures');
      await coordinator.getByRole('heading', { level: 1, name: 'Toimenpiteet' }).waitFor();
      const items = coordinator.getByRole('main').locator('li.measure-item');
      await items.first().waitFor();
      const texts = await items.allTextContents();
      const index = texts.findIndex((t) => t.includes(measure.title));
      expect(index).toBeGreaterThanOrEqual(0);
      expect(texts[index]).toContain('Riskissä');
      expect(texts[index]).toContain('Edistyminen 40 %');
      // Everything listed before it is at risk too.
      expect(texts.slice(0, index + 1).every((t) => t.includes('Riskissä'))).toBe(true);
      expect(texts[0]).toContain('Riskissä');
    } finally {
      await context.close();
      await desktop.close();
    }
  });

  it('the coordinator assigns a new owner on the measure page', async () => {
    const desktop = await desktopContext(browser, e2e.baseUrl);
    try {
      const page = await signedInPage(desktop, 'coordinator');
      const measure = (await measures(page)).find((x) => x.roundId === ROUND_ID && x.ownerId === DEMO.coordinator.id);
      expect(measure).toBeDefined();
      const path = `/rounds/${measure!.roundId}/measures/${measure!.id}`;
      await page.goto(`/measures/${measure!.roundId}/${measure!.id}`);
      await page.getByRole('heading', { level: 1, name: measure!.title }).waitFor();
      const section = page.getByRole('region', { name: 'Vastuut', exact: true });
      await section.getByLabel('Vastuuhenkilö', { exact: true }).selectOption(DEMO.organisationStaff.id);
      await section.getByRole('button', { name: 'Tallenna', exact: true }).click();
      await section.getByRole('status').filter({ hasText: 'Tallennettu.' }).waitFor();

      const res = await apiAs(page, 'GET', path);
      expect(res.status).toBe(200);
      const saved = (await res.json()) as { measure: ApiMeasure };
      expect(saved.measure.ownerId).toBe(DEMO.organisationStaff.id);
      expect(saved.measure.version).toBeGreaterThan(measure!.version);
      // The details say who owns it now.
      const details = page.getByRole('region', { name: 'Tiedot', exact: true });
      await details.getByText(DEMO.organisationStaff.name, { exact: true }).waitFor();
    } finally {
      await desktop.close();
    }
  });
});
