import type { Principal, Role } from '@sillat/shared/auth';
import { SYSTEM_ACTOR } from '../../functions/src/data/audited-write';
import { seedMunicipality } from '../../functions/src/data/municipality';
import { createUser } from '../../functions/src/data/users';
import { DEMO } from './auth';

/** Who creates things in a municipality during a test: its coordinator and administrator. */
export interface Tenant {
  id: string;
  coordinator: Principal;
  administrator: Principal;
}

export const TENANT_A: Tenant = { id: 'demo', coordinator: DEMO.coordinator, administrator: DEMO.administrator };

/**
 * A second municipality in the same table, with one user per role, written
 * through the data layer (its users never sign in with a password; tests mint
 * their tokens). Returns its principals by role.
 */
export async function seedSecondMunicipality(id = 'naapurikunta'): Promise<Record<Role, Principal>> {
  const at = new Date().toISOString();
  await seedMunicipality(id, { name: { fi: 'Naapurikunta' }, defaultLocale: 'fi', privacyThreshold: 5 }, at);
  const principals = {} as Record<Role, Principal>;
  for (const [role, demo] of Object.entries(DEMO) as [Role, Principal][]) {
    const userId = crypto.randomUUID();
    // Staff need an organisation of their own municipality; a fresh id stands in (nothing here reads it).
    const organisationId = demo.organisationId ? crypto.randomUUID() : undefined;
    await createUser(
      id,
      userId,
      {
        email: `${role.toLowerCase()}@${id}.example`,
        name: `${role} of ${id}`,
        role,
        locale: 'fi',
        ...(organisationId ? { organisationId } : {}),
      },
      SYSTEM_ACTOR,
    );
    principals[role] = { userId, role, municipalityId: id, ...(organisationId ? { organisationId } : {}) };
  }
  return principals;
}
