import { api } from '#lib/api';
import { flash } from '#lib/flash';
import { loadFailed } from '#lib/load';
import type { Notes } from '#lib/notes';
import type { RegistryItem } from '#lib/registries';
import type { Round } from '#lib/rounds';
import type { Session } from '#lib/sessions';
import { mayOpen, requirePage } from '#lib/session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { me } = await parent();
  requirePage(me, 'sessions');
  const coordinator = mayOpen(me.user.role, 'roundEdit');
  const base = `/rounds/${encodeURIComponent(params.id)}/sessions/${encodeURIComponent(params.sessionId)}`;
  try {
    const [round, session, notes, groups, districts, organisations, municipality] = await Promise.all([
      api.get<Round>(`/rounds/${encodeURIComponent(params.id)}`, fetch),
      api.get<Session>(base, fetch),
      api.get<Notes>(`${base}/notes`, fetch),
      api.get<{ items: RegistryItem[] }>('/population-groups?includeArchived=true', fetch),
      api.get<{ items: RegistryItem[] }>('/districts?includeArchived=true', fetch),
      api.get<{ items: RegistryItem[] }>('/organisations?includeArchived=true', fetch),
      api.get<{ personalNames?: string[] }>('/municipality', fetch),
    ]);
    return {
      coordinator,
      round: round.data,
      session: session.data,
      version: session.version ?? session.data.version,
      notes: notes.data,
      notesVersion: notes.version ?? notes.data.version,
      groups: groups.data.items,
      districts: districts.data.items,
      organisations: organisations.data.items,
      personalNames: municipality.data.personalNames ?? [],
      notice: flash.take(),
    };
  } catch (err) {
    loadFailed(err);
  }
};
