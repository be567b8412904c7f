import type { Context } from 'hono';

/**
 * The site's own address, for absolute links the API hands out (calendar feed
 * URLs, links inside a feed). In AWS the API sits behind CloudFront, which
 * passes API Gateway's host rather than the viewer's, so APP_URL (set by the
 * stack, as for the reminder job) wins; locally the request's own origin is
 * the site, since `npm start` serves the API and the web app on one port.
 */
export function publicBaseUrl(c: Context): string {
  const configured = process.env.APP_URL?.trim();
  return (configured || new URL(c.req.url).origin).replace(/\/+$/, '');
}
