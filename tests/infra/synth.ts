import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { NagPack } from 'cdk-nag';
import cdkJson from '../../infra/cdk.json' with { type: 'json' };
import { createSillatApp } from '../../infra/lib/sillat-app';
import type { SillatStack } from '../../infra/lib/sillat-stack';

/** A stand-in for `web/build`, so these tests need no web build. */
export function fakeSiteDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sillat-site-'));
  mkdirSync(path.join(dir, '_app', 'immutable'), { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Sillat</title>');
  writeFileSync(path.join(dir, '_app', 'immutable', 'start.abc123.js'), 'export {};');
  return dir;
}

export interface Synthesized {
  readonly app: App;
  readonly stack: SillatStack;
  readonly template: Template;
  readonly nagPacks: NagPack[];
  /** Removes the temporary site and cloud-assembly directories. */
  readonly cleanup: () => void;
}

/**
 * Synthesizes the real app (cdk.json feature flags, cdk-nag wired in) into a
 * temporary directory. Pass `{ 'aws:cdk:bundling-stacks': [] }` in `context`
 * to skip esbuild when a test does not look at the Lambda bundle.
 */
export function synthSillat(context: Record<string, unknown> = {}): Synthesized {
  const siteDir = fakeSiteDir();
  const outdir = mkdtempSync(path.join(tmpdir(), 'sillat-cdk-out-'));
  const { app, stack, nagPacks } = createSillatApp({
    siteDir,
    outdir,
    context: { ...cdkJson.context, ...context },
  });
  // Throws (with the report) if any nag pack reports an unacknowledged error.
  app.synth();
  return {
    app,
    stack,
    template: Template.fromStack(stack),
    nagPacks,
    cleanup: () => {
      rmSync(siteDir, { recursive: true, force: true });
      rmSync(outdir, { recursive: true, force: true });
    },
  };
}

/**
 * Every unacknowledged finding (errors and warnings) of the given packs on a
 * synthesized app, one readable line each: `rule at construct path: why`.
 */
export function nagFindings(app: App, packs: NagPack[]): string[] {
  return packs.flatMap((pack) =>
    pack
      .validateScope(app)
      .violations.flatMap((violation) =>
        violation.violatingResources.map(
          (resource) => `${violation.ruleName} at ${resource.constructPath ?? '?'}: ${violation.description}`,
        ),
      ),
  );
}
