import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, launchBrowser, phoneContext, signedInPage, uniqueName } from './helpers';

const e2e = inject('e2e');

/** The demo's spring 2026 round: six approved sessions and twelve cards. */
const ROUND_ID = '00000000-0000-4000-8000-000000000502';

async function approvedSessionId(page: Page): Promise<string> {
  const res = await apiAs(page, 'GET', `/rounds/${ROUND_ID}/sessions`);
  const { items } = (await res.json()) as { items: { id: string; status: string }[] };
  const approved = items.find((s) => s.status === 'approved');
  expect(approved).toBeDefined();
  return approved!.id;
}

async function makeCard(page: Page, aspect: string, tone: string, text: string): Promise<void> {
  await page.getByLabel('Näkökulma', { exact: true }).selectOption({ label: aspect });
  await page.getByLabel('Sävy', { exact: true }).selectOption({ label: tone });
  await page.getByLabel('Kortin kieli', { exact: true }).selectOption('fi');
  await page.getByLabel('Kortin teksti', { exact: true }).fill(text);
  await page.getByText(`${text.length}/600 merkkiä`).waitFor();
  await page.getByRole('button', { name: 'Tallenna kortti', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Kortti tallennettu.' }).waitFor();
}

describe.skipIf(!e2e.enabled)('experience cards: from approved notes to the printed deck', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the round overview on a phone without sideways scrolling', async () => {
    const phone = await phoneContext(browser, e2e.baseUrl, 'fi-FI');
    try {
      const page = await signedInPage(phone, 'coordinator', `/rounds/${ROUND_ID}`);
      await page.getByText('Keskustelut väestöryhmittäin ja alueittain').waitFor();
      await page.getByText('Kokemuskortit näkökulmittain ja sävyittäin').waitFor();
      expect(await page.getByRole('row', { name: /turvallisuuden tunne/ }).count()).toBe(1);
      expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(360);
    } finally {
      await phone.close();
    }
  });

  it('makes two cards from an approved session and prints them on A4 pages', async () => {
    const desktop = await browser.newContext({
      baseURL: e2e.baseUrl,
      viewport: { width: 1280, height: 900 },
      locale: 'fi-FI',
    });
    try {
      const page = await signedInPage(desktop, 'coordinator', `/rounds/${ROUND_ID}`);
      const sessionId = await approvedSessionId(page);
      await page.goto(`/rounds/${ROUND_ID}/sessions/${sessionId}`);
      await page.getByRole('heading', { name: 'Tee kokemuskortti' }).waitFor();

      const first = uniqueName('Kirjaston iltapäivät tuovat naapurit yhteen');
      const second = uniqueName('Bussipysäkillä illalla ei tunnu turvalliselta');
      await makeCard(page, 'vuorovaikutus', 'Myönteinen', first);
      await makeCard(page, 'turvallisuuden tunne', 'Kielteinen', second);

      // Both are in the round's cards, in the deck.
      await page.goto(`/rounds/${ROUND_ID}/cards`);
      await page.getByText(first).waitFor();
      await page.getByText(second).waitFor();
      // Curation: out of the deck and back in, each saved with the card's version.
      const item = page.locator('li.deck-card', { hasText: first });
      await item.getByLabel('Mukana pakassa').uncheck();
      await item.getByText('Ei pakassa', { exact: true }).waitFor();
      await item.getByLabel('Mukana pakassa').check();
      await item.getByText('Pakassa', { exact: true }).waitFor();
      const res = await apiAs(page, 'GET', `/rounds/${ROUND_ID}/cards`);
      const { items } = (await res.json()) as { items: { text: string; inDeck: boolean }[] };
      const inDeck = items.filter((c) => c.inDeck).length;
      expect(items.filter((c) => c.text === first || c.text === second).every((c) => c.inDeck)).toBe(true);

      await page.goto(`/rounds/${ROUND_ID}/cards/print?lang=fi`);
      await page.emulateMedia({ media: 'print' });
      const deck = page.locator('.deck');
      await deck.getByText(first).waitFor();
      await deck.getByText(second).waitFor();
      expect(await page.locator('.deck-card').count()).toBe(inDeck);
      // Aspect and tone in words, and nothing of the app's chrome on paper.
      expect(await deck.getByText('Kielteinen').count()).toBeGreaterThan(0);
      expect(await page.locator('header.site-header').isVisible()).toBe(false);
      expect(await page.locator('footer.site-footer').isVisible()).toBe(false);

      const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
      const pages = pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
      // Six cards to a sheet.
      expect(pages).toBe(Math.ceil(inDeck / 6));
    } finally {
      await desktop.close();
    }
  });
});
