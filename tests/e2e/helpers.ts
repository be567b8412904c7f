/**
 * Shared pieces of the end-to-end tier: the real server (spawned exactly as
 * `npm start` runs it), and Chromium driven by playwright-core.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { freePort } from '../../functions/src/local/dynamo-local';
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

/** Spawns the local server the way `npm start` does, without waiting for it. */
export function spawnServer(opts: { port: number; dataDir: string }): RunningServer {
  const child = spawn(NODE, ['--import', 'tsx', 'functions/src/local/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(opts.port), SILLAT_DATA_DIR: opts.dataDir, SILLAT_LOG: 'silent' },
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
export async function startServer(opts: { port: number; dataDir: string; timeoutMs?: number }): Promise<RunningServer> {
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

/** Opens a page and waits until the SPA has rendered its first heading. */
export async function openApp(context: BrowserContext, path = '/'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(path);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return page;
}

/** A name no other test run has used, so tests never see each other's items. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * One Chromium per describe block, and a phone-sized context per test that is
 * closed after it. Call at the top of a describe; use `phone(locale)` in tests.
 */
export function usePhoneBrowser(baseUrl: () => string): { phone: (locale: string) => Promise<BrowserContext> } {
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
    async phone(locale) {
      if (!browser) throw new Error('usePhoneBrowser: the browser is not running (call it inside a describe).');
      const context = await phoneContext(browser, baseUrl(), locale);
      open.push(context);
      return context;
    },
  };
}
