import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pageProblems } from './a11y';
import { launchBrowser, signedInPage, text } from './helpers';

const e2e = inject('e2e');

const SPRING_2025 = '00000000-0000-4000-8000-000000000501';
const SPRING_2026 = '00000000-0000-4000-8000-000000000502';
const THRESHOLD = 5;

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

/** What the page shows as rows: each row's words, and every count of raters (`data-count`, '' when hidden). */
async function shown(page: Page): Promise<{ words: string[]; counts: string[]; summaries: string[] }> {
  return (await page.evaluate(`({
    words: [...document.querySelectorAll('[data-row] [data-word]')].map((e) => e.textContent.trim()),
    counts: [...document.querySelectorAll('[data-count]')].map((e) => e.getAttribute('data-count')),
    summaries: [...document.querySelectorAll('[data-summary]')].map((e) => e.textContent.trim()),
  })`)) as { words: string[]; counts: string[]; summaries: string[] };
}

describe.skipIf(!e2e.enabled)('round comparison on a phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a council member compares spring 2025 with spring 2026 by district, in words, with nothing about too few people', async () => {
    const context = await phone(browser);
    try {
      const page = await signedInPage(context, 'councilMember', '/dashboard/compare');
      await page.getByRole('heading', { level: 1, name: await text(page, 'cmp_title') }).waitFor();

      await page.getByLabel(await text(page, 'cmp_from'), { exact: true }).selectOption(SPRING_2025);
      await page.getByLabel(await text(page, 'cmp_to'), { exact: true }).selectOption(SPRING_2026);
      await page.getByRole('button', { name: await text(page, 'cmp_apply'), exact: true }).click();
      await page.waitForURL(
        (url) => url.searchParams.get('from') === SPRING_2025 && url.searchParams.get('to') === SPRING_2026,
      );

      await page.getByLabel(await text(page, 'cmp_by'), { exact: true }).selectOption('district');
      await page.getByRole('button', { name: await text(page, 'cmp_apply'), exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('by') === 'district');
      // The districts' rows are districts, not groups: the table's first column says so.
      await page
        .getByRole('columnheader', { name: await text(page, 'cmp_by_district'), exact: true })
        .first()
        .waitFor();
      // The status line says what is shown once the new figures are in.
      await page
        .getByRole('status')
        .filter({ hasText: await text(page, 'cmp_by_district') })
        .waitFor();

      const { words, counts, summaries } = await shown(page);
      // Four aspects, each with the everyone row and at least one district; every row says something in words.
      expect(summaries).toHaveLength(4);
      expect(words.length).toBeGreaterThanOrEqual(8);
      const allowed = await Promise.all(
        ['cmp_improved', 'cmp_worsened', 'cmp_no_clear_change', 'cmp_not_comparable'].map((k) => text(page, k)),
      );
      const onlyIn = (await text(page, 'cmp_only_in')).split('{round}')[0]!;
      for (const w of words) expect(allowed.includes(w) || w.startsWith(onlyIn), w).toBe(true);

      // Every count of raters is hidden, nobody, or at least the threshold.
      expect(counts.length).toBeGreaterThanOrEqual(words.length * 2);
      for (const c of counts) expect(c === '' || c === '0' || Number(c) >= THRESHOLD, `count ${c}`).toBe(true);

      // Fits the phone (wide tables scroll inside their own box), labelled, and axe-clean.
      expect(await pageProblems(context, page, 'compare', 3, 375)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
