import { paraglideVitePlugin } from '@inlang/paraglide-js';
import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { WEB_CSP_META_DIRECTIVES } from '@sillat/shared/security-headers';

/** SvelteKit types each source as a literal; ours are plain strings from the one shared list. */
const cspDirectives = Object.fromEntries(
  Object.entries(WEB_CSP_META_DIRECTIVES).map(([name, sources]) => [name, [...sources]]),
) as NonNullable<NonNullable<Parameters<typeof sveltekit>[0]>['csp']>['directives'];

export default defineConfig({
  plugins: [
    // Messages compile to typed functions; the language is remembered in
    // localStorage, then taken from the browser, then Finnish.
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      strategy: ['localStorage', 'preferredLanguage', 'baseLocale'],
    }),
    sveltekit({
      // A static single-page app: the local server and CloudFront both serve
      // index.html for any path that is not a file.
      adapter: adapter({ fallback: 'index.html', precompress: false }),
      // SvelteKit hashes its inline bootstrap script into a CSP <meta> in
      // index.html; the servers' header (shared/src/security-headers.ts)
      // repeats those hashes and adds what only they can: frame-ancestors
      // and the sign-in host.
      csp: { mode: 'hash', directives: cspDirectives },
    }),
  ],
  server: { proxy: { '/api': 'http://localhost:3000', '/auth-config.json': 'http://localhost:3000' } },
});
