import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ATTENDANCE_CATEGORIES } from '@sillat/shared/attendance';
import { STYLE_ATTRIBUTE_HASHES } from '@sillat/shared/security-headers';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { apiWithVersion, desktopContext, versionOf } from './decision-helpers';
import { REPO_ROOT, apiAs, signedInPage, uniqueName, useBrowser } from './helpers';

const e2e = inject('e2e');

/**
 * Stored XSS: a coordinator (and a respondent, and a table at the board)
 * writes script into every free-text field there is, and every page that
 * shows those fields shows the text literally — nothing runs, nothing is
 * injected, and the browser reports no CSP violation (the CSP would block an
 * inline script, but it must never have to).
 */
const VECTORS = `<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>"><svg onload="window.__xss=1"> javascript:window.__xss=1`;
/** For person names (at most 120 characters): their labels start `name`. */
const SHORT_VECTORS = `<img src=x onerror="window.__xss=1">"><svg onload=window.__xss=1>`;
const run = Date.now().toString(36);
/** A field's value: a label naming the field (so a failure says which), then every vector. */
const xss = (field: string, vectors = VECTORS) => `XSS-${field}-${run} ${vectors}`;

/** Records CSP violations from the first script on, in every page of the context. */
const WATCH = `window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.effectiveDirective + ' ' + e.blockedURI));`;

/** What a page shows: its text, and the values of its form fields. */
const SHOWN = `(document.body?.innerText ?? '') + '\\n' + [...document.querySelectorAll('input, textarea')].map((e) => e.value).join('\\n')`;

/** Elements a payload would have made, had it been parsed as HTML. */
const INJECTED = `[...document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload], a[href^="javascript:"]')].map((e) => e.outerHTML.slice(0, 80)).concat([...document.scripts].filter((s) => s.textContent.includes('__xss')).map((s) => s.outerHTML.slice(0, 80)))`;

const ALL_FIELDS = [
  'municipality',
  'district',
  'name-liaison',
  'group',
  'organisation',
  'name-contact',
  'name-user',
  'round',
  'place',
  'notes',
  'review',
  'card',
  'card-sv',
  'venue',
  'idea',
  'title',
  'description',
  'assess',
  'narrative',
  'question',
  'answer',
  'answer-typed',
];

/**
 * Opens `path` and returns what is wrong: a field in `fields` not shown
 * literally, an element a payload made, a payload that ran, a CSP violation.
 */
async function problemsOn(page: Page, path: string, fields: string[]): Promise<string[]> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  // Polled through DevTools: Playwright's waitForFunction would eval() in the page, which the CSP refuses.
  const labels = fields.map((f) => `XSS-${f}-${run}`);
  let shown = '';
  for (let tries = 0; tries < 50; tries++) {
    shown = String(await page.evaluate(SHOWN));
    if (labels.every((l) => shown.includes(l))) break;
    await page.waitForTimeout(200);
  }
  const vectorsOf = (field: string) => (field.startsWith('name') ? SHORT_VECTORS : VECTORS);
  const present = ALL_FIELDS.filter((f) => shown.includes(`XSS-${f}-${run}`));
  const problems = fields
    .filter((f) => !shown.includes(xss(f, vectorsOf(f))))
    .map((f) => `${path}: ${f} not shown literally (shown: ${present.join(', ')})`);
  for (const html of (await page.evaluate(INJECTED)) as string[]) problems.push(`${path}: injected ${html}`);
  if ((await page.evaluate('typeof window.__xss')) !== 'undefined') problems.push(`${path}: a payload ran`);
  for (const v of (await page.evaluate('window.__csp')) as string[]) problems.push(`${path}: CSP violation ${v}`);
  return problems;
}

/** The answer's body, after checking its status. */
async function ok<T>(res: Promise<Response>, status = 200): Promise<T> {
  const answer = await res;
  const text = await answer.text();
  expect(answer.status, text).toBe(status);
  return (text ? JSON.parse(text) : {}) as T;
}

describe.skipIf(!e2e.enabled)('stored XSS renders inert', () => {
  const { context } = useBrowser(() => e2e.baseUrl);

  it('every free-text field, written through the API and the forms, shows literally on every page', async () => {
    const desktop: BrowserContext = await context((browser, url) => desktopContext(browser, url));
    await desktop.addInitScript(WATCH);
    const page = await signedInPage(desktop, 'coordinator', '/rounds');
    // Chromium reports a header it cannot parse (an unknown Permissions-Policy feature, a bad CSP source) in the console.
    const headerWarnings: string[] = [];
    page.on('console', (msg) => {
      if (/Permissions-Policy|Content-Security-Policy|Referrer-Policy/.test(msg.text()))
        headerWarnings.push(msg.text());
    });
    const api = (method: string, path: string, body?: unknown) => apiAs(page, method, path, body);
    const versioned = (method: string, path: string, version: number, body?: unknown) =>
      apiWithVersion(page, method, path, version, body);

    // Registries: a district (with its liaison officer), a population group, an organisation (with its contact).
    const district = await ok<{ id: string }>(
      api('POST', '/districts', {
        name: { fi: xss('district') },
        liaisonOfficer: { name: xss('name-liaison', SHORT_VECTORS) },
      }),
      201,
    );
    const group = await ok<{ id: string }>(api('POST', '/population-groups', { name: { sv: xss('group') } }), 201);
    const organisation = await ok<{ id: string }>(
      api('POST', '/organisations', {
        name: { en: xss('organisation') },
        contact: { name: xss('name-contact', SHORT_VECTORS) },
      }),
      201,
    );
    const user = await ok<{ id: string }>(
      api('POST', '/users', {
        email: `xss-${run}@example.org`,
        name: xss('name-user', SHORT_VECTORS),
        role: 'measureOwner',
        locale: 'fi',
      }),
      201,
    );

    // A round with one held session: notes returned with a comment, then approved; a card with a translation.
    let round = await ok<{ id: string; version: number }>(
      api('POST', '/rounds', {
        name: { fi: xss('round'), sv: uniqueName('XSS-omgång') },
        period: { start: '2027-01-01', end: '2027-06-30' },
        populationGroupIds: [group.id],
        organisationIds: [organisation.id],
      }),
      201,
    );
    const r = `/rounds/${round.id}`;
    const session = await ok<{ id: string; version: number }>(
      api('POST', `${r}/sessions`, {
        populationGroupId: group.id,
        districtId: district.id,
        organisationId: organisation.id,
        language: 'fi',
        date: '2027-02-10',
        place: xss('place'),
        participantCount: 9,
        notesDeadline: '2027-02-24',
      }),
      201,
    );
    const s = `${r}/sessions/${session.id}`;
    await ok(versioned('POST', `${s}/status`, session.version, { status: 'held' }));
    const sections = { attitudes: xss('notes'), safety: 'Turvallisuus', interaction: '', participation: '', other: '' };
    let notes = await ok<{ version: number }>(versioned('PUT', `${s}/notes`, 0, { language: 'fi', sections }));
    notes = await ok(versioned('POST', `${s}/notes/deliver`, notes.version, { confirmations: [] }));
    notes = await ok(versioned('POST', `${s}/notes/return`, notes.version, { comment: xss('review') }));
    const problems = await problemsOn(page, s, [
      'round',
      'place',
      'notes',
      'review',
      'district',
      'group',
      'organisation',
    ]);
    notes = await ok(versioned('POST', `${s}/notes/deliver`, notes.version, { confirmations: [] }));
    await ok(versioned('POST', `${s}/notes/approve`, notes.version));
    await ok(
      api('POST', `${r}/cards`, {
        sessionId: session.id,
        language: 'fi',
        aspect: 'safety',
        tone: 'negative',
        text: xss('card'),
        translations: { sv: xss('card-sv') },
      }),
      201,
    );

    // The decision-maker session: its place, a table's idea, two candidates, a confirmed plan.
    for (const phase of ['dataCollection', 'decisionSession']) {
      round = await ok(versioned('POST', `${r}/phase`, round.version, { phase }));
    }
    const attendance = Object.fromEntries(ATTENDANCE_CATEGORIES.map((c) => [c, 1]));
    await ok(versioned('PUT', `${r}/decision-session`, 0, { date: '2027-04-20', place: xss('venue'), attendance }));
    const board = await ok<{ token: string }>(api('POST', `${r}/board/open`, { tables: 1 }));
    await ok(
      fetch(`${e2e.baseUrl}/api/boards/${board.token}/tables/1/ideas`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'increaseGood', text: xss('idea') }),
      }),
      201,
    );
    const candidate = await ok<{ id: string }>(
      api('POST', `${r}/candidates`, {
        title: xss('title'),
        description: xss('description'),
        aspects: ['safety'],
        populationGroupIds: [group.id],
        districtIds: [district.id],
      }),
      201,
    );
    const plan = await api('GET', `${r}/action-plan`);
    const drafted = await ok<{ version: number }>(
      versioned('PUT', `${r}/action-plan`, versionOf(plan), { candidateIds: [candidate.id] }),
    );
    await ok(versioned('POST', `${r}/action-plan/confirm`, drafted.version));
    const { items: measures } = await ok<{ items: { id: string; roundId: string; version: number }[] }>(
      api('GET', '/measures'),
    );
    const measure = measures.find((m) => m.roundId === round.id)!;
    const m = `${r}/measures/${measure.id}`;
    await ok(
      versioned('PUT', `${m}/schedule`, measure.version, {
        entries: [{ kind: 'single', date: '2027-09-01', assess: xss('assess') }],
      }),
    );
    // A link must be https://: a javascript: one never reaches a page.
    const scriptLink = await versioned('POST', `${m}/reports`, measure.version, {
      status: 'onTrack',
      progress: 10,
      narrative: 'x',
      evidenceLinks: ['javascript:window.__xss=1'],
    });
    expect(scriptLink.status).toBe(400);
    expect(await scriptLink.text()).toContain('evidenceLinks');

    // Typed into the progress form, as an owner would.
    await page.goto(`/measures/${round.id}/${measure.id}`);
    const form = page.locator('#report');
    await form.getByRole('radio', { name: 'Riskissä', exact: true }).check();
    await form.getByRole('spinbutton', { name: 'Edistyminen (%)', exact: true }).fill('40');
    await form.getByLabel('Mitä on tapahtunut?', { exact: true }).fill(xss('narrative'));
    await form.getByRole('button', { name: 'Lähetä raportti', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Raportti tallennettu.' }).waitFor();

    // The feedback survey: reworded, answered (once through its page), closed, its own-action answers shown.
    let survey = await ok<{ version: number }>(api('GET', `${r}/survey`));
    survey = await ok<{ version: number }>(
      versioned('PUT', `${r}/survey/instrument`, survey.version, {
        questions: { ownAction: { text: { fi: xss('question') } } },
      }),
    );
    const opened = await ok<{ version: number; code: string }>(
      versioned('POST', `${r}/survey/open`, survey.version, {}),
    );
    const respondent = await desktop.newPage();
    problems.push(...(await problemsOn(respondent, `/s/${opened.code}`, ['round', 'question', 'title'])));
    await respondent.locator('textarea').fill(xss('answer-typed'));
    await respondent.getByRole('button', { name: 'Lähetä vastaus', exact: true }).click();
    await respondent.getByRole('status').filter({ hasText: 'Kiitos! Vastauksesi on tallennettu.' }).waitFor();
    for (let i = 0; i < 5; i++) {
      await ok(
        fetch(`${e2e.baseUrl}/api/surveys/${opened.code}/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            deviceId: randomUUID(),
            submissionId: randomUUID(),
            answers: { ownAction: xss('answer') },
          }),
        }),
        201,
      );
    }
    survey = await ok<{ version: number }>(api('GET', `${r}/survey`));
    await ok(versioned('POST', `${r}/survey/close`, survey.version));

    // What each page shows of the fields (a page shows what it is for: the report, say, no narratives).
    const pages: [string, string[]][] = [
      ['/', []],
      ['/rounds', ['round']],
      [r, ['round', 'group', 'organisation', 'district', 'place']],
      [`${r}/cards`, ['round', 'card', 'card-sv', 'group', 'district']],
      [`${r}/cards/print`, ['card', 'group', 'district']],
      [`${r}/decision`, ['round', 'venue']],
      [`${r}/board`, ['idea', 'card', 'title', 'group']],
      [`/board/${board.token}/1`, ['round', 'card', 'idea']],
      [`${r}/plan`, ['round', 'title', 'description', 'name-user', 'group', 'district']],
      [`${r}/present`, ['round', 'venue']],
      [`${r}/report`, ['round', 'title', 'assess', 'group', 'district']],
      [`${r}/survey`, ['round', 'question', 'answer', 'answer-typed']],
      ['/measures', ['round', 'title', 'name-user', 'district']],
      [
        `/measures/${round.id}/${measure.id}`,
        ['round', 'title', 'description', 'narrative', 'assess', 'name-user', 'organisation', 'district'],
      ],
      ['/dashboard', ['round', 'group', 'district']],
      ['/dashboard/compare', ['round']],
      ['/dashboard/coverage', ['round', 'group']],
      ['/dashboard/impact', ['round']],
      ['/districts', ['district', 'name-liaison']],
      [`/districts/${district.id}`, ['district', 'name-liaison']],
      ['/population-groups', ['group']],
      [`/population-groups/${group.id}`, ['group']],
      ['/organisations', ['organisation', 'name-contact']],
      [`/organisations/${organisation.id}`, ['organisation', 'name-contact']],
      ['/users', ['name-user']],
      [`/users/${user.id}`, ['name-user']],
      ['/audit', []],
    ];
    for (const [path, fields] of pages) problems.push(...(await problemsOn(page, path, fields)));
    expect(problems).toEqual([]);
    expect(headerWarnings).toEqual([]);
  });

  it("the municipality's name shows literally, and the settings are restored", async () => {
    const desktop: BrowserContext = await context((browser, url) => desktopContext(browser, url));
    await desktop.addInitScript(WATCH);
    const page = await signedInPage(desktop, 'administrator', '/settings');
    type Settings = { name: Record<string, string>; version: number };
    const settings = () => ok<Settings>(apiAs(page, 'GET', '/municipality'));
    const before = await settings();
    try {
      await ok(
        apiWithVersion(page, 'PATCH', '/municipality', before.version, {
          name: { ...before.name, fi: xss('municipality') },
        }),
      );
      const problems = [
        ...(await problemsOn(page, '/settings', ['municipality'])),
        ...(await problemsOn(page, '/', ['municipality'])),
      ];
      expect(problems).toEqual([]);
    } finally {
      const { version } = await settings();
      await ok(apiWithVersion(page, 'PATCH', '/municipality', version, { name: before.name }));
    }
  });

  it('the build holds no inline style attribute the CSP does not allow by hash', () => {
    const build = join(REPO_ROOT, 'web/build');
    const files = readdirSync(build, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(html|js)$/.test(f));
    const styles = new Set(
      files.flatMap((f) => [...readFileSync(join(build, f), 'utf8').matchAll(/style="([^"]*)"/g)].map((x) => x[1]!)),
    );
    expect(styles.size).toBeGreaterThan(0);
    const hashOf = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    for (const style of styles) expect(STYLE_ATTRIBUTE_HASHES, style).toContain(hashOf(style));
  });
});
