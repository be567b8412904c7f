/**
 * How every Lambda function is bundled, in one place: SillatFunction calls
 * this at synth time (through {@link bundleLambdaSync}) and bench/bundles.ts
 * measures exactly what it produces.
 *
 * Run as a script (`node --import tsx infra/lib/lambda-bundling.ts <entry> <outdir>`)
 * it writes `<outdir>/index.mjs` and its source map; CDK's synchronous bundling
 * hook needs a separate process because esbuild plugins run only in the
 * asynchronous build API.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type BuildResult, type Plugin } from 'esbuild';
import { REPO_ROOT } from './paths';

/**
 * The AWS SDK v3 is loaded from the Node.js 24 runtime, which ships it, rather
 * than bundled: the DynamoDB client with its credential chain is ~330 KB
 * minified and Cognito's ~100 KB more, over the 600 KB per-function budget on
 * their own (docs/performance.md). We use only long-stable calls (DynamoDB
 * document client, SES v2 SendEmail, Cognito Admin*); the tests run against
 * the lockfile's version, the runtime's may be newer.
 */
export const RUNTIME_PROVIDED_MODULES = ['@aws-sdk/*'] as const;

/**
 * @hono/zod-openapi runs `extendZodWithOpenApi(z)` on zod's whole namespace
 * object, and a namespace passed around as a value cannot be tree-shaken: the
 * bundle would carry every one of zod's ~50 locales and its JSON-Schema
 * importer (~340 KB minified) that nothing uses. The extension reads only
 * `z.ZodType` (it patches its prototype), so that is all it gets. Nothing of
 * ours imports `z` from @hono/zod-openapi (we import zod itself); anything
 * else asked of that object fails loudly instead of returning undefined.
 */
export const zodForOpenApiPlugin: Plugin = {
  name: 'sillat-zod-for-openapi',
  setup(b) {
    b.onResolve({ filter: /^zod$/ }, (args) =>
      /[\\/]@hono[\\/]zod-openapi[\\/]/.test(args.importer)
        ? { path: 'zod-for-openapi', namespace: 'sillat-zod-for-openapi' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'sillat-zod-for-openapi' }, () => ({
      resolveDir: REPO_ROOT,
      contents: `import { ZodType } from 'zod';
export const z = new Proxy({ ZodType }, {
  get(target, key) {
    if (key in target) return target[key];
    throw new Error('z.' + String(key) + ' from @hono/zod-openapi is not bundled (infra/lib/lambda-bundling.ts): import zod itself.');
  },
});`,
    }));
  },
};

/** esbuild options shared by every function: ESM for Node 24, minified, with source maps. */
export const LAMBDA_BUILD_OPTIONS = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  mainFields: ['module', 'main'],
  // Some CommonJS dependencies call require(); ESM has none, so give them one.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  external: [...RUNTIME_PROVIDED_MODULES],
  outExtension: { '.js': '.mjs' },
  entryNames: 'index',
  plugins: [zodForOpenApiPlugin],
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** Bundles `entry` (relative to the repo root) into `outdir/index.mjs`; `write: false` keeps it in memory. */
export function bundleLambda(
  entry: string,
  outdir: string,
  opts: { write?: boolean; metafile?: boolean } = {},
): Promise<BuildResult<{ write: boolean; metafile: boolean }>> {
  return build({
    ...LAMBDA_BUILD_OPTIONS,
    plugins: [...LAMBDA_BUILD_OPTIONS.plugins],
    mainFields: [...LAMBDA_BUILD_OPTIONS.mainFields],
    external: [...LAMBDA_BUILD_OPTIONS.external],
    entryPoints: [resolve(REPO_ROOT, entry)],
    absWorkingDir: REPO_ROOT,
    outdir,
    write: opts.write ?? true,
    metafile: opts.metafile ?? false,
  });
}

/** {@link bundleLambda} for CDK's synchronous local bundling: the same build, in a child process. */
export function bundleLambdaSync(entry: string, outdir: string): void {
  const res = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), entry, outdir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (res.status !== 0) throw new Error(`Bundling ${entry} failed (exit ${res.status ?? res.signal}).`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [entry, outdir] = process.argv.slice(2);
  if (!entry || !outdir) throw new Error('usage: lambda-bundling.ts <entry relative to the repo> <outdir>');
  await bundleLambda(entry, resolve(outdir));
}
