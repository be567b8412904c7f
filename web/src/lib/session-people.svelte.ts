import { organisationStaff, type SessionFieldValues, type StaffMember } from './sessions';

/**
 * Whom a session form offers as facilitator and clerk: the active staff of the
 * organisation chosen in the form, loaded again whenever that choice changes,
 * plus `alsoShown` (people already chosen on the saved session, who may since
 * have left). Once an organisation's list is in, anyone not on it is unchosen,
 * so a person of another organisation never stays selected. Call it while a
 * component initialises (it sets up effects).
 */
export function sessionPeople(
  fields: () => SessionFieldValues,
  alsoShown: () => StaffMember[] = () => [],
): { readonly people: StaffMember[]; readonly failed: boolean } {
  let loaded = $state<{ organisationId: string; people: StaffMember[] }>();
  let failed = $state(false);

  $effect(() => {
    const organisationId = fields().organisationId;
    failed = false;
    if (!organisationId) {
      loaded = { organisationId, people: [] };
      return;
    }
    let current = true;
    organisationStaff(organisationId).then(
      (people) => {
        if (current) loaded = { organisationId, people };
      },
      () => {
        if (current) failed = true;
      },
    );
    // A slower answer for an organisation no longer chosen is dropped.
    return () => {
      current = false;
    };
  });

  const ready = $derived(loaded !== undefined && loaded.organisationId === fields().organisationId);
  const people = $derived.by(() => {
    const listed = ready && loaded ? loaded.people : [];
    return [...listed, ...alsoShown().filter((p) => !listed.some((l) => l.id === p.id))];
  });

  $effect(() => {
    if (!ready) return;
    const values = fields();
    const ids = people.map((p) => p.id);
    if (values.facilitatorId && !ids.includes(values.facilitatorId)) values.facilitatorId = '';
    if (values.clerkId && !ids.includes(values.clerkId)) values.clerkId = '';
  });

  return {
    get people() {
      return people;
    },
    get failed() {
      return failed;
    },
  };
}
