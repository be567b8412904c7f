import { OpenAPIHono } from '@hono/zod-openapi';
import { ANY_ROLE } from '@sillat/shared/access';
import { Me } from '@sillat/shared';
import { getMunicipality } from '../data/municipality';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ErrorResponses } from '../http/openapi';

/** The signed-in user: what the web app shows in its header and which menus it offers. */
const me = guardedRoute({
  method: 'get',
  path: '/',
  tags: ['Me'],
  summary: 'Who am I? The signed-in user and their municipality',
  access: ANY_ROLE,
  responses: {
    200: { description: 'The signed-in user', content: { 'application/json': { schema: Me } } },
    ...ErrorResponses,
  },
});

export const meRoutes = new OpenAPIHono<AppEnv>().openapi(me, async (c) => {
  // The profile was read to authenticate this very request; only the municipality is left to read.
  const municipality = await getMunicipality(c.var.municipalityId);
  return c.json({ user: c.var.user, municipality: { id: municipality.id, name: municipality.name } }, 200);
});
