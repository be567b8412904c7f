import { createMiddleware } from 'hono/factory';
import type { Actor } from '../data/audit';

/**
 * Who is calling and for which municipality. Until sign-in exists (issue 3)
 * every request acts for the one configured municipality as "anonymous";
 * sign-in will set both from the verified token — never from path, query or body.
 */
export interface AppEnv {
  Variables: { municipalityId: string; actor: Actor };
}

export const DEFAULT_MUNICIPALITY_ID = process.env.MUNICIPALITY_ID ?? 'demo';

export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  c.set('municipalityId', DEFAULT_MUNICIPALITY_ID);
  c.set('actor', { id: 'anonymous', role: 'anonymous' });
  await next();
});
