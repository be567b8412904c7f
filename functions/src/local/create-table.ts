import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { TABLE } from '@sillat/shared';

const localClient = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: 'eu-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

/** Creates a table unless it exists (a restart with data under .data/ keeps everything). */
async function createIfMissing(endpoint: string, input: CreateTableCommandInput): Promise<'created' | 'exists'> {
  const client = localClient(endpoint);
  try {
    await client.send(new DescribeTableCommand({ TableName: input.TableName }));
    return 'exists';
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
    await client.send(new CreateTableCommand(input));
    return 'created';
  } finally {
    client.destroy();
  }
}

/**
 * Turns on the TTL attribute as CDK does, also for a table made before it
 * existed. DynamoDB Local keeps the setting but never deletes anything, so
 * locally it only keeps the two definitions equal.
 */
async function ensureTimeToLive(endpoint: string, tableName: string): Promise<void> {
  const client = localClient(endpoint);
  try {
    const current = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    if (current.TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED') return;
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
      }),
    );
  } finally {
    client.destroy();
  }
}

/** The app table, from the same definition CDK deploys (shared/src/table.ts). */
export async function ensureTable(endpoint: string, tableName: string): Promise<'created' | 'exists'> {
  const keyNames = [
    TABLE.partitionKey,
    TABLE.sortKey,
    ...TABLE.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  const result = await createIfMissing(endpoint, {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyNames.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  });
  await ensureTimeToLive(endpoint, tableName);
  return result;
}

/**
 * The local issuer's own table of logins (what Cognito holds in AWS), beside
 * the app table; see identity/local-store.ts. Never deployed.
 */
export function ensureLocalIdpTable(endpoint: string, tableName: string): Promise<'created' | 'exists'> {
  return createIfMissing(endpoint, {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  });
}
