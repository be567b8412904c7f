import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_ROUND_2026 } from './fixtures';
import { apiAs, launchBrowser, phoneContext, signedInPage, uniqueName } from './helpers';

const e2e = inject('e2e');

/** The demo's spring 2026 round: six approved sessions and twelve cards. */
const ROUND_ID = DEMO_ROUND_2026;

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

interface ApiCard {
  id: string;
  text: string;
  translations?: Record<string, string>;
  inDeck: boolean;
}

async function roundCards(page: Page): Promise<ApiCard[]> {
  const res = await apiAs(page, 'GET', `/rounds/${ROUND_ID}/cards`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: ApiCard[] }).items;
}

/** Opens the printable deck in `lang` and waits until every card in the deck is on it. */
async function openDeck(page: Page, lang: string, inDeck: number) {
  await page.goto(`/rounds/${ROUND_ID}/cards/print?lang=${lang}`);
  const deck = page.locator('.deck');
  await deck
    .locator('.deck-card')
    .nth(inDeck - 1)
    .waitFor();
  expect(await deck.locator('.deck-card').count()).toBe(inDeck);
  return deck;
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

  it('edits a card’s text and translation and takes it out of the deck, which the printed deck follows', async () => {
    const desktop = await browser.newContext({
      baseURL: e2e.baseUrl,
      viewport: { width: 1280, height: 900 },
      locale: 'fi-FI',
    });
    try {
      const page = await signedInPage(desktop, 'coordinator', `/rounds/${ROUND_ID}/cards`);
      // A card of its own, so no other test's cards are touched.
      const original = uniqueName('Kerhotilassa kaikki tervehtivät toisiaan');
      const made = await apiAs(page, 'POST', `/rounds/${ROUND_ID}/cards`, {
        sessionId: await approvedSessionId(page),
        aspect: 'interaction',
        tone: 'positive',
        language: 'fi',
        text: original,
        translations: { sv: 'I klubblokalen hälsar alla på varandra.' },
      });
      expect(made.status).toBe(201);
      const { id } = (await made.json()) as { id: string };
      const edited = uniqueName('Kerhotilassa kaikki tervehtivät toisiaan ja jäävät juttelemaan');
      const translated = uniqueName('I klubblokalen hälsar alla och stannar kvar för att prata');

      await page.reload();
      const item = page.locator(`li.deck-card[aria-labelledby="card-${id}-title"]`);
      await item.getByText(original, { exact: true }).waitFor();
      await item.getByRole('button', { name: 'Muokkaa', exact: true }).click();
      await item.getByLabel('Kortin teksti', { exact: true }).fill(edited);
      await item
        .getByRole('group', { name: 'Käännökset (vapaaehtoisia)' })
        .getByLabel('ruotsi', { exact: true })
        .fill(translated);
      await item.getByRole('button', { name: 'Tallenna', exact: true }).click();
      await item.getByRole('status').filter({ hasText: 'Tallennettu.' }).waitFor();
      await item.getByText(edited, { exact: true }).waitFor();
      await item.getByText(translated, { exact: true }).waitFor();
      // Still in the deck: the printed decks carry the new words.
      const before = (await roundCards(page)).filter((c) => c.inDeck).length;
      await (await openDeck(page, 'fi', before)).getByText(edited, { exact: true }).waitFor();
      await (await openDeck(page, 'sv', before)).getByText(translated, { exact: true }).waitFor();

      await page.goto(`/rounds/${ROUND_ID}/cards`);
      await item.getByLabel('Mukana pakassa', { exact: true }).uncheck();
      await item.getByText('Ei pakassa', { exact: true }).waitFor();

      // After a reload the page shows what the server keeps.
      await page.reload();
      await item.getByText(edited, { exact: true }).waitFor();
      expect(await item.getByText(original, { exact: true }).count()).toBe(0);
      await item.getByText(translated, { exact: true }).waitFor();
      await item.getByText('Ei pakassa', { exact: true }).waitFor();
      expect(await item.getByLabel('Mukana pakassa', { exact: true }).isChecked()).toBe(false);
      const cards = await roundCards(page);
      expect(cards.find((c) => c.id === id)).toMatchObject({
        text: edited,
        translations: { sv: translated },
        inDeck: false,
      });

      // Neither the Finnish nor the Swedish deck has it any more.
      const inDeck = cards.filter((c) => c.inDeck).length;
      expect(inDeck).toBe(before - 1);
      const fi = await openDeck(page, 'fi', inDeck);
      expect(await fi.getByText(edited).count()).toBe(0);
      const sv = await openDeck(page, 'sv', inDeck);
      expect(await sv.getByText(translated).count()).toBe(0);
    } finally {
      await desktop.close();
    }
  });
});
