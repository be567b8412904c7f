import type { RegistrySlug } from '#lib/registries';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) => ({ slug: params.registry as RegistrySlug });
