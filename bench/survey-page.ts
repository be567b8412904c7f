/**
 * The public survey page's budgets (issue 5), measured against a running
 * local server: what a phone downloads on the first load of /s/{code} with a
 * cold cache (JavaScript ≤ 30 KB gzipped, everything ≤ 80 KB; nothing of the
 * staff app and no chart.js), and the size of the one request that sends an
 * answer (≤ 2 KB, headers included). Bytes are what Chromium reports as
 * transferred (CDP `encodedDataLength`: compressed body plus headers).
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Request, chromium } from 'playwright-core';
import { MAX_OWN_ACTION, QUESTION_KEYS, QUESTION_TYPES } from '@sillat/shared/survey-instrument';
import { LOCAL_IDP_PATH, LOCAL_WEB_AUTH_CONFIG } from '../functions/src/local/auth';
import { DEMO_PASSWORD, DEMO_USERS } from '../functions/src/local/demo-data';

export interface BenchRow {
  figure: string;
  value: number;
  unit: string;
  /** Most a figure may be; null: recorded for comparison, no budget of its own. */
  budget: number | null;
}

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

async function expectOk(res: Promise<Response>, what: string): Promise<Response> {
  const r = await res;
  if (!r.ok) throw new Error(`${what}: ${r.status} ${await r.text()}`);
  return r;
}

/** An access token for the demo coordinator, through the local issuer's authorization-code + PKCE flow. */
export async function coordinatorToken(baseUrl: string): Promise<string> {
  const coordinator = DEMO_USERS.find((u) => u.input.role === 'coordinator')!;
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = `${baseUrl}/auth/callback`;
  const authorized = await expectOk(
    fetch(`${baseUrl}${LOCAL_IDP_PATH}/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: coordinator.input.email,
        password: DEMO_PASSWORD,
        clientId: LOCAL_WEB_AUTH_CONFIG.clientId,
        redirectUri,
        state: randomBytes(16).toString('base64url'),
        codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
        codeChallengeMethod: 'S256',
      }),
    }),
    'sign-in',
  );
  const { redirectTo } = (await authorized.json()) as { redirectTo: string };
  const token = await expectOk(
    fetch(`${baseUrl}${LOCAL_WEB_AUTH_CONFIG.tokenUrl}`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: LOCAL_WEB_AUTH_CONFIG.clientId,
        code: new URL(redirectTo).searchParams.get('code') ?? '',
        redirect_uri: redirectUri,
        code_verifier: verifier,
      }),
    }),
    'token',
  );
  return ((await token.json()) as { access_token: string }).access_token;
}

/** A new round with two candidate measures and its survey open: its code, the round, and the coordinator's token. */
export async function openSurvey(baseUrl: string): Promise<{ code: string; roundId: string; token: string }> {
  const token = await coordinatorToken(baseUrl);
  const api = async <T>(method: string, path: string, body?: unknown, version?: number): Promise<T> => {
    const res = await expectOk(
      fetch(`${baseUrl}/api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(version === undefined ? {} : { 'if-match': `"${version}"` }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
      `${method} ${path}`,
    );
    return (await res.json()) as T;
  };
  const first = async (path: string) => (await api<{ items: { id: string }[] }>('GET', path)).items[0]!.id;
  const round = await api<{ id: string; populationGroupIds: string[] }>('POST', '/rounds', {
    name: { fi: 'Mittauskierros', sv: 'Mätomgång', en: 'Bench round' },
    period: { start: '2027-01-01', end: '2027-06-30' },
    populationGroupIds: [await first('/population-groups')],
    organisationIds: [],
  });
  const districtId = await first('/districts');
  for (const title of ['Yhteinen iltapäiväkerho kirjastossa', 'Turvallisempi reitti asemalle illalla']) {
    await api('POST', `/rounds/${round.id}/candidates`, {
      title,
      description: 'Ehdotettu päättäjätilaisuudessa.',
      aspects: ['interaction', 'safety'],
      populationGroupIds: round.populationGroupIds,
      districtIds: [districtId],
    });
  }
  const survey = await api<{ version: number }>('GET', `/rounds/${round.id}/survey`);
  const opened = await api<{ code: string }>('POST', `/rounds/${round.id}/survey/open`, {}, survey.version);
  return { code: opened.code, roundId: round.id, token };
}

interface Transfer {
  url: string;
  type: string;
  bytes: number;
}

/**
 * Loads /s/{code} in a fresh Chromium profile (cold cache), then answers every
 * question — the own action at its longest — and sends it: what was
 * transferred for the page, and the answer's request (line, headers, body).
 */
async function measure(baseUrl: string, code: string): Promise<{ page: Transfer[]; answerBytes: number[] }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'fi-FI' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const requests = new Map<string, { url: string; type: string }>();
    const transfers: Transfer[] = [];
    cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, { url: e.request.url, type: e.type ?? '' }));
    cdp.on('Network.loadingFinished', (e) => {
      const r = requests.get(e.requestId);
      if (r) transfers.push({ ...r, bytes: e.encodedDataLength });
    });
    await page.goto(`${baseUrl}/s/${code}`, { waitUntil: 'networkidle' });
    const loaded = [...transfers];

    for (const key of QUESTION_KEYS) {
      const type = QUESTION_TYPES[key];
      if (type === 'single') await page.check(`input[name="${key}"][value="officials"]`);
      if (type === 'scale') await page.check(`input[name="${key}"][value="4"]`);
      if (type === 'multi') for (const box of await page.locator(`input[name="${key}"]`).all()) await box.check();
      if (type === 'text') {
        const words = 'Kerron tuloksista yksikölleni ja järjestän syksyllä yhteisen keskustelun. ';
        await page.fill(`textarea[name="${key}"]`, words.repeat(10).slice(0, MAX_OWN_ACTION));
      }
    }
    const posts: Request[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST') posts.push(req);
    });
    const sent = page.waitForResponse((res) => res.url().includes(`/api/surveys/${code}/responses`));
    await page.click('button[type="submit"]');
    const res = await sent;
    if (res.status() !== 201) throw new Error(`the answer was not stored: ${res.status()} ${await res.text()}`);
    await page.waitForLoadState('networkidle');
    const answerBytes = await Promise.all(
      posts.map(async (req) => {
        const sizes = await req.sizes();
        const line = `POST ${new URL(req.url()).pathname} HTTP/1.1\r\n`.length;
        return line + sizes.requestHeadersSize + sizes.requestBodySize;
      }),
    );
    return { page: loaded, answerBytes };
  } finally {
    await browser.close();
  }
}

const KB = 1024;

/** The survey page's rows for bench/run.ts, measured against the server at `baseUrl`. */
export async function surveyPageRows(baseUrl: string): Promise<BenchRow[]> {
  const { code } = await openSurvey(baseUrl);
  const { page, answerBytes } = await measure(baseUrl, code);
  const sum = (items: Transfer[]) => items.reduce((n, t) => n + t.bytes, 0);
  const scripts = page.filter((t) => t.type === 'Script' || /\.m?js(\?|$)/.test(new URL(t.url).pathname));
  const staffApp = page.filter((t) => new URL(t.url).pathname.startsWith('/_app/'));
  const chartJs = page.filter((t) => /chart/i.test(new URL(t.url).pathname));
  for (const t of [...staffApp, ...chartJs]) console.error(`survey page loaded ${t.url}`);
  return [
    { figure: 'survey page first load: JavaScript, gzipped', value: sum(scripts) / KB, unit: 'KB', budget: 30 },
    { figure: 'survey page first load: total transfer', value: sum(page) / KB, unit: 'KB', budget: 80 },
    { figure: 'survey page: staff app (/_app/) requests', value: staffApp.length, unit: 'req', budget: 0 },
    { figure: 'survey page: chart.js requests', value: chartJs.length, unit: 'req', budget: 0 },
    // One request, whatever the network: more than one would itself miss the budget.
    { figure: 'survey answer: requests to send one', value: answerBytes.length, unit: 'req', budget: 1 },
    {
      figure: 'survey answer request (line, headers, body)',
      value: Math.max(...answerBytes) / KB,
      unit: 'KB',
      budget: 2,
    },
  ];
}
