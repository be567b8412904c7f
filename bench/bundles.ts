/**
 * Every Lambda function's bundle, built exactly as `cdk synth` builds it
 * (infra/lib/lambda-bundling.ts): its minified and gzipped size, and the time
 * a fresh Node process takes to import it (a cold start's own share; the
 * runtime's start and the handler's first call come on top), beside the same
 * for an empty module. The functions are read from the CDK app itself, so a
 * new SillatFunction is measured without touching this file.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bundleLambda } from '../infra/lib/lambda-bundling';
import { createSillatApp } from '../infra/lib/sillat-app';
import { SillatFunction } from '../infra/lib/sillat-function';
import type { BenchRow } from './survey-page';

const ROOT = resolve(import.meta.dirname, '..');
const KB = 1024;
const IMPORT_RUNS = 21;

/** Per function, minified and gzipped (issue 8). */
export const BUNDLE_BUDGET_KB = { minified: 600, gzipped: 200 } as const;

/**
 * Cold import, median on this machine's full core: at most 300 ms. Lambda
 * gives a 512 MB function about 0.3 vCPU, so that is roughly a second of
 * initialisation there, the longest the first request after a quiet spell may
 * take before people notice the wait (docs/performance.md). The empty module
 * beside it is Node's floor for `import()`.
 */
export const IMPORT_BUDGET_MS = 300;

/** The functions of the stack as SillatFunction constructs (entry and description), without bundling. */
export function lambdaFunctions(): { entry: string; name: string }[] {
  const siteDir = mkdtempSync(join(tmpdir(), 'sillat-bench-site-'));
  writeFileSync(join(siteDir, 'index.html'), '<!doctype html><title>Sillat</title>');
  try {
    const { stack } = createSillatApp({ siteDir, context: { 'aws:cdk:bundling-stacks': [] } });
    return stack.node
      .findAll()
      .filter((c): c is SillatFunction => c instanceof SillatFunction)
      .map((f) => ({ entry: f.entry, name: f.node.path.split('/').slice(1).join('/') }));
  } finally {
    rmSync(siteDir, { recursive: true, force: true });
  }
}

/** Lambda's environment as far as module scope reads it (configuration is read once, failing fast). */
const LAMBDA_ENV = {
  AWS_REGION: 'eu-north-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  TABLE_NAME: 'bench',
  AUTH_ISSUER: 'https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_bench',
  AUTH_AUDIENCE: 'bench',
  USER_POOL_ID: 'eu-north-1_bench',
  MAIL_FROM: 'bench@example.org',
  APP_URL: 'https://example.org',
  TRUSTED_PROXY_HOPS: '1',
};

/** Median over fresh processes of the time `import(file)` takes. */
function medianImportMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const times: number[] = [];
  for (let i = 0; i < IMPORT_RUNS; i++) {
    const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH, ...LAMBDA_ENV },
      encoding: 'utf8',
    });
    if (res.status !== 0) throw new Error(`importing ${file} failed:\n${res.stderr}`);
    times.push(Number(res.stdout));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function bundleRows(): Promise<BenchRow[]> {
  // Inside the repo, so the bundles' `@aws-sdk/*` imports resolve to node_modules as they resolve to the runtime's copy.
  const dir = mkdtempSync(join(ROOT, 'node_modules', '.sillat-bench-bundles-'));
  try {
    const emptyFile = join(dir, 'empty', 'index.mjs');
    mkdirSync(join(dir, 'empty'));
    writeFileSync(emptyFile, 'export const handler = async () => ({});\n');
    const empty = medianImportMs(emptyFile);
    const rows: BenchRow[] = [];
    for (const fn of lambdaFunctions()) {
      const outdir = join(dir, fn.name.replace(/[^\w-]+/g, '-'));
      await bundleLambda(fn.entry, outdir);
      const file = join(outdir, 'index.mjs');
      const code = readFileSync(file);
      const importMs = medianImportMs(file);
      rows.push(
        {
          figure: `${fn.name}: bundle, minified`,
          value: code.byteLength / KB,
          unit: 'KB',
          budget: BUNDLE_BUDGET_KB.minified,
        },
        {
          figure: `${fn.name}: bundle, gzipped`,
          value: gzipSync(code).byteLength / KB,
          unit: 'KB',
          budget: BUNDLE_BUDGET_KB.gzipped,
        },
        {
          figure: `${fn.name}: cold import, median of ${IMPORT_RUNS} (empty module: ${empty.toFixed(0)} ms)`,
          value: importMs,
          unit: 'ms',
          budget: IMPORT_BUDGET_MS,
        },
      );
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  for (const r of await bundleRows()) console.log(`${r.figure}: ${r.value.toFixed(1)} ${r.unit} (budget ${r.budget})`);
}
