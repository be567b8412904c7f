import { api } from '#lib/api';
import { loadFailed } from '#lib/load';
import type { Round } from '#lib/rounds';
import { mayOpen, requirePage } from '#lib/session';
import type { SurveyDetail, SurveyResultsDetail } from '#lib/survey';
import type { PageLoad } from './$types';

/**
 * The round's feedback survey for staff: coordinators word, open and close it
 * and read its results; council members follow its status and count.
 */
export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { me } = await parent();
  requirePage(me, 'survey');
  const id = encodeURIComponent(params.id);
  const coordinator = mayOpen(me.user.role, 'roundEdit');
  try {
    const [round, survey] = await Promise.all([
      api.get<Round>(`/rounds/${id}`, fetch),
      api.get<SurveyDetail>(`/rounds/${id}/survey`, fetch),
    ]);
    // Results are the coordinator's, and per question only once the survey is closed.
    const results =
      coordinator && survey.data.status === 'closed'
        ? (await api.get<SurveyResultsDetail>(`/rounds/${id}/survey/results`, fetch)).data
        : undefined;
    return {
      round: round.data,
      survey: survey.data,
      version: survey.version ?? survey.data.version,
      results,
      coordinator,
      editable: coordinator && round.data.phase !== 'closed',
    };
  } catch (err) {
    loadFailed(err);
  }
};
