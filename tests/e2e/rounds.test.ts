import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_ORGANISATIONS } from '../../functions/src/local/demo-data';
import { firstId } from './fixtures';
import { DEMO, apiAs, signedInPage, uniqueName, usePhoneBrowser } from './helpers';

const e2e = inject('e2e');

interface Round {
  id: string;
  name: { fi?: string };
  phase: string;
  populationGroupIds: string[];
  organisationIds: string[];
  previousRoundId?: string;
  nextRoundId?: string;
}

/** The rounds the API holds, read with the token of the user signed in on `page`. */
async function rounds(page: Page): Promise<Round[]> {
  const res = await apiAs(page, 'GET', '/rounds');
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Round[] }).items;
}

async function byName(page: Page, name: string): Promise<Round> {
  const round = (await rounds(page)).find((r) => r.name.fi === name);
  if (!round) throw new Error(`No round named ${name}.`);
  return round;
}

/** The phase the step indicator marks as current. */
async function currentStep(page: Page): Promise<string> {
  const step = page.getByRole('list', { name: 'Kierroksen vaiheet' }).locator('[aria-current="step"]');
  return (await step.innerText()).trim();
}

/** Clicks a phase move, confirms it in the dialog and waits for the new current step. */
async function movePhase(page: Page, button: string, phase: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Siirretäänkö kierros vaiheeseen: ${phase}?` });
  await dialog.getByRole('button', { name: 'Siirrä', exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Kierros on nyt vaiheessa: ${phase}.` })
    .waitFor();
  expect(await currentStep(page)).toBe(phase);
}

/** A round made through the API by the coordinator signed in on `page`, moved to data collection when asked. */
async function newRound(page: Page, name: string, organisationIds: string[], collecting = false): Promise<Round> {
  const res = await apiAs(page, 'POST', '/rounds', {
    name: { fi: name },
    period: { start: '2027-08-01', end: '2027-12-31' },
    populationGroupIds: [await firstId(page, '/population-groups')],
    organisationIds,
  });
  expect(res.status).toBe(201);
  const round = (await res.json()) as Round;
  if (!collecting) return round;
  const moved = await apiAs(
    page,
    'POST',
    `/rounds/${round.id}/phase`,
    { phase: 'dataCollection' },
    {
      'if-match': res.headers.get('etag') ?? '',
    },
  );
  expect(moved.status).toBe(200);
  return (await moved.json()) as Round;
}

/** A new organisation staff member, created by the coordinator signed in on `page`. */
async function newStaff(page: Page, name: string, organisationId: string): Promise<string> {
  const res = await apiAs(page, 'POST', '/users', {
    email: `${name.replace(/\W+/g, '.').toLowerCase()}@e2e.example`,
    name,
    role: 'organisationStaff',
    organisationId,
    locale: 'fi',
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe.skipIf(!e2e.enabled)('rounds in the browser (360 px, Finnish)', () => {
  const { phone } = usePhoneBrowser(() => e2e.baseUrl);

  it('a coordinator creates a round, moves its phase both ways and starts the next round from it', async () => {
    const context = await phone('fi-FI');
    const page = await signedInPage(context, 'coordinator', '/');
    const name = uniqueName('Kevät');
    const nextName = uniqueName('Syksy');

    await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Kierrokset' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kierrokset' }).waitFor();
    await page.getByRole('link', { name: 'Uusi kierros', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Uusi kierros' }).waitFor();

    await page.getByRole('group', { name: 'Nimi' }).getByLabel('Suomeksi', { exact: true }).fill(name);
    await page.getByLabel('Alkaa', { exact: true }).fill('2027-01-01');
    await page.getByLabel('Päättyy', { exact: true }).fill('2027-06-30');
    const groups = page.getByRole('group', { name: 'Väestöryhmät' });
    await groups.getByRole('checkbox', { name: 'Somalinkieliset vanhemmat', exact: true }).check();
    await groups.getByRole('checkbox', { name: 'Viittomakieliset', exact: true }).check();
    await page
      .getByRole('group', { name: 'Järjestöt' })
      .getByRole('checkbox', { name: 'Naapuruusapu ry', exact: true })
      .check();
    await page.getByRole('button', { name: 'Luo kierros', exact: true }).click();

    // On the round's page: confirmation, details, and the first of the five steps.
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Kierros luotu.' }).waitFor();
    const details = page.locator('dl');
    expect(await details.innerText()).toContain('Somalinkieliset vanhemmat, Viittomakieliset');
    expect(await details.innerText()).toContain('Naapuruusapu ry');
    expect(await page.getByRole('list', { name: 'Kierroksen vaiheet' }).getByRole('listitem').count()).toBe(5);
    expect(await currentStep(page)).toBe('Suunnittelu');
    const created = await byName(page, name);
    expect(created).toMatchObject({ phase: 'planning', organisationIds: [expect.any(String)] });
    expect(created.populationGroupIds).toHaveLength(2);

    // Forward, back, forward again; only the allowed moves are offered.
    expect(await page.getByRole('button', { name: /^Palauta vaiheeseen/ }).count()).toBe(0);
    await movePhase(page, 'Siirrä vaiheeseen: Tiedonkeruu', 'Tiedonkeruu');
    await movePhase(page, 'Palauta vaiheeseen: Suunnittelu', 'Suunnittelu');
    await movePhase(page, 'Siirrä vaiheeseen: Tiedonkeruu', 'Tiedonkeruu');
    await page.getByRole('button', { name: 'Siirrä vaiheeseen: Päättäjätilaisuus', exact: true }).waitFor();
    expect((await byName(page, name)).phase).toBe('dataCollection');

    // Start the next round: it opens with the same groups and a link back.
    const next = page.getByRole('region', { name: 'Aloita seuraava kierros tästä' });
    await next.getByLabel('Suomeksi', { exact: true }).fill(nextName);
    await next.getByLabel('Alkaa', { exact: true }).fill('2028-01-01');
    await next.getByLabel('Päättyy', { exact: true }).fill('2028-06-30');
    await next.getByRole('button', { name: 'Aloita seuraava kierros', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: nextName }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Seuraava kierros aloitettu.' }).waitFor();
    expect(await page.locator('dl').innerText()).toContain('Somalinkieliset vanhemmat, Viittomakieliset');
    expect(await currentStep(page)).toBe('Suunnittelu');
    const started = await byName(page, nextName);
    expect(started).toMatchObject({ previousRoundId: created.id, phase: 'planning' });
    expect([...started.populationGroupIds].sort()).toEqual([...created.populationGroupIds].sort());

    // The list shows it with a link to the round it started from, which says where it continued.
    await page.getByRole('link', { name: 'Takaisin luetteloon' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kierrokset' }).waitFor();
    const card = page
      .getByRole('list', { name: 'Kierrokset', exact: true })
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: nextName, exact: true }) });
    expect(await card.innerText()).toContain('Vaihe: Suunnittelu');
    await card.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('link', { name: nextName, exact: true }).waitFor();
    expect(await page.getByRole('region', { name: 'Aloita seuraava kierros tästä' }).count()).toBe(0);
  });

  it('a council member reads the rounds without changing them', async () => {
    const context = await phone('fi-FI');
    const page = await signedInPage(context, 'councilMember', '/rounds');
    await page.getByRole('heading', { level: 1, name: 'Kierrokset' }).waitFor();
    await page.getByText('Voit lukea kierroksia; koordinaattorit muuttavat niitä.').waitFor();
    expect(await page.getByRole('link', { name: 'Uusi kierros' }).count()).toBe(0);
    expect(
      await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Kierrokset' }).count(),
    ).toBe(0);
    // Opening a round (the test above made one) shows it, but offers no form or phase move.
    const [first] = await rounds(page);
    expect(first).toBeDefined();
    await page.goto(`/rounds/${first!.id}`);
    await page.getByRole('list', { name: 'Kierroksen vaiheet' }).waitFor();
    await page.getByText('Voit lukea kierroksia; koordinaattorit muuttavat niitä.').waitFor();
    expect(await page.getByRole('button', { name: /Siirrä|Palauta|Tallenna|Aloita/ }).count()).toBe(0);
    expect(await page.getByRole('main').getByRole('textbox').count()).toBe(0);
  });
  it('organisation staff see the rounds that concern them and choose a colleague as facilitator', async () => {
    const [own, other] = DEMO_ORGANISATIONS.map((o) => o.id) as [string, string];
    const coordinator = await signedInPage(await phone('fi-FI'), 'coordinator', '/rounds');
    const theirs = await newRound(coordinator, uniqueName('Järjestön kierros'), [own]);
    const collecting = await newRound(coordinator, uniqueName('Keräävä kierros'), [other], true);
    const elsewhere = await newRound(coordinator, uniqueName('Muiden kierros'), [other]);
    const colleague = uniqueName('Kaisa Kollega');
    const colleagueId = await newStaff(coordinator, colleague, own);
    const stranger = uniqueName('Ville Vieras');
    await newStaff(coordinator, stranger, other);
    const session = await apiAs(coordinator, 'POST', `/rounds/${theirs.id}/sessions`, {
      populationGroupId: theirs.populationGroupIds[0],
      districtId: await firstId(coordinator, '/districts'),
      organisationId: own,
      language: 'fi',
      date: '2027-09-10',
      place: 'Asukastalo',
      notesDeadline: '2027-09-24',
    });
    expect(session.status).toBe(201);

    // The list says what it shows, and shows just that.
    const page = await signedInPage(await phone('fi-FI'), 'organisationStaff', '/rounds');
    await page.getByText('Näet kierrokset, joissa tiedonkeruu on nyt käynnissä', { exact: false }).waitFor();
    const list = page.getByRole('list', { name: 'Kierrokset', exact: true });
    const card = (round: Round) =>
      list.getByRole('listitem').filter({ has: page.getByRole('heading', { name: round.name.fi, exact: true }) });
    await card(theirs).waitFor();
    await card(collecting).waitFor();
    expect(await card(elsewhere).count()).toBe(0);

    // In the session, the facilitator is chosen among the organisation's active staff, by name.
    await card(theirs).getByRole('link', { name: theirs.name.fi, exact: true }).click();
    await page.getByRole('link', { name: /Asukastalo/ }).click();
    const facilitator = page.getByLabel('Fasilitaattori', { exact: true });
    await facilitator.locator('option', { hasText: colleague }).waitFor({ state: 'attached' });
    const options = await facilitator.locator('option').allInnerTexts();
    expect(options).toContain(DEMO.organisationStaff.name);
    expect(options).not.toContain(stranger);
    await facilitator.selectOption({ label: colleague });
    await page.getByRole('button', { name: 'Tallenna', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Tallennettu.' }).waitFor();
    const saved = await apiAs(page, 'GET', `/rounds/${theirs.id}/sessions`);
    const [item] = ((await saved.json()) as { items: { facilitatorId?: string }[] }).items;
    expect(item?.facilitatorId).toBe(colleagueId);
    await page.reload();
    await page.getByLabel('Fasilitaattori', { exact: true }).locator('option:checked', { hasText: colleague }).waitFor({
      state: 'attached',
    });
  });
});
