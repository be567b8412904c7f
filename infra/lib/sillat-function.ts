import { AssetHashType, DockerImage, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundleLambdaSync } from './lambda-bundling';
import { nagArnOf } from './nag-checks';
import { fromRepoRoot } from './paths';

/** What a function may do with a table: read only, or read and write. */
export type TableAccess = 'r' | 'rw';

/**
 * Data-plane actions per access level. Listed rather than taken from
 * grantReadWriteData so that Scan (never in a request path) and the stream
 * actions (no streams) are simply not allowed. Transactions need no actions
 * of their own: IAM checks the Put/Update/Delete/ConditionCheck inside them.
 */
export const TABLE_ACTIONS = {
  r: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
  rw: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:ConditionCheckItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ],
} as const satisfies Record<TableAccess, readonly string[]>;

/**
 * Partition keys of the audit trail (`MUNI#<m>#AUDIT`, functions/src/data/audit.ts),
 * as an IAM `StringLike` pattern. The infra tests check it against the real key builder.
 */
export const AUDIT_PARTITION_KEY_PATTERN = 'MUNI#*#AUDIT';

/**
 * What no function may do to an audit entry, whatever else it is allowed:
 * change it or delete it. Appending stays possible (PutItem inside the
 * transaction of the change it records); that a Put never replaces an entry
 * is the job of its `attribute_not_exists` condition, which IAM cannot express.
 */
export const AUDIT_DENIED_ACTIONS = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
] as const;

export interface SillatFunctionProps {
  /** Handler file, relative to the repo root (e.g. `functions/src/lambda.ts`); it must export `handler`. */
  readonly entry: string;
  readonly description: string;
  /** @default 512 MB — enough CPU for cold-starting a bundled Hono + AWS SDK handler quickly. */
  readonly memorySize?: number;
  /** @default 10 seconds — API Gateway gives up after 30 s; a request taking 10 s is already a bug. */
  readonly timeout?: Duration;
  /**
   * @default one year. Log lines record who changed what in a city's round, which
   * municipalities need as audit history for at least a full yearly cycle; they
   * also hold IP addresses and user ids, so (GDPR data minimisation) not forever.
   */
  readonly logRetention?: RetentionDays;
}

/**
 * Every Lambda function of Sillat, with the defaults in one place: Node 24 on
 * Graviton, an explicit log group with retention, X-Ray tracing, one minified
 * ESM file bundled by infra/lib/lambda-bundling.ts (which bench/bundles.ts
 * measures; the AWS SDK comes from the runtime), and binding methods that set
 * configuration and IAM together.
 */
export class SillatFunction extends Construct {
  public readonly lambda: LambdaFunction;
  /** The handler file, relative to the repo root (bench/bundles.ts bundles each one). */
  public readonly entry: string;
  public readonly logGroup: LogGroup;
  /** Own role instead of AWSLambdaBasicExecutionRole: it may write to its own log group only. */
  public readonly role: Role;

  constructor(scope: Construct, id: string, props: SillatFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grants.write(this.role);

    this.entry = props.entry;
    const entry = props.entry;
    this.lambda = new LambdaFunction(this, 'Function', {
      // Bundled on this machine (esbuild is a devDependency); the asset's hash is the bundle's.
      code: Code.fromAsset(fromRepoRoot(), {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Never pulled: local bundling always succeeds or throws.
          image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24'),
          // Part of CDK's staging cache key (the `local` function is not): without it every
          // function of the app would get the first one's bundle.
          environment: { SILLAT_LAMBDA_ENTRY: entry },
          local: {
            tryBundle(outputDir) {
              bundleLambdaSync(entry, outputDir);
              return true;
            },
          },
        },
      }),
      handler: 'index.handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: { NODE_OPTIONS: '--enable-source-maps' },
    });

    // X-Ray accepts trace segments only with Resource "*" (it has no resource-level permissions).
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions; "*" is the only valid resource.',
    });
  }

  /**
   * Gives the function a table: sets `TABLE_NAME` (read by functions/src/data)
   * and grants exactly the data-plane actions for `access`, table and indexes.
   */
  bindTable(table: ITableV2, access: TableAccess): void {
    this.lambda.addEnvironment('TABLE_NAME', table.tableName);
    table.grants.actions(this.lambda, ...TABLE_ACTIONS[access]);
    if (access === 'rw') this.denyAuditChanges(table);

    // The grant covers `<table>/index/*` so Query works on every GSI in TABLE;
    // the wildcard is confined to this one table's indexes.
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArnOf(table)}/index/*]`,
      reason:
        "Queries on the table's global secondary indexes need the index ARNs; the wildcard covers only this table's indexes.",
    });
  }

  /**
   * The audit trail is append-only in IAM too: an explicit Deny beats every
   * Allow, so even a bug (or a future grant) cannot rewrite history. The
   * condition matches when any item of the request has an audit partition key.
   */
  private denyAuditChanges(table: ITableV2): void {
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'AuditTrailIsAppendOnly',
        effect: Effect.DENY,
        actions: [...AUDIT_DENIED_ACTIONS],
        resources: [table.tableArn],
        conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [AUDIT_PARTITION_KEY_PATTERN] } },
      }),
    );
  }
}
