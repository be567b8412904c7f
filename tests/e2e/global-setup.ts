import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH, chromiumAvailable, freePort, startServer, tempDataDir } from './helpers';

export interface E2eContext {
  /** False only when Chromium is missing outside CI: then every e2e test is skipped. */
  enabled: boolean;
  /** http://127.0.0.1:<port> of the real server this tier shares. */
  baseUrl: string;
  dataDir: string;
  port: number;
}

declare module 'vitest' {
  interface ProvidedContext {
    e2e: E2eContext;
  }
}

function skipNotice(): string {
  const lines = [
    'END-TO-END TESTS SKIPPED: Chromium not found',
    `at ${CHROMIUM_PATH}`,
    'Install it with:  apt-get install -y chromium',
    '(or point CHROMIUM_PATH at a Chromium binary).',
    'In CI (CI set) this fails the run instead.',
  ];
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = '!'.repeat(width + 2);
  return ['', bar, ...lines.map((l) => `! ${l.padEnd(width - 2)} !`), bar, ''].join('\n');
}

/**
 * The reminder timer inside the server runs every 6 s here (60 min for a person), so
 * tests/e2e/reminders.test.ts sees a checkpoint it sets reminded without waiting an hour.
 * Each run is a few Queries; an idle run sends nothing.
 */
const REMINDER_INTERVAL_MINUTES = '0.1';

/**
 * Starts the real server once for the e2e tier, exactly as `npm start` runs it,
 * on a free port with a fresh data directory (not .data/).
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (!chromiumAvailable()) {
    if (process.env.CI) {
      throw new Error(
        `End-to-end tests need Chromium, which is not at ${CHROMIUM_PATH}. ` +
          'Install it (apt-get install -y chromium) or set CHROMIUM_PATH.',
      );
    }
    console.warn(skipNotice());
    project.provide('e2e', { enabled: false, baseUrl: '', dataDir: '', port: 0 });
    return undefined;
  }

  const dataDir = tempDataDir();
  const port = await freePort();
  let server;
  try {
    server = await startServer({ port, dataDir, env: { SILLAT_REMINDER_INTERVAL_MINUTES: REMINDER_INTERVAL_MINUTES } });
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  project.provide('e2e', { enabled: true, baseUrl: server.baseUrl, dataDir, port });

  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
