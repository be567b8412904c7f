import { api } from '#lib/api';
import type { DecisionSession } from '#lib/decision';
import { loadFailed } from '#lib/load';
import type { Round } from '#lib/rounds';
import { mayOpen, requirePage } from '#lib/session';
import type { PageLoad } from './$types';

/** The round's decision-maker session: when, where and who came. Coordinators record it; council members read it. */
export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { me } = await parent();
  requirePage(me, 'decisionSession');
  const id = encodeURIComponent(params.id);
  try {
    const [round, session] = await Promise.all([
      api.get<Round>(`/rounds/${id}`, fetch),
      api.get<DecisionSession>(`/rounds/${id}/decision-session`, fetch),
    ]);
    return {
      round: round.data,
      session: session.data,
      version: session.version ?? session.data.version,
      editable: mayOpen(me.user.role, 'roundEdit') && round.data.phase !== 'closed',
      runsSession: mayOpen(me.user.role, 'presentation'),
    };
  } catch (err) {
    loadFailed(err);
  }
};
