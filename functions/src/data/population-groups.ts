import type { PopulationGroup, PopulationGroupInput, PopulationGroupPatch } from '@sillat/shared';
import { createRegistryStore } from './registry-store';

/** Population groups that discussion sessions are held with. sk = GROUP#<id>. */
export const populationGroups = createRegistryStore<PopulationGroupInput, PopulationGroupPatch, PopulationGroup>({
  kind: 'GROUP',
  entity: 'populationGroup',
});
