import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  TableEncryptionV2,
  TableV2,
  type Attribute,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE } from '@sillat/shared/table';

const stringKey = (name: string): Attribute => ({ name, type: AttributeType.STRING });

/**
 * The single DynamoDB table. Keys and indexes come from `TABLE` in shared/, the
 * same definition the local runtime uses, so AWS and local can never drift.
 */
export class Data extends Construct {
  public readonly table: TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.table = new TableV2(this, 'Table', {
      partitionKey: stringKey(TABLE.partitionKey),
      sortKey: stringKey(TABLE.sortKey),
      globalSecondaryIndexes: TABLE.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: ProjectionType.ALL,
      })),
      // A city's traffic is spiky (round deadlines) and mostly idle: pay per request.
      billing: Billing.onDemand(),
      timeToLiveAttribute: TABLE.timeToLiveAttribute,
      encryption: TableEncryptionV2.awsManagedKey(),
      // The table is the municipality's record: restorable to any second of the
      // last 35 days, impossible to delete by accident, kept if the stack goes.
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
