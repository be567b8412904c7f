import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROUND_ID, apiWithVersion, desktopContext, versionOf } from './decision-helpers';
import { apiAs, launchBrowser, signedInPage, uniqueName } from './helpers';

const e2e = inject('e2e');

const ATTENDANCE = {
  luottamushenkilöt: ['electedOfficials', 5],
  viranhaltijat: ['officials', 8],
  hyvinvointialue: ['wellbeingServicesCounty', 3],
  poliisi: ['police', 2],
  järjestöt: ['organisations', 6],
  'fasilitaattorit ja kirjurit': ['facilitatorsAndClerks', 4],
  asukkaat: ['residents', 18],
} as const;

interface ApiCard {
  id: string;
  populationGroupId: string;
  language: 'fi' | 'sv';
  text: string;
  translations?: Partial<Record<'fi' | 'sv' | 'en', string>>;
  inDeck: boolean;
}
interface ApiSession {
  populationGroupId: string;
  status: string;
  participantCount?: number;
  ratings?: Record<string, number[]>;
}

async function json<T>(page: Page, path: string): Promise<T> {
  const res = await apiAs(page, 'GET', path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** The slide's heading (each slide has one, labelling the slide). */
const slideHeading = (page: Page) => page.locator('.slide h2');

/** Waits until the progress reads "n / total" (and not, say, "11 / total"). */
const atSlide = (page: Page, n: number, total: number) =>
  page
    .locator('.progress')
    .filter({ hasText: new RegExp(`(^|\\s)${n} / ${total}\\s*$`) })
    .waitFor();

describe.skipIf(!e2e.enabled)('decision-maker session: the record and the presentation view', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('records date, place and attendance, keeps a conflicting save from overwriting, and shows council members the record', async () => {
    const desktop = await desktopContext(browser, e2e.baseUrl);
    try {
      const page = await signedInPage(desktop, 'coordinator', `/rounds/${ROUND_ID}`);
      // The round is past data collection: the round page leads to the session.
      await page.getByRole('link', { name: 'Aika, paikka ja osallistujat', exact: true }).click();
      await page.waitForURL((url) => url.pathname === `/rounds/${ROUND_ID}/decision`);
      await page.getByRole('heading', { level: 1, name: 'Päättäjätilaisuus' }).waitFor();

      await page.getByLabel('Päivämäärä', { exact: true }).fill('2026-05-12');
      await page.getByLabel('Paikka', { exact: true }).fill('Kaupungintalo, juhlasali');
      for (const [label, [, n]] of Object.entries(ATTENDANCE)) {
        await page.getByLabel(label, { exact: true }).fill(String(n));
      }
      await page.getByText('Yhteensä: 46', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Tallenna', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Tallennettu.' }).waitFor();

      const res = await apiAs(page, 'GET', `/rounds/${ROUND_ID}/decision-session`);
      expect(res.status).toBe(200);
      const saved = (await res.json()) as { date: string; place: string; attendance: Record<string, number> };
      expect(saved.date).toBe('2026-05-12');
      expect(saved.place).toBe('Kaupungintalo, juhlasali');
      expect(saved.attendance).toEqual(Object.fromEntries(Object.values(ATTENDANCE)));

      // Someone else saves meanwhile (If-Match with the version they read).
      const theirs = await apiWithVersion(page, 'PUT', `/rounds/${ROUND_ID}/decision-session`, versionOf(res), {
        date: '2026-05-13',
        place: 'Valtuustosali',
        attendance: { ...saved.attendance, residents: 20 },
      });
      expect(theirs.status).toBe(200);

      // This page still holds the older version: its save is refused and the form shows theirs.
      await page.getByLabel('poliisi', { exact: true }).fill('3');
      await page.getByRole('button', { name: 'Tallenna', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Joku muu tallensi tilaisuuden tiedot sillä välin.' }).waitFor();
      expect(await page.getByLabel('Paikka', { exact: true }).inputValue()).toBe('Valtuustosali');
      expect(await page.getByLabel('poliisi', { exact: true }).inputValue()).toBe('2');
      await page.getByText('Yhteensä: 48', { exact: true }).waitFor();
      // Made again on top of theirs, it is saved.
      await page.getByLabel('poliisi', { exact: true }).fill('3');
      await page.getByRole('button', { name: 'Tallenna', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Tallennettu.' }).waitFor();
      const now = await json<{ place: string; attendance: Record<string, number> }>(
        page,
        `/rounds/${ROUND_ID}/decision-session`,
      );
      expect(now.place).toBe('Valtuustosali');
      expect(now.attendance).toMatchObject({ police: 3, residents: 20 });

      // A council member reads the record; nothing to edit, no facilitator's tools.
      const council = await signedInPage(desktop, 'councilMember', `/rounds/${ROUND_ID}/decision`);
      await council.getByRole('heading', { level: 1, name: 'Päättäjätilaisuus' }).waitFor();
      await council.getByRole('row', { name: 'asukkaat 20' }).waitFor();
      await council.getByRole('row', { name: 'Yhteensä 49' }).waitFor();
      expect(await council.getByRole('textbox').count()).toBe(0);
      expect(await council.getByRole('link', { name: 'Esitysnäkymä' }).count()).toBe(0);
      await council.getByRole('link', { name: 'Toimenpidesuunnitelma', exact: true }).waitFor();
    } finally {
      await desktop.close();
    }
  });

  it('steps through each group’s summary and cards with the keyboard, in the language chosen for the room', async () => {
    const desktop = await desktopContext(browser, e2e.baseUrl);
    try {
      const page = await signedInPage(desktop, 'coordinator', `/rounds/${ROUND_ID}/decision`);
      const round = await json<{ populationGroupIds: string[] }>(page, `/rounds/${ROUND_ID}`);
      const cards = (await json<{ items: ApiCard[] }>(page, `/rounds/${ROUND_ID}/cards`)).items.filter((c) => c.inDeck);
      const sessions = (await json<{ items: ApiSession[] }>(page, `/rounds/${ROUND_ID}/sessions`)).items;
      const groups = (await json<{ items: { id: string; name: { fi?: string } }[] }>(page, '/population-groups')).items;
      const total = 1 + round.populationGroupIds.length + cards.length + 1;

      await page.getByRole('link', { name: 'Esitysnäkymä', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Esitys' }).waitFor();
      await atSlide(page, 1, total);
      // The title slide: the round, where the session is held.
      expect(await slideHeading(page).textContent()).toBe('Kevät 2026');
      await page.locator('.slide').getByText('Valtuustosali', { exact: false }).waitFor();
      // Nothing before the first slide.
      await page.keyboard.press('ArrowLeft');
      await atSlide(page, 1, total);

      // A group's summary, with figures from its sessions.
      await page.keyboard.press('ArrowRight');
      await atSlide(page, 2, total);
      const groupName = (await slideHeading(page).textContent())?.trim();
      const group = groups.find((g) => g.name.fi === groupName);
      expect(group, `a group named ${groupName}`).toBeDefined();
      const held = sessions.filter((s) => s.populationGroupId === group!.id && s.status !== 'planned');
      const figures = page.locator('.slide .figures');
      await figures.getByText(`${held.length} keskustelua käyty`).waitFor();
      const participants = held.reduce((n, s) => n + (s.participantCount ?? 0), 0);
      await figures.getByText(`${participants} osallistujaa`).waitFor();
      const counts = held.map((s) => s.ratings?.safety ?? []);
      const raters = counts.flat().reduce((a, b) => a + b, 0);
      const sum = counts.reduce((acc, c) => acc + c.reduce((a, n, i) => a + n * (i + 1), 0), 0);
      const mean = new Intl.NumberFormat('fi', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
        sum / raters,
      );
      expect(raters).toBeGreaterThanOrEqual(5);
      await page.getByRole('row', { name: `turvallisuuden tunne ${mean} (${raters} arviota)`, exact: true }).waitFor();

      // Then its cards, one to a slide, in the deck's order.
      const own = cards.filter((c) => c.populationGroupId === group!.id);
      expect(own.length).toBeGreaterThan(0);
      await page.keyboard.press('ArrowRight');
      await atSlide(page, 3, total);
      await page.locator('.slide').getByText(`kortti 1 / ${own.length}`).waitFor();
      const first = own[0]!;
      const fi = first.language === 'fi' ? first.text : first.translations!.fi!;
      const sv = first.language === 'sv' ? first.text : first.translations!.sv!;
      expect(await page.locator('.slide blockquote').textContent()).toBe(fi);

      // The room reads Swedish: the card in Swedish, the slides' words too.
      await page.getByLabel('Diojen kieli', { exact: true }).selectOption('sv');
      expect(await page.locator('.slide blockquote').textContent()).toBe(sv);
      await page.locator('.slide').getByText(`kort 1 / ${own.length}`).waitFor();
      // The arrows move the slides again once the language list is left.
      await page.locator('.slide blockquote').click();
      await page.keyboard.press('PageDown');
      await atSlide(page, 4, total);
      await page.getByRole('button', { name: 'Föregående' }).click();
      await atSlide(page, 3, total);

      // The last slide is the survey's.
      await page.locator('.slide blockquote').click();
      await page.keyboard.press('End');
      await atSlide(page, total, total);
      expect(await slideHeading(page).textContent()).toBe('Responsenkät');
      expect(await page.getByRole('button', { name: /Nästa/ }).isDisabled()).toBe(true);
      await page.keyboard.press('Home');
      await atSlide(page, 1, total);
    } finally {
      await desktop.close();
    }
  });

  it('shows the survey’s QR code, code and address on the last slide once the survey is open', async () => {
    const desktop = await desktopContext(browser, e2e.baseUrl);
    try {
      const page = await signedInPage(desktop, 'coordinator', '/rounds');
      const groups = (await json<{ items: { id: string; archived: boolean }[] }>(page, '/population-groups')).items;
      const created = await apiAs(page, 'POST', '/rounds', {
        name: { fi: uniqueName('Esityskierros'), sv: uniqueName('Presentationsomgång'), en: uniqueName('Showing') },
        period: { start: '2027-01-01', end: '2027-06-30' },
        populationGroupIds: [groups.find((g) => !g.archived)!.id],
        organisationIds: [],
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };

      // One group without sessions: title, its summary, the survey.
      await page.goto(`/rounds/${id}/present`);
      await page.getByRole('heading', { level: 1, name: 'Esitys' }).waitFor();
      await page.keyboard.press('End');
      await atSlide(page, 3, 3);
      await page.getByText('Palautekysely ei ole vielä auki.', { exact: false }).waitFor();
      expect(await page.locator('img.qr').count()).toBe(0);

      // The facilitator opens the survey from the slide itself.
      await page.getByRole('button', { name: 'Avaa kysely nyt', exact: true }).click();
      await page.getByRole('button', { name: 'Avaa kysely nyt', exact: true }).waitFor({ state: 'detached' });
      const survey = await apiAs(page, 'GET', `/rounds/${id}/survey`);
      const { code, status } = (await survey.json()) as { code: string; status: string };
      expect(status).toBe('open');
      expect(code).toMatch(/^[A-Z0-9]{6}$/);
      const address = `${e2e.baseUrl}/s/${code}`;
      const qr = page.getByRole('img', { name: `QR-koodi palautekyselyyn: ${address}` });
      await qr.waitFor();
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
      // The SVG decodes to an image.
      await page.waitForFunction(`document.querySelector('img.qr')?.naturalWidth > 0`);
      await page.locator('.slide .code').getByText(code, { exact: true }).waitFor();
      expect(await page.getByRole('link', { name: address }).getAttribute('href')).toBe(address);
    } finally {
      await desktop.close();
    }
  });
});
