import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pageProblems } from './a11y';
import { apiAs, launchBrowser, signedInPage, uniqueName } from './helpers';

const e2e = inject('e2e');

/** The demo's spring 2025 round, whose measures spring 2026 followed up (functions/src/local/demo-history.ts). */
const ROUND_2025 = '00000000-0000-4000-8000-000000000501';

/** A 375 px phone, in English. */
async function phone(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: e2e.baseUrl,
    viewport: { width: 375, height: 812 },
    locale: 'en-GB',
  });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);
  return context;
}

const summaryOf = (page: Page) => page.getByTestId('impact-summary').innerText();

describe.skipIf(!e2e.enabled)('impact of measures and who to consult next', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a council member reads what happened after 2025’s measures on a phone, and follows the chain both ways', async () => {
    const context = await phone(browser);
    try {
      // Spring 2025 by name: other tests may add rounds that would become the view's default.
      const page = await signedInPage(context, 'councilMember', `/dashboard/impact?roundId=${ROUND_2025}`);
      await page.getByRole('heading', { level: 1, name: 'Impact of the measures' }).waitFor();
      // The answer first: one sentence about 2025's measures, compared with 2026.
      expect(await summaryOf(page)).toMatch(/^Of the \d+ measures of Spring 2025, .+\.$/);
      await page.getByText('Compared with Spring 2026.').waitFor();
      expect(await page.getByRole('combobox', { name: 'Round whose measures to follow' }).inputValue()).toBe(
        ROUND_2025,
      );
      expect(await pageProblems(context, page, 'impact', 1, 375)).toEqual([]);

      // Each measure says what it targeted and what happened, aspect by aspect.
      const measures = page.locator('li.measure');
      expect(await measures.count()).toBeGreaterThan(0);
      const first = measures.first();
      await first.getByText(/^Outcome: /).waitFor();
      expect(await first.locator('table caption').count()).toBeGreaterThan(0);
      // The card counts link to the cards behind them, read-only for a council member.
      expect(await first.getByRole('link', { name: /positive|negative/ }).count()).toBeGreaterThan(0);

      // Measure → its page → "what happened next" → back to the same measure here.
      const title = await first.getByRole('heading', { level: 2 }).innerText();
      await first.getByRole('link', { name: title }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      const trace = page.getByRole('region', { name: 'Where this came from and what happened next' });
      await trace.getByRole('link', { name: 'What happened to the targeted groups in the next round' }).click();
      await page.waitForURL(
        (url) => url.pathname === '/dashboard/impact' && url.searchParams.get('roundId') === ROUND_2025,
      );
      const anchor = new URL(page.url()).hash.slice(1);
      expect(anchor).toMatch(/^measure-/);
      await page.locator(`[id="${anchor}"]`).getByRole('heading', { level: 2, name: title }).waitFor();
      expect(await summaryOf(page)).toMatch(/^Of the \d+ measures of Spring 2025/);
    } finally {
      await context.close();
    }
  });

  it('a coordinator follows a measure’s card counts to exactly those cards and comes back', async () => {
    const context = await phone(browser);
    try {
      const page = await signedInPage(context, 'coordinator', `/dashboard/impact?roundId=${ROUND_2025}`);
      const summary = await summaryOf(page);
      const link = page
        .locator('li.measure')
        .getByRole('link', { name: /^\d+ (positive|negative)$/ })
        .first();
      const href = new URL((await link.getAttribute('href'))!, e2e.baseUrl);
      expect(href.pathname).toMatch(/^\/rounds\/[^/]+\/cards$/);
      expect(href.searchParams.get('aspect')).not.toBeNull();
      expect(['positive', 'negative']).toContain(href.searchParams.get('tone'));
      expect(href.searchParams.getAll('group').length + href.searchParams.getAll('district').length).toBeGreaterThan(0);
      await link.click();
      await page.waitForURL((url) => url.pathname === href.pathname && url.search === href.search);
      await page.getByRole('heading', { level: 1, name: 'Experience cards' }).waitFor();
      await page.goBack();
      await page.waitForURL((url) => url.pathname === '/dashboard/impact');
      await page.getByTestId('impact-summary').waitFor();
      expect(await summaryOf(page)).toBe(summary);
    } finally {
      await context.close();
    }
  });

  it('a council member sees the groups × rounds matrix and a group never heard, with the reason', async () => {
    const context = await phone(browser);
    // The coordinator works in a browser of their own: a second sign-in in the same one could be
    // answered from the first one's session instead of showing the sign-in page.
    const coordinatorContext = await phone(browser);
    try {
      const coordinator = await signedInPage(coordinatorContext, 'coordinator');
      const name = uniqueName('Uudet asukkaat');
      const created = await apiAs(coordinator, 'POST', '/population-groups', {
        name: { fi: name, sv: name, en: name },
        languages: ['fi'],
      });
      expect(created.status).toBe(201);
      await coordinatorContext.close();

      // From the impact view, as a reader moves between the dashboard's views, to "Who to consult next".
      const page = await signedInPage(context, 'councilMember', `/dashboard/impact?roundId=${ROUND_2025}`);
      await page.getByRole('heading', { level: 1, name: 'Impact of the measures' }).waitFor();
      await page.getByRole('link', { name: 'Who to consult next', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/dashboard/coverage');
      await page.getByRole('heading', { level: 1, name: 'Who to consult next' }).waitFor();
      expect(await page.getByTestId('coverage-summary').innerText()).toMatch(/groups are suggested for the next round/);
      const matrix = page.getByRole('table', { name: /Sessions held and participants per group and round/ });
      await matrix.getByRole('columnheader', { name: 'Spring 2025' }).waitFor();
      await matrix.getByRole('rowheader', { name }).waitFor();
      const suggestion = page
        .getByRole('region', { name: 'Suggested groups' })
        .getByRole('listitem')
        .filter({ hasText: name });
      await suggestion.getByText('Not consulted in any round.').waitFor();
      // A cell leads to that round's held sessions of that group (none here), which every dashboard reader may open.
      const cell = matrix.getByRole('link', { name: `${name}, Spring 2025: not consulted` });
      const href = new URL((await cell.getAttribute('href'))!, e2e.baseUrl);
      expect([href.pathname, href.searchParams.get('round'), href.searchParams.get('group')]).toEqual([
        '/dashboard/sessions',
        ROUND_2025,
        expect.any(String),
      ]);
      expect(await pageProblems(context, page, 'coverage', 0, 375)).toEqual([]);
    } finally {
      await coordinatorContext.close();
      await context.close();
    }
  });
});
