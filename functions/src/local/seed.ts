import { districts } from '../data/districts';
import { NotFoundError } from '../data/errors';
import { getMunicipality, seedMunicipality } from '../data/municipality';
import { organisations } from '../data/organisations';
import { populationGroups } from '../data/population-groups';
import { DEMO_DISTRICTS, DEMO_GROUPS, DEMO_MUNICIPALITY, DEMO_ORGANISATIONS } from './demo-data';

/**
 * Seeds the demo municipality on first start only: once it exists, whatever
 * people changed (renamed, archived) is theirs and is left alone.
 */
export async function seedDemo(): Promise<'seeded' | 'present'> {
  try {
    await getMunicipality(DEMO_MUNICIPALITY.id);
    return 'present';
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
  const at = new Date().toISOString();
  const m = DEMO_MUNICIPALITY.id;
  // Registries first, the municipality last: an interrupted seed is retried in full next start.
  for (const d of DEMO_DISTRICTS) await districts.seed(m, d.id, d.input, at);
  for (const g of DEMO_GROUPS) await populationGroups.seed(m, g.id, g.input, at);
  for (const o of DEMO_ORGANISATIONS) await organisations.seed(m, o.id, o.input, at);
  const { id: _id, ...settings } = DEMO_MUNICIPALITY;
  await seedMunicipality(m, settings, at);
  return 'seeded';
}
