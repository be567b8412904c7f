import { api } from '#lib/api';
import { loadFailed } from '#lib/load';
import { REGISTRIES, type RegistryItem, type RegistrySlug } from '#lib/registries';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  try {
    const [municipality, ...lists] = await Promise.all([
      api.get<{ name: Record<string, string> }>('/municipality', fetch),
      ...Object.keys(REGISTRIES).map((slug) => api.get<{ items: RegistryItem[] }>(`/${slug}`, fetch)),
    ]);
    const slugs = Object.keys(REGISTRIES) as RegistrySlug[];
    return {
      municipality: municipality.data,
      registries: slugs.map((slug, i) => ({ slug, items: lists[i]?.data.items ?? [] })),
    };
  } catch (err) {
    loadFailed(err);
  }
};
