import { Fn, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { SillatFunction } from './sillat-function';

export interface ApiProps {
  readonly table: ITableV2;
  /** Set as MUNICIPALITY_ID, read by functions/src/http/context.ts. */
  readonly municipalityId: string;
}

/**
 * Steady-state and burst limits for the whole API. Far above what a city's
 * residents and officials produce, low enough that a runaway client or a flood
 * cannot run up the Lambda and DynamoDB bill.
 */
export const API_THROTTLE = { rateLimit: 100, burstLimit: 200 } as const;

/** HTTP API variables only (the REST API's standard JSON fields are not all valid here). */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    method: '$context.httpMethod',
    path: '$context.path',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/**
 * The Hono API (functions/src/lambda.ts) behind an HTTP API. Everything lives
 * under /api so CloudFront can send exactly that path here and the rest to S3.
 */
export class Api extends Construct {
  public readonly httpApi: HttpApi;
  public readonly stage: HttpStage;
  public readonly handler: SillatFunction;
  /** `<id>.execute-api.<region>.amazonaws.com`, the origin CloudFront forwards /api/* to. */
  public readonly domainName: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.handler = new SillatFunction(this, 'Handler', {
      entry: 'functions/src/lambda.ts',
      description: 'Sillat HTTP API (Hono)',
    });
    this.handler.bindTable(props.table, 'rw');
    this.handler.lambda.addEnvironment('MUNICIPALITY_ID', props.municipalityId);

    // The stage is created by hand: the default one cannot carry access logs.
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Sillat API, reached through CloudFront at /api',
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_YEAR });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });

    const integration = new HttpLambdaIntegration('Lambda', this.handler.lambda);
    for (const path of ['/api', '/api/{proxy+}']) {
      this.httpApi.addRoutes({ path, methods: [HttpMethod.ANY], integration });
    }

    // apiEndpoint is `https://<host>`; CloudFront's origin wants the bare host.
    this.domainName = Fn.select(2, Fn.split('/', this.httpApi.apiEndpoint));

    Validations.of(this.handler.lambda).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'API Gateway invokes the function synchronously and returns its errors to the caller; a DLQ only applies to asynchronous invocations.',
    });
    Validations.of(this.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Cognito JWT authorizer arrives with the sign-in work (issue 3); until then the API only serves municipality registries.',
    });
  }
}
