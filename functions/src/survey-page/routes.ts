import { randomUUID } from 'node:crypto';
import { SurveyResponseInput } from '@sillat/shared';
import { isLocale, LOCALES, type Locale, pickLocalized } from '@sillat/shared/locales';
import { QUESTION_KEYS, QUESTION_TYPES } from '@sillat/shared/survey-instrument';
import type { SurveyAnswers } from '@sillat/shared/survey-results';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { NotFoundError } from '../data/errors';
import { isWellFormedCode, normaliseCode, resolveCode } from '../data/public-codes';
import { getRound } from '../data/rounds';
import { surveyForCode } from '../data/survey';
import { ApiError } from '../http/errors';
import { publicRateLimit } from '../http/rate-limit';
import { storeAnswer } from '../routes/survey';
import { closedPage, codePage, type FormState, surveyPage, thanksPage } from './render';
import { PAGE_TEXT } from './text';

/**
 * The public survey pages at /s: the code entry page, the survey form (GET
 * renders it, POST stores an answer and redirects — the path without
 * JavaScript), and the thank-you page. Nothing here needs a sign-in, and
 * nothing about the respondent is kept: the device cookie holds a random id
 * that only this browser has; the API files the answer under a hash of it.
 */
const DEVICE_COOKIE = 'sillat_device';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A form post is a handful of choices and one short text. */
const MAX_FORM_BYTES = 16 * 1024;

/** The chosen language (?lang=), else the browser's first of fi/sv/en, else Finnish. */
function language(c: Context): Locale {
  const asked = c.req.query('lang');
  if (isLocale(asked)) return asked;
  const accepted = (c.req.header('accept-language') ?? '')
    .split(',')
    .map((part) => part.split(';')[0]!.trim().slice(0, 2).toLowerCase());
  return accepted.find((l): l is Locale => isLocale(l)) ?? LOCALES[0];
}

function deviceId(c: Context): string {
  const known = getCookie(c, DEVICE_COOKIE);
  const id = known && UUID.test(known) ? known : randomUUID();
  setCookie(c, DEVICE_COOKIE, id, {
    path: '/s',
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: 60 * 60 * 24 * 180,
  });
  return id;
}

/** The form's fields as the answer the API takes (unknown fields are not carried over). */
function answersFromForm(form: Record<string, string | File | (string | File)[]>): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const key of QUESTION_KEYS) {
    const raw = form[key];
    const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v) => typeof v === 'string');
    if (!values.length) continue;
    const type = QUESTION_TYPES[key];
    if (type === 'multi') answers[key] = values;
    else if (type === 'scale') answers[key] = /^\d$/.test(values[0]!) ? Number(values[0]) : values[0];
    else answers[key] = values[0];
  }
  return answers;
}

async function findSurvey(typed: string) {
  const code = normaliseCode(typed);
  if (!isWellFormedCode('survey', code)) return undefined;
  try {
    const target = await resolveCode('survey', code);
    const survey = await surveyForCode(target);
    const round = await getRound(target.municipalityId, target.roundId);
    return { survey, round };
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
};

export const surveyPages = new Hono();

surveyPages.use('*', secureHeaders({ contentSecurityPolicy: CSP, referrerPolicy: 'no-referrer' }));
surveyPages.use('*', async (c, next) => {
  await next();
  // A page carries the device's id in its form: never kept by a shared cache.
  c.header('Cache-Control', 'no-store');
});
surveyPages.use('*', bodyLimit({ maxSize: MAX_FORM_BYTES, onError: (c) => c.text('The answer is too large.', 413) }));

surveyPages.get('/', (c) => {
  const lang = language(c);
  const typed = c.req.query('code');
  if (typed) {
    const code = normaliseCode(typed);
    if (isWellFormedCode('survey', code)) return c.redirect(`/s/${code}?lang=${lang}`, 303);
    return c.html(codePage(lang, true, typed.slice(0, 12)), 404);
  }
  return c.html(codePage(lang, false));
});

surveyPages.get('/:code', async (c) => {
  const lang = language(c);
  const found = await findSurvey(c.req.param('code'));
  if (!found) return c.html(codePage(lang, true), 404);
  const { survey, round } = found;
  if (found.survey.code !== c.req.param('code')) return c.redirect(`/s/${survey.code}?lang=${lang}`, 301);
  if (survey.status !== 'open') return c.html(closedPage(survey.code!, lang), 410);
  const state: FormState = { deviceId: deviceId(c), submissionId: randomUUID(), answers: {} };
  return c.html(surveyPage(survey, pickLocalized(round.name, lang)?.text ?? '', lang, state));
});

surveyPages.get('/:code/thanks', (c) =>
  c.html(thanksPage(normaliseCode(c.req.param('code')).slice(0, 12), language(c))),
);

surveyPages.post('/:code', publicRateLimit, async (c) => {
  const lang = language(c);
  const found = await findSurvey(c.req.param('code'));
  if (!found) return c.html(codePage(lang, true), 404);
  const { survey, round } = found;
  const code = survey.code!;
  if (survey.status !== 'open') return c.html(closedPage(code, lang), 410);
  const form = await c.req.parseBody({ all: true });
  const answers = answersFromForm(form);
  const parsed = SurveyResponseInput.safeParse({
    deviceId: form.deviceId,
    submissionId: form.submissionId,
    answers,
  });
  const again = (errors: string[], status: 400 | 409) => {
    const state: FormState = {
      deviceId: deviceId(c),
      submissionId: randomUUID(),
      answers: answers as SurveyAnswers,
      errors,
    };
    return c.html(surveyPage(survey, pickLocalized(round.name, lang)?.text ?? '', lang, state), status);
  };
  if (!parsed.success) {
    const t = PAGE_TEXT[lang];
    return again(
      parsed.error.issues.map((i) => (i.message === 'Answer at least one question.' ? t.nothingAnswered : i.message)),
      400,
    );
  }
  try {
    await storeAnswer(code, parsed.data);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'survey_closed') return c.html(closedPage(code, lang), 410);
    if (err instanceof ApiError && err.status === 400)
      return again(
        err.details.map((d) => d.message),
        400,
      );
    throw err;
  }
  return c.redirect(`/s/${code}/thanks?lang=${lang}`, 303);
});
