/**
 * `npm run dev`: the local API (restarted on change) on PORT (3000) and Vite's
 * dev server with hot reload for the web app, which proxies /api to it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
const children: ChildProcess[] = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'functions/src/local/main.ts'], {
    cwd: root,
    env: { ...process.env, SILLAT_API_ONLY: '1' },
    stdio: 'inherit',
  }),
  // Vite itself, not through npm: a signal must reach the process that holds the port.
  spawn(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), 'dev'], {
    cwd: resolve(root, 'web'),
    stdio: 'inherit',
  }),
];

let stopping = false;
const stop = (code: number) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 6000).unref();
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r))))).then(() =>
    process.exit(code),
  );
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(0));
for (const child of children) child.once('exit', (code) => stop(code ?? 1));
