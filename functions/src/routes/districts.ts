import { District, DistrictInput, DistrictPatch } from '@sillat/shared';
import { districts } from '../data/districts';
import { registryRoutes } from './registry';

export const districtRoutes = registryRoutes({
  tag: 'Districts',
  noun: 'district',
  store: districts,
  schemas: { input: DistrictInput, patch: DistrictPatch, item: District },
});
