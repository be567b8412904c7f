import { ASPECTS, ASPECT_LABELS } from '@sillat/shared/aspects';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type DeckCard, apiWithVersion, desktopContext, roundWithDeck, versionOf } from './decision-helpers';
import { apiAs, launchBrowser, phoneContext, signedInPage } from './helpers';

const e2e = inject('e2e');

interface ApiBoard {
  status: string;
  token?: string;
  tables: number;
  summary: { cards: { cardId: string; more: number; less: number }[]; ideas: { id: string; text: string }[] };
}

async function board(page: Page, roundId: string): Promise<ApiBoard> {
  const res = await apiAs(page, 'GET', `/rounds/${roundId}/board`);
  expect(res.status).toBe(200);
  return (await res.json()) as ApiBoard;
}

/** The `n`th card of the deck on a table's page. */
const tableCard = (page: Page, n: number) => page.locator('li.table-card').nth(n - 1);

/** Waits until the facilitator's summary row of card `n` reads `more` and `less`. */
const marksRow = (page: Page, n: number, more: number, less: number) =>
  page.getByRole('row', { name: new RegExp(`^Kortti ${n} · .* ${more} ${less}$`) }).waitFor();

describe.skipIf(!e2e.enabled)(
  '"more of this, less of that": tables on phones, the facilitator, the action plan',
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('runs the board for two tables, turns an idea into a candidate and confirms a plan of at most four', async () => {
      const desktop = await desktopContext(browser, e2e.baseUrl);
      const phones = await Promise.all([
        phoneContext(browser, e2e.baseUrl, 'sv-FI'),
        phoneContext(browser, e2e.baseUrl, 'en-GB'),
      ]);
      try {
        const page = await signedInPage(desktop, 'coordinator', '/rounds');
        const { roundId, deck } = await roundWithDeck(page);
        expect(deck.length).toBe(3);

        // The facilitator opens the board for two tables.
        await page.goto(`/rounds/${roundId}/board`);
        await page.getByRole('heading', { level: 1, name: 'Lisää tätä, vähemmän tuota' }).waitFor();
        await page.getByLabel('Pöytien määrä', { exact: true }).fill('2');
        await page.getByRole('button', { name: 'Avaa taulu', exact: true }).click();
        await page.getByRole('status').filter({ hasText: 'Taulu on auki 2 pöydälle.' }).waitFor();
        const opened = await board(page, roundId);
        expect(opened).toMatchObject({ status: 'open', tables: 2 });
        // A link and a QR code per table.
        const links = [1, 2].map((n) => `${e2e.baseUrl}/board/${opened.token}/${n}`);
        for (const [i, link] of links.entries()) {
          await page.getByRole('img', { name: `Pöydän ${i + 1} QR-koodi` }).waitFor();
          expect(await page.getByRole('link', { name: link, exact: true }).getAttribute('href')).toBe(
            new URL(link).pathname,
          );
        }

        // Table 1 reads Swedish on a phone, without signing in.
        const one = await phones[0].newPage();
        await one.goto(links[0]!);
        await one.getByRole('heading', { level: 1, name: 'Bord 1' }).waitFor();
        expect(new URL(one.url()).pathname).toBe(new URL(links[0]!).pathname);
        expect(await one.locator('li.table-card').count()).toBe(deck.length);
        await tableCard(one, 1).getByText(deck[0]!.translations!.sv!).waitFor();
        const more1 = tableCard(one, 1).getByRole('button', { name: 'Mer av det här' });
        await more1.click();
        await tableCard(one, 1).locator('button[aria-pressed="true"]:not([disabled])').waitFor();
        expect(await more1.getAttribute('aria-pressed')).toBe('true');
        await tableCard(one, 2).getByRole('button', { name: 'Mindre av det här' }).click();
        await tableCard(one, 2).locator('button[aria-pressed="true"]:not([disabled])').waitFor();
        // An idea tied to the first card.
        const idea1 = 'Belysning och en väktare vid stationen på kvällarna.';
        await one.getByLabel('Öka det goda').check();
        await one.getByLabel('Er idé', { exact: true }).fill(idea1);
        await one.getByRole('checkbox', { name: /Kort 1:/ }).check();
        await one.getByRole('button', { name: 'Skicka idén', exact: true }).click();
        await one.getByRole('status').filter({ hasText: 'Idén har skickats.' }).waitFor();
        await one.locator('.own-ideas').getByText(idea1).waitFor();
        expect(Number(await one.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(360);

        // Table 2 reads English; a mark pressed again comes off.
        const two = await phones[1].newPage();
        await two.goto(links[1]!);
        await two.getByRole('heading', { level: 1, name: 'Table 2' }).waitFor();
        await tableCard(two, 1).getByText(deck[0]!.translations!.en!).waitFor();
        await tableCard(two, 1).getByRole('button', { name: 'More of this' }).click();
        await tableCard(two, 1).locator('button[aria-pressed="true"]:not([disabled])').waitFor();
        const less3 = tableCard(two, 3).getByRole('button', { name: 'Less of this' });
        await less3.click();
        await tableCard(two, 3).locator('button[aria-pressed="true"]:not([disabled])').waitFor();
        await less3.click();
        await tableCard(two, 3)
          .locator('button[aria-pressed="false"]:not([disabled])', { hasText: 'Less of this' })
          .waitFor();

        // An idea whose answer is lost on the way back: it is kept, sent again with the same id, and stored once.
        const idea2 = 'Ask residents to plan the station square with the city.';
        const answers: number[] = [];
        let dropped = false;
        await two.route('**/api/boards/*/tables/2/ideas', async (route) => {
          const response = await route.fetch();
          answers.push(response.status());
          if (!dropped) {
            dropped = true;
            await route.abort('connectionreset');
          } else {
            await route.fulfill({ response });
          }
        });
        await two.getByLabel('Reduce the bad').check();
        await two.getByLabel('Your idea', { exact: true }).fill(idea2);
        await two.getByRole('button', { name: 'Send the idea', exact: true }).click();
        await two.getByRole('status').filter({ hasText: 'No connection: the idea is kept on this device' }).waitFor();
        await two.locator('.own-ideas').getByText('Not sent yet').waitFor();
        const kept = (await two.evaluate(`localStorage.getItem('sillat.board.${opened.token}.2.pending')`)) as string;
        expect(kept).toContain(idea2);
        await two.getByRole('button', { name: 'Send again now', exact: true }).click();
        await two.locator('.own-ideas').getByText('Not sent yet').waitFor({ state: 'detached' });
        expect(answers).toEqual([201, 200]);
        expect(await two.evaluate(`localStorage.getItem('sillat.board.${opened.token}.2.pending')`)).toBeNull();
        await two.unroute('**/api/boards/*/tables/2/ideas');

        // The connection drops altogether: the idea waits on the phone and goes when it returns.
        const idea3 = 'A shared evening café in the library.';
        await phones[1].setOffline(true);
        await two.getByLabel('Increase the good').check();
        await two.getByLabel('Your idea', { exact: true }).fill(idea3);
        await two.getByRole('button', { name: 'Send the idea', exact: true }).click();
        await two.locator('.own-ideas li', { hasText: idea3 }).getByText('Not sent yet').waitFor();
        await phones[1].setOffline(false);
        await two.locator('.own-ideas').getByText('Not sent yet').waitFor({ state: 'detached' });

        const summary = (await board(page, roundId)).summary;
        expect(summary.ideas.map((i) => i.text).sort()).toEqual([idea1, idea2, idea3].sort());

        // The facilitator's summary follows the tables by itself.
        await marksRow(page, 1, 2, 0);
        await marksRow(page, 2, 0, 1);
        await marksRow(page, 3, 0, 0);
        const ideas = page.locator('section', { has: page.getByRole('heading', { name: 'Pöytien ideat' }) });
        await ideas.getByText(`Pöytä 1: ${idea1}`).waitFor();
        await ideas.getByText(`Pöytä 2: ${idea2}`).waitFor();
        await ideas.getByText('Kortit: 1').waitFor();

        // An idea becomes a candidate measure, prefilled from the card it is about (the deck's first).
        const first: DeckCard = deck[0]!;
        const extra = ASPECTS.find((a) => a !== first.aspect)!;
        await ideas.getByLabel(`Pöytä 1: ${idea1}`).check();
        await page.getByRole('button', { name: 'Tee valituista ideoista toimenpide-ehdotus (1)' }).click();
        const title = page.getByLabel('Otsikko', { exact: true });
        expect(await title.inputValue()).toBe(idea1);
        expect(await page.getByLabel('Kuvaus', { exact: true }).inputValue()).toBe(idea1);
        // The aspect of the card the idea is about, and no other.
        for (const aspect of ASPECTS) {
          const box = page.getByRole('checkbox', { name: ASPECT_LABELS[aspect].fi, exact: true });
          expect(await box.isChecked(), aspect).toBe(aspect === first.aspect);
        }
        await title.fill('Turvallinen asema iltaisin');
        await page.getByRole('checkbox', { name: ASPECT_LABELS[extra].fi, exact: true }).check();
        await page.getByRole('button', { name: 'Tallenna ehdotus', exact: true }).click();
        await page
          .getByRole('status')
          .filter({ hasText: 'Toimenpide-ehdotus tallennettu: Turvallinen asema iltaisin' })
          .waitFor();
        await ideas.getByText('Toimenpide-ehdotuksessa', { exact: true }).waitFor();
        const candidates = await apiAs(page, 'GET', `/rounds/${roundId}/candidates`);
        const [made] = ((await candidates.json()) as { items: Record<string, unknown>[] }).items;
        expect(made).toMatchObject({
          title: 'Turvallinen asema iltaisin',
          aspects: ASPECTS.filter((a) => a === first.aspect || a === extra),
          populationGroupIds: [first.populationGroupId],
          districtIds: [first.districtId],
          ideaIds: [summary.ideas.find((i) => i.text === idea1)!.id],
          cardIds: [first.id],
        });

        // The facilitator closes the board; the tables' pages stop.
        await page.getByRole('button', { name: 'Sulje taulu', exact: true }).click();
        await page.getByRole('status').filter({ hasText: 'Taulu on suljettu.' }).waitFor();
        await one.reload();
        await one.getByText('Det här bordets sida är inte öppen.', { exact: false }).waitFor();

        // Four more candidates, then the plan: one to four measures.
        for (const n of [2, 3, 4, 5]) {
          const res = await apiAs(page, 'POST', `/rounds/${roundId}/candidates`, {
            title: `Toimenpide ${n}`,
            description: '',
            aspects: ['participation'],
            populationGroupIds: [],
            districtIds: [],
          });
          expect(res.status).toBe(201);
        }
        await page.getByRole('link', { name: 'Muokkaa ehdotuksia ja valitse toimenpidesuunnitelma' }).click();
        await page.getByRole('heading', { level: 1, name: 'Toimenpidesuunnitelma' }).waitFor();

        // Nothing chosen yet: confirming is refused with the API's reason.
        await page.getByRole('button', { name: 'Vahvista toimenpidesuunnitelma', exact: true }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Vahvista toimenpidesuunnitelma' }).click();
        await page
          .getByRole('alert')
          .filter({ hasText: 'Valitse vähintään yksi toimenpide ennen kuin vahvistat suunnitelman.' })
          .waitFor();

        const choose = (title: string) => page.getByLabel(`Toimenpidesuunnitelmassa: ${title}`, { exact: true });
        const chosen = ['Turvallinen asema iltaisin', 'Toimenpide 2', 'Toimenpide 3', 'Toimenpide 4'];
        for (const [i, t] of chosen.entries()) {
          await choose(t).check();
          await page
            .getByRole('status')
            .filter({ hasText: `Suunnitelma tallennettu: ${i + 1} toimenpidettä` })
            .waitFor();
        }
        // A fifth is refused, with the reason, and stays out.
        await choose('Toimenpide 5').click();
        await page
          .getByRole('alert')
          .filter({ hasText: 'Toimenpidesuunnitelmassa on yhdestä neljään toimenpidettä.' })
          .waitFor();
        expect(await choose('Toimenpide 5').isChecked()).toBe(false);
        const plan = await apiAs(page, 'GET', `/rounds/${roundId}/action-plan`);
        const draft = (await plan.json()) as { candidateIds: string[]; status: string };
        expect(draft.status).toBe('draft');
        expect(draft.candidateIds.length).toBe(4);

        await page.getByRole('button', { name: 'Vahvista toimenpidesuunnitelma', exact: true }).click();
        await page.getByRole('dialog').getByText('Valittuja toimenpiteitä: 4.', { exact: false }).waitFor();
        await page.getByRole('dialog').getByRole('button', { name: 'Vahvista toimenpidesuunnitelma' }).click();
        await page.getByRole('status').filter({ hasText: 'Toimenpidesuunnitelma on vahvistettu.' }).waitFor();

        // Confirmed: shown read-only, for everyone, from now on.
        await page.reload();
        await page.getByRole('heading', { level: 2, name: 'Suunnitelman toimenpiteet: 4' }).waitFor();
        await page.getByText('vahvistettu', { exact: false }).first().waitFor();
        expect(await page.getByRole('checkbox').count()).toBe(0);
        // Each chosen candidate in the plan (the Follow-up section below lists them again, as measures).
        for (const t of chosen) await page.locator('h3[id^="candidate-"]').filter({ hasText: t }).waitFor();
        expect(await page.getByRole('heading', { name: 'Toimenpide 5' }).count()).toBe(0);
        const confirmed = await apiAs(page, 'GET', `/rounds/${roundId}/action-plan`);
        expect(((await confirmed.json()) as { status: string }).status).toBe('confirmed');
        // Changing it now is refused by the API too.
        const late = await apiWithVersion(page, 'PUT', `/rounds/${roundId}/action-plan`, versionOf(confirmed), {
          candidateIds: draft.candidateIds.slice(0, 1),
        });
        expect(late.status).toBe(409);
      } finally {
        await Promise.all([desktop.close(), ...phones.map((p) => p.close())]);
      }
    });
  },
);
