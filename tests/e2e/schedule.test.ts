import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pageProblems } from './a11y';
import { ROUND_ID, desktopContext } from './decision-helpers';
import { DEMO, apiAs, launchBrowser, signedInPage } from './helpers';

const e2e = inject('e2e');

interface ApiEntry {
  id: string;
  kind: 'single' | 'recurring';
  date?: string;
  start?: string;
  rule?: string;
  until?: string;
  assess: string;
  reporterId?: string;
}

interface ApiMeasure {
  id: string;
  roundId: string;
  title: string;
  ownerId?: string;
  contributors: unknown[];
  schedule?: ApiEntry[];
  nextCheckpoint?: { date: string };
  overdueCheckpoint?: { date: string };
  version: number;
}

/** The demo 2026 round's measures, as `page`'s user sees them. */
async function roundMeasures(page: Page): Promise<ApiMeasure[]> {
  const res = await apiAs(page, 'GET', '/measures');
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: ApiMeasure[] }).items.filter((x) => x.roundId === ROUND_ID);
}

async function measure(page: Page, id: string): Promise<ApiMeasure> {
  const res = await apiAs(page, 'GET', `/rounds/${ROUND_ID}/measures/${id}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { measure: ApiMeasure }).measure;
}

/** Calendar arithmetic on 'YYYY-MM-DD' days, as the browser in this machine's zone counts them. */
const day = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const now = new Date();
const firstOfNextMonth = day(new Date(now.getFullYear(), now.getMonth() + 1, 1));
const inMonths = (months: number, date = 15) => day(new Date(now.getFullYear(), now.getMonth() + months, date));
const yearOn = day(new Date(now.getFullYear() + 1, now.getMonth() + 1, 1));

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

describe.skipIf(!e2e.enabled)('assessment schedules: owners and a quarterly schedule for a plan', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the coordinator assigns an owner and applies a quarterly schedule on the plan page, then adds checkpoints to a measure', async () => {
    const desktop = await desktopContext(browser, e2e.baseUrl);
    try {
      const page = await signedInPage(desktop, 'coordinator');
      const before = await roundMeasures(page);
      expect(before.length).toBeGreaterThan(1);
      // Not the demo owner's measure: measures.test.ts reports on it as its owner.
      const target = before.find((x) => x.ownerId !== DEMO.measureOwner.id)!;
      const originalOwner = target.ownerId!;
      const newOwner = originalOwner === DEMO.organisationStaff.id ? DEMO.coordinator : DEMO.organisationStaff;

      await page.goto(`/rounds/${ROUND_ID}/plan`);
      await page.getByRole('heading', { level: 1, name: 'Toimenpidesuunnitelma' }).waitFor();
      const followUp = page.getByRole('region', { name: 'Seuranta', exact: true });
      const items = followUp.locator('li.card');
      await items.first().waitFor();
      expect(await items.count()).toBe(before.length);

      // An owner through the select: saved at once, the contributors kept.
      const item = items.filter({ has: page.getByRole('heading', { name: target.title, exact: true }) });
      const owner = item.getByLabel('Vastuuhenkilö', { exact: true });
      await owner.selectOption(newOwner.id);
      await followUp
        .getByRole('status')
        .filter({ hasText: `Toimenpiteen ”${target.title}” vastuuhenkilö tallennettu.` })
        .waitFor();
      const assigned = await measure(page, target.id);
      expect(assigned.ownerId).toBe(newOwner.id);
      expect(assigned.contributors).toEqual(target.contributors);

      // The quarterly template, with its defaults: from the first of next month, for a year.
      const template = followUp.getByRole('form', { name: 'Neljännesvuosiarviointi kaikille toimenpiteille' });
      expect(await template.getByLabel('Ensimmäinen arviointi', { exact: true }).inputValue()).toBe(firstOfNextMonth);
      expect(await template.getByLabel('Viimeinen mahdollinen päivä', { exact: true }).inputValue()).toBe(yearOn);
      const assess = await template.getByLabel('Mitä arvioidaan', { exact: true }).inputValue();
      expect(assess).toBe('Miten toimenpide on edennyt edellisen arvioinnin jälkeen, ja onko se aikataulussa?');
      expect(await followUp.locator(`time[datetime="${firstOfNextMonth}"]`).count()).toBe(0);
      await template.getByRole('button', { name: 'Lisää kaikille toimenpiteille', exact: true }).click();
      await followUp
        .getByRole('status')
        .filter({ hasText: `Neljännesvuosiaikataulu lisätty. Toimenpiteitä: ${before.length}.` })
        .waitFor();
      // Every measure now shows its next checkpoint: the template's first.
      await followUp
        .locator(`time[datetime="${firstOfNextMonth}"]`)
        .nth(before.length - 1)
        .waitFor();
      expect(await followUp.locator(`time[datetime="${firstOfNextMonth}"]`).count()).toBe(before.length);
      for (const x of await roundMeasures(page)) {
        expect(x.schedule).toEqual([
          {
            id: 'quarterly',
            kind: 'recurring',
            start: firstOfNextMonth,
            rule: 'FREQ=MONTHLY;INTERVAL=3',
            until: yearOn,
            assess,
          },
        ]);
        expect(x.nextCheckpoint?.date).toBe(firstOfNextMonth);
        expect(x.overdueCheckpoint).toBeUndefined();
      }

      // Back to the original owner (measures.test.ts expects the demo's owners).
      await owner.selectOption(originalOwner);
      await followUp
        .getByRole('status')
        .filter({ hasText: `Toimenpiteen ”${target.title}” vastuuhenkilö tallennettu.` })
        .waitFor();
      await page.waitForFunction(`!document.querySelector('select[id^="followup-"]:disabled')`);
      expect((await measure(page, target.id)).ownerId).toBe(originalOwner);

      // The measure page: the template in words, then a single date and a recurrence added.
      await item.getByRole('link', { name: target.title, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: target.title }).waitFor();
      const section = page.getByRole('region', { name: 'Arviointiaikataulu', exact: true });
      await section.getByText(`— vastuuhenkilö raportoi: ${assess}`).first().waitFor();
      expect(await section.locator('ul.entries').textContent()).toContain('3 kuukauden välein');
      await section.locator(`ol.upcoming time[datetime="${firstOfNextMonth}"]`).waitFor();

      const single = inMonths(2);
      const start = inMonths(1, 10);
      await section.getByRole('button', { name: 'Muokkaa aikataulua', exact: true }).click();
      await section.getByRole('button', { name: 'Lisää päivämäärä', exact: true }).click();
      const second = section.getByRole('group', { name: 'Arviointi 2', exact: true });
      await second.getByLabel('Päivämäärä', { exact: true }).fill(single);
      await second.getByLabel('Mitä arvioidaan', { exact: true }).fill('Montako kävijää kevään tapahtumissa oli?');

      await section.getByRole('button', { name: 'Lisää toistuva arviointi', exact: true }).click();
      const third = section.getByRole('group', { name: 'Arviointi 3', exact: true });
      await third.getByLabel('Ensimmäinen päivä', { exact: true }).fill(start);
      await third.getByLabel('Toistoväli', { exact: true }).fill('6');
      await third.getByLabel('Yksikkö', { exact: true }).selectOption('weeks');
      await third.getByLabel('Päättymispäivä (vapaaehtoinen)', { exact: true }).fill(inMonths(0, 1));
      await third.getByLabel('Mitä arvioidaan', { exact: true }).fill('Onko tilavaraus voimassa?');
      await section.getByRole('button', { name: 'Tallenna aikataulu', exact: true }).click();

      // End before start: the error beside the end date, nothing saved.
      await section.getByRole('alert').filter({ hasText: 'Tarkista merkityt kentät.' }).waitFor();
      const until = third.getByLabel('Päättymispäivä (vapaaehtoinen)', { exact: true });
      await third.getByText('Päättymispäivä on ennen ensimmäistä päivää.', { exact: true }).waitFor();
      expect(await until.getAttribute('aria-invalid')).toBe('true');
      expect(await until.getAttribute('aria-describedby')).toContain('sched-entries-2-until-error');
      expect((await measure(page, target.id)).schedule).toHaveLength(1);

      const end = inMonths(7, 1);
      await until.fill(end);
      await section.getByRole('button', { name: 'Tallenna aikataulu', exact: true }).click();
      await section.getByRole('status').filter({ hasText: 'Tallennettu.' }).waitFor();

      // After a reload the schedule is there, in words.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: target.title }).waitFor();
      const entries = section.locator('ul.entries > li');
      await entries.nth(2).waitFor();
      expect(await entries.nth(1).textContent()).toContain(
        '— vastuuhenkilö raportoi: Montako kävijää kevään tapahtumissa oli?',
      );
      expect(await entries.nth(2).textContent()).toMatch(
        /^6 viikon välein .+ alkaen .+ asti — vastuuhenkilö raportoi: /,
      );
      await section.locator(`ol.upcoming time[datetime="${start}"]`).waitFor();

      const saved = await measure(page, target.id);
      expect(saved.schedule).toEqual([
        {
          id: 'quarterly',
          kind: 'recurring',
          start: firstOfNextMonth,
          rule: 'FREQ=MONTHLY;INTERVAL=3',
          until: yearOn,
          assess,
        },
        { id: expect.any(String), kind: 'single', date: single, assess: 'Montako kävijää kevään tapahtumissa oli?' },
        {
          id: expect.any(String),
          kind: 'recurring',
          start,
          rule: 'FREQ=WEEKLY;INTERVAL=6',
          until: end,
          assess: 'Onko tilavaraus voimassa?',
        },
      ]);
      expect(saved.overdueCheckpoint).toBeUndefined();
    } finally {
      await desktop.close();
    }
  });

  it('the plan page and the measure page with its schedule form pass axe at 375 px without sideways scrolling', async () => {
    const context = await phone(browser);
    try {
      const page = await signedInPage(context, 'coordinator');
      const [first] = await roundMeasures(page);
      await page.goto(`/rounds/${ROUND_ID}/plan`);
      await page.getByRole('region', { name: 'Seuranta', exact: true }).locator('li.card').first().waitFor();
      const problems = await pageProblems(context, page, 'plan', 5, 375);

      await page.goto(`/measures/${ROUND_ID}/${first!.id}`);
      const section = page.getByRole('region', { name: 'Arviointiaikataulu', exact: true });
      await section.getByRole('button', { name: 'Muokkaa aikataulua', exact: true }).click();
      await section.getByRole('button', { name: 'Lisää toistuva arviointi', exact: true }).click();
      await section.getByRole('button', { name: 'Tallenna aikataulu', exact: true }).click();
      // With the form open and its errors shown: the hardest state to fit on a phone.
      await section.getByRole('alert').waitFor();
      problems.push(...(await pageProblems(context, page, 'measure', 8, 375)));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
