import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE } from '@sillat/shared/table';
import { API_THROTTLE } from '../../infra/lib/api';
import { TABLE_ACTIONS } from '../../infra/lib/sillat-function';
import { Web } from '../../infra/lib/web';
import { synthSillat, type Synthesized } from './synth';

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

  it('is bundled as ESM with the AWS SDK inside, not loaded from the runtime', () => {
    const fn = template.findResources('AWS::Lambda::Function', { Properties: API_FUNCTION });
    // The code's S3 key is `<asset hash>.zip`; the cloud assembly keeps it unzipped as `asset.<hash>/`.
    const s3Key: unknown = Object.values(fn)[0]?.Properties.Code.S3Key;
    expect(s3Key).toMatch(/^[0-9a-f]{64}\.zip$/);
    const assetDir = `asset.${String(s3Key).replace(/\.zip$/, '')}`;
    const bundle = readFileSync(path.join(synthesized.app.outdir, assetDir, 'index.mjs'), 'utf8');
    expect(bundle).toContain('createRequire(import.meta.url)');
    expect(bundle).not.toMatch(/from\s*["']@aws-sdk\//);
    expect(bundle).toContain('DynamoDB');
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
