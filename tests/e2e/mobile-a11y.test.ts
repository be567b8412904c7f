import type { Role } from '@sillat/shared/auth';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { pageProblems } from './a11y';
import { decisionSessionPages } from './decision-helpers';
import { DEMO_ROUND_2026, firstId } from './fixtures';
import { DEMO, apiAs, submitSignIn, text, usePhoneBrowser } from './helpers';

const e2e = inject('e2e');

interface PageCase {
  path: string;
  /** Waits until the page's real content (not just the shell) is on screen. */
  ready: (page: Page) => Promise<void>;
  /** How many form controls the page has at least (the header's language select counts). */
  minControls: number;
}

const listReady = (page: Page) => page.getByRole('main').getByRole('listitem').first().waitFor();
const formReady = (page: Page) => page.getByRole('main').getByRole('button', { name: /./ }).first().waitFor();
const tableReady = (page: Page) => page.getByRole('main').getByRole('row').nth(1).waitFor();
const deckReady = (page: Page) => page.locator('.deck .deck-card').first().waitFor();

/** A round to open: the first listed, or one made for this check when there is none yet. */
async function aRoundId(page: Page): Promise<string> {
  const res = await apiAs(page, 'GET', '/rounds');
  const { items } = (await res.json()) as { items: { id: string }[] };
  if (items[0]) return items[0].id;
  const created = await apiAs(page, 'POST', '/rounds', {
    name: { fi: 'Saavutettavuuskierros', sv: 'Tillgänglighetsomgång', en: 'Accessibility round' },
    period: { start: '2027-01-01', end: '2027-06-30' },
    populationGroupIds: [await firstId(page, '/population-groups')],
    organisationIds: [],
  });
  expect(created.status).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

/** A planned session to open, in a round made for this check (the first round may be closed). */
async function aSessionPath(page: Page): Promise<string> {
  const organisationId = await firstId(page, '/organisations');
  const round = await apiAs(page, 'POST', '/rounds', {
    name: { fi: 'Saavutettavuuskierros', sv: 'Tillgänglighetsomgång', en: 'Accessibility round' },
    period: { start: '2027-01-01', end: '2027-06-30' },
    populationGroupIds: [await firstId(page, '/population-groups')],
    organisationIds: [organisationId],
  });
  expect(round.status).toBe(201);
  const { id, populationGroupIds } = (await round.json()) as { id: string; populationGroupIds: string[] };
  const session = await apiAs(page, 'POST', `/rounds/${id}/sessions`, {
    populationGroupId: populationGroupIds[0],
    districtId: await firstId(page, '/districts'),
    organisationId,
    language: 'fi',
    date: '2027-02-10',
    place: 'Kirjasto',
    notesDeadline: '2027-02-24',
  });
  expect(session.status).toBe(201);
  return `/rounds/${id}/sessions/${((await session.json()) as { id: string }).id}`;
}

/** The feedback survey's staff page of a new round, so it is a draft with its wording editor. */
async function aDraftSurveyPath(page: Page): Promise<string> {
  const round = await apiAs(page, 'POST', '/rounds', {
    name: { fi: 'Kyselykierros', sv: 'Enkätomgång', en: 'Survey round' },
    period: { start: '2027-01-01', end: '2027-06-30' },
    populationGroupIds: [await firstId(page, '/population-groups')],
    organisationIds: [],
  });
  expect(round.status).toBe(201);
  return `/rounds/${((await round.json()) as { id: string }).id}/survey`;
}

/** Every page each role works with; the coordinator edits registries, the administrator the rest. */
async function cases(page: Page, role: Role): Promise<PageCase[]> {
  if (role === 'coordinator') {
    const roundId = await aRoundId(page);
    return [
      { path: '/', ready: listReady, minControls: 1 },
      { path: '/districts', ready: listReady, minControls: 2 },
      { path: '/population-groups', ready: listReady, minControls: 2 },
      { path: '/organisations', ready: listReady, minControls: 2 },
      // name ×3, contact ×3 / name ×3, language checkboxes + other codes
      { path: '/districts/new', ready: formReady, minControls: 7 },
      { path: '/population-groups/new', ready: formReady, minControls: 10 },
      { path: '/organisations/new', ready: formReady, minControls: 7 },
      { path: `/districts/${await firstId(page, '/districts')}`, ready: formReady, minControls: 7 },
      { path: '/users', ready: listReady, minControls: 1 },
      // e-mail, name, role, language
      { path: '/users/new', ready: formReady, minControls: 5 },
      { path: '/rounds', ready: listReady, minControls: 1 },
      // name ×3, start, end, a checkbox per group and organisation
      { path: '/rounds/new', ready: formReady, minControls: 10 },
      // the edit form above, and name ×3, start, end for the next round
      { path: `/rounds/${roundId}`, ready: formReady, minControls: 12 },
      // status move, and group, district, organisation, language, date, place, deadline, participants, two people
      { path: await aSessionPath(page), ready: formReady, minControls: 11 },
      // a round with data: the overview's tables, its sessions and the forms below them
      { path: `/rounds/${DEMO_ROUND_2026}`, ready: tableReady, minControls: 12 },
      // the deck to curate: an "in the deck" checkbox per card
      { path: `/rounds/${DEMO_ROUND_2026}/cards`, ready: listReady, minControls: 5 },
      // the printable deck: only the header's language select
      { path: `/rounds/${DEMO_ROUND_2026}/cards/print`, ready: deckReady, minControls: 1 },
      // the decision-maker session: its record, the board, a table's public page, the action plan
      ...(await decisionSessionPages(page)),
      // the survey's wording (9 questions ×3 languages, both ends of 6 scales ×3) and its closing time
      { path: await aDraftSurveyPath(page), ready: formReady, minControls: 65 },
    ];
  }
  if (role === 'measureOwner') {
    const res = await apiAs(page, 'GET', '/measures');
    const { items } = (await res.json()) as { items: { id: string; roundId: string }[] };
    const measure = items.find((x) => x.roundId === DEMO_ROUND_2026);
    expect(measure).toBeDefined();
    return [
      // "My measures": the list of the owner's measures
      { path: '/measures', ready: listReady, minControls: 1 },
      // the measure, its timeline and the report form: five statuses, slider, number, narrative, checkpoint date
      { path: `/measures/${measure!.roundId}/${measure!.id}`, ready: formReady, minControls: 10 },
    ];
  }
  return [
    { path: '/settings', ready: formReady, minControls: 6 },
    { path: '/users?status=all', ready: listReady, minControls: 1 },
    { path: `/users/${DEMO.organisationStaff.id}`, ready: formReady, minControls: 5 },
    // from, to, person, target, action
    { path: '/audit', ready: tableReady, minControls: 6 },
    // the outbox: a refresh button and the mails the reminder timer kept (no form controls but the header's)
    { path: '/outbox', ready: formReady, minControls: 1 },
    { path: '/api-docs', ready: formReady, minControls: 1 },
  ];
}

describe.skipIf(!e2e.enabled)(
  'phone-sized smoke test: no sideways scrolling, every control labelled, no axe violations',
  () => {
    const { phone } = usePhoneBrowser(() => e2e.baseUrl);

    // Finnish has the longest words ("Väestöryhmät", "Aluekoordinaattori"), so every language is tried.
    it.each(['fi-FI', 'sv-FI', 'en-GB'])('at 360 px in %s', async (locale) => {
      const context = await phone(locale);
      const page = await context.newPage();
      const problems: string[] = [];
      await page.goto('/');
      for (const role of ['coordinator', 'administrator', 'measureOwner'] as const) {
        // The sign-in page itself, then the pages of the role.
        await page.waitForURL((url) => url.pathname === '/signin');
        await page.locator('input[autocomplete="current-password"]').waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe(locale.slice(0, 2));
        problems.push(...(await pageProblems(context, page, `/signin (before ${role})`, 3)));
        await submitSignIn(page, DEMO[role]);
        await page.waitForURL((url) => url.pathname === '/');
        for (const { path, ready, minControls } of await cases(page, role)) {
          await page.goto(path);
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          await ready(page);
          expect(await page.locator('html').getAttribute('lang'), path).toBe(locale.slice(0, 2));
          problems.push(...(await pageProblems(context, page, `${path} (${role})`, minControls)));
        }
        await page.getByRole('button', { name: await text(page, 'sign_out'), exact: true }).click();
        await page.waitForURL((url) => url.pathname === '/signin');
      }
      expect(problems).toEqual([]);
    });
  },
);
