/**
 * `npm run bench`: measured figures against budgets, one table, non-zero exit
 * when a budget is missed. Figures belong here, not in timed unit tests.
 * Grows with the product (survey burst, dashboards: see docs/performance.md).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { freePort } from '../functions/src/local/dynamo-local';
import { dashboardRows } from './dashboard';
import { dashboardPageRows } from './dashboard-page';
import { surveyPageRows } from './survey-page';

const ROOT = resolve(import.meta.dirname, '..');

interface Row {
  figure: string;
  value: number;
  unit: string;
  budget: number;
}

/** The API Lambda exactly as CDK bundles it: ESM, minified, AWS SDK included. */
async function lambdaBundle(): Promise<Row[]> {
  const out = await build({
    entryPoints: [join(ROOT, 'functions/src/lambda.ts')],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    write: false,
    external: [],
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.contents;
  return [
    { figure: 'API Lambda bundle, minified', value: code.byteLength / 1024, unit: 'KB', budget: 600 },
    { figure: 'API Lambda bundle, gzipped', value: gzipSync(code).byteLength / 1024, unit: 'KB', budget: 200 },
  ];
}

/**
 * From spawning the local server (web already built) to /api/health answering
 * 200; `whileUp` then measures more against the same server before it stops.
 */
async function startToHealthy(whileUp: (baseUrl: string) => Promise<Row[]>): Promise<Row[]> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'sillat-bench-'));
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/src/local/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), SILLAT_DATA_DIR: dataDir, SILLAT_LOG: 'silent' },
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
    return [startUp, ...(await whileUp(`http://127.0.0.1:${port}`))];
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const whileUp = async (baseUrl: string) => [...(await surveyPageRows(baseUrl)), ...(await dashboardPageRows(baseUrl))];
const rows = [...(await lambdaBundle()), ...(await startToHealthy(whileUp)), ...(await dashboardRows())];
const width = Math.max(...rows.map((r) => r.figure.length));
console.log(`${'figure'.padEnd(width)}  ${'measured'.padStart(10)}  ${'budget'.padStart(10)}  verdict`);
let missed = 0;
for (const r of rows) {
  const ok = r.value <= r.budget;
  if (!ok) missed++;
  console.log(
    `${r.figure.padEnd(width)}  ${`${r.value.toFixed(1)} ${r.unit}`.padStart(10)}  ${`${r.budget} ${r.unit}`.padStart(10)}  ${ok ? 'ok' : 'MISSED'}`,
  );
}
process.exit(missed ? 1 : 0);
