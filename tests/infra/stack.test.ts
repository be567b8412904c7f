import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_CONTENT_SECURITY_POLICY,
  PERMISSIONS_POLICY,
  webContentSecurityPolicy,
} from '@sillat/shared/security-headers';
import { TABLE } from '@sillat/shared/table';
import { PUBLIC_API_ROUTES } from '@sillat/shared/access';
import { API_THROTTLE, PUBLIC_PAGE_ROUTES, PUBLIC_ROUTE_THROTTLE } from '../../infra/lib/api';
import { TABLE_ACTIONS } from '../../infra/lib/sillat-function';
import { Web } from '../../infra/lib/web';
import { fakeSiteDir, synthSillat, type Synthesized } from './synth';

/** The API function (other functions, such as Cognito's trigger, run the same runtime). */
const API_FUNCTION = { Runtime: 'nodejs24.x', Description: 'Sillat HTTP API (Hono)' };

/** Managed CloudFront policy ids (fixed by AWS). */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

const keySchema = (partitionKey: string, sortKey: string) => [
  { AttributeName: partitionKey, KeyType: 'HASH' },
  { AttributeName: sortKey, KeyType: 'RANGE' },
];

/** Logical id of the single resource of `type` whose properties match `props`. */
function logicalIdOf(template: Template, type: string, props: Record<string, unknown> = {}): string {
  const ids = Object.keys(template.findResources(type, { Properties: props }));
  expect(ids, `exactly one ${type} matching ${JSON.stringify(props)}`).toHaveLength(1);
  return ids[0] ?? '';
}

let synthesized: Synthesized;
let template: Template;
beforeAll(() => {
  synthesized = synthSillat();
  template = synthesized.template;
});
afterAll(() => synthesized.cleanup());

describe('Data', () => {
  it('builds the table from TABLE: keys, every GSI projecting ALL, string attributes', () => {
    const keys = [
      TABLE.partitionKey,
      TABLE.sortKey,
      ...TABLE.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ];
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: keySchema(TABLE.partitionKey, TABLE.sortKey),
      GlobalSecondaryIndexes: TABLE.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: keySchema(index.partitionKey, index.sortKey),
        Projection: { ProjectionType: 'ALL' },
      })),
      AttributeDefinitions: Match.arrayEquals(
        [...new Set(keys)].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      ),
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
    });
  });

  it('is protected: PITR, deletion protection, retained on delete and replace', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      },
    });
  });
});

describe('API function', () => {
  it('runs Node 24 on arm64 with explicit memory, timeout, tracing and TABLE_NAME', () => {
    const tableId = logicalIdOf(template, 'AWS::DynamoDB::GlobalTable');
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 10,
      TracingConfig: { Mode: 'Active' },
      Environment: { Variables: Match.objectLike({ TABLE_NAME: { Ref: tableId } }) },
    });
  });

  it('logs to its own log group kept for a year', () => {
    const fn = template.findResources('AWS::Lambda::Function', { Properties: API_FUNCTION });
    const logGroupRef = Object.values(fn)[0]?.Properties.LoggingConfig.LogGroup;
    expect(logGroupRef).toEqual({ Ref: expect.any(String) });
    const logGroup = template.toJSON().Resources[logGroupRef.Ref];
    expect(logGroup).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365 } });
  });

  it('may read and write the table and its indexes, and may not Scan', () => {
    const tableId = logicalIdOf(template, 'AWS::DynamoDB::GlobalTable');
    const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Action: [...TABLE_ACTIONS.rw].sort(),
            Resource: [tableArn, { 'Fn::Join': ['', [tableArn, '/index/*']] }],
          },
        ]),
      },
    });
    const actions = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions).not.toContain('dynamodb:*');
  });

  it("is bundled as one ESM file that imports nothing but Node built-ins and the runtime's AWS SDK", () => {
    const fn = template.findResources('AWS::Lambda::Function', { Properties: API_FUNCTION });
    // The code's S3 key is `<asset hash>.zip`; the cloud assembly keeps it unzipped as `asset.<hash>/`.
    const s3Key: unknown = Object.values(fn)[0]?.Properties.Code.S3Key;
    expect(s3Key).toMatch(/^[0-9a-f]{64}\.zip$/);
    const assetDir = `asset.${String(s3Key).replace(/\.zip$/, '')}`;
    const bundle = readFileSync(path.join(synthesized.app.outdir, assetDir, 'index.mjs'), 'utf8');
    expect(bundle).toContain('createRequire(import.meta.url)');
    // Static (`import{a as b}from"x"`) and dynamic (`import("x")`) imports of the minified bundle.
    const imported = [...bundle.matchAll(/\bimport\s*(?:\(\s*|[\w$*{},\s]*?from\s*)["']([^"'\s]+)["']/g)].map(
      (m) => m[1] ?? '',
    );
    expect(imported).toContain('@aws-sdk/lib-dynamodb');
    const builtIn = (name: string) => name.startsWith('node:') || builtinModules.includes(name);
    expect(imported.filter((name) => !builtIn(name) && !name.startsWith('@aws-sdk/'))).toEqual([]);
    // zod's locales stay out (infra/lib/lambda-bundling.ts): only English messages are used.
    expect(bundle).not.toContain('Nieprawidłowe');
  });

  it('gives every function the bundle of its own entry', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (fn) => fn.Properties.Handler === 'index.handler' && fn.Properties.Runtime === 'nodejs24.x',
    );
    const keys = functions.map((fn) => String(fn.Properties.Code.S3Key));
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('HTTP API', () => {
  it('routes ANY /api and ANY /api/{proxy+} to the function', () => {
    const fnId = logicalIdOf(template, 'AWS::Lambda::Function', API_FUNCTION);
    const integrationId = logicalIdOf(template, 'AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [fnId, 'Arn'] },
      PayloadFormatVersion: '2.0',
    });
    for (const routeKey of ['ANY /api', 'ANY /api/{proxy+}']) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey,
        Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] },
      });
    }
  });

  it('has a $default stage with throttling and JSON access logs to a retained log group', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: API_THROTTLE.rateLimit,
        ThrottlingBurstLimit: API_THROTTLE.burstLimit,
      },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, Format: Match.anyValue() },
    });
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0];
    const settings = stage?.Properties.AccessLogSettings;
    expect(JSON.parse(settings.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    const logGroup = template.toJSON().Resources[settings.DestinationArn['Fn::GetAtt'][0]];
    expect(logGroup).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365 } });
  });

  it('throttles every route explicitly, the public ones (survey answers, boards, pages) more strictly', () => {
    const [stageId, stage] = Object.entries(template.findResources('AWS::ApiGatewayV2::Stage'))[0] ?? [];
    const routes = template.findResources('AWS::ApiGatewayV2::Route');
    const routeKeys = Object.values(routes).map((r) => r.Properties.RouteKey as string);
    const limits = (t: { rateLimit: number; burstLimit: number }) => ({
      ThrottlingRateLimit: t.rateLimit,
      ThrottlingBurstLimit: t.burstLimit,
    });
    const expected = Object.fromEntries(
      routeKeys.map((key) => [
        key,
        limits(
          [...PUBLIC_API_ROUTES, ...PUBLIC_PAGE_ROUTES].includes(key as never) ? PUBLIC_ROUTE_THROTTLE : API_THROTTLE,
        ),
      ]),
    );
    expect(routeKeys).toContain('POST /api/surveys/{code}/responses');
    expect(stage?.Properties.RouteSettings).toEqual(expected);
    expect(PUBLIC_ROUTE_THROTTLE.rateLimit).toBeLessThan(API_THROTTLE.rateLimit);
    expect(PUBLIC_ROUTE_THROTTLE.burstLimit).toBeLessThan(API_THROTTLE.burstLimit);
    // Route settings name existing route keys, so the stage is deployed after every route.
    expect(stageId).toBeDefined();
    expect([...(stage?.DependsOn ?? [])].sort()).toEqual(expect.arrayContaining(Object.keys(routes)));
  });
});

describe('Web', () => {
  it('keeps every bucket private, encrypted and TLS-only', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets).length).toBeGreaterThan(0);
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.Properties, id).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      });
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('serves the site bucket through Origin Access Control, HTTPS only, with a SPA fallback', () => {
    const oacId = logicalIdOf(template, 'AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always' }),
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Origins: Match.arrayWith([Match.objectLike({ OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] } })]),
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
          ResponseHeadersPolicyId: Match.anyValue(),
        }),
        // No distribution-wide error pages: they would turn the API's 403/404 into index.html.
        CustomErrorResponses: Match.absent(),
      }),
    });
  });

  it('sends /api and /api/* to the HTTP API uncached, with every method and the viewer headers except Host', () => {
    const apiId = logicalIdOf(template, 'AWS::ApiGatewayV2::Api');
    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0];
    const config = distribution?.Properties.DistributionConfig;
    const apiOrigin = config.Origins.find(
      (origin: { DomainName: unknown }) =>
        JSON.stringify(origin.DomainName) ===
        JSON.stringify({ 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] }] }] }),
    );
    expect(apiOrigin).toMatchObject({
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
    });
    expect(config.CacheBehaviors).toEqual(
      ['/api', '/api/*', '/s', '/s/*'].map((pathPattern) =>
        expect.objectContaining({
          PathPattern: pathPattern,
          TargetOriginId: apiOrigin.Id,
          AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
          CachePolicyId: CACHING_DISABLED,
          OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
          ViewerProtocolPolicy: 'redirect-to-https',
        }),
      ),
    );
  });

  it('deploys the build: hashed assets cached for a year, pages revalidated, the sign-in config never cached', () => {
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment'));
    expect(deployments.map((d) => d.Properties.SystemMetadata?.['cache-control']).sort()).toEqual([
      'no-cache',
      'public, max-age=0, must-revalidate',
      'public, max-age=31536000, immutable',
    ]);
  });

  it('refuses to synthesize without a web build, and says what to do', () => {
    const stack = new Stack(new App(), 'NoBuild');
    expect(
      () => new Web(stack, 'Web', { siteDir: '/nonexistent/web/build', apiDomainName: 'api.example.com' }),
    ).toThrow(/Run `npm run build` first/);
  });
});

describe('logs and outputs', () => {
  it('gives every log group a retention period', () => {
    for (const [id, logGroup] of Object.entries(template.findResources('AWS::Logs::LogGroup'))) {
      expect(logGroup.Properties?.RetentionInDays, id).toEqual(expect.any(Number));
    }
  });

  it('outputs the site URL, the API URL, the table and the user pool', () => {
    template.hasOutput('SiteUrl', { Value: { 'Fn::Join': ['', ['https://', Match.anyValue()]] } });
    template.hasOutput('ApiUrl', Match.anyValue());
    template.hasOutput('TableName', { Value: { Ref: logicalIdOf(template, 'AWS::DynamoDB::GlobalTable') } });
    template.hasOutput('UserPoolId', { Value: { Ref: logicalIdOf(template, 'AWS::Cognito::UserPool') } });
  });
});

describe('city options', () => {
  let variant: Synthesized;
  beforeAll(() => {
    variant = synthSillat({
      'aws:cdk:bundling-stacks': [],
      'sillat:stackName': 'SillatEspoo',
      'sillat:webAclArn': 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/sillat/abc',
      'sillat:domainName': 'sillat.example.fi',
      'sillat:certificateArn': 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    });
  });
  afterAll(() => variant.cleanup());

  it('names the stack from context', () => {
    expect(variant.stack.stackName).toBe('SillatEspoo');
  });

  it("sends sign-in back to the city's own domain", () => {
    variant.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://sillat.example.fi/auth/callback'],
      LogoutURLs: ['https://sillat.example.fi/'],
    });
  });

  it('derives the sign-in domain prefix from the stack name', () => {
    variant.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['sillatespoo-', { Ref: 'AWS::AccountId' }]] },
    });
  });

  it('attaches the WAF web ACL and the custom domain with TLS 1.2 or newer', () => {
    variant.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        WebACLId: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/sillat/abc',
        Aliases: ['sillat.example.fi'],
        ViewerCertificate: Match.objectLike({
          AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        }),
      }),
    });
  });
});

/** A template value as text, a pseudo parameter as `<AWS::Region>` (nested joins flattened). */
function rendered(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as { Ref?: string; 'Fn::Join'?: [string, unknown[]] };
  if (v.Ref?.startsWith('AWS::')) return `<${v.Ref}>`;
  if (v['Fn::Join']) return v['Fn::Join'][1].map(rendered).join(v['Fn::Join'][0]);
  throw new Error(`Cannot render ${JSON.stringify(value)}`);
}

describe('security headers', () => {
  const policies = () =>
    Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy')).map(
      (p) => p.Properties.ResponseHeadersPolicyConfig,
    );
  const policyOf = (behavior: { ResponseHeadersPolicyId: { Ref: string } }) =>
    template.toJSON().Resources[behavior.ResponseHeadersPolicyId.Ref].Properties.ResponseHeadersPolicyConfig;
  const distribution = () =>
    Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]?.Properties.DistributionConfig;

  it('gives the site a strict CSP, with the sign-in host as the one other place it may call', () => {
    const config = policyOf(distribution().DefaultCacheBehavior);
    const security = config.SecurityHeadersConfig;
    // The CSP and the domain prefix name the region and account as tokens: rendered with markers in their place.
    const policy = rendered(security.ContentSecurityPolicy.ContentSecurityPolicy);
    const domain = template.toJSON().Resources[logicalIdOf(template, 'AWS::Cognito::UserPoolDomain')];
    const prefix = rendered(domain.Properties.Domain);
    expect(prefix).toBe('sillat-<AWS::AccountId>');
    expect(policy).toBe(
      webContentSecurityPolicy({
        scriptHashes: [],
        connectSources: [`https://${prefix}.auth.<AWS::Region>.amazoncognito.com`],
      }),
    );
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("default-src 'self'; script-src 'self';");
    expect(security.ContentSecurityPolicy.Override).toBe(true);
    expect(security).toMatchObject({
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin' },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, Override: true },
    });
    expect(config.CustomHeadersConfig.Items).toEqual(
      expect.arrayContaining([
        { Header: 'Permissions-Policy', Value: PERMISSIONS_POLICY, Override: true },
        { Header: 'Cross-Origin-Opener-Policy', Value: 'same-origin', Override: true },
      ]),
    );
  });

  it("gives the API `default-src 'none'` without replacing the survey pages' own CSP and referrer policy", () => {
    expect(policies()).toHaveLength(2);
    const behaviors = distribution().CacheBehaviors as { ResponseHeadersPolicyId: { Ref: string } }[];
    const apiPolicies = new Set(behaviors.map((b) => b.ResponseHeadersPolicyId.Ref));
    expect(apiPolicies.size).toBe(1);
    expect(apiPolicies.has(distribution().DefaultCacheBehavior.ResponseHeadersPolicyId.Ref)).toBe(false);
    const security = policyOf(behaviors[0]!).SecurityHeadersConfig;
    expect(security).toMatchObject({
      ContentSecurityPolicy: { ContentSecurityPolicy: API_CONTENT_SECURITY_POLICY, Override: false },
      ReferrerPolicy: { Override: false },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ContentTypeOptions: { Override: true },
      StrictTransportSecurity: { Override: true },
    });
  });

  it("allows the build's inline bootstrap by the hash SvelteKit wrote into index.html", () => {
    const hash = "'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='";
    const siteDir = fakeSiteDir();
    writeFileSync(
      path.join(siteDir, 'index.html'),
      `<!doctype html><meta http-equiv="content-security-policy" content="script-src 'self' ${hash}; object-src 'none'"><script>start()</script>`,
    );
    const web = new Stack(new App(), 'Hashed');
    new Web(web, 'Web', { siteDir, apiDomainName: 'api.example.com', signInOrigin: 'https://sign-in.example.com' });
    Template.fromStack(web).hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: {
            ContentSecurityPolicy: webContentSecurityPolicy({
              scriptHashes: [hash],
              connectSources: ['https://sign-in.example.com'],
            }),
            Override: true,
          },
        }),
      }),
    });
    // A build without kit.csp would not start under the header: refused at synth.
    writeFileSync(path.join(siteDir, 'index.html'), '<!doctype html><script>start()</script>');
    expect(
      () => new Web(new Stack(new App(), 'Unhashed'), 'Web', { siteDir, apiDomainName: 'api.example.com' }),
    ).toThrow(/kit\.csp/);
    rmSync(siteDir, { recursive: true, force: true });
  });
});
