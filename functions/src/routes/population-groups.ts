import { PopulationGroup, PopulationGroupInput, PopulationGroupPatch } from '@sillat/shared';
import { populationGroups } from '../data/population-groups';
import { registryRoutes } from './registry';

export const populationGroupRoutes = registryRoutes({
  tag: 'Population groups',
  noun: 'population group',
  store: populationGroups,
  schemas: { input: PopulationGroupInput, patch: PopulationGroupPatch, item: PopulationGroup },
});
