import { Organisation, OrganisationInput, OrganisationPatch } from '@sillat/shared';
import { organisations } from '../data/organisations';
import { registryRoutes } from './registry';

export const organisationRoutes = registryRoutes({
  tag: 'Organisations',
  noun: 'organisation',
  store: organisations,
  schemas: { input: OrganisationInput, patch: OrganisationPatch, item: Organisation },
});
