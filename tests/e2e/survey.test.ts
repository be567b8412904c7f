import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pageProblems } from './a11y';
import { apiWithVersion } from './decision-helpers';
import { firstId } from './fixtures';
import { apiAs, launchBrowser, signedInPage, uniqueName } from './helpers';

const e2e = inject('e2e');

/**
 * The feedback survey from both sides: the coordinator words it (in Swedish),
 * opens it and watches the count on the staff page; respondents answer on
 * phones at /s — without JavaScript by keyboard, and with JavaScript through a
 * dropped connection — and the closed survey's results hide small figures.
 * The tests run in order and share one round.
 */
const SV_USEFULNESS = 'Hur nyttigt var mötet för ditt arbete?';
const EN_USEFULNESS = 'How useful was the session for your work?';
const FI_OWN_ACTION = 'Mitä aiot itse tehdä tämän jälkeen?';
const SV_OWN_ACTION = 'Jag berättar om resultaten på min enhet.';
const MEASURES = ['Yhteinen iltapäiväkerho kirjastossa', 'Turvallisempi reitti asemalle'];
const HIDDEN = 'alle 5 – piilotettu';

interface ApiSurvey {
  status: string;
  code?: string;
  closesAt?: string;
  responses: number;
  version: number;
  instrument: { version: number; questions: Record<string, { text: Record<string, string> }> };
}

/**
 * A phone-sized context: 375 × 812 (the answering phone) unless a `viewport` is given — the axe
 * check uses the narrowest supported, 360 × 800. `javaScriptEnabled: false` for the plain-HTML path;
 * `bypassCSP` to let axe in (the survey pages allow only their own scripts, and axe is injected inline).
 */
async function phone(
  browser: Browser,
  locale: string,
  options: {
    javaScriptEnabled?: boolean;
    bypassCSP?: boolean;
    viewport?: { width: number; height: number };
  } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: e2e.baseUrl,
    viewport: { width: 375, height: 812 },
    locale,
    ...options,
  });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);
  return context;
}

/** Presses Tab until the element `selector` has the focus (and fails if it never does). */
async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await page.locator(`${selector}:focus`).count()) === 1) return;
  }
  throw new Error(`Tab never reached ${selector}.`);
}

/** One anonymous answer from a new device, straight to the public API. */
async function answerFromNewDevice(code: string, answers: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${e2e.baseUrl}/api/surveys/${code}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ deviceId: randomUUID(), submissionId: randomUUID(), answers }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

/** A results table's rows as [label, figure] (the figure cell's text, without its bar). */
async function rows(page: Page, caption: string): Promise<[string, string][]> {
  const table = page.getByRole('table', { name: caption, exact: true });
  await table.waitFor();
  const out: [string, string][] = [];
  for (const row of await table.locator('tbody tr').all()) {
    out.push([
      ((await row.locator('th').textContent()) ?? '').trim(),
      ((await row.locator('td').textContent()) ?? '').trim(),
    ]);
  }
  return out;
}

describe.skipIf(!e2e.enabled)('feedback survey: wording, answering on phones, live count and results', () => {
  let browser: Browser;
  let desktop: BrowserContext;
  let coordinator: Page;
  let roundId = '';
  let code = '';
  const candidateIds: string[] = [];

  const survey = async (): Promise<ApiSurvey> => {
    const res = await apiAs(coordinator, 'GET', `/rounds/${roundId}/survey`);
    expect(res.status).toBe(200);
    return (await res.json()) as ApiSurvey;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    // In Helsinki's time zone, so the closing time's offset is tested (+02:00 in November).
    desktop = await browser.newContext({
      baseURL: e2e.baseUrl,
      viewport: { width: 1280, height: 900 },
      locale: 'fi-FI',
      timezoneId: 'Europe/Helsinki',
    });
    desktop.setDefaultTimeout(10_000);
    coordinator = await signedInPage(desktop, 'coordinator', '/rounds');

    // A round at its decision-maker session, with two candidate measures.
    const created = await apiAs(coordinator, 'POST', '/rounds', {
      name: { fi: uniqueName('Kyselykierros'), sv: uniqueName('Enkätomgång') },
      period: { start: '2027-01-01', end: '2027-06-30' },
      populationGroupIds: [await firstId(coordinator, '/population-groups')],
      organisationIds: [],
    });
    expect(created.status).toBe(201);
    let round = (await created.json()) as { id: string; version: number; populationGroupIds: string[] };
    roundId = round.id;
    for (const phase of ['dataCollection', 'decisionSession']) {
      const moved = await apiWithVersion(coordinator, 'POST', `/rounds/${roundId}/phase`, round.version, { phase });
      expect(moved.status).toBe(200);
      round = (await moved.json()) as typeof round;
    }
    const districtId = await firstId(coordinator, '/districts');
    for (const title of MEASURES) {
      const res = await apiAs(coordinator, 'POST', `/rounds/${roundId}/candidates`, {
        title,
        description: 'Ehdotettu päättäjätilaisuudessa.',
        aspects: ['interaction'],
        populationGroupIds: round.populationGroupIds,
        districtIds: [districtId],
      });
      expect(res.status).toBe(201);
      candidateIds.push(((await res.json()) as { id: string }).id);
    }
  });

  afterAll(async () => {
    await desktop?.close();
    await browser?.close();
  });

  it('the coordinator words a question in Swedish, keeps a conflicting change, and opens the survey until a set time', async () => {
    const page = coordinator;
    await page.goto(`/rounds/${roundId}`);
    await page.getByRole('link', { name: 'Palautekysely: sanamuoto, koodi ja tulokset', exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/rounds/${roundId}/survey`);
    await page.getByRole('heading', { level: 1, name: 'Palautekysely' }).waitFor();
    await page.getByText('Ei vielä avattu', { exact: true }).waitFor();

    const question = (legend: string, part: string, language: string) =>
      page
        .getByRole('group', { name: legend, exact: true })
        .getByRole('group', { name: part, exact: true })
        .getByLabel(language, { exact: true });
    const svUsefulness = question('9. Tilaisuuden hyödyllisyys', 'Kysymys', 'Ruotsiksi');
    expect(await svUsefulness.inputValue()).toBe('Hur nyttigt var mötet för dig?');
    await svUsefulness.fill(SV_USEFULNESS);
    const save = page.getByRole('button', { name: 'Tallenna sanamuoto', exact: true });
    await save.click();
    await page.getByRole('status').filter({ hasText: 'Tallennettu. Sanamuodon versio on nyt 2.' }).waitFor();
    let saved = await survey();
    expect(saved.instrument.version).toBe(2);
    expect(saved.instrument.questions.usefulness!.text).toMatchObject({ sv: SV_USEFULNESS });

    // Someone else rewords meanwhile: the save is refused, the form shows their words, nothing is lost silently.
    const other = await apiWithVersion(page, 'PUT', `/rounds/${roundId}/survey/instrument`, saved.version, {
      questions: { usefulness: { text: { en: EN_USEFULNESS } } },
    });
    expect(other.status).toBe(200);
    const ownAction = question('8. Oma toiminta', 'Kysymys', 'Suomeksi');
    await ownAction.fill(FI_OWN_ACTION);
    await save.click();
    await page.getByRole('alert').filter({ hasText: 'Joku muu muutti kyselyä sillä välin.' }).waitFor();
    await expect
      .poll(() => question('9. Tilaisuuden hyödyllisyys', 'Kysymys', 'Englanniksi').inputValue())
      .toBe(EN_USEFULNESS);
    expect(await ownAction.inputValue()).toBe('Mitä aiot itse tehdä?');
    await ownAction.fill(FI_OWN_ACTION);
    await save.click();
    await page.getByRole('status').filter({ hasText: 'Tallennettu. Sanamuodon versio on nyt 4.' }).waitFor();
    saved = await survey();
    expect(saved.instrument.version).toBe(4);
    expect(saved.instrument.questions.ownAction!.text.fi).toBe(FI_OWN_ACTION);
    expect(saved.instrument.questions.usefulness!.text).toMatchObject({ sv: SV_USEFULNESS, en: EN_USEFULNESS });

    // Open until 18:00 Helsinki time on 23 November 2030 (the browser's offset, +02:00, goes with it).
    await page.getByLabel('Sulkeutuu itsestään (valinnainen)', { exact: true }).fill('2030-11-23T18:00');
    await page.getByRole('button', { name: 'Avaa kysely', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Kysely on auki.' }).waitFor();
    const opened = await survey();
    expect(opened.status).toBe('open');
    expect(opened.closesAt).toBe('2030-11-23T16:00:00.000Z');
    code = opened.code!;
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    await page.locator('dd.code').getByText(code, { exact: true }).waitFor();
    const address = `${e2e.baseUrl}/s/${code}`;
    await page.getByRole('img', { name: `QR-koodi palautekyselyyn: ${address}`, exact: true }).waitFor();
    expect(await page.getByRole('link', { name: address, exact: true }).getAttribute('href')).toBe(address);
    await page.getByText('Vastaajia tähän mennessä: 0', { exact: true }).waitFor();
    // The wording is fixed now: no editor.
    expect(await page.getByRole('button', { name: 'Tallenna sanamuoto' }).count()).toBe(0);
  });

  it('(a) a respondent without JavaScript types the code, switches to Swedish and answers by keyboard only', async () => {
    const context = await phone(browser, 'fi-FI', { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto('/s');
      await page.getByRole('heading', { level: 1, name: 'Palautekysely' }).waitFor();
      await page.getByLabel('Kyselyn koodi', { exact: true }).pressSequentially(code.toLowerCase());
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === `/s/${code}`);
      await page.getByRole('link', { name: 'Svenska', exact: true }).click();
      await page.waitForURL((url) => url.pathname === `/s/${code}` && url.search === '?lang=sv');
      await page.getByRole('heading', { level: 1, name: 'Responsenkät' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('sv');
      // The coordinator's Swedish wording is the one asked.
      await page.getByRole('group', { name: SV_USEFULNESS, exact: true }).waitFor();

      // Keyboard only: Tab into each group, arrows choose, space ticks, typing writes.
      await tabTo(page, 'input[name="category"]');
      await page.keyboard.press('ArrowDown');
      expect(await page.locator('input[name="category"][value="officials"]').isChecked()).toBe(true);
      await tabTo(page, 'input[name="understandingOverall"]');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      expect(await page.locator('input[name="understandingOverall"][value="4"]').isChecked()).toBe(true);
      await tabTo(page, `input[name="measures"][value="${candidateIds[0]}"]`);
      await page.keyboard.press('Space');
      await tabTo(page, 'textarea[name="ownAction"]');
      await page.keyboard.type(SV_OWN_ACTION);
      await tabTo(page, 'input[name="usefulness"]');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      expect(await page.locator('input[name="usefulness"][value="4"]').isChecked()).toBe(true);
      await tabTo(page, 'button[type="submit"]');
      await page.keyboard.press('Enter');

      await page.waitForURL((url) => url.pathname === `/s/${code}/thanks`);
      await page.getByRole('heading', { level: 1, name: 'Tack för ditt svar' }).waitFor();
      expect((await survey()).responses).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('(b) with JavaScript, an answer sent offline is kept on the device and stored once when the connection returns', async () => {
    const context = await phone(browser, 'fi-FI');
    try {
      const page = await context.newPage();
      const answered: number[] = [];
      page.on('response', (res) => {
        if (res.url().endsWith(`/api/surveys/${code}/responses`)) answered.push(res.status());
      });
      await page.goto(`/s/${code}`);
      await page.getByRole('heading', { level: 1, name: 'Palautekysely' }).waitFor();
      const answer = async (usefulness: string) => {
        await page.getByRole('radio', { name: 'Poliisi', exact: true }).check();
        await page
          .getByRole('group', { name: 'Kuinka hyödyllinen tilaisuus oli sinulle?', exact: true })
          .getByRole('radio', { name: usefulness, exact: true })
          .check();
        await page.getByRole('checkbox', { name: MEASURES[1], exact: true }).check();
      };
      const send = page.getByRole('button', { name: 'Lähetä vastaus', exact: true });
      const before = (await survey()).responses;

      await answer('4');
      await context.setOffline(true);
      await send.click();
      await page.getByRole('status').filter({ hasText: 'Vastauksesi on tallessa tällä laitteella.' }).waitFor();
      expect(await page.evaluate(`localStorage.getItem('sillat-survey:${code}')`)).toContain('"usefulness":4');
      expect((await survey()).responses).toBe(before);

      // Back online: the kept answer goes out by itself, once.
      const stored = page.waitForResponse((res) => res.url().endsWith(`/api/surveys/${code}/responses`));
      await context.setOffline(false);
      expect((await stored).status()).toBe(201);
      await page.getByRole('status').filter({ hasText: 'Kiitos! Vastauksesi on tallennettu.' }).waitFor();
      expect(await page.evaluate(`localStorage.getItem('sillat-survey:${code}')`)).toBeNull();
      expect((await survey()).responses).toBe(before + 1);
      expect(answered).toEqual([201]);

      // Answering again from the same device replaces the answer: the count stays.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Palautekysely' }).waitFor();
      await answer('2');
      const replaced = page.waitForResponse((res) => res.url().endsWith(`/api/surveys/${code}/responses`));
      await send.click();
      const receipt = await replaced;
      expect(receipt.status()).toBe(200);
      expect(await receipt.json()).toEqual({ stored: true, replaced: true, replay: false });
      await page.getByRole('status').filter({ hasText: 'Kiitos! Vastauksesi on tallennettu.' }).waitFor();
      expect((await survey()).responses).toBe(before + 1);
      expect(answered).toEqual([201, 200]);
    } finally {
      await context.close();
    }
  });

  it('(c) axe finds nothing on the code page, the survey and the thank-you page at 360 px in fi, sv and en', async () => {
    const problems: string[] = [];
    for (const locale of ['fi-FI', 'sv-FI', 'en-GB']) {
      const context = await phone(browser, locale, { bypassCSP: true, viewport: { width: 360, height: 800 } });
      try {
        const page = await context.newPage();
        // path, form controls at least (the survey: 7 roles, 5 × 6 points, 2 measures, 1 text)
        for (const [path, minControls] of [
          ['/s', 1],
          [`/s/${code}`, 40],
          [`/s/${code}/thanks`, 0],
        ] as const) {
          await page.goto(path);
          await page.getByRole('heading', { level: 1 }).waitFor();
          expect(await page.locator('html').getAttribute('lang'), path).toBe(locale.slice(0, 2));
          problems.push(...(await pageProblems(context, page, `${path} (${locale})`, minControls)));
        }
      } finally {
        await context.close();
      }
    }
    expect(problems).toEqual([]);
  });

  it('(d) the coordinator sees the count go up, closes the survey, and sees results with small figures hidden', async () => {
    const page = coordinator;
    await page.goto(`/rounds/${roundId}/survey`);
    await page.getByText('Vastaajia tähän mennessä: 2', { exact: true }).waitFor();
    // A phone answers: the count on the open page follows (it is asked for every 5 s).
    await answerFromNewDevice(code, { category: 'residents', measures: [candidateIds[0]], usefulness: 4 });
    await page.getByText('Vastaajia tähän mennessä: 3', { exact: true }).waitFor({ timeout: 15_000 });

    // Nine more: residents, all for the first measure; half find it very useful; five say what they will do.
    for (let i = 0; i < 9; i++) {
      await answerFromNewDevice(code, {
        category: 'residents',
        measures: [candidateIds[0]],
        usefulness: i < 4 ? 4 : 5,
        ...(i < 5 ? { ownAction: `Toimenpide ${i + 1}: kerron tuloksista tiimilleni.` } : {}),
      });
    }
    await page.getByRole('button', { name: 'Sulje kysely', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Kysely on suljettu.' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Tulokset' }).waitFor();
    await page.getByText('Vastaajia yhteensä: 12', { exact: true }).waitFor();

    // Usefulness: 1 × "2", 6 × "4", 5 × "5". The lone 2 is hidden, and the 5s with it (else 12 − 6 − 0 would tell).
    expect(await rows(page, 'Tilaisuuden hyödyllisyys')).toEqual([
      ['1 – Ei lainkaan hyödyllinen', '0'],
      ['2', HIDDEN],
      ['3', '0'],
      ['4', '6'],
      ['5 – Erittäin hyödyllinen', HIDDEN],
    ]);
    const section = (heading: string) =>
      page.locator('section.question').filter({ has: page.getByRole('heading', { name: heading, exact: true }) });
    const usefulness = section('9. Tilaisuuden hyödyllisyys');
    await usefulness.getByText('Vastanneita 12.', { exact: false }).waitFor();
    await usefulness.getByText('Keskiarvo on piilotettu', { exact: false }).waitFor();
    // Roles: ten residents shown; one official and one police officer hidden.
    const roles = await rows(page, 'Vastaajan rooli');
    expect(roles).toContainEqual(['Asukas', '10']);
    expect(roles).toContainEqual(['Kunnan viranhaltija tai työntekijä', HIDDEN]);
    expect(roles).toContainEqual(['Poliisi', HIDDEN]);
    // Measures: eleven intend to take the first forward; the second's single vote is hidden.
    const measures = await rows(page, 'Aikoo viedä toimenpidettä eteenpäin');
    expect(measures).toHaveLength(2);
    expect(measures).toContainEqual([MEASURES[0], '11']);
    expect(measures).toContainEqual([MEASURES[1], HIDDEN]);
    // One person answered the overall question: nothing of it is shown.
    const overall = section('2. Käsityksen muutos yleisesti');
    await overall.getByText('Alle 5 vastasi – luvut on piilotettu.', { exact: true }).waitFor();
    expect(await overall.getByRole('table').count()).toBe(0);
    // Six said what they will do: shown, the Swedish answer from the phone among them.
    const own = page.getByRole('list', { name: 'Mitä vastaajat aikovat itse tehdä', exact: true });
    expect(await own.getByRole('listitem').count()).toBe(6);
    await own.getByText(SV_OWN_ACTION, { exact: true }).waitFor();

    // The page shows what the API answers.
    const res = await apiAs(page, 'GET', `/rounds/${roundId}/survey/results`);
    const results = (await res.json()) as {
      questions: { key: string; answered: number | null; mean?: number | null }[];
    };
    expect(results.questions.find((q) => q.key === 'usefulness')).toMatchObject({ answered: 12, mean: null });
    expect(results.questions.find((q) => q.key === 'understandingOverall')).toMatchObject({ answered: null });

    // Respondents now find a closed survey, said plainly.
    const context = await phone(browser, 'fi-FI', { bypassCSP: true, viewport: { width: 360, height: 800 } });
    try {
      const respondent = await context.newPage();
      const closed = await respondent.goto(`/s/${code}`);
      expect(closed?.status()).toBe(410);
      await respondent.getByRole('heading', { level: 1, name: 'Kysely on suljettu' }).waitFor();
      expect(await pageProblems(context, respondent, `/s/${code} (closed)`, 0)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
