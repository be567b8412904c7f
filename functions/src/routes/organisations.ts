import { Id, Organisation, OrganisationInput, OrganisationPatch } from '@sillat/shared';
import type { Role } from '@sillat/shared/auth';
import * as z from 'zod';
import { NotFoundError } from '../data/errors';
import { organisations } from '../data/organisations';
import { listOrganisationStaff } from '../data/users';
import { guardedRoute } from '../http/access';
import { ErrorResponses } from '../http/openapi';
import { registryRoutes } from './registry';

/**
 * Who may list an organisation's staff: those who plan sessions and choose
 * their facilitator and clerk — coordinators, administrators, and the staff of
 * that organisation themselves (narrowed to their own in the handler).
 */
const STAFF_READERS: readonly Role[] = ['administrator', 'coordinator', 'organisationStaff'];

/** One person who may facilitate or keep notes: the id and the display name, never the e-mail address. */
const StaffMember = z.object({ id: Id, name: z.string() });

const staff = guardedRoute({
  method: 'get',
  path: '/{id}/staff',
  tags: ['Organisations'],
  access: STAFF_READERS,
  summary: 'List the active staff of an organisation (to choose a facilitator or clerk)',
  request: { params: z.object({ id: Id }) },
  responses: {
    200: {
      description: 'The organisation’s active staff, by name',
      content: { 'application/json': { schema: z.object({ items: z.array(StaffMember) }) } },
    },
    ...ErrorResponses,
  },
});

export const organisationRoutes = registryRoutes({
  tag: 'Organisations',
  noun: 'organisation',
  store: organisations,
  schemas: { input: OrganisationInput, patch: OrganisationPatch, item: Organisation },
}).openapi(staff, async (c) => {
  const { id } = c.req.valid('param');
  const { role, organisationId } = c.var.principal;
  // Staff see their own organisation only; another one does not exist for them (404, not 403).
  if (role === 'organisationStaff' && organisationId !== id) throw new NotFoundError('organisation', id);
  await organisations.get(c.var.municipalityId, id); // 404 unless it is in the caller's municipality
  const members = await listOrganisationStaff(c.var.municipalityId, id);
  return c.json({ items: members.map(({ id, name }) => ({ id, name })) }, 200);
});
