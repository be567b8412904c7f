import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../functions/src/local/dynamo-local';

declare module 'vitest' {
  interface ProvidedContext {
    /** http://127.0.0.1:<port> of the one in-memory DynamoDB Local shared by the integration tier. */
    dynamoEndpoint: string;
  }
}

/**
 * Starts one in-memory DynamoDB Local for the whole integration tier. Each test
 * file creates its own table on it (see ./table.ts), so files can run in parallel.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamo = await startDynamoLocal();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
