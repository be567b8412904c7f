/**
 * The trend dashboard's JavaScript (issue 7: ≤ 150 KB gzipped), measured as
 * a council member's browser loads it: sign in through the app, open
 * /dashboard in a fresh profile (cold cache), and gzip every script the
 * page loaded — the app's shell, the route's chunks and chart.js — so the
 * figure does not depend on whether the server compresses.
 */
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_USERS } from '../functions/src/local/demo-data';
import type { BenchRow } from './survey-page';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function dashboardPageRows(baseUrl: string): Promise<BenchRow[]> {
  const council = DEMO_USERS.find((u) => u.input.role === 'councilMember')!;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 375, height: 812 },
      locale: 'fi-FI',
      baseURL: baseUrl,
    });
    const page = await context.newPage();
    await page.goto('/signin');
    await page.getByLabel('Sähköposti').fill(council.input.email);
    await page.getByLabel('Salasana').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/signin') && !url.pathname.startsWith('/auth'));

    // A cold cache for the dashboard itself: every script it needs is fetched again.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const scripts = new Set<string>();
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script') scripts.add(res.url());
    });
    await page.goto('/dashboard', { waitUntil: 'networkidle' });
    await page.locator('canvas').first().waitFor();

    let bytes = 0;
    for (const url of scripts) {
      const body = Buffer.from(await (await fetch(url)).arrayBuffer());
      bytes += gzipSync(body, { level: 9 }).byteLength;
    }
    return [{ figure: 'dashboard route JavaScript, gzipped', value: bytes / 1024, unit: 'KB', budget: 150 }];
  } finally {
    await browser.close();
  }
}
