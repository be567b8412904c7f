/**
 * Data and people the end-to-end tests of the cycle start from: ids read
 * through the API, a held session with the demo staff member as its clerk, and
 * the coordinator at a desktop with the clerk on a phone.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_ORGANISATIONS } from '../../functions/src/local/demo-data';
import { DEMO, apiAs, signedInPage, uniqueName, useBrowser } from './helpers';

/** The demo's spring 2026 round (functions/src/local/demo-history.ts, in monitoring): approved sessions, cards in the deck. */
export const DEMO_ROUND_2026 = '00000000-0000-4000-8000-000000000502';

/** The id of the first item a list route answers (with the token of the user signed in on `page`). */
export async function firstId(page: Page, path: string): Promise<string> {
  const res = await apiAs(page, 'GET', path);
  const { items } = (await res.json()) as { items: { id: string }[] };
  expect(items.length).toBeGreaterThan(0);
  return items[0]!.id;
}

/** A new round with one held session of Neighbourhood Aid, with the demo staff user as its clerk. */
export async function heldSession(coordinator: Page): Promise<{ roundId: string; sessionId: string; path: string }> {
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
  const held = await apiAs(
    coordinator,
    'POST',
    `/rounds/${roundId}/sessions/${session.id}/status`,
    {
      status: 'held',
    },
    { 'if-match': `"${session.version}"` },
  );
  expect(held.status).toBe(200);
  return { roundId, sessionId: session.id, path: `/rounds/${roundId}/sessions/${session.id}` };
}

export interface ClerkAndCoordinator {
  /** The coordinator, signed in on a 1280 px desktop. */
  coordinator: Page;
  /** The demo staff member, signed in on a 375 px phone and showing the session. */
  clerk: Page;
  /** The clerk's browser context (to take the phone offline). */
  phone: BrowserContext;
  sessionId: string;
  /** The session page, /rounds/<round>/sessions/<session>. */
  path: string;
}

/**
 * One Chromium per describe block; `start()` gives each test a fresh held
 * session, with its coordinator at a desktop and its clerk on a phone (both in
 * Finnish), whose contexts are closed after the test.
 */
export function useClerkAndCoordinator(baseUrl: () => string): { start: () => Promise<ClerkAndCoordinator> } {
  const { context } = useBrowser(baseUrl);
  const sized = (width: number, height: number) =>
    context((browser, url) => browser.newContext({ baseURL: url, viewport: { width, height }, locale: 'fi-FI' }));
  return {
    async start() {
      const [desktop, phone] = await Promise.all([sized(1280, 900), sized(375, 812)]);
      const coordinator = await signedInPage(desktop, 'coordinator');
      const { sessionId, path } = await heldSession(coordinator);
      const clerk = await signedInPage(phone, 'organisationStaff', path);
      return { coordinator, clerk, phone, sessionId, path };
    },
  };
}
