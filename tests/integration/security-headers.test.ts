import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  API_CONTENT_SECURITY_POLICY,
  PERMISSIONS_POLICY,
  scriptHashesOf,
  webContentSecurityPolicy,
} from '@sillat/shared/security-headers';
import { createLocalServer } from '../../functions/src/local/server';
import { useLocalAuth } from '../setup/auth';
import { request } from '../setup/http';
import { useFreshTable } from '../setup/table';

useFreshTable({ seed: true });
const auth = useLocalAuth();

/** A build's shell as SvelteKit writes it with kit.csp: the bootstrap's hash in a CSP <meta>. */
const HASH = "'sha256-E+wH6I5vJUyR11DHh5D1j+LAaMzw6E3UbPQNkxcYZxQ='";
const INDEX = `<!doctype html><html><head><meta http-equiv="content-security-policy" content="script-src 'self' ${HASH}; object-src 'none'"></head><body><script>boot()</script></body></html>`;
const dir = mkdtempSync(join(tmpdir(), 'sillat-web-'));
writeFileSync(join(dir, 'index.html'), INDEX);
mkdirSync(join(dir, '_app/immutable'), { recursive: true });
writeFileSync(join(dir, '_app/immutable/app.js'), 'export {};\n');
const server = () => createLocalServer(auth.issuer(), dir);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WEB_CSP = webContentSecurityPolicy({ scriptHashes: [HASH] });

/** Headers every response carries, web or API (CloudFront sets the same; tests/infra/stack.test.ts). */
function expectCommonHeaders(headers: Headers, path: string): void {
  expect(
    {
      path,
      nosniff: headers.get('x-content-type-options'),
      frame: headers.get('x-frame-options'),
      permissions: headers.get('permissions-policy'),
      opener: headers.get('cross-origin-opener-policy'),
    },
    path,
  ).toEqual({
    path,
    nosniff: 'nosniff',
    frame: 'DENY',
    permissions: PERMISSIONS_POLICY,
    opener: 'same-origin',
  });
}

describe('security headers of the local server', () => {
  it("gives the app's pages, its fallback routes and its files the web CSP", async () => {
    for (const path of ['/', '/rounds', '/measures/r/m', '/_app/immutable/app.js']) {
      const res = await request(server(), 'GET', path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy'), path).toBe(WEB_CSP);
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expectCommonHeaders(res.headers, path);
    }
  });

  it('allows scripts only from the site and by the hash of the inline bootstrap; no framing, plugins or <base>', () => {
    const directives = Object.fromEntries(
      WEB_CSP.split('; ').map((d) => {
        const [name, ...sources] = d.split(' ');
        return [name, sources];
      }),
    );
    expect(directives['script-src']).toEqual(["'self'", HASH]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['form-action']).toEqual(["'self'"]);
    expect(WEB_CSP).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
  });

  it("gives the API's answers a CSP that loads nothing, signed in or not", async () => {
    for (const path of ['/api/health', '/api/districts', '/api/nope']) {
      const res = await request(server(), 'GET', path);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(res.headers.get('content-security-policy'), path).toBe(API_CONTENT_SECURITY_POLICY);
      expectCommonHeaders(res.headers, path);
    }
  });

  it("keeps the survey pages' own CSP and no-referrer policy", async () => {
    for (const path of ['/s', '/s/ABCDEF', '/s/ABCDEF/thanks']) {
      const res = await request(server(), 'GET', path);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toBe(WEB_CSP);
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expectCommonHeaders(res.headers, path);
    }
  });

  it("reads the bootstrap's hashes from SvelteKit's <meta>, and refuses a build whose inline script has none", () => {
    expect(scriptHashesOf(INDEX)).toEqual([HASH]);
    expect(scriptHashesOf('<!doctype html><title>No scripts</title><script src="/a.js"></script>')).toEqual([]);
    const unhashed = mkdtempSync(join(tmpdir(), 'sillat-web-'));
    try {
      writeFileSync(join(unhashed, 'index.html'), '<!doctype html><script>boot()</script>');
      expect(() => createLocalServer(auth.issuer(), unhashed)).toThrow(/kit\.csp/);
    } finally {
      rmSync(unhashed, { recursive: true, force: true });
    }
  });
});
