import { OpenAPIHono } from '@hono/zod-openapi';
import { ADMINISTRATORS } from '@sillat/shared/access';
import { LOCALES } from '@sillat/shared/locales';
import * as z from 'zod';
import { listOutbox } from '../data/outbox';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';

/**
 * The outbox: reminder mails kept in the table when no SMTP server is set
 * (`npm start`'s reminder timer or `npm run reminders` without SMTP_URL).
 * Administrators read it, newest first, on the Outbox page.
 */
const OutboxMail = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    locale: z.enum(LOCALES).optional().meta({ description: "The recipient's language" }),
    createdAt: z.string(),
  })
  .meta({ id: 'OutboxMail' });

const list = guardedRoute({
  method: 'get',
  path: '/',
  tags: ['Outbox'],
  access: ADMINISTRATORS,
  summary: 'The newest 100 mails the reminder job put in the outbox, newest first',
  responses: {
    200: {
      description: 'The mails',
      content: { 'application/json': { schema: z.object({ items: z.array(OutboxMail) }) } },
    },
    ...ErrorResponses,
  },
});

export const outboxRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(list, async (c) =>
  c.json({ items: await listOutbox(c.var.municipalityId) }, 200),
);
