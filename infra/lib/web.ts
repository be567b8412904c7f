import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DefaultStackSynthesizer, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  type BehaviorOptions,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { API_SECURITY_HEADERS, scriptHashesOf, webSecurityHeaders } from '@sillat/shared/security-headers';
import { WEB_AUTH_CONFIG_PATH, type WebAuthConfig } from '@sillat/shared/web-auth-config';
import { nagArnOf } from './nag-checks';
import { headersPolicyProps } from './response-headers';

/** A city's own host name; the certificate must be an ACM certificate in us-east-1. */
export interface CustomDomain {
  readonly domainName: string;
  readonly certificateArn: string;
}

export interface WebProps {
  /** Absolute path of the SvelteKit static build (adapter-static output). */
  readonly siteDir: string;
  /** Host of the HTTP API that serves /api/*. */
  readonly apiDomainName: string;
  /** ARN of a CLOUDFRONT-scope WAF web ACL (created in us-east-1) to attach. @default no WAF */
  readonly webAclArn?: string;
  /** @default the distribution's cloudfront.net name and CloudFront's default certificate */
  readonly customDomain?: CustomDomain;
  /**
   * `https://host` of the sign-in service, whose token endpoint the browser
   * posts to (web/src/lib/auth.ts): the one host besides its own the web
   * app's CSP lets it call. (Its authorize and logout pages are navigations,
   * which CSP does not govern.) @default none
   */
  readonly signInOrigin?: string;
}

/** SvelteKit puts content-hashed files here; they never change once published. */
const IMMUTABLE_ASSETS = '_app/immutable/*';

/**
 * Rewrites page paths (no file extension) to /index.html so client-side routes
 * load the SPA. Done per behaviour instead of with distribution-wide 403/404
 * error responses, which would also turn the API's 404s and 403s into 200 HTML.
 */
/** What CloudFront sends to the API rather than the bucket: the API and the public survey pages. */
export const API_PATH_PATTERNS = ['/api', '/api/*', '/s', '/s/*'] as const;

const SPA_FALLBACK = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * The web front end: a private bucket holding the static build, served by
 * CloudFront through Origin Access Control, with /api/* routed to the API.
 */
export class Web extends Construct {
  public readonly bucket: Bucket;
  /** Access logs of the site bucket and of CloudFront. */
  public readonly logBucket: Bucket;
  public readonly distribution: Distribution;
  /** `https://…` address residents and officials open. */
  public readonly url: string;
  /** The last deployment of the site's files; later ones (the sign-in config) run after it. */
  private readonly siteDeployment: BucketDeployment;
  private readonly deploymentRole: Role;
  private readonly deploymentLogs: LogGroup;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);

    if (!existsSync(path.join(props.siteDir, 'index.html'))) {
      throw new Error(
        `The web build is missing: ${path.join(props.siteDir, 'index.html')} does not exist. Run \`npm run build\` first.`,
      );
    }

    // Both buckets are kept when the stack is deleted: the logs are audit
    // history, and the site bucket is cheap to leave while an auto-delete
    // custom resource would add a Lambda with delete rights to every deploy.
    this.logBucket = new Bucket(this, 'LogBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      // CloudFront standard logging writes with object ACLs.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the access-log destination; logging it into itself would write a log record for every log delivery, and a further log bucket would only move the finding.',
    });

    this.bucket = new Bucket(this, 'SiteBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The web app's CSP allows its inline bootstrap by the hashes SvelteKit
    // wrote into this build's index.html, and fetches from the sign-in host.
    const webHeaders = webSecurityHeaders({
      scriptHashes: scriptHashesOf(readFileSync(path.join(props.siteDir, 'index.html'), 'utf8')),
      connectSources: props.signInOrigin ? [props.signInOrigin] : [],
    });
    const siteHeaders = new ResponseHeadersPolicy(
      this,
      'SecurityHeaders',
      headersPolicyProps('Sillat web app: strict CSP, HSTS, no sniffing, no framing', webHeaders),
    );
    // The API's own: its JSON gets `default-src 'none'`, while the survey pages
    // at /s keep the CSP and referrer policy they send (override: false).
    const apiHeaders = new ResponseHeadersPolicy(
      this,
      'ApiSecurityHeaders',
      headersPolicyProps('Sillat API and survey pages: HSTS, no sniffing, no framing', API_SECURITY_HEADERS),
    );

    const spaFallback = new CloudFrontFunction(this, 'SpaFallback', {
      code: FunctionCode.fromInline(SPA_FALLBACK),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serve index.html for client-side routes',
    });

    const apiBehavior: BehaviorOptions = {
      origin: new HttpOrigin(props.apiDomainName, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // Everything the viewer sent except Host, which must name the API's own host.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: apiHeaders,
    };

    const domain = props.customDomain;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Sillat web and API, stack ${Stack.of(this).stackName}`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: siteHeaders,
        functionAssociations: [{ function: spaFallback, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      // `/api/*` does not match `/api` itself, so both patterns go to the API; so do the survey pages at /s.
      additionalBehaviors: Object.fromEntries(API_PATH_PATTERNS.map((p) => [p, apiBehavior])),
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Edge locations in Europe and North America: where Finnish residents are, at the lowest price.
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(domain
        ? {
            domainNames: [domain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    this.url = `https://${domain?.domainName ?? this.distribution.distributionDomainName}`;

    // Own role and log group for CDK's deployment function, instead of the
    // AWSLambdaBasicExecutionRole managed policy and a never-expiring log group.
    this.deploymentLogs = new LogGroup(this, 'DeploymentLogs', { retention: RetentionDays.ONE_MONTH });
    this.deploymentRole = new Role(this, 'DeploymentRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.deploymentLogs.grants.write(this.deploymentRole);
    this.siteDeployment = this.deploySite(props.siteDir);
    this.acknowledgeDeploymentFindings(this.deploymentRole);
    this.acknowledgeDistributionFindings(props);
  }

  /**
   * Two syncs so browsers never mix builds: hashed assets first, cached for a
   * year and never pruned (a page loaded before a deploy still finds them);
   * then everything else, revalidated on every load and pruned.
   */
  private deploySite(siteDir: string): BucketDeployment {
    const logGroup = this.deploymentLogs;
    const role = this.deploymentRole;
    const source = Source.asset(siteDir);
    const assets = new BucketDeployment(this, 'DeployAssets', {
      sources: [source],
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: [IMMUTABLE_ASSETS],
      prune: false,
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      logGroup,
      role,
    });
    const pages = new BucketDeployment(this, 'DeployPages', {
      sources: [source],
      destinationBucket: this.bucket,
      // Excluded files are also spared by the prune: the sign-in config is deployed on its own.
      exclude: [IMMUTABLE_ASSETS, WEB_AUTH_CONFIG_PATH],
      prune: true,
      cacheControl: [CacheControl.fromString('public, max-age=0, must-revalidate')],
      logGroup,
      role,
    });
    pages.node.addDependency(assets);
    return pages;
  }

  /**
   * Writes /auth-config.json, telling the web app where to sign in. It names
   * resources of this deployment (the app client, the sign-in domain), so it
   * is written from their attributes after the site, and never cached for
   * long: after a change, the next page load must see it.
   */
  publishAuthConfig(config: WebAuthConfig): void {
    const deployment = new BucketDeployment(this, 'DeployAuthConfig', {
      sources: [Source.jsonData(WEB_AUTH_CONFIG_PATH, config)],
      destinationBucket: this.bucket,
      prune: false,
      cacheControl: [CacheControl.noCache()],
      logGroup: this.deploymentLogs,
      role: this.deploymentRole,
    });
    deployment.node.addDependency(this.siteDeployment);
  }

  /**
   * BucketDeployment's handler is a CDK-managed singleton (Python + AWS CLI)
   * that CloudFormation invokes synchronously during deploys; its runtime,
   * tracing and grants are CDK's, not ours.
   */
  private acknowledgeDeploymentFindings(role: Role): void {
    const stack = Stack.of(this);
    const qualifier = stack.synthesizer.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const grantReason =
      'Wildcards come from CDK BucketDeployment grants (read the CDK asset bucket, write the site bucket); they cover only those two buckets.';
    for (const finding of [
      'Action::s3:GetBucket*',
      'Action::s3:GetObject*',
      'Action::s3:List*',
      'Action::s3:Abort*',
      'Action::s3:DeleteObject*',
      `Resource::${nagArnOf(this.bucket)}/*`,
      `Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-<AWS::Region>/*`,
    ]) {
      Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason: grantReason });
    }

    const handler = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!handler)
      throw new Error(
        'BucketDeployment no longer creates Custom::CDKBucketDeployment*; revisit these acknowledgements.',
      );
    const findings = Validations.of(handler);
    const runtimeReason =
      "The runtime of CDK's BucketDeployment handler is chosen by aws-cdk-lib and follows its upgrades.";
    findings.acknowledge(
      { id: 'AwsSolutions-L1', reason: runtimeReason },
      { id: 'Serverless-LambdaLatestVersion', reason: runtimeReason },
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'Invoked synchronously by CloudFormation as a custom resource; a failure fails the deploy, so there is nothing for a DLQ to catch.',
      },
      {
        id: 'Serverless-LambdaTracing',
        reason:
          'CDK-managed deploy-time function that BucketDeployment exposes no tracing option for; its logs go to a log group with retention.',
      },
    );
  }

  private acknowledgeDistributionFindings(props: WebProps): void {
    const findings = Validations.of(this.distribution);
    findings.acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: residents use the service while travelling, and a municipality may have users abroad.',
    });
    if (!props.webAclArn) {
      findings.acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'WAF is not attached by default because of its fixed monthly cost; a city enables it with -c sillat:webAclArn=<CLOUDFRONT-scope web ACL ARN>.',
      });
    }
    if (!props.customDomain) {
      findings.acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Uses the CloudFront default certificate until the city brings its own domain (-c sillat:domainName=… -c sillat:certificateArn=…), which switches the minimum protocol to TLSv1.2_2021.',
      });
    }
  }
}
