import { api } from '#lib/api';
import { loadFailed } from '#lib/load';
import { REGISTRIES, type RegistryItem, type RegistrySlug } from '#lib/registries';
import { mayOpen } from '#lib/session';
import type { PageLoad } from './$types';

/** Those who look after the registries see their counts; everyone else a welcome for their role. */
export const load: PageLoad = async ({ fetch, parent }) => {
  const { me } = await parent();
  if (!mayOpen(me.user.role, 'registries')) return { registries: undefined };
  try {
    const lists = await Promise.all(
      Object.keys(REGISTRIES).map((slug) => api.get<{ items: RegistryItem[] }>(`/${slug}`, fetch)),
    );
    const slugs = Object.keys(REGISTRIES) as RegistrySlug[];
    return { registries: slugs.map((slug, i) => ({ slug, items: lists[i]?.data.items ?? [] })) };
  } catch (err) {
    loadFailed(err);
  }
};
