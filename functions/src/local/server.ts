import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import {
  API_SECURITY_HEADERS,
  type HeaderRules,
  scriptHashesOf,
  webSecurityHeaders,
} from '@sillat/shared/security-headers';
import { app } from '../app';
import type { LocalIssuer } from '../auth/local-issuer';
import { LOCAL_IDP_PATH, LOCAL_WEB_AUTH_CONFIG } from './auth';
import { localIdpRoutes } from './idp/routes';

/** Where `npm run build` puts the static SvelteKit app. */
export const WEB_BUILD_DIR = resolve(import.meta.dirname, '../../../web/build');

/** What the API answers: CloudFront sends the same paths to it (API_PATH_PATTERNS in infra/lib/web.ts). */
const isApiPath = (path: string) =>
  path === '/api' || path.startsWith('/api/') || path === '/s' || path.startsWith('/s/');

/**
 * Sets the security headers CloudFront's response headers policies set in
 * AWS, with the same rules: `override: false` keeps a value the API sent
 * (the survey pages' own CSP and referrer policy).
 */
function securityHeaders(webHeaders: HeaderRules | undefined): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const rules = isApiPath(c.req.path) ? API_SECURITY_HEADERS : webHeaders;
    for (const [name, { value, override }] of Object.entries(rules ?? {})) {
      if (override || !c.res.headers.has(name)) c.res.headers.set(name, value);
    }
  };
}

/**
 * The local server: the same API app as on Lambda under /api, and the built web
 * app for everything else, with the SPA's index.html as fallback (CloudFront
 * does the same in AWS with its 403/404 → index.html rule).
 */
export function createLocalServer(issuer: LocalIssuer, webDir: string | null = WEB_BUILD_DIR): Hono {
  // The local issuer sits beside the API, not in it: the Lambda app never has these routes.
  const api = new Hono();
  if (webDir === null) api.use(securityHeaders(undefined));
  api.route(LOCAL_IDP_PATH, localIdpRoutes(issuer));
  api.get('/auth-config.json', (c) => c.json(LOCAL_WEB_AUTH_CONFIG, 200, { 'Cache-Control': 'no-cache' }));
  api.all('/api/*', (c) => app.fetch(c.req.raw));
  // The public survey pages are the API's too (rendered HTML); CloudFront routes /s and /s/* the same way.
  api.all('/s', (c) => app.fetch(c.req.raw));
  api.all('/s/*', (c) => app.fetch(c.req.raw));
  if (webDir === null) {
    // `npm run dev`: Vite serves the web app with hot reload and proxies /api and /auth-config.json here.
    return api;
  }
  const indexFile = resolve(webDir, 'index.html');
  if (!existsSync(indexFile)) {
    throw new Error(`The web app is not built (${indexFile} is missing). Run "npm run build" first.`);
  }
  const indexHtml = readFileSync(indexFile, 'utf8');
  // serveStatic resolves `root` against the working directory.
  const root = relative(process.cwd(), webDir) || '.';

  const server = new Hono();
  server.use(securityHeaders(webSecurityHeaders({ scriptHashes: scriptHashesOf(indexHtml) })));
  server.use(compress());
  server.route('/', api);
  server.use('/_app/immutable/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  server.use('/*', serveStatic({ root }));
  server.get('*', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(indexHtml);
  });
  return server;
}
