/**
 * Shared pieces of the end-to-end tier: the real server (spawned exactly as
 * `npm start` runs it), and Chromium driven by playwright-core.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Role } from '@sillat/shared/auth';
import { freePort } from '../../functions/src/local/dynamo-local';
import { DEMO_PASSWORD, DEMO_USERS } from '../../functions/src/local/demo-data';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** Where Chromium is expected; CHROMIUM_PATH overrides the Debian default. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export { freePort };

/** A fresh, empty data directory (never the developer's .data/). */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'sillat-e2e-'));
}

export interface RunningServer {
  port: number;
  dataDir: string;
  baseUrl: string;
  process: ChildProcess;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then waits for the exit (SIGKILL after 15 s). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The Node 24 that `npm start` runs (the machine's own node may be older). */
const NODE = join(REPO_ROOT, 'node_modules/.bin/node');

export interface ServerOptions {
  port: number;
  dataDir: string;
  /** More environment for the server, e.g. a short SILLAT_REMINDER_INTERVAL_MINUTES. */
  env?: Record<string, string>;
}

/** Spawns the local server the way `npm start` does, without waiting for it. */
export function spawnServer(opts: ServerOptions): RunningServer {
  const child = spawn(NODE, ['--import', 'tsx', 'functions/src/local/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(opts.port),
      SILLAT_DATA_DIR: opts.dataDir,
      SILLAT_LOG: 'silent',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return {
    port: opts.port,
    dataDir: opts.dataDir,
    baseUrl: `http://127.0.0.1:${opts.port}`,
    process: child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        const result = await exited;
        clearTimeout(timer);
        return result;
      }
      return exited;
    },
  };
}

/**
 * Starts the server and waits until GET /api/health answers 200. On timeout or
 * an early exit it stops the server and throws with everything it printed.
 */
export async function startServer(opts: ServerOptions & { timeoutMs?: number }): Promise<RunningServer> {
  const server = spawnServer(opts);
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let dead = false;
  void server.exited.then(() => (dead = true));
  for (;;) {
    if (dead) {
      const { code, signal } = await server.exited;
      throw new Error(
        `The Sillat server exited during start-up (code ${code}, signal ${signal}). Its output:\n${server.output().trim()}`,
      );
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(
        `The Sillat server did not answer GET /api/health within ${(opts.timeoutMs ?? 60_000) / 1000} s. Its output:\n${server.output().trim()}`,
      );
    }
    try {
      const res = await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A phone-sized (360 × 800) context in the given browser language. */
export async function phoneContext(browser: Browser, baseUrl: string, locale = 'sv-FI'): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 360, height: 800 },
    locale,
  });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);
  return context;
}

/** A name no other test run has used, so tests never see each other's items. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * One Chromium per describe block, and the browser contexts a test opens with
 * `context(make)` closed after it. Call at the top of a describe.
 */
export function useBrowser(baseUrl: () => string): {
  context: (make: (browser: Browser, baseUrl: string) => Promise<BrowserContext>) => Promise<BrowserContext>;
} {
  let browser: Browser | undefined;
  const open: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async context(make) {
      if (!browser) throw new Error('useBrowser: the browser is not running (call it inside a describe).');
      const context = await make(browser, baseUrl());
      open.push(context);
      return context;
    },
  };
}

/** {@link useBrowser} with phone-sized contexts: use `phone(locale)` in tests. */
export function usePhoneBrowser(baseUrl: () => string): { phone: (locale: string) => Promise<BrowserContext> } {
  const { context } = useBrowser(baseUrl);
  return { phone: (locale) => context((browser, url) => phoneContext(browser, url, locale)) };
}

/** The seeded demo user of each role (printed by `npm start`, listed in the README). */
export const DEMO: Record<Role, { id: string; email: string; name: string; password: string }> = Object.fromEntries(
  DEMO_USERS.map(({ id, input }) => [
    input.role,
    { id, email: input.email, name: input.name, password: DEMO_PASSWORD },
  ]),
) as Record<Role, { id: string; email: string; name: string; password: string }>;

export interface Credentials {
  email: string;
  password: string;
}

const MESSAGES: Record<string, Record<string, string>> = Object.fromEntries(
  ['fi', 'sv', 'en'].map((l) => [
    l,
    JSON.parse(readFileSync(join(REPO_ROOT, `web/messages/${l}.json`), 'utf8')) as Record<string, string>,
  ]),
);

/** A UI text in the language the page is shown in (web/messages), so helpers work in fi, sv and en alike. */
export async function text(page: Page, key: string): Promise<string> {
  const lang = (await page.locator('html').getAttribute('lang')) ?? 'fi';
  const message = MESSAGES[lang]?.[key];
  if (message === undefined) throw new Error(`No message "${key}" in ${lang}.`);
  return message;
}

/** Fills the local sign-in page (already open) and submits it. */
export async function submitSignIn(page: Page, who: Credentials): Promise<void> {
  // Rendered (so the page's language is set) before the words are looked up.
  await page.locator('input[autocomplete="current-password"]').waitFor();
  await page.getByRole('heading', { level: 1, name: await text(page, 'sign_in_title') }).waitFor();
  await page.getByLabel(await text(page, 'field_email'), { exact: true }).fill(who.email);
  await page.getByLabel(await text(page, 'field_password'), { exact: true }).fill(who.password);
  await page.getByRole('button', { name: await text(page, 'sign_in'), exact: true }).click();
}

/**
 * Signs in the way a person does: opens `path`, is sent to the sign-in page,
 * fills in the demo login (or the credentials given), and lands back on
 * `path` with its heading on screen.
 */
export async function signIn(page: Page, who: Role | Credentials, path = '/'): Promise<void> {
  const credentials = typeof who === 'string' ? DEMO[who] : who;
  await page.goto(path);
  await page.waitForURL((url) => url.pathname === '/signin');
  await submitSignIn(page, credentials);
  await page.waitForURL((url) => url.pathname + url.search === path);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/** A new page in `context`, signed in as `who` and showing `path` (sign-in is per tab, as the token is). */
export async function signedInPage(context: BrowserContext, who: Role | Credentials, path = '/'): Promise<Page> {
  const page = await context.newPage();
  await signIn(page, who, path);
  return page;
}

/** The access token the app keeps for this tab (sessionStorage). */
export async function accessToken(page: Page): Promise<string> {
  const raw = (await page.evaluate(`sessionStorage.getItem('sillat.auth.token')`)) as string | null;
  const token = raw ? (JSON.parse(raw) as { accessToken?: string }).accessToken : undefined;
  if (!token) throw new Error('This page holds no access token; sign in first.');
  return token;
}

/** Calls the API with the token of the user signed in on `page`, as the app would (plus any `headers`, e.g. If-Match). */
export async function apiAs(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const { origin } = new URL(page.url());
  return fetch(`${origin}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await accessToken(page)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
