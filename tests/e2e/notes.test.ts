import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_ORGANISATIONS } from '../../functions/src/local/demo-data';
import { DEMO, accessToken, apiAs, launchBrowser, signedInPage, uniqueName } from './helpers';

const e2e = inject('e2e');

async function firstId(page: Page, path: string): Promise<string> {
  const res = await apiAs(page, 'GET', path);
  const { items } = (await res.json()) as { items: { id: string }[] };
  expect(items.length).toBeGreaterThan(0);
  return items[0]!.id;
}

/** A round with one held session of Neighbourhood Aid, with the demo staff user as its clerk. */
async function heldSession(coordinator: Page): Promise<{ roundId: string; sessionId: string }> {
  const organisationId = DEMO_ORGANISATIONS[0]!.id;
  const round = await apiAs(coordinator, 'POST', '/rounds', {
    name: { fi: uniqueName('Muistiinpanokierros') },
    period: { start: '2027-01-01', end: '2027-06-30' },
    populationGroupIds: [await firstId(coordinator, '/population-groups')],
    organisationIds: [organisationId],
  });
  expect(round.status).toBe(201);
  const { id: roundId, populationGroupIds } = (await round.json()) as { id: string; populationGroupIds: string[] };
  const created = await apiAs(coordinator, 'POST', `/rounds/${roundId}/sessions`, {
    populationGroupId: populationGroupIds[0],
    districtId: await firstId(coordinator, '/districts'),
    organisationId,
    language: 'so',
    date: '2027-02-10',
    place: 'Kirjaston monitoimitila',
    clerkId: DEMO.organisationStaff.id,
    participantCount: 8,
    notesDeadline: '2027-02-24',
  });
  expect(created.status).toBe(201);
  const session = (await created.json()) as { id: string; version: number };
  const held = await fetch(`${new URL(coordinator.url()).origin}/api/rounds/${roundId}/sessions/${session.id}/status`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await accessToken(coordinator)}`,
      'content-type': 'application/json',
      'if-match': `"${session.version}"`,
    },
    body: JSON.stringify({ status: 'held' }),
  });
  expect(held.status).toBe(200);
  return { roundId, sessionId: session.id };
}

describe.skipIf(!e2e.enabled)('anonymised notes: a clerk on a phone, the coordinator on a desktop', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('stops an identity code, lets the clerk redact it and deliver, and the coordinator approves', async () => {
    const desktop = await browser.newContext({
      baseURL: e2e.baseUrl,
      viewport: { width: 1280, height: 900 },
      locale: 'fi-FI',
    });
    const phone = await browser.newContext({
      baseURL: e2e.baseUrl,
      viewport: { width: 375, height: 812 },
      locale: 'fi-FI',
    });
    try {
      const coordinator = await signedInPage(desktop, 'coordinator');
      const { roundId, sessionId } = await heldSession(coordinator);
      const path = `/rounds/${roundId}/sessions/${sessionId}`;

      // The clerk finds the session through the menu's rounds list and writes the notes.
      const clerk = await signedInPage(phone, 'organisationStaff', path);
      const attitudes = clerk.getByLabel('asenteet', { exact: true });
      await attitudes.fill('Yksi osallistuja kertoi henkilötunnuksensa 131052-308T. Kirjastossa on hyvä tunnelma.');
      await clerk.getByText('Henkilötunnus:').waitFor();
      const deliver = clerk.getByRole('button', { name: 'Toimita muistiinpanot', exact: true });
      expect(await deliver.isDisabled()).toBe(true);
      await clerk.getByText('Tallennettu', { exact: true }).waitFor();

      await clerk.getByRole('button', { name: 'Poista', exact: true }).click();
      await clerk.getByText('Henkilötunnus:').waitFor({ state: 'detached' });
      expect(await attitudes.inputValue()).toBe(
        'Yksi osallistuja kertoi henkilötunnuksensa […]. Kirjastossa on hyvä tunnelma.',
      );
      await clerk.getByText('Tallennettu', { exact: true }).waitFor();
      // Nothing on the phone scrolls sideways.
      expect(Number(await clerk.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(375);

      await deliver.click();
      await clerk.getByText('Muistiinpanot on toimitettu koordinaattorille', { exact: false }).waitFor();
      expect(await clerk.getByRole('textbox', { name: 'asenteet', exact: true }).count()).toBe(0);

      // The coordinator reads what arrived and approves it.
      await coordinator.goto(path);
      await coordinator.getByText('Kirjastossa on hyvä tunnelma.', { exact: false }).waitFor();
      expect(await coordinator.getByText('131052-308T').count()).toBe(0);
      await coordinator.getByRole('button', { name: 'Hyväksy', exact: true }).click();
      await coordinator.getByRole('status').filter({ hasText: 'Muistiinpanot hyväksytty.' }).waitFor();

      const notes = await apiAs(coordinator, 'GET', `${path}/notes`);
      expect(((await notes.json()) as { status: string }).status).toBe('approved');
    } finally {
      await Promise.all([desktop.close(), phone.close()]);
    }
  });
});
