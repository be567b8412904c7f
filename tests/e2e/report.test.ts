import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CouncilReport } from '@sillat/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, inject, it } from 'vitest';
import { axeViolations } from './a11y';
import { REPO_ROOT, apiAs, signedInPage, useBrowser } from './helpers';

const e2e = inject('e2e');

/** The demo's spring 2026 round (in monitoring), started from spring 2025. */
const ROUND_ID = '00000000-0000-4000-8000-000000000502';
const REPORT = `/rounds/${ROUND_ID}/report`;

const messages = (locale: string) =>
  JSON.parse(readFileSync(join(REPO_ROOT, `web/messages/${locale}.json`), 'utf8')) as Record<string, string>;
const FI = messages('fi');
const SV = messages('sv');

/** A 375 px phone in the given browser language. */
function phone(browser: Browser, locale: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL: e2e.baseUrl, viewport: { width: 375, height: 812 }, locale }).then((context) => {
    context.setDefaultTimeout(10_000);
    context.setDefaultNavigationTimeout(20_000);
    return context;
  });
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Prints the page as Chromium does and returns each PDF page's text items, in reading order. */
async function printedPages(page: Page): Promise<string[][]> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: true }).promise;
  const pages: string[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.flatMap((item) => ('str' in item && squash(item.str) !== '' ? [squash(item.str)] : [])));
  }
  await doc.destroy();
  return pages;
}

/** Whether `heading` starts one of the pages: nothing but the running line ("municipality · round · …") before it. */
function startsAPage(pages: string[][], heading: string, runningLine: string): boolean {
  return pages.some((items) => {
    const at = items.indexOf(heading);
    return at >= 0 && squash(items.slice(0, at).join(' ')) === runningLine;
  });
}

async function reportOf(page: Page): Promise<CouncilReport> {
  const res = await apiAs(page, 'GET', REPORT);
  expect(res.status).toBe(200);
  return (await res.json()) as CouncilReport;
}

const runningLine = (template: string, report: CouncilReport, locale: 'fi' | 'sv') =>
  template
    .replace('{municipality}', report.municipality.name[locale] ?? report.municipality.name.fi!)
    .replace('{round}', report.round.name[locale]!);

describe.skipIf(!e2e.enabled)('the council report', () => {
  const { context } = useBrowser(() => e2e.baseUrl);

  it('a council member opens it from the round on a phone and prints it to A4 PDF, section by section', async () => {
    const ctx = await context((browser) => phone(browser, 'fi-FI'));
    const page = await signedInPage(ctx, 'councilMember', `/rounds/${ROUND_ID}`);
    await page.getByRole('link', { name: FI.rep_link, exact: true }).click();
    await page.waitForURL((url) => url.pathname === REPORT);
    const title = FI.rep_page_title!.replace('{round}', 'Kevät 2026');
    await page.getByRole('heading', { level: 1, name: title }).waitFor();

    // The screen view: readable on a phone, the print button offered, accessible.
    await page.getByRole('button', { name: FI.rep_print, exact: true }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(
      true,
    );
    expect(await axeViolations(page)).toEqual([]);

    const report = await reportOf(page);
    const pages = await printedPages(page);
    const all = pages.map((items) => items.join(' '));
    expect(pages.length).toBeGreaterThanOrEqual(5);

    // Page 1: whose report (municipality, round) and the summary.
    const municipality = report.municipality.name.fi!;
    expect(all[0]).toContain(municipality);
    expect(all[0]).toContain(title);
    expect(pages[0]).toContain(FI.rep_summary);

    // Each further section begins a page of its own, under the running line.
    const running = runningLine(FI.rep_running!, report, 'fi');
    for (const heading of [FI.rep_aspects!, FI.rep_groups!, FI.rep_measures!, FI.rep_comparison!]) {
      expect(startsAPage(pages, heading, running), `${heading} starts a page`).toBe(true);
    }
    // The measures of the round are listed by title.
    for (const x of report.measures) expect(all.join(' ')).toContain(x.title);

    // None of the app's chrome is printed: no menu, sign-out, tagline or the print button itself.
    for (const chrome of [FI.nav_home!, FI.sign_out!, FI.app_tagline!, FI.rep_print!, FI.acct_nav!, FI.nav_api_docs!]) {
      expect(
        all.filter((text) => text.includes(chrome)),
        chrome,
      ).toEqual([]);
    }

    // The participants printed per group are the API's, and none is about fewer people than the threshold.
    // A name broken at its hyphen over two lines reads back as "Itä- Helsingissä".
    const groupsPage = all.find((text) => text.includes(FI.rep_groups!))!.replace(/-\s+/g, '-');
    for (const g of report.groups) {
      expect(g.participants === null || g.participants === 0 || g.participants >= report.threshold).toBe(true);
      // The row reads: group name, sessions, participants ("–" when hidden).
      const row = `${g.populationGroup.name.fi} ${g.sessions} ${g.participants === null ? '–' : g.participants} `;
      expect(groupsPage).toContain(row);
    }
    const printedCounts = all
      .join(' ')
      .match(/\b\d+\b/g)!
      .map(Number);
    expect(report.summary.participants).not.toBeNull();
    expect(printedCounts).toContain(report.summary.participants);
    expect(report.summary.survey.respondents === null || report.summary.survey.respondents >= report.threshold).toBe(
      true,
    );
  });

  it('prints in Swedish for a Swedish reader', async () => {
    const ctx = await context((browser) => phone(browser, 'sv-FI'));
    const page = await signedInPage(ctx, 'councilMember', REPORT);
    await page.getByRole('heading', { level: 1, name: SV.rep_page_title!.replace('{round}', 'Våren 2026') }).waitFor();
    const report = await reportOf(page);
    const pages = await printedPages(page);
    expect(pages.length).toBeGreaterThanOrEqual(5);
    expect(pages[0]).toContain(SV.rep_summary);
    const running = runningLine(SV.rep_running!, report, 'sv');
    for (const heading of [SV.rep_aspects!, SV.rep_groups!, SV.rep_measures!, SV.rep_comparison!]) {
      expect(startsAPage(pages, heading, running), `${heading} starts a page`).toBe(true);
    }
    expect(pages.flat().join(' ')).not.toContain(FI.rep_summary);
  });
});
