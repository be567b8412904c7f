import { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { pingDatabase } from '../data/health';
import { guardedRoute } from '../http/access';
import { log } from '../http/log';

const Health = z.object({ status: z.enum(['ok', 'unavailable']), database: z.enum(['reachable', 'unreachable']) });

/** Public: load balancers and `npm start`'s readiness check call it without signing in. */
const health = guardedRoute({
  method: 'get',
  access: 'public',
  path: '/',
  tags: ['Health'],
  summary: 'Is the API up and the database reachable?',
  responses: {
    200: { description: 'All well', content: { 'application/json': { schema: Health } } },
    503: { description: 'The database is not reachable', content: { 'application/json': { schema: Health } } },
  },
});

export const healthRoutes = new OpenAPIHono().openapi(health, async (c) => {
  try {
    await pingDatabase();
    return c.json({ status: 'ok' as const, database: 'reachable' as const }, 200);
  } catch (err) {
    log('warn', 'health check: database unreachable', { error: err instanceof Error ? err.name : String(err) });
    return c.json({ status: 'unavailable' as const, database: 'unreachable' as const }, 503, { 'Retry-After': '5' });
  }
});
