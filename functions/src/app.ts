import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { ANY_ROLE } from '@sillat/shared/access';
import { requireAccess } from './http/access';
import { type AppEnv, authenticate } from './http/context';
import { ApiError, errorBody, toErrorResponse } from './http/errors';
import { validationHook } from './http/validation';
import { auditRoutes } from './routes/audit';
import { cardRoutes } from './routes/cards';
import { districtRoutes } from './routes/districts';
import { healthRoutes } from './routes/health';
import { meRoutes } from './routes/me';
import { municipalityRoutes } from './routes/municipality';
import { notesRoutes } from './routes/notes';
import { organisationRoutes } from './routes/organisations';
import { populationGroupRoutes } from './routes/population-groups';
import { roundRoutes } from './routes/rounds';
import { sessionRoutes } from './routes/sessions';
import { userRoutes } from './routes/users';

/** Largest request body the API reads; anything bigger is refused before parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

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

app.route('/api/health', healthRoutes);
app.route('/api/municipality', municipalityRoutes);
app.route('/api/districts', districtRoutes);
app.route('/api/population-groups', populationGroupRoutes);
app.route('/api/organisations', organisationRoutes);
app.route('/api/me', meRoutes);
app.route('/api/users', userRoutes);
app.route('/api/audit', auditRoutes);
app.route('/api/rounds', roundRoutes);
app.route('/api/rounds', sessionRoutes);
app.route('/api/rounds', notesRoutes);
app.route('/api/rounds', cardRoutes);

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
