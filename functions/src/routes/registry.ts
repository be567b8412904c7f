import { OpenAPIHono } from '@hono/zod-openapi';
import { ANY_ROLE, COORDINATORS } from '@sillat/shared/access';
import { Id, ListQuery } from '@sillat/shared';
import * as z from 'zod';
import type { RegistryItem, RegistryStore } from '../data/registry-store';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';
import { IfMatchHeader, etag } from '../http/versioning';

/**
 * The routes of one registry (districts, population groups, organisations):
 * list, read, create, update and archive/restore. The three registries have the
 * same life cycle; each mounts its own sub-app built here with its own schemas.
 * Everyone signed in reads them (their names appear on every page); only
 * coordinators, who set up the rounds, change them.
 */
export function registryRoutes<In extends object, Patch extends object, Out extends RegistryItem>(opts: {
  tag: string;
  noun: string;
  store: RegistryStore<In, Patch, Out>;
  schemas: { input: z.ZodType<In>; patch: z.ZodType<Patch>; item: z.ZodType<Out> };
}) {
  const { tag, noun, store } = opts;
  // Route typing cannot see through generic schemas, so routes are declared over
  // the erased types; the call site above ties schema and store to one entity.
  const schemas = opts.schemas as { input: z.ZodType<object>; patch: z.ZodType<object>; item: z.ZodType<RegistryItem> };
  const IdParam = z.object({ id: Id });
  const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
  const itemResponse = { 200: { description: `The ${noun}`, ...json(schemas.item) }, ...ErrorResponses };

  const list = guardedRoute({
    method: 'get',
    access: ANY_ROLE,
    path: '/',
    tags: [tag],
    summary: `List ${noun}s`,
    request: { query: ListQuery },
    responses: {
      200: { description: `The ${noun}s of the municipality`, ...json(z.object({ items: z.array(schemas.item) })) },
      ...ErrorResponses,
    },
  });
  const create = guardedRoute({
    method: 'post',
    access: COORDINATORS,
    path: '/',
    tags: [tag],
    summary: `Create a ${noun}`,
    request: { body: { required: true, ...json(schemas.input) } },
    responses: { 201: { description: `The new ${noun}`, ...json(schemas.item) }, ...ErrorResponses },
  });
  const read = guardedRoute({
    method: 'get',
    access: ANY_ROLE,
    path: '/{id}',
    tags: [tag],
    summary: `Read a ${noun}`,
    request: { params: IdParam },
    responses: itemResponse,
  });
  const update = guardedRoute({
    method: 'patch',
    access: COORDINATORS,
    path: '/{id}',
    tags: [tag],
    summary: `Change a ${noun}`,
    request: { params: IdParam, headers: IfMatchHeader, body: { required: true, ...json(schemas.patch) } },
    responses: itemResponse,
  });
  const archiveRoute = (action: 'archive' | 'restore') =>
    guardedRoute({
      method: 'post',
      access: COORDINATORS,
      path: `/{id}/${action}`,
      tags: [tag],
      summary: action === 'archive' ? `Archive a ${noun} (kept for past rounds)` : `Restore an archived ${noun}`,
      request: { params: IdParam, headers: IfMatchHeader },
      responses: itemResponse,
    });

  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(list, async (c) => {
    const { includeArchived } = c.req.valid('query');
    const items = await store.list(c.var.municipalityId, { includeArchived });
    return c.json({ items }, 200);
  });

  app.openapi(create, async (c) => {
    const item = await store.create(c.var.municipalityId, c.req.valid('json') as In, c.var.actor);
    return c.json(item, 201, etag(item.version));
  });

  app.openapi(read, async (c) => {
    const item = await store.get(c.var.municipalityId, c.req.valid('param').id);
    return c.json(item, 200, etag(item.version));
  });

  app.openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    const version = c.req.valid('header')['if-match'];
    const item = await store.update(c.var.municipalityId, id, c.req.valid('json') as Patch, version, c.var.actor);
    return c.json(item, 200, etag(item.version));
  });

  for (const action of ['archive', 'restore'] as const) {
    app.openapi(archiveRoute(action), async (c) => {
      const { id } = c.req.valid('param');
      const version = c.req.valid('header')['if-match'];
      const item = await store.setArchived(c.var.municipalityId, id, action === 'archive', version, c.var.actor);
      return c.json(item, 200, etag(item.version));
    });
  }

  return app;
}
