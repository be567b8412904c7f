import { handle } from 'hono/aws-lambda';
import { app } from './app';
import { identityDirectoryFromEnvironment } from './identity/directory';

// Loaded on first use: only user management needs the Cognito client.
identityDirectoryFromEnvironment(async () =>
  (await import('./identity/cognito-directory')).cognitoDirectoryFromEnvironment(),
);

export const handler = handle(app);
