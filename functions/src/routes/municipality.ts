import { OpenAPIHono } from '@hono/zod-openapi';
import { ADMINISTRATORS, ANY_ROLE } from '@sillat/shared/access';
import { Municipality, MunicipalityPatch } from '@sillat/shared';
import { getMunicipality, updateMunicipality } from '../data/municipality';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';
import { IfMatchHeader, etag } from '../http/versioning';

/** The caller's own municipality and its settings (name, default language, privacy threshold). */
const json = { content: { 'application/json': { schema: Municipality } } };

const read = guardedRoute({
  method: 'get',
  access: ANY_ROLE,
  path: '/',
  tags: ['Municipality'],
  summary: 'Read the municipality settings',
  responses: { 200: { description: 'The settings', ...json }, ...ErrorResponses },
});

const update = guardedRoute({
  method: 'patch',
  access: ADMINISTRATORS,
  path: '/',
  tags: ['Municipality'],
  summary: 'Change the municipality settings',
  request: {
    headers: IfMatchHeader,
    body: { required: true, content: { 'application/json': { schema: MunicipalityPatch } } },
  },
  responses: { 200: { description: 'The changed settings', ...json }, ...ErrorResponses },
});

export const municipalityRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(read, async (c) => {
    const municipality = await getMunicipality(c.var.municipalityId);
    return c.json(municipality, 200, etag(municipality.version));
  })
  .openapi(update, async (c) => {
    const version = c.req.valid('header')['if-match'];
    const municipality = await updateMunicipality(c.var.municipalityId, c.req.valid('json'), version, c.var.actor);
    return c.json(municipality, 200, etag(municipality.version));
  });
