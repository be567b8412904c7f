import { api } from '#lib/api';
import { loadFailed } from '#lib/load';
import { REGISTRIES, type RegistryItem, type RegistrySlug } from '#lib/registries';
import { mayOpen, requirePage } from '#lib/session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, fetch, url, parent }) => {
  const { me } = await parent();
  requirePage(me, 'registries');
  const config = REGISTRIES[params.registry as RegistrySlug];
  const showArchived = url.searchParams.get('archived') === '1';
  try {
    const { data } = await api.get<{ items: RegistryItem[] }>(`/${config.slug}?includeArchived=${showArchived}`, fetch);
    return { slug: config.slug, showArchived, items: data.items, editable: mayOpen(me.user.role, 'registryEdit') };
  } catch (err) {
    loadFailed(err);
  }
};
