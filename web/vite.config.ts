import { paraglideVitePlugin } from '@inlang/paraglide-js';
import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

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
    }),
  ],
  server: { proxy: { '/api': 'http://localhost:3000', '/auth-config.json': 'http://localhost:3000' } },
});
