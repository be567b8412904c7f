/**
 * Pieces the decision-maker session's end-to-end tests share: API calls with
 * If-Match, as the app makes them, and the demo round they run in.
 */
import type { Aspect } from '@sillat/shared/aspects';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { apiAs, uniqueName } from './helpers';

/** The demo's spring 2026 round (in monitoring): six groups, six approved sessions with ratings, a deck of cards. */
export const ROUND_ID = '00000000-0000-4000-8000-000000000502';

/** Calls the API as the user signed in on `page`, with `If-Match` for a versioned change. */
export async function apiWithVersion(
  page: Page,
  method: string,
  path: string,
  version: number,
  body?: unknown,
): Promise<Response> {
  return apiAs(page, method, path, body, { 'if-match': `"${version}"` });
}

/** The version an answer carries in its ETag. */
export function versionOf(res: Response): number {
  return Number((res.headers.get('etag') ?? '').replace(/\D/g, ''));
}

/** A desktop-sized context (the coordinator runs the session from a laptop) in the given browser language. */
export async function desktopContext(browser: Browser, baseUrl: string, locale = 'fi-FI'): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 }, locale });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);
  return context;
}

/** The answer's body, after checking its status. */
async function expectJson<T>(res: Promise<Response>, status: number, what: string): Promise<T> {
  const answer = await res;
  const body: unknown = await answer.json().catch(() => undefined);
  expect(answer.status, `${what}: ${JSON.stringify(body)}`).toBe(status);
  return body as T;
}

export interface DeckCard {
  id: string;
  aspect: Aspect;
  tone: string;
  text: string;
  translations?: Partial<Record<'fi' | 'sv' | 'en', string>>;
  populationGroupId: string;
  districtId: string;
  inDeck: boolean;
}

/** Cards written for each of the two sessions (Finnish, with Swedish and English translations). */
const CARDS = [
  [
    {
      aspect: 'safety',
      tone: 'negative',
      text: 'Asemalla ei uskalla odottaa bussia yksin iltaisin.',
      translations: {
        sv: 'På stationen vågar man inte vänta på bussen ensam på kvällarna.',
        en: 'At the station one does not dare wait for the bus alone in the evening.',
      },
    },
    {
      aspect: 'interaction',
      tone: 'positive',
      text: 'Pihajuhlassa tutustuimme uusiin naapureihin.',
      translations: {
        sv: 'På gårdsfesten lärde vi känna nya grannar.',
        en: 'At the courtyard party we got to know new neighbours.',
      },
    },
  ],
  [
    {
      aspect: 'participation',
      tone: 'negative',
      text: 'Emme tiedä, miten kaupungin päätöksiin voi vaikuttaa.',
      translations: {
        sv: 'Vi vet inte hur man kan påverka stadens beslut.',
        en: 'We do not know how to influence the city’s decisions.',
      },
    },
  ],
] as const;

/**
 * A round of its own with a deck, made through the API as the coordinator
 * would: two groups, a held session for each with approved notes, and three
 * cards. Its board, candidates and action plan start empty, whatever other
 * tests do with the demo rounds.
 */
export async function roundWithDeck(page: Page): Promise<{ roundId: string; deck: DeckCard[] }> {
  const list = async (path: string) =>
    (
      await expectJson<{ items: { id: string; archived: boolean }[] }>(apiAs(page, 'GET', path), 200, path)
    ).items.filter((i) => !i.archived);
  const [groups, districts, organisations] = await Promise.all([
    list('/population-groups'),
    list('/districts'),
    list('/organisations'),
  ]);
  const name = uniqueName('Päättäjäkierros');
  const round = await expectJson<{ id: string }>(
    apiAs(page, 'POST', '/rounds', {
      name: { fi: name, sv: name, en: name },
      period: { start: '2027-01-01', end: '2027-06-30' },
      populationGroupIds: [groups[0]!.id, groups[1]!.id],
      organisationIds: [organisations[0]!.id],
    }),
    201,
    'round',
  );
  for (const [i, cards] of CARDS.entries()) {
    const session = await expectJson<{ id: string; version: number }>(
      apiAs(page, 'POST', `/rounds/${round.id}/sessions`, {
        populationGroupId: groups[i]!.id,
        districtId: districts[i]!.id,
        organisationId: organisations[0]!.id,
        language: 'fi',
        date: '2027-02-10',
        place: 'Kirjasto',
        participantCount: 9,
        notesDeadline: '2027-02-24',
      }),
      201,
      'session',
    );
    const path = `/rounds/${round.id}/sessions/${session.id}`;
    await expectJson(apiWithVersion(page, 'POST', `${path}/status`, session.version, { status: 'held' }), 200, 'held');
    const section = 'Keskustelussa puhuttiin kirjaston ja aseman ympäristöstä.';
    const notes = await expectJson<{ version: number }>(
      apiWithVersion(page, 'PUT', `${path}/notes`, 0, {
        language: 'fi',
        sections: { attitudes: section, safety: section, interaction: section, participation: section, other: '' },
      }),
      200,
      'notes',
    );
    const delivered = await expectJson<{ version: number }>(
      apiWithVersion(page, 'POST', `${path}/notes/deliver`, notes.version, { confirmations: [] }),
      200,
      'deliver',
    );
    await expectJson(apiWithVersion(page, 'POST', `${path}/notes/approve`, delivered.version), 200, 'approve');
    for (const card of cards) {
      await expectJson(
        apiAs(page, 'POST', `/rounds/${round.id}/cards`, { sessionId: session.id, language: 'fi', ...card }),
        201,
        'card',
      );
    }
  }
  const { items } = await expectJson<{ items: DeckCard[] }>(
    apiAs(page, 'GET', `/rounds/${round.id}/cards`),
    200,
    'cards',
  );
  return { roundId: round.id, deck: items.filter((c) => c.inDeck) };
}

/**
 * The decision-maker session's pages for the phone-width accessibility check,
 * in a round of their own with data on every page: the session's form, the
 * open board with its table codes, a table's public page, and a draft plan
 * with a candidate. The table's page comes before the plan, so the list ends
 * on a signed-in page (with the menu's sign-out).
 */
export async function decisionSessionPages(
  page: Page,
): Promise<{ path: string; ready: (page: Page) => Promise<void>; minControls: number }[]> {
  const { roundId, deck } = await roundWithDeck(page);
  const opened = await expectJson<{ token: string }>(
    apiAs(page, 'POST', `/rounds/${roundId}/board/open`, { tables: 2 }),
    200,
    'board',
  );
  await expectJson(
    apiAs(page, 'POST', `/rounds/${roundId}/candidates`, {
      title: 'Yhteinen iltakahvila kirjastossa',
      description: 'Kirjasto ja järjestöt avaavat kahvilan kerran viikossa.',
      aspects: ['interaction'],
      populationGroupIds: [deck[0]!.populationGroupId],
      districtIds: [],
    }),
    201,
    'candidate',
  );
  const inMain = (role: 'button' | 'img') => (p: Page) => p.getByRole('main').getByRole(role).first().waitFor();
  return [
    // date, place, a count per attendance category
    { path: `/rounds/${roundId}/decision`, ready: inMain('button'), minControls: 10 },
    // the number of tables; the tables' QR codes
    { path: `/rounds/${roundId}/board`, ready: inMain('img'), minControls: 2 },
    // the cards' language, the idea's kind ×2 and text, a checkbox per card
    { path: `/board/${opened.token}/1`, ready: inMain('button'), minControls: 5 + deck.length },
    // a checkbox per candidate
    { path: `/rounds/${roundId}/plan`, ready: inMain('button'), minControls: 2 },
  ];
}
