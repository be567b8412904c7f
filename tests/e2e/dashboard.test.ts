import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ASPECTS, ASPECT_LABELS } from '@sillat/shared/aspects';
import type { TrendDashboard } from '@sillat/shared/dashboard';
import { pickLocalized } from '@sillat/shared/locales';
import { DEMO_ORGANISATIONS } from '../../functions/src/local/demo-data';
import { pageProblems } from './a11y';
import { desktopContext } from './decision-helpers';
import { apiAs, launchBrowser, signedInPage, uniqueName } from './helpers';

const e2e = inject('e2e');

/** The demo's closed spring 2025 round: its cards and sessions no longer change, whatever other tests do. */
const ROUND_2025 = '00000000-0000-4000-8000-000000000501';
/** The demo's Eastern major district: few enough people per aspect that some figures are hidden. */
const EASTERN = { id: '00000000-0000-4000-8000-000000000101', fi: 'Itäinen suurpiiri', sv: 'Östra stordistriktet' };

type Lang = 'fi' | 'sv';

/** A 375 px phone in the given language. */
async function phone(browser: Browser, lang: Lang): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: e2e.baseUrl,
    viewport: { width: 375, height: 812 },
    locale: lang === 'fi' ? 'fi-FI' : 'sv-FI',
  });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);
  return context;
}

async function trends(page: Page, districtId?: string): Promise<TrendDashboard> {
  const res = await apiAs(page, 'GET', `/dashboard/trends${districtId ? `?districtId=${districtId}` : ''}`);
  expect(res.status).toBe(200);
  return (await res.json()) as TrendDashboard;
}

/**
 * A round of its own with one held session of three people in the Eastern
 * district, each rating every aspect: figures about fewer people than the
 * threshold, which the dashboard must hide. Returns the round's Finnish name.
 */
async function smallRound(coordinator: Page): Promise<string> {
  const name = uniqueName('Pienryhmäkierros');
  const expectStatus = async (res: Promise<Response>, status: number) => {
    const answer = await res;
    const body = (await answer.json()) as Record<string, unknown>;
    expect(answer.status, JSON.stringify(body)).toBe(status);
    return body;
  };
  const groups = (await expectStatus(apiAs(coordinator, 'GET', '/population-groups'), 200)) as {
    items: { id: string }[];
  };
  const organisationId = DEMO_ORGANISATIONS[0]!.id;
  const round = await expectStatus(
    apiAs(coordinator, 'POST', '/rounds', {
      name: { fi: name },
      period: { start: '2027-08-01', end: '2027-12-31' },
      populationGroupIds: [groups.items[0]!.id],
      organisationIds: [organisationId],
    }),
    201,
  );
  const roundId = round.id as string;
  const session = await expectStatus(
    apiAs(coordinator, 'POST', `/rounds/${roundId}/sessions`, {
      populationGroupId: groups.items[0]!.id,
      districtId: EASTERN.id,
      organisationId,
      language: 'fi',
      date: '2027-09-10',
      place: 'Asukastalo',
      participantCount: 3,
      notesDeadline: '2027-09-24',
    }),
    201,
  );
  const path = `/rounds/${roundId}/sessions/${session.id as string}`;
  const held = await expectStatus(
    apiAs(coordinator, 'POST', `${path}/status`, { status: 'held' }, { 'if-match': `"${session.version as number}"` }),
    200,
  );
  const ratings = Object.fromEntries(ASPECTS.map((a) => [a, [0, 1, 1, 1, 0]]));
  await expectStatus(
    apiAs(coordinator, 'PUT', `${path}/ratings`, { ratings }, { 'if-match': `"${held.version as number}"` }),
    200,
  );
  return name;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const aspectTitle = (aspect: (typeof ASPECTS)[number], lang: Lang) => capital(ASPECT_LABELS[aspect][lang]);

/**
 * Each aspect table's rows as shown: the round, then the visible text of every
 * cell (screen-reader-only words such as "hidden" left out). A string, as it
 * runs in the page.
 */
const TABLE_ROWS = (caption: string) => `(() => {
  const table = [...document.querySelectorAll('table')].find((t) => t.caption?.textContent.trim() === ${JSON.stringify(caption)});
  if (!table) return null;
  const visible = (cell) => {
    const copy = cell.cloneNode(true);
    copy.querySelectorAll('.visually-hidden').forEach((e) => e.remove());
    return copy.textContent.replace(/\\s+/g, ' ').trim();
  };
  return [...table.tBodies[0].rows].map((row) => [...row.cells].map(visible));
})()`;

/** People counts in the page's tables (raters, respondents): the cells marked data-people, as shown. */
const PEOPLE_CELLS = `[...document.querySelectorAll('td[data-people]')].map((cell) => {
  const copy = cell.cloneNode(true);
  copy.querySelectorAll('.visually-hidden').forEach((e) => e.remove());
  return copy.textContent.trim();
})`;

const whole = (lang: Lang) => new Intl.NumberFormat(lang);
const oneDecimal = (lang: Lang) => new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * The aspect tables say exactly what the API publishes, round by round, with
 * "–" wherever the API hid a figure; and no count of people in the page is
 * between 1 and the threshold − 1.
 */
async function expectTablesMatch(page: Page, api: TrendDashboard, lang: Lang): Promise<void> {
  const names = new Map(api.rounds.map((r) => [r.id, pickLocalized(r.name, lang)?.text ?? '']));
  for (const { aspect, rounds } of api.aspects) {
    const caption =
      lang === 'fi' ? `${aspectTitle(aspect, lang)} kierroksittain` : `${aspectTitle(aspect, lang)} omgång för omgång`;
    const rows = (await page.evaluate(TABLE_ROWS(caption))) as string[][] | null;
    expect(rows, caption).not.toBeNull();
    // Rounds other tests add while this one reads are in one answer and not the other: compare the shared ones.
    const shared = rounds.filter((f) => rows!.some((r) => r[0] === names.get(f.roundId)));
    expect(shared.length, caption).toBeGreaterThanOrEqual(2);
    for (const figures of shared) {
      const [, sessions, raters, mean, , , positive, negative] = rows!.find(
        (r) => r[0] === names.get(figures.roundId),
      )!;
      const { rating, cards } = figures;
      expect(sessions).toBe(whole(lang).format(figures.sessions));
      expect(raters).toBe(rating.n === null ? '–' : whole(lang).format(rating.n));
      expect(mean).toBe(rating.mean === null ? '–' : oneDecimal(lang).format(rating.mean));
      expect(positive).toBe(whole(lang).format(cards.positive));
      expect(negative).toBe(whole(lang).format(cards.negative));
    }
  }
  const people = (await page.evaluate(PEOPLE_CELLS)) as string[];
  expect(people.length).toBeGreaterThanOrEqual(api.aspects.length * api.rounds.length);
  for (const cell of people) {
    if (cell === '–') continue;
    const n = Number(cell.replace(/\s/g, ''));
    expect(Number.isInteger(n), cell).toBe(true);
    expect(n === 0 || n >= api.threshold, `a count of ${n} people is below the threshold ${api.threshold}`).toBe(true);
  }
}

const noSidewaysScroll = (page: Page) =>
  page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth');

describe.skipIf(!e2e.enabled)('the trend dashboard', () => {
  let browser: Browser;
  /** The Finnish name of a round whose only session is three people in the Eastern district. */
  let small: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    const desktop = await desktopContext(browser, e2e.baseUrl);
    try {
      small = await smallRound(await signedInPage(desktop, 'coordinator'));
    } finally {
      await desktop.close();
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a council member on a phone opens it from the menu, filters by a district, follows a session count, goes back, and follows a measure count', async () => {
    const context = await phone(browser, 'fi');
    try {
      const page = await signedInPage(context, 'councilMember', '/');
      await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Tilannekuva' }).click();
      await page.waitForURL((url) => url.pathname === '/dashboard');
      await page.getByRole('heading', { level: 1, name: 'Tilannekuva: kehitys kierroksittain' }).waitFor();
      expect(await page.getByRole('navigation', { name: 'Tilannekuvan näkymät' }).getByRole('link').count()).toBe(4);

      // Four aspects, each with its charts (labelled images), a table and one-sentence summaries.
      for (const aspect of ASPECTS) {
        const section = page.getByRole('region', { name: aspectTitle(aspect, 'fi'), exact: true });
        await section.getByRole('table').waitFor();
        expect(await section.getByRole('img').count()).toBe(2);
        const summary = await section.locator('.summary').first().innerText();
        expect(summary.startsWith(`${aspectTitle(aspect, 'fi')}:`), summary).toBe(true);
      }
      const all = await trends(page);
      await expectTablesMatch(page, all, 'fi');

      // Filter by a district: the address keeps it, the figures change, and hidden ones show "–".
      await page.getByLabel('Alue', { exact: true }).selectOption({ label: EASTERN.fi });
      await page.getByRole('button', { name: 'Näytä', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('district') === EASTERN.id);
      await page.getByRole('status').filter({ hasText: EASTERN.fi }).waitFor();
      const eastern = await trends(page, EASTERN.id);
      const attitudes = page.getByRole('table', { name: 'Asenteet kierroksittain' });
      const sessions2025 = eastern.aspects[0]!.rounds.find((r) => r.roundId === ROUND_2025)!.sessions;
      expect(sessions2025).toBeLessThan(all.aspects[0]!.rounds.find((r) => r.roundId === ROUND_2025)!.sessions);
      // The session count leads to the sessions, for a council member too.
      await attitudes
        .getByRole('row', { name: /Kevät 2025/ })
        .getByRole('link', { name: `${whole('fi').format(sessions2025)} keskustelua, Kevät 2025` })
        .waitFor();
      await expectTablesMatch(page, eastern, 'fi');
      // The three-person session: its raters, mean and shares are "–", said to be hidden.
      const smallRow = (await page.evaluate(TABLE_ROWS('Asenteet kierroksittain'))) as string[][];
      expect(smallRow.find((r) => r[0] === small)).toEqual([small, '1', '–', '–', '–', '–', '0', '0']);
      await attitudes
        .getByRole('row', { name: new RegExp(small) })
        .getByText('piilotettu')
        .first()
        .waitFor();
      expect(await page.getByText('– = piilotettu: luku koskisi alle 5 ihmistä').count()).toBe(1);
      expect(await noSidewaysScroll(page)).toBe(true);
      expect(await pageProblems(context, page, 'fi dashboard', 3, 375)).toEqual([]);

      // Back shows the whole city again; forward the district.
      await page.goBack();
      await page.waitForURL((url) => url.pathname === '/dashboard' && !url.searchParams.has('district'));
      await page.getByText('Näytetään: Kaikki väestöryhmät, Kaikki alueet.', { exact: true }).waitFor();
      expect(await page.getByLabel('Alue', { exact: true }).inputValue()).toBe('');
      await page.goForward();
      await page.waitForURL((url) => url.searchParams.get('district') === EASTERN.id);
      await page.getByText(`Näytetään: Kaikki väestöryhmät, ${EASTERN.fi}.`, { exact: true }).waitFor();

      // A session count of the closed 2025 round leads to exactly those sessions, with nothing about their people.
      // (Its link names the district once the forward navigation has loaded the district's figures.)
      const sessionLink = attitudes
        .getByRole('row', { name: /Kevät 2025/ })
        .locator(`a[data-sessions][href*="district=${EASTERN.id}"]`);
      await sessionLink.waitFor();
      const sessionCount = Number(await sessionLink.getAttribute('data-sessions'));
      expect(sessionCount).toBe(sessions2025);
      await sessionLink.click();
      await page.waitForURL(
        (url) =>
          url.pathname === '/dashboard/sessions' &&
          url.searchParams.get('round') === ROUND_2025 &&
          url.searchParams.get('district') === EASTERN.id,
      );
      await page.getByRole('heading', { level: 1, name: 'Pidetyt keskustelut: Kevät 2025' }).waitFor();
      const list = page.getByRole('table', {
        name: `Pidetyt keskustelut, Kevät 2025: Kaikki väestöryhmät, ${EASTERN.fi}`,
      });
      expect(await list.getByRole('columnheader').allInnerTexts()).toEqual([
        'Päivä',
        'Väestöryhmä',
        'Alue',
        'Järjestö',
      ]);
      const sessionRows = list.locator('tbody tr');
      expect(await sessionRows.count()).toBe(sessionCount);
      expect(await sessionRows.locator('td:nth-child(3)').allInnerTexts()).toEqual(
        Array.from({ length: sessionCount }, () => EASTERN.fi),
      );
      await page.getByText(`Pidettyjä keskusteluja: ${sessionCount}.`).waitFor();
      // The round's own session list is for those who plan and run sessions.
      expect(await page.getByRole('link', { name: 'Avaa nämä keskustelut kierroksen sivulla' }).count()).toBe(0);
      expect(await noSidewaysScroll(page)).toBe(true);
      expect(await pageProblems(context, page, 'fi dashboard sessions', 1, 375)).toEqual([]);
      // Back to the dashboard as it was: the district still chosen.
      await page.getByRole('link', { name: 'Takaisin tilannekuvaan' }).click();
      await page.waitForURL((url) => url.pathname === '/dashboard' && url.searchParams.get('district') === EASTERN.id);
      await page.getByText(`Näytetään: Kaikki väestöryhmät, ${EASTERN.fi}.`, { exact: true }).waitFor();

      // A measure count of the closed 2025 round leads to exactly those measures.
      const link = page.locator(`a[data-measures][href*="roundId=${ROUND_2025}"]`).first();
      const count = Number(await link.getAttribute('data-measures'));
      expect(count).toBeGreaterThan(0);
      await link.click();
      await page.waitForURL((url) => url.pathname === '/measures' && url.searchParams.get('roundId') === ROUND_2025);
      await page.getByText('Rajattu tilannekuvasta').waitFor();
      expect(await page.locator('#measure-list-heading').innerText()).toBe(`Toimenpiteet (${count})`);
      expect(await page.locator('.measure-list > li').count()).toBe(count);
      expect(await noSidewaysScroll(page)).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('a council member follows a card count to exactly those cards; a coordinator a session count to those sessions', async () => {
    const context = await phone(browser, 'fi');
    try {
      const page = await signedInPage(context, 'councilMember', `/dashboard?district=${EASTERN.id}`);
      // A count in the closed 2025 round, whose cards and sessions no longer change.
      const eastern = await trends(page, EASTERN.id);
      const [aspect, figures, tone] = eastern.aspects
        .map((a) => [a.aspect, a.rounds.find((r) => r.roundId === ROUND_2025)!] as const)
        .flatMap(([a, r]) => (['positive', 'negative'] as const).map((t) => [a, r, t] as const))
        .find(([, r, t]) => r.cards[t] > 0)!;
      const table = page.getByRole('table', { name: `${aspectTitle(aspect, 'fi')} kierroksittain` });
      const cardLink = table.locator(`a[href^="/rounds/${ROUND_2025}/cards?"][href*="tone=${tone}"]`);
      expect(Number(await cardLink.getAttribute('data-cards'))).toBe(figures.cards[tone]);
      await cardLink.click();
      await page.waitForURL((url) => url.pathname === `/rounds/${ROUND_2025}/cards`);
      expect(new URL(page.url()).searchParams.get('aspect')).toBe(aspect);
      await page.getByRole('heading', { level: 1, name: 'Kokemuskortit' }).waitFor();
      await page.locator('#card-filters').waitFor();
      expect(await page.locator('ol.card-list > li').count()).toBe(figures.cards[tone]);
      // The council member reads the cards; curating them stays the coordinator's.
      expect(await page.getByRole('button', { name: /Muokkaa/ }).count()).toBe(0);
      expect(await noSidewaysScroll(page)).toBe(true);
    } finally {
      await context.close();
    }

    const coordinatorPhone = await phone(browser, 'fi');
    try {
      const page = await signedInPage(coordinatorPhone, 'coordinator', `/dashboard?district=${EASTERN.id}`);
      const eastern = await trends(page, EASTERN.id);
      const figures = eastern.aspects[0]!.rounds.find((r) => r.roundId === ROUND_2025)!;
      const table = page.getByRole('table', {
        name: `${aspectTitle(eastern.aspects[0]!.aspect, 'fi')} kierroksittain`,
      });
      // The session count of the 2025 row: the round's held sessions in the district, and from there
      // the same sessions on the round's page, which a coordinator may open.
      await table
        .getByRole('row', { name: /Kevät 2025/ })
        .locator('a[data-sessions]')
        .click();
      await page.waitForURL((url) => url.pathname === '/dashboard/sessions');
      expect(await page.locator('table tbody tr').count()).toBe(figures.sessions);
      await page.getByRole('link', { name: 'Avaa nämä keskustelut kierroksen sivulla' }).click();
      await page.waitForURL((url) => url.pathname === `/rounds/${ROUND_2025}` && url.searchParams.has('district'));
      await page.locator('#session-filters').waitFor();
      const sessions = page.getByRole('list', { name: 'Keskustelutilaisuudet' }).getByRole('listitem');
      expect(await sessions.count()).toBe(figures.sessions);
    } finally {
      await coordinatorPhone.close();
    }
  });

  it('reads in Swedish on a phone with nothing below the threshold and no sideways scrolling', async () => {
    const context = await phone(browser, 'sv');
    try {
      const page = await signedInPage(context, 'councilMember', `/dashboard?district=${EASTERN.id}`);
      await page.getByRole('heading', { level: 1, name: 'Lägesbild: utvecklingen omgång för omgång' }).waitFor();
      expect(await page.getByLabel('Område', { exact: true }).inputValue()).toBe(EASTERN.id);
      const table = page.getByRole('table', { name: 'Attityder omgång för omgång' });
      await table
        .getByRole('row', { name: new RegExp(small) })
        .getByText('dold')
        .first()
        .waitFor();
      await expectTablesMatch(page, await trends(page, EASTERN.id), 'sv');
      // A council member's card and session counts link to what is behind them.
      expect(await page.locator('a[data-cards]').count()).toBeGreaterThan(0);
      expect(await page.locator('a[data-sessions]').count()).toBeGreaterThan(0);
      // The aggregated open data downloads from the foot of the page, with the privacy rules applied.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Öppna data (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/open-data.*\.csv$/);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(csv.split('\r\n').length).toBeGreaterThan(2);
      expect(await pageProblems(context, page, 'sv dashboard', 3, 375)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
