import path from 'node:path';

/**
 * Absolute path of the monorepo root, derived from this file's location so it is
 * the same whether `cdk synth` runs from infra/ or vitest runs from the repo root.
 */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Resolves a repo-relative path (e.g. `functions/src/lambda.ts`) to an absolute one. */
export const fromRepoRoot = (...segments: string[]): string => path.join(REPO_ROOT, ...segments);
