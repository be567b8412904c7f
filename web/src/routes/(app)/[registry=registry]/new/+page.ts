import type { RegistrySlug } from '#lib/registries';
import { requirePage } from '#lib/session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, parent }) => {
  requirePage((await parent()).me, 'registryEdit');
  return { slug: params.registry as RegistrySlug };
};
