import { OpenAPIHono } from '@hono/zod-openapi';
import { ANY_ROLE } from '@sillat/shared/access';
import { CalendarFeedLink, Me, NotificationSettings } from '@sillat/shared';
import * as z from 'zod';
import { getAccountSettings, setNotifications } from '../data/account';
import { createOrRotateFeed, revokeFeed } from '../data/calendar-feeds';
import { getMunicipality } from '../data/municipality';
import { guardedRoute } from '../http/access';
import { publicBaseUrl } from '../http/base-url';
import type { AppEnv } from '../http/context';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';
import { IfMatchHeader, etag } from '../http/versioning';

/**
 * The signed-in user: what the web app shows in its header and which menus it
 * offers, and "My account" — the person's own notification choices and
 * private calendar feed. Every route acts on the caller's own profile only;
 * none takes a user id.
 */
const tags = ['Me'];
const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });

const me = guardedRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Who am I? The signed-in user, their municipality and their own settings (ETag: the profile’s version)',
  access: ANY_ROLE,
  responses: { 200: { description: 'The signed-in user', ...json(Me) }, ...ErrorResponses },
});
const notifications = guardedRoute({
  method: 'put',
  path: '/notifications',
  tags,
  summary:
    'Choose which reminder mails to get. If-Match (the ETag of GET /api/me) is optional: without it, the profile as read for this request',
  access: ANY_ROLE,
  request: {
    headers: IfMatchHeader.partial(),
    body: { required: true, ...json(NotificationSettings) },
  },
  responses: { 200: { description: 'The stored choices', ...json(NotificationSettings) }, ...ErrorResponses },
});
const createFeed = guardedRoute({
  method: 'post',
  path: '/calendar',
  tags,
  summary: 'Make a private calendar feed of my checkpoints, replacing any earlier one; the address is shown only now',
  access: ANY_ROLE,
  responses: { 201: { description: 'The new feed address', ...json(CalendarFeedLink) }, ...ErrorResponses },
});
const deleteFeed = guardedRoute({
  method: 'delete',
  path: '/calendar',
  tags,
  summary: 'Turn my calendar feed off: its address answers 404 from now on',
  access: ANY_ROLE,
  responses: { 204: { description: 'Turned off' }, ...ErrorResponses },
});

export const meRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(me, async (c) => {
    const [municipality, account] = await Promise.all([
      getMunicipality(c.var.municipalityId),
      getAccountSettings(c.var.municipalityId, c.var.user.id),
    ]);
    return c.json(
      {
        user: c.var.user,
        municipality: { id: municipality.id, name: municipality.name },
        notifications: account.notifications,
        calendarFeed: account.calendarFeed,
      },
      200,
      etag(account.version),
    );
  })
  .openapi(notifications, async (c) => {
    // The profile was read (strongly) to authenticate this request: its version is the default condition.
    const version = c.req.valid('header')['if-match'] ?? c.var.user.version;
    const saved = await setNotifications(
      c.var.municipalityId,
      c.var.user.id,
      c.req.valid('json'),
      version,
      c.var.actor,
    );
    return c.json(saved.notifications, 200, etag(saved.version));
  })
  .openapi(createFeed, async (c) => {
    const secret = await createOrRotateFeed(c.var.municipalityId, c.var.user.id, c.var.actor);
    // The secret must not linger in shared caches or browser history of responses.
    c.header('Cache-Control', 'no-store');
    return c.json({ url: `${publicBaseUrl(c)}/api/calendar/${secret}` }, 201);
  })
  .openapi(deleteFeed, async (c) => {
    await revokeFeed(c.var.municipalityId, c.var.user.id, c.var.actor);
    return c.body(null, 204);
  });
