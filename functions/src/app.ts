import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { ANY_ROLE } from '@sillat/shared/access';
import { requireAccess } from './http/access';
import { type AppEnv, authenticate } from './http/context';
import { publicRateLimit } from './http/rate-limit';
import { ApiError, errorBody, toErrorResponse } from './http/errors';
import { validationHook } from './http/validation';
import { actionPlanRoutes } from './routes/action-plan';
import { auditRoutes } from './routes/audit';
import { boardRoutes, publicBoardRoutes } from './routes/board';
import { calendarRoutes } from './routes/calendar';
import { candidateRoutes } from './routes/candidates';
import { cardRoutes } from './routes/cards';
import { comparisonRoutes } from './routes/comparison';
import { coverageRoutes } from './routes/coverage';
import { dashboardRoutes } from './routes/dashboard';
import { impactRoutes } from './routes/impact';
import { decisionSessionRoutes } from './routes/decision-session';
import { districtRoutes } from './routes/districts';
import { exportRoutes } from './routes/exports';
import { healthRoutes } from './routes/health';
import { measureRoutes } from './routes/measures';
import { outboxRoutes } from './routes/outbox';
import { meRoutes } from './routes/me';
import { municipalityRoutes } from './routes/municipality';
import { notesRoutes } from './routes/notes';
import { organisationRoutes } from './routes/organisations';
import { populationGroupRoutes } from './routes/population-groups';
import { reportRoutes } from './routes/report';
import { roundRoutes } from './routes/rounds';
import { sessionRoutes } from './routes/sessions';
import { publicSurveyRoutes, surveyRoutes } from './routes/survey';
import { userRoutes } from './routes/users';
import { surveyPages } from './survey-page/routes';

/** Largest request body the API reads; anything bigger is refused before parsing. */
export const MAX_BODY_BYTES = 256 * 1024;
/** Largest body a public route reads: an answer is well under 2 KB, an idea under 4 KB. */
export const MAX_PUBLIC_BODY_BYTES = 8 * 1024;

/**
 * The API: one app object, run by @hono/node-server locally and by
 * hono/aws-lambda in AWS. Every resource is its own sub-app.
 */
export const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

app.use('/api/*', secureHeaders());
app.use(
  '/api/*',
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
    },
  }),
);
app.use('/api/*', authenticate);
// The public routes: per-client rate limit, and bodies no bigger than an answer or an idea needs.
for (const path of ['/api/surveys/*', '/api/boards/*', '/api/calendar/*']) {
  app.use(path, publicRateLimit);
  app.use(
    path,
    bodyLimit({
      maxSize: MAX_PUBLIC_BODY_BYTES,
      onError: () => {
        throw new ApiError(
          413,
          'payload_too_large',
          `The request body is larger than ${MAX_PUBLIC_BODY_BYTES / 1024} KB.`,
        );
      },
    }),
  );
}

app.route('/api/health', healthRoutes);
app.route('/api/municipality', municipalityRoutes);
app.route('/api/districts', districtRoutes);
app.route('/api/population-groups', populationGroupRoutes);
app.route('/api/organisations', organisationRoutes);
app.route('/api/me', meRoutes);
app.route('/api/calendar', calendarRoutes);
app.route('/api/users', userRoutes);
app.route('/api/audit', auditRoutes);
app.route('/api/dashboard', dashboardRoutes);
app.route('/api/dashboard', comparisonRoutes);
app.route('/api/dashboard', impactRoutes);
app.route('/api/dashboard', coverageRoutes);
app.route('/api/rounds', roundRoutes);
app.route('/api/rounds', sessionRoutes);
app.route('/api/rounds', notesRoutes);
app.route('/api/rounds', cardRoutes);
app.route('/api/rounds', decisionSessionRoutes);
app.route('/api/rounds', boardRoutes);
app.route('/api/rounds', candidateRoutes);
app.route('/api/rounds', actionPlanRoutes);
app.route('/api/rounds', reportRoutes);
app.route('/api/boards', publicBoardRoutes);
app.route('/api/rounds', surveyRoutes);
app.route('/api/surveys', publicSurveyRoutes);
app.route('/api', measureRoutes);
app.route('/api', exportRoutes);
app.route('/api/outbox', outboxRoutes);

/** The public survey pages (plain HTML, no sign-in): outside /api, so none of the API's middleware applies. */
app.route('/s', surveyPages);

/** The API description is for anyone signed in (the API docs page); it is not on the public allow-list. */
export const OPENAPI_ACCESS = ANY_ROLE;
app.use('/api/openapi.json', requireAccess(OPENAPI_ACCESS));

app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description: 'An access token from the municipality’s sign-in (Cognito, or the local issuer under npm start).',
});

app.doc31('/api/openapi.json', {
  openapi: '3.1.0',
  security: [{ bearer: [] }],
  info: {
    title: 'Sillat API',
    version: '0.1.0',
    description: 'Run the good-relations cycle: registries, rounds, sessions, measures and trends.',
  },
});

app.notFound((c) => c.json(errorBody('not_found', `No such endpoint: ${c.req.method} ${c.req.path}`), 404));
app.onError((err, c) => toErrorResponse(err, c));
