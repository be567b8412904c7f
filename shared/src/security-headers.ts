/**
 * The security headers of every response, written once: the local server
 * (functions/src/local/server.ts) applies them itself, and in AWS CloudFront's
 * response headers policies (infra/lib/web.ts) carry the same values, so the
 * two cannot drift. SvelteKit (web/vite.config.ts) writes the build-time part
 * of the web app's policy into index.html as a <meta>, with the hashes of its
 * inline bootstrap script; the header repeats those hashes.
 *
 * Plain strings only: no framework, no zod, so the CDK app and Vite's config
 * can import it too.
 */

/** Content-Security-Policy directives, each a list of sources. */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

/**
 * SHA-256 of the build's fixed `style` attribute values: `display: contents`
 * (web/src/app.html) and the visually-hidden style of SvelteKit's
 * `#svelte-announcer`.
 */
export const STYLE_ATTRIBUTE_HASHES = [
  "'sha256-tcbDxjMo+xKqM21aCGYbs/QAJqB7yUXC06oPWDapBgc='",
  "'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='",
] as const;

/**
 * The web app's policy, apart from what only a deployment knows (the sign-in
 * host in `connect-src`) and the inline-script hashes only a build knows.
 */
export const WEB_CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  // SvelteKit's bootstrap is the one inline script; its hash is added per build.
  'script-src': ["'self'"],
  // Stylesheets only from the site; no <style> elements. Svelte sets dynamic
  // styles (`style:width`, chart sizes) through the CSSOM, which CSP does not
  // govern. Chromium's violation reports over every page showed exactly two
  // inline style attributes, both fixed text: the shell's wrapper
  // (web/src/app.html) and SvelteKit's route announcer. They are allowed by
  // hash alone ('unsafe-hashes' admits hashed attributes, never arbitrary
  // ones); tests/e2e/security.test.ts fails when the build holds another.
  'style-src': ["'self'"],
  'style-src-attr': ["'unsafe-hashes'", ...STYLE_ATTRIBUTE_HASHES],
  // QR codes are SVG data: URLs (web/src/lib/qr.ts).
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const satisfies CspDirectives;

const HEADER_ONLY: ReadonlySet<string> = new Set(['default-src', 'connect-src', 'frame-ancestors']);

/**
 * What a <meta http-equiv> may carry and a build can know: everything but
 * `frame-ancestors` (ignored in meta), and `default-src` / `connect-src`,
 * which would shut out the sign-in host the deployment adds in the header
 * (both policies apply, so the meta must never be the stricter one).
 */
export const WEB_CSP_META_DIRECTIVES = Object.fromEntries(
  Object.entries(WEB_CSP_DIRECTIVES).filter(([name]) => !HEADER_ONLY.has(name)),
) as Omit<typeof WEB_CSP_DIRECTIVES, 'default-src' | 'connect-src' | 'frame-ancestors'>;

/** The API answers JSON only: nothing in it may load anything, nor be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Powerful features the app never uses, switched off for it and anything it could embed. */
export const PERMISSIONS_POLICY =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), browsing-topics=()';

/** One response header and whether it replaces a value the origin already sent. */
export interface HeaderRule {
  readonly value: string;
  /** False: an origin's own value is kept (the survey pages send their own CSP and referrer policy). */
  readonly override: boolean;
}

export type HeaderRules = Readonly<Record<string, HeaderRule>>;

const COMMON_HEADERS: HeaderRules = {
  'X-Content-Type-Options': { value: 'nosniff', override: true },
  'X-Frame-Options': { value: 'DENY', override: true },
  // The survey pages ask for no-referrer (their address holds the survey code); keep theirs.
  'Referrer-Policy': { value: 'strict-origin-when-cross-origin', override: false },
  'Permissions-Policy': { value: PERMISSIONS_POLICY, override: true },
  'Cross-Origin-Opener-Policy': { value: 'same-origin', override: true },
};

/** Renders directives as a header value, `name source source; …`. */
export function formatCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

export interface WebCspOptions {
  /** `'sha256-…'` sources of the inline scripts of index.html ({@link scriptHashesOf}). */
  readonly scriptHashes: readonly string[];
  /** Further origins the browser calls: the sign-in host's token endpoint in AWS. */
  readonly connectSources?: readonly string[];
}

/** The web app's Content-Security-Policy header. */
export function webContentSecurityPolicy({ scriptHashes, connectSources = [] }: WebCspOptions): string {
  return formatCsp({
    ...WEB_CSP_DIRECTIVES,
    'script-src': [...WEB_CSP_DIRECTIVES['script-src'], ...scriptHashes],
    'connect-src': [...WEB_CSP_DIRECTIVES['connect-src'], ...connectSources],
  });
}

/** Headers of the web app's files and pages. */
export function webSecurityHeaders(options: WebCspOptions): HeaderRules {
  return {
    ...COMMON_HEADERS,
    'Content-Security-Policy': { value: webContentSecurityPolicy(options), override: true },
  };
}

/** Headers of everything the API answers, /api and the survey pages at /s (which keep their own CSP). */
export const API_SECURITY_HEADERS: HeaderRules = {
  ...COMMON_HEADERS,
  'Content-Security-Policy': { value: API_CONTENT_SECURITY_POLICY, override: false },
};

const META_CSP = /<meta\s+http-equiv="content-security-policy"\s+content="([^"]*)"/i;
const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>/i;

/**
 * The script hashes SvelteKit wrote into the built index.html's CSP <meta>
 * (kit.csp mode "hash"), for the header to allow the same inline script.
 * Throws when the page has an inline script but no hash for it: the build was
 * made without kit.csp, and the app would not start under the header.
 */
export function scriptHashesOf(indexHtml: string): string[] {
  const policy = META_CSP.exec(indexHtml)?.[1] ?? '';
  const scriptSrc = policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([name]) => name === 'script-src');
  const hashes = (scriptSrc ?? []).filter((s) => /^'sha(256|384|512)-[A-Za-z0-9+/=]+'$/.test(s));
  if (hashes.length === 0 && INLINE_SCRIPT.test(indexHtml)) {
    throw new Error(
      'index.html runs an inline script but its CSP <meta> names no hash for it; build the web app with kit.csp (web/vite.config.ts).',
    );
  }
  return hashes;
}
