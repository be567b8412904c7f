import type { District, DistrictInput, DistrictPatch } from '@sillat/shared';
import { createRegistryStore } from './registry-store';

/** Districts (e.g. Helsinki's major districts), each with its liaison officer. sk = DISTRICT#<id>. */
export const districts = createRegistryStore<DistrictInput, DistrictPatch, District>({
  kind: 'DISTRICT',
  entity: 'district',
});
