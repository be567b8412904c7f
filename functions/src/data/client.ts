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
  const { endpoint, region } = readConfig();
  const base = new DynamoDBClient({
    region,
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
