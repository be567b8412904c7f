import { OpenAPIHono } from '@hono/zod-openapi';
import {
  Id,
  InstrumentWordingInput,
  SubmissionReceipt,
  Survey,
  SurveyOpenInput,
  SurveyResponseInput,
  SurveyResults,
} from '@sillat/shared';
import { rewordInstrument } from '@sillat/shared/survey-instrument';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '@sillat/shared/suppression';
import { RESPONDENTS, surveyResults } from '@sillat/shared/survey-results';
import * as z from 'zod';
import { listCandidates } from '../data/candidates';
import { getMunicipality } from '../data/municipality';
import { getRound } from '../data/rounds';
import { normaliseCode, resolveCode } from '../data/public-codes';
import {
  closeSurvey,
  getSurvey,
  IdempotencyKeyReusedError,
  openSurvey,
  ownActions,
  rewordSurvey,
  submitAnswer,
  SurveyStateError,
  surveyCounters,
  UnknownMeasureError,
} from '../data/survey';
import { ClosedRoundError } from '../data/rounds';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ApiError } from '../http/errors';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';
import { IfMatchHeader, etag } from '../http/versioning';

/**
 * The feedback survey: coordinators word, open and close it and read results;
 * respondents answer without signing in, through the survey's code (the
 * public route below, and the plain-HTML page in survey-page/).
 */
const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const RoundParam = z.object({ roundId: Id });
const tags = ['Feedback survey'];
const surveyResponse = { 200: { description: 'The survey', ...json(Survey) }, ...ErrorResponses };

const read = guardedRoute({
  method: 'get',
  path: '/{roundId}/survey',
  tags,
  access: ['coordinator', 'councilMember'],
  summary: 'The round’s feedback survey: status, code, wording and a live count of respondents',
  request: { params: RoundParam },
  responses: surveyResponse,
});
const reword = guardedRoute({
  method: 'put',
  path: '/{roundId}/survey/instrument',
  tags,
  access: ['coordinator'],
  summary: 'Change the wording of questions for this round (before the survey opens); keys and options stay',
  request: { params: RoundParam, headers: IfMatchHeader, body: { required: true, ...json(InstrumentWordingInput) } },
  responses: surveyResponse,
});
const open = guardedRoute({
  method: 'post',
  path: '/{roundId}/survey/open',
  tags,
  access: ['coordinator'],
  summary: 'Open the survey (with the candidate measures as they are now), optionally until a set time',
  request: { params: RoundParam, headers: IfMatchHeader, body: { required: true, ...json(SurveyOpenInput) } },
  responses: surveyResponse,
});
const close = guardedRoute({
  method: 'post',
  path: '/{roundId}/survey/close',
  tags,
  access: ['coordinator'],
  summary: 'Close the survey by hand',
  request: { params: RoundParam, headers: IfMatchHeader },
  responses: surveyResponse,
});
const results = guardedRoute({
  method: 'get',
  path: '/{roundId}/survey/results',
  tags,
  access: ['coordinator'],
  summary: 'Results: a live count while open; per question, with small figures hidden, once closed',
  request: { params: RoundParam },
  responses: { 200: { description: 'The results', ...json(SurveyResults) }, ...ErrorResponses },
});

function translate(err: unknown): never {
  // A closed survey is gone for respondents for good: 410, not a conflict to resolve.
  if (err instanceof SurveyStateError)
    throw new ApiError(err.code === 'survey_closed' ? 410 : 409, err.code, err.message);
  if (err instanceof IdempotencyKeyReusedError) {
    throw new ApiError(422, 'idempotency_key_reused', err.message, [{ field: 'submissionId', message: err.message }]);
  }
  if (err instanceof ClosedRoundError) throw new ApiError(409, 'round_closed', err.message);
  throw err;
}

export const surveyRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(read, async (c) => {
    const { roundId } = c.req.valid('param');
    await getRound(c.var.municipalityId, roundId);
    const survey = await getSurvey(c.var.municipalityId, roundId);
    return c.json(survey, 200, etag(survey.version));
  })
  .openapi(reword, async (c) => {
    const round = await getRound(c.var.municipalityId, c.req.valid('param').roundId);
    const { questions } = c.req.valid('json');
    const survey = await rewordSurvey(
      c.var.municipalityId,
      round,
      (instrument) => rewordInstrument(instrument, questions),
      c.req.valid('header')['if-match'],
      c.var.actor,
    ).catch(translate);
    return c.json(survey, 200, etag(survey.version));
  })
  .openapi(open, async (c) => {
    const { closesAt } = c.req.valid('json');
    if (closesAt && new Date(closesAt).getTime() <= Date.now()) {
      const message = 'The closing time is already past; choose a later time.';
      throw new ApiError(400, 'validation_failed', 'The request body is not valid.', [{ field: 'closesAt', message }]);
    }
    const round = await getRound(c.var.municipalityId, c.req.valid('param').roundId);
    const candidates = await listCandidates(c.var.municipalityId, round.id);
    const survey = await openSurvey(
      c.var.municipalityId,
      round,
      { ...c.req.valid('json'), measureOptions: candidates.map((m) => ({ id: m.id, title: m.title })) },
      c.req.valid('header')['if-match'],
      c.var.actor,
    ).catch(translate);
    return c.json(survey, 200, etag(survey.version));
  })
  .openapi(close, async (c) => {
    const { roundId } = c.req.valid('param');
    await getRound(c.var.municipalityId, roundId);
    const survey = await closeSurvey(
      c.var.municipalityId,
      roundId,
      c.req.valid('header')['if-match'],
      c.var.actor,
    ).catch(translate);
    return c.json(survey, 200, etag(survey.version));
  })
  .openapi(results, async (c) => {
    const m = c.var.municipalityId;
    const { roundId } = c.req.valid('param');
    await getRound(m, roundId);
    const [survey, counters, municipality] = await Promise.all([
      getSurvey(m, roundId),
      surveyCounters(m, roundId),
      getMunicipality(m),
    ]);
    // The municipality's own threshold (settings, at least 3); 5 where none is set.
    const threshold = municipality.privacyThreshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
    const closed = survey.status === 'closed';
    const questions = closed ? surveyResults(counters, survey.measureOptions, threshold) : null;
    const measureCounts = questions?.find((q) => q.key === 'measures')?.options ?? [];
    const ownActionsShown = closed && (questions?.find((q) => q.key === 'ownAction')?.answered ?? null) !== null;
    return c.json(
      {
        status: survey.status,
        responses: counters[RESPONDENTS] ?? 0,
        threshold,
        questions,
        measures: survey.measureOptions.map((m) => ({
          candidateId: m.id,
          title: m.title,
          count: measureCounts.find((o) => o.option === m.id)?.count ?? null,
        })),
        ownActions: ownActionsShown ? await ownActions(m, roundId) : null,
      },
      200,
    );
  });

/** Answering: public, anonymous, one answer per device (see data/survey.ts). */
const CodeParam = z.object({ code: z.string().max(40) });
const answer = guardedRoute({
  method: 'post',
  path: '/{code}/responses',
  tags,
  access: 'public',
  summary: 'Answer the survey (anonymous; the same device answering again replaces its answer)',
  request: { params: CodeParam, body: { required: true, ...json(SurveyResponseInput) } },
  responses: {
    201: { description: 'Stored (the first answer from this device)', ...json(SubmissionReceipt) },
    200: {
      description: 'Stored, replacing this device’s earlier answer; or a replay of a stored submission',
      ...json(SubmissionReceipt),
    },
    ...ErrorResponses,
  },
});

/** Shared with the plain-HTML form post, so both paths refuse the same things the same way. */
export async function storeAnswer(typedCode: string, input: SurveyResponseInput) {
  const target = await resolveCode('survey', normaliseCode(typedCode));
  try {
    return await submitAnswer(target, input.deviceId, input.submissionId, input.answers);
  } catch (err) {
    if (err instanceof UnknownMeasureError) {
      throw new ApiError(400, 'validation_failed', 'The request body is not valid.', [
        { field: `answers.measures.${err.index}`, message: err.message },
      ]);
    }
    translate(err);
  }
}

export const publicSurveyRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  answer,
  async (c) => {
    const { replay, replaced } = await storeAnswer(c.req.valid('param').code, c.req.valid('json'));
    return c.json({ stored: true as const, replaced, replay }, replay || replaced ? 200 : 201);
  },
);
