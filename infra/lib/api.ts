import { Fn, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CfnStage,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PUBLIC_API_ROUTES } from '@sillat/shared/access';
import type { Auth } from './auth';
import { SillatFunction } from './sillat-function';

export interface ApiProps {
  readonly table: ITableV2;
}

/** Paths that reach the function; everything under them needs a token unless listed in PUBLIC_API_ROUTES. */
export const PROTECTED_API_PATHS = ['/api', '/api/{proxy+}'] as const;

/**
 * The user-pool actions of functions/src/identity/cognito-directory.ts, and no
 * others: the API can invite, disable, enable, delete and describe users of
 * its own pool, never read passwords' state or change attributes.
 */
export const IDENTITY_DIRECTORY_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminUserGlobalSignOut',
] as const;

/**
 * The public survey pages (functions/src/survey-page/): plain HTML for
 * respondents without accounts, rendered by the same function. Outside /api,
 * so they never meet the authorizer; the pages read and write nothing but the
 * survey a code opens.
 */
export const PUBLIC_PAGE_ROUTES = ['GET /s', 'GET /s/{proxy+}', 'POST /s/{proxy+}'] as const;

/** `GET /api/health` → its method and path, typed for addRoutes. */
function parseRoute(route: string): { method: HttpMethod; path: string } {
  const [method, path] = route.split(' ');
  const known = Object.values(HttpMethod).find((m) => m === method);
  if (!known || !path?.startsWith('/')) throw new Error(`Public route "${route}" is not "METHOD /path".`);
  return { method: known, path };
}

/**
 * Steady-state and burst limits for the whole API. Far above what a city's
 * residents and officials produce, low enough that a runaway client or a flood
 * cannot run up the Lambda and DynamoDB bill.
 */
export const API_THROTTLE = { rateLimit: 100, burstLimit: 200 } as const;

/**
 * The routes anyone can call without signing in (PUBLIC_API_ROUTES and the
 * survey pages) get a quarter of that, per route: a room of fifty phones
 * sending their answers in the same second still fits the burst, and 25
 * answers a second (90 000 an hour) is far more than a city's survey ever
 * sees; a flood from outside meets API Gateway's 429 before it costs a Lambda
 * invocation. The in-function limiter (functions/src/http/rate-limit.ts)
 * additionally caps each viewer.
 */
export const PUBLIC_ROUTE_THROTTLE = { rateLimit: 25, burstLimit: 50 } as const;

type Throttle = { readonly rateLimit: number; readonly burstLimit: number };

/**
 * Every route key the API has, with its throttle: the signed-in paths at the
 * stage's limit, the public ones at the stricter one. Derived from the same
 * lists as the routes themselves, so a new public route is throttled too.
 */
export function routeThrottles(): Record<string, Throttle> {
  return Object.fromEntries([
    ...PROTECTED_API_PATHS.map((path) => [`ANY ${path}`, API_THROTTLE] as const),
    ...[...PUBLIC_API_ROUTES, ...PUBLIC_PAGE_ROUTES].map((route) => [route, PUBLIC_ROUTE_THROTTLE] as const),
  ]);
}

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
  private connected = false;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.handler = new SillatFunction(this, 'Handler', {
      entry: 'functions/src/lambda.ts',
      description: 'Sillat HTTP API (Hono)',
    });
    this.handler.bindTable(props.table, 'rw');

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

    // apiEndpoint is `https://<host>`; CloudFront's origin wants the bare host.
    this.domainName = Fn.select(2, Fn.split('/', this.httpApi.apiEndpoint));

    Validations.of(this.handler.lambda).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'API Gateway invokes the function synchronously and returns its errors to the caller; a DLQ only applies to asynchronous invocations.',
    });
    // Until connectAuth adds them there are no routes, so nothing is reachable
    // without sign-in; a stack that never calls it fails to synthesize.
    this.node.addValidation({
      validate: () => (this.connected ? [] : ['Api has no routes: call connectAuth(auth) once Auth exists.']),
    });
  }

  /**
   * Adds the routes, each behind Cognito's JWT authorizer except the explicit
   * allow-list PUBLIC_API_ROUTES (read from shared/, where the API's own check
   * reads it too, so the two cannot disagree), and gives the function what it
   * needs to verify tokens itself and to manage the pool's users.
   *
   * A method rather than a constructor prop: the user pool's callback URL
   * needs the site's address, and the site (CloudFront) needs this API's.
   */
  connectAuth(auth: Auth): void {
    if (this.connected) throw new Error('connectAuth may be called only once.');
    this.connected = true;

    const integration = new HttpLambdaIntegration('Lambda', this.handler.lambda);
    const authorizer = new HttpJwtAuthorizer('Cognito', auth.issuerUrl, {
      jwtAudience: [auth.userPoolClient.userPoolClientId],
    });
    const routes: HttpRoute[] = [];
    for (const path of PROTECTED_API_PATHS) {
      routes.push(...this.httpApi.addRoutes({ path, methods: [HttpMethod.ANY], integration, authorizer }));
    }
    // API Gateway picks the most specific route, so these win over /api/{proxy+}.
    for (const route of [...PUBLIC_API_ROUTES, ...PUBLIC_PAGE_ROUTES]) {
      const { method, path } = parseRoute(route);
      for (const publicRoute of this.httpApi.addRoutes({
        path,
        methods: [method],
        integration,
        authorizer: new HttpNoneAuthorizer(),
      })) {
        routes.push(publicRoute);
        Validations.of(publicRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route} is public by design (PUBLIC_API_ROUTES in shared/src/access.ts, or the survey pages); every other route requires a Cognito token.`,
        });
      }
    }

    this.throttleRoutes(routes);

    // The function verifies the token again (defence in depth, and the same code path as locally).
    const fn = this.handler.lambda;
    fn.addEnvironment('AUTH_ISSUER', auth.issuerUrl);
    fn.addEnvironment('AUTH_AUDIENCE', auth.userPoolClient.userPoolClientId);
    fn.addEnvironment('USER_POOL_ID', auth.userPool.userPoolId);
    // CloudFront → API Gateway: the viewer's address is one hop before the last in X-Forwarded-For
    // (functions/src/http/rate-limit.ts counts public requests per viewer).
    fn.addEnvironment('TRUSTED_PROXY_HOPS', '1');
    this.handler.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...IDENTITY_DIRECTORY_ACTIONS], resources: [auth.userPool.userPoolArn] }),
    );
  }

  /**
   * Per-route limits (routeThrottles) on the stage. HttpStage exposes only the
   * default, so they go on its CfnStage; API Gateway refuses route settings
   * for a route key that does not exist yet, hence the dependency on every route.
   */
  private throttleRoutes(routes: HttpRoute[]): void {
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = Object.fromEntries(
      Object.entries(routeThrottles()).map(([routeKey, t]) => [
        routeKey,
        // RouteSettings is a JSON property: CloudFormation's own (Pascal-case) field names, passed through as is.
        { ThrottlingRateLimit: t.rateLimit, ThrottlingBurstLimit: t.burstLimit },
      ]),
    );
    for (const route of routes) cfnStage.node.addDependency(route);
  }
}
