import type { Survey } from '@sillat/shared';
import { LOCALES, type Locale } from '@sillat/shared/locales';
import {
  MAX_OWN_ACTION,
  QUESTION_KEYS,
  QUESTION_TYPES,
  type QuestionKey,
  RESPONDENT_CATEGORIES,
  RESPONDENT_LABELS,
  SCALE_POINTS,
  type ScaleKey,
} from '@sillat/shared/survey-instrument';
import type { SurveyAnswers } from '@sillat/shared/survey-results';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { LANGUAGE_NAMES, PAGE_TEXT, type PageText } from './text';

/**
 * The public survey page as plain HTML: a form that posts without JavaScript,
 * labelled for screen readers, one column for a 360 px phone. The one script
 * (/survey/enhance.js, built from web/src/survey/) only adds keeping answers
 * on the device while offline; the page does not depend on it. `html`
 * escapes every interpolated value.
 */
type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export const SURVEY_SCRIPT = '/survey/enhance.js';
export const SURVEY_STYLE = '/survey/survey.css';

function page(lang: Locale, title: string, body: Html, opts: { script?: boolean; langPath?: string } = {}): Html {
  const t = PAGE_TEXT[lang];
  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${title} – Sillat</title>
        <link rel="stylesheet" href="${SURVEY_STYLE}" />
        ${opts.script ? html`<script src="${SURVEY_SCRIPT}" defer></script>` : ''}
      </head>
      <body>
        ${
          opts.langPath
            ? html`<nav aria-label="${t.language}">
                <ul class="languages">
                  ${LOCALES.map(
                    (l) =>
                      html`<li>
                        <a
                          href="${opts.langPath}?lang=${l}"
                          lang="${l}"
                          hreflang="${l}"
                          ${l === lang ? html`aria-current="true"` : ''}
                          >${LANGUAGE_NAMES[l]}</a
                        >
                      </li>`,
                  )}
                </ul>
              </nav>`
            : ''
        }
        <main>${body}</main>
      </body>
    </html>`;
}

/** Where a question's help text or error lives, for aria-describedby. */
const hintId = (key: QuestionKey) => `${key}-hint`;

function question(survey: Survey, key: QuestionKey, lang: Locale, t: PageText, answers: SurveyAnswers): Html | '' {
  const wording = survey.instrument.questions[key];
  const legend = wording?.text[lang] ?? '';
  switch (QUESTION_TYPES[key]) {
    case 'single':
      return html`<fieldset>
        <legend>${legend}</legend>
        ${RESPONDENT_CATEGORIES.map(
          (c) =>
            html`<label class="choice"
              ><input type="radio" name="${key}" value="${c}" ${answers.category === c ? 'checked' : ''} />
              ${RESPONDENT_LABELS[c][lang]}</label
            >`,
        )}
      </fieldset>`;
    case 'scale': {
      const low = wording?.low?.[lang] ?? '';
      const high = wording?.high?.[lang] ?? '';
      const chosen = answers[key as ScaleKey];
      return html`<fieldset class="scale" aria-describedby="${hintId(key)}">
        <legend>${legend}</legend>
        <p class="hint" id="${hintId(key)}">1 = ${low}, 5 = ${high}</p>
        <div class="points">
          ${SCALE_POINTS.map(
            (p) =>
              html`<label
                ><input type="radio" name="${key}" value="${p}" ${chosen === p ? 'checked' : ''} /><span
                  >${p}</span
                ></label
              >`,
          )}
        </div>
      </fieldset>`;
    }
    case 'multi':
      if (!survey.measureOptions.length) return '';
      return html`<fieldset>
        <legend>${legend}</legend>
        ${survey.measureOptions.map(
          (m) =>
            html`<label class="choice"
              ><input
                type="checkbox"
                name="${key}"
                value="${m.id}"
                ${answers.measures?.includes(m.id) ? 'checked' : ''}
              />
              ${m.title}</label
            >`,
        )}
      </fieldset>`;
    case 'text':
      return html`<div class="field">
        <label for="${key}">${legend}</label>
        <p class="hint" id="${hintId(key)}">${MAX_OWN_ACTION} ${t.charactersLeft}</p>
        <textarea id="${key}" name="${key}" rows="4" maxlength="${MAX_OWN_ACTION}" aria-describedby="${hintId(key)}">
${answers.ownAction ?? ''}</textarea>
      </div>`;
  }
}

export interface FormState {
  deviceId: string;
  submissionId: string;
  answers: SurveyAnswers;
  /** Messages from a refused plain-HTML post, shown above the form. */
  errors?: string[];
}

export function surveyPage(survey: Survey, roundName: string, lang: Locale, state: FormState): Html {
  const t = PAGE_TEXT[lang];
  const code = survey.code ?? '';
  const path = `/s/${code}`;
  const body = html`<h1>${t.title}</h1>
    <p class="round">${roundName}</p>
    <p>${t.intro} ${t.optional}</p>
    ${
      state.errors?.length
        ? html`<div class="alert" role="alert" tabindex="-1" id="errors">
            <h2>${t.errorTitle}</h2>
            <ul>
              ${state.errors.map((e) => html`<li>${e}</li>`)}
            </ul>
          </div>`
        : ''
    }
    <form
      method="post"
      action="${path}?lang=${lang}"
      data-survey="${code}"
      data-lang="${lang}"
      data-sending="${t.sending}"
      data-saved-offline="${t.savedOffline}"
      data-sent="${t.sent}"
      data-error="${t.errorTitle}"
    >
      <input type="hidden" name="deviceId" value="${state.deviceId}" />
      <input type="hidden" name="submissionId" value="${state.submissionId}" />
      ${QUESTION_KEYS.map((key) => question(survey, key, lang, t, state.answers))}
      <button type="submit">${t.send}</button>
      <p class="status" role="status" aria-live="polite"></p>
    </form>`;
  return page(lang, t.title, body, { script: true, langPath: path });
}

export function thanksPage(code: string, lang: Locale): Html {
  const t = PAGE_TEXT[lang];
  const path = `/s/${code}`;
  return page(
    lang,
    t.thanksTitle,
    html`<h1>${t.thanksTitle}</h1>
      <p>${t.thanks}</p>
      <p><a href="${path}?lang=${lang}">${t.again}</a></p>`,
    { langPath: `${path}/thanks` },
  );
}

export function closedPage(code: string, lang: Locale): Html {
  const t = PAGE_TEXT[lang];
  return page(
    lang,
    t.closedTitle,
    html`<h1>${t.closedTitle}</h1>
      <p>${t.closed}</p>`,
    { langPath: `/s/${code}` },
  );
}

/** The code entry page (`/s`), also shown for a code that opens nothing. */
export function codePage(lang: Locale, notFound: boolean, typed = ''): Html {
  const t = PAGE_TEXT[lang];
  const title = notFound ? t.notFoundTitle : t.title;
  return page(
    lang,
    title,
    html`<h1>${title}</h1>
      ${notFound ? html`<p role="alert">${t.notFound}</p>` : ''}
      <form method="get" action="/s">
        <input type="hidden" name="lang" value="${lang}" />
        <div class="field">
          <label for="code">${t.codeLabel}</label>
          <p class="hint" id="code-hint">${t.codeHint}</p>
          <input
            id="code"
            name="code"
            value="${typed}"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            inputmode="text"
            maxlength="12"
            aria-describedby="code-hint"
            required
          />
        </div>
        <button type="submit">${t.open}</button>
      </form>`,
    { langPath: '/s' },
  );
}
