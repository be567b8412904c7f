import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
  type RunningServer,
  freePort,
  launchBrowser,
  phoneContext,
  signedInPage,
  spawnServer,
  startServer,
  tempDataDir,
  uniqueName,
} from './helpers';

const e2e = inject('e2e');

/** Command lines of live processes that mention `text` (pgrep -f), [] when none. */
function processesMentioning(text: string): Promise<string[]> {
  return new Promise((done, fail) => {
    execFile('pgrep', ['-a', '-f', text], (err, stdout) => {
      // pgrep exits 1 when nothing matches.
      if (err && (err as NodeJS.ErrnoException & { code?: number }).code !== 1) return fail(err);
      done(stdout.split('\n').filter(Boolean));
    });
  });
}

/** The organisations list, signed in as the coordinator (whose registries these are). */
async function organisationsPage(context: BrowserContext): Promise<Page> {
  const page = await signedInPage(context, 'coordinator', '/organisations');
  await page.getByRole('heading', { level: 1, name: 'Partnerorganisationer' }).waitFor();
  // The demo organisations are listed, so the list has loaded.
  await page.getByRole('list', { name: 'Partnerorganisationer', exact: true }).getByRole('listitem').first().waitFor();
  return page;
}

describe.skipIf(!e2e.enabled)('the local server keeps its data across restarts', () => {
  let dataDir: string;
  let port: number;
  let server: RunningServer | undefined;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = tempDataDir();
    port = await freePort();
    [server, browser] = await Promise.all([startServer({ port, dataDir }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second server on a port already in use with one "✖ Port" line and a non-zero exit', async () => {
    const otherDir = tempDataDir();
    try {
      const second = spawnServer({ port, dataDir: otherDir });
      const timer = setTimeout(() => second.process.kill('SIGKILL'), 30_000);
      const { code } = await second.exited;
      clearTimeout(timer);
      const lines = second.output().trim().split('\n');
      expect({ code, lines }).toMatchObject({ code: 1, lines: [expect.stringMatching(/^✖ Port /)] });
      expect(lines).toHaveLength(1);
      // The first server is unharmed.
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('lists an organisation added in the browser after SIGTERM and a restart, leaving no java behind', async () => {
    const name = uniqueName('Föreningen Broar');
    let context = await phoneContext(browser, `http://127.0.0.1:${port}`, 'sv-FI');
    let page = await organisationsPage(context);
    await page.getByRole('link', { name: 'Lägg till organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lägg till organisation' }).waitFor();
    await page.getByRole('group', { name: 'Namn' }).getByLabel('På svenska', { exact: true }).fill(name);
    const contact = page.getByRole('group', { name: 'Kontaktperson' });
    await contact.getByLabel('Namn', { exact: true }).fill('Aino Virtanen');
    await contact.getByLabel('E-post', { exact: true }).fill('aino@example.org');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('status').filter({ hasText: 'Tillagt.' }).waitFor();
    await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
    await context.close();

    // Stop: SIGTERM ends the server cleanly, and DynamoDB Local (java) with it.
    const stopped = await server!.stop();
    server = undefined;
    expect(stopped).toEqual({ code: 0, signal: null });
    expect(await processesMentioning(dataDir)).toEqual([]);

    // Start again on the same data.
    server = await startServer({ port, dataDir });
    const restarted = server;
    await vi.waitFor(() => expect(restarted.output()).toContain('existing data kept'));
    context = await phoneContext(browser, server.baseUrl, 'sv-FI');
    page = await organisationsPage(context);
    const item = page
      .getByRole('list', { name: 'Partnerorganisationer', exact: true })
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { level: 2, name, exact: true }) });
    await item.waitFor();
    expect(await item.innerText()).toContain('Aino Virtanen');
    await context.close();
  });
});
