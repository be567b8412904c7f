import { api } from '#lib/api';
import { loadFailed } from '#lib/load';
import { REGISTRIES, type RegistryItem, type RegistrySlug } from '#lib/registries';
import { requirePage } from '#lib/session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, fetch, parent }) => {
  requirePage((await parent()).me, 'registryEdit');
  const config = REGISTRIES[params.registry as RegistrySlug];
  try {
    const { data, version } = await api.get<RegistryItem>(`/${config.slug}/${encodeURIComponent(params.id)}`, fetch);
    return { slug: config.slug, item: data, version: version ?? data.version };
  } catch (err) {
    loadFailed(err);
  }
};
