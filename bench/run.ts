/**
 * `npm run bench`: measured figures against budgets, one table, non-zero exit
 * when a budget is missed. Figures belong here, not in timed unit tests.
 * Grows with the product (survey burst, dashboards: see docs/performance.md).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../functions/src/local/dynamo-local';
import { bundleRows } from './bundles';
import { burstRows } from './burst';
import { dashboardRows } from './dashboard';
import { dashboardPageRows } from './dashboard-page';
import { type BenchRow as Row, surveyPageRows } from './survey-page';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * From spawning the local server (web already built) to /api/health answering
 * 200; `whileUp` then measures more against the same server before it stops.
 */
async function startToHealthy(whileUp: (baseUrl: string, dynamoEndpoint: string) => Promise<Row[]>): Promise<Row[]> {
  const port = await freePort();
  const dynamoPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'sillat-bench-'));
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/src/local/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      SILLAT_DATA_DIR: dataDir,
      SILLAT_LOG: 'silent',
      // The burst measures the database and the API, not the per-client limiter (all its clients are 127.0.0.1).
      PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
      SILLAT_DYNAMODB_PORT: String(dynamoPort),
      SILLAT_REMINDER_INTERVAL_MINUTES: '0',
    },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      if (performance.now() - started > 120_000) throw new Error('not healthy within 120 s');
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const startUp: Row = {
      figure: 'local server start to healthy (first start, seeds)',
      value: (performance.now() - started) / 1000,
      unit: 's',
      budget: 20,
    };
    return [startUp, ...(await whileUp(`http://127.0.0.1:${port}`, `http://127.0.0.1:${dynamoPort}`))];
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * `npm run bench -- --only=bundles,burst` runs some parts (bundles, start,
 * survey-page, dashboard-page, burst, dashboard); the server starts whenever
 * a part needs it. Without it, everything: the figures docs/performance.md records.
 */
const PARTS = ['bundles', 'start', 'survey-page', 'dashboard-page', 'burst', 'dashboard'] as const;
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = new Set(onlyArg ? onlyArg.slice('--only='.length).split(',') : PARTS);
for (const part of only) {
  if (!PARTS.includes(part as (typeof PARTS)[number])) throw new Error(`Unknown part "${part}": ${PARTS.join(', ')}.`);
}
const whileUp = async (baseUrl: string, dynamoEndpoint: string) => [
  ...(only.has('survey-page') ? await surveyPageRows(baseUrl) : []),
  ...(only.has('dashboard-page') ? await dashboardPageRows(baseUrl) : []),
  ...(only.has('burst') ? await burstRows(baseUrl, dynamoEndpoint) : []),
];
const needsServer = ['start', 'survey-page', 'dashboard-page', 'burst'].some((p) => only.has(p));
const rows = [
  ...(only.has('bundles') ? await bundleRows() : []),
  ...(needsServer ? await startToHealthy(whileUp) : []),
  ...(only.has('dashboard') ? await dashboardRows() : []),
];
const width = Math.max(...rows.map((r) => r.figure.length));
const shown = (value: number, unit: string) => `${value.toFixed(1)} ${unit}`.trim();
console.log(`${'figure'.padEnd(width)}  ${'measured'.padStart(11)}  ${'budget'.padStart(10)}  verdict`);
let missed = 0;
for (const r of rows) {
  const ok = r.budget === null || r.value <= r.budget;
  if (!ok) missed++;
  const budget = r.budget === null ? '—' : shown(r.budget, r.unit);
  const verdict = r.budget === null ? 'recorded' : ok ? 'ok' : 'MISSED';
  console.log(`${r.figure.padEnd(width)}  ${shown(r.value, r.unit).padStart(11)}  ${budget.padStart(10)}  ${verdict}`);
}
console.log(missed ? `${missed} figure(s) over budget.` : 'Every figure within budget.');
process.exit(missed ? 1 : 0);
