import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Configuration is read once, at first use, and fails fast: a function that
 * cannot name its table must not start answering requests.
 */
export interface DataConfig {
  tableName: string;
  /** Set locally (DynamoDB Local); unset in AWS, where the SDK finds the regional endpoint. */
  endpoint?: string;
  region: string;
  /**
   * How long one DynamoDB request may take before it is abandoned (and retried
   * by the SDK). Defaults: 3 s in AWS, 10 s locally; tests of a frozen database set less.
   */
  requestTimeoutMs?: number;
}

let config: DataConfig | undefined;
let doc: DynamoDBDocumentClient | undefined;

export function configureData(next: DataConfig): void {
  config = next;
  doc = undefined;
}

function readConfig(): DataConfig {
  if (config) return config;
  const tableName = process.env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set: the API does not know which DynamoDB table to use.');
  config = {
    tableName,
    region: process.env.AWS_REGION ?? 'eu-north-1',
    ...(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {}),
  };
  return config;
}

export function tableName(): string {
  return readConfig().tableName;
}

/** One DocumentClient per process (module scope), reused by every request. */
export function db(): DynamoDBDocumentClient {
  if (doc) return doc;
  const { endpoint, region, requestTimeoutMs } = readConfig();
  const base = new DynamoDBClient({
    region,
    // Without these the SDK waits for ever on a socket that connected but never answers (a frozen
    // or overloaded database): the request would hang until the Lambda's 10 s timeout (a 502/504 from API
    // Gateway) or, locally, for good. With them it fails as TimeoutError, which the API answers as 503 with
    // Retry-After (http/errors.ts). In AWS the default 3 attempts × 3 s stay under the Lambda's 10 s;
    // DynamoDB Local on a busy laptop is far slower than DynamoDB, hence its longer default.
    requestHandler: {
      connectionTimeout: endpoint ? 2_000 : 1_000,
      requestTimeout: requestTimeoutMs ?? (endpoint ? 10_000 : 3_000),
      throwOnRequestTimeout: true,
    },
    ...(endpoint
      ? {
          endpoint,
          // DynamoDB Local accepts any credentials; fixed ones keep a developer's own AWS profile out of it.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          maxAttempts: 2,
        }
      : {}),
  });
  doc = DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  return doc;
}
