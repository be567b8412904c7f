import type { Organisation, OrganisationInput, OrganisationPatch } from '@sillat/shared';
import { createRegistryStore } from './registry-store';

/** Partner organisations contracted to run discussion sessions. sk = ORG#<id>. */
export const organisations = createRegistryStore<OrganisationInput, OrganisationPatch, Organisation>({
  kind: 'ORG',
  entity: 'organisation',
});
