import { defineParams } from '@sveltejs/kit/params';

/**
 * Route parameter matchers. Only the three registries match `/[registry]`;
 * anything else is the 404 page. (This file is loaded by Node at build time,
 * so it keeps to plain values; src/lib/registries.ts holds the same list.)
 */
const REGISTRY_SLUGS = ['districts', 'population-groups', 'organisations'];

export const params = defineParams({
  registry: (param: string) => (REGISTRY_SLUGS.includes(param) ? param : undefined),
});
