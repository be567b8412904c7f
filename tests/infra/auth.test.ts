import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_API_ROUTES } from '@sillat/shared/access';
import { PASSWORD_POLICY } from '@sillat/shared/password-policy';
import { SIGN_IN_CALLBACK_PATH, WEB_AUTH_CONFIG_PATH } from '@sillat/shared/web-auth-config';
import { MUNICIPALITY_ATTRIBUTE } from '../../functions/src/identity/cognito-attributes';
import { IDENTITY_DIRECTORY_ACTIONS, PROTECTED_API_PATHS, PUBLIC_PAGE_ROUTES } from '../../infra/lib/api';
import { MUNICIPALITY_ATTRIBUTE_NAME } from '../../infra/lib/auth';
import { TABLE_ACTIONS } from '../../infra/lib/sillat-function';
import { synthSillat, type Synthesized } from './synth';

/** A template resource as the assertions library returns it. */
type Resource = ReturnType<Template['findResources']>[string];

let synthesized: Synthesized;
let template: Template;
beforeAll(() => {
  synthesized = synthSillat({ 'aws:cdk:bundling-stacks': [] });
  template = synthesized.template;
});
afterAll(() => synthesized.cleanup());

/** The one resource of `type` (matching `props`), with its logical id. */
function only(type: string, props: Record<string, unknown> = {}): [string, Resource] {
  const found = Object.entries(template.findResources(type, { Properties: props }));
  expect(found, `exactly one ${type}`).toHaveLength(1);
  return found[0] as [string, Resource];
}

const ref = (type: string) => ({ Ref: only(type)[0] });
const apiFunction = () => only('AWS::Lambda::Function', { Description: 'Sillat HTTP API (Hono)' });
const distributionDomain = () => ({ 'Fn::GetAtt': [only('AWS::CloudFront::Distribution')[0], 'DomainName'] });
const cognitoIssuer = () => ({
  'Fn::Join': [
    '',
    [
      'https://cognito-idp.',
      { Ref: 'AWS::Region' },
      '.',
      { Ref: 'AWS::URLSuffix' },
      '/',
      ref('AWS::Cognito::UserPool'),
    ],
  ],
});

describe('user pool', () => {
  it('lets only administrators create users, and requires an authenticator app of everyone', () => {
    const [, pool] = only('AWS::Cognito::UserPool');
    expect(pool.Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(pool.Properties.MfaConfiguration).toBe('ON');
    expect(pool.Properties.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  it('enforces the shared password policy, the one the local issuer enforces too', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: {
          MinimumLength: PASSWORD_POLICY.minLength,
          RequireLowercase: PASSWORD_POLICY.requireLowercase,
          RequireUppercase: PASSWORD_POLICY.requireUppercase,
          RequireNumbers: PASSWORD_POLICY.requireDigits,
          RequireSymbols: PASSWORD_POLICY.requireSymbols,
          TemporaryPasswordValidityDays: 7,
        },
      },
    });
  });

  it('signs in by e-mail in any letter case, recovers only by e-mail, with threat protection on', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  it('keeps the municipality in an immutable custom attribute the app client cannot write', () => {
    expect(`custom:${MUNICIPALITY_ATTRIBUTE_NAME}`).toBe(MUNICIPALITY_ATTRIBUTE);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([
        Match.objectLike({ Name: MUNICIPALITY_ATTRIBUTE_NAME, AttributeDataType: 'String', Mutable: false }),
      ]),
    });
    const [, client] = only('AWS::Cognito::UserPoolClient');
    expect(client.Properties.WriteAttributes).toEqual(['locale']);
  });

  it('is never deleted: deletion protection, retained on delete and replace', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
  });

  it('invites in Finnish, Swedish and English, with the username, the temporary password and the site', () => {
    const [, pool] = only('AWS::Cognito::UserPool');
    const message = JSON.stringify(pool.Properties.AdminCreateUserConfig.InviteMessageTemplate.EmailMessage);
    for (const text of ['Sinut on kutsuttu', 'Du har bjudits in', 'You have been invited', '{username}', '{####}']) {
      expect(message).toContain(text);
    }
    expect(message).toContain(JSON.stringify(distributionDomain()));
  });
});

describe('web app client', () => {
  it('is public and does the authorization-code flow only, back to /auth/callback on the site', () => {
    const [, client] = only('AWS::Cognito::UserPoolClient');
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [{ 'Fn::Join': ['', ['https://', distributionDomain(), SIGN_IN_CALLBACK_PATH]] }],
      LogoutURLs: [{ 'Fn::Join': ['', ['https://', distributionDomain(), '/']] }],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    // No password flow outside managed login's SRP, and no implicit or client-credentials grant.
    expect(client.Properties.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
  });

  it('issues access tokens for an hour and refresh tokens for 12 hours', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AccessTokenValidity: 60,
      RefreshTokenValidity: 12 * 60,
      TokenValidityUnits: Match.objectLike({ AccessToken: 'minutes', RefreshToken: 'minutes' }),
    });
  });

  it('signs in through managed login (version 2) on a prefix domain, with a style for the client', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['sillat-', { Ref: 'AWS::AccountId' }]] },
      ManagedLoginVersion: 2,
      UserPoolId: ref('AWS::Cognito::UserPool'),
    });
    template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      UserPoolId: ref('AWS::Cognito::UserPool'),
      ClientId: ref('AWS::Cognito::UserPoolClient'),
    });
  });

  it('takes the domain prefix from context, and refuses one Cognito would', () => {
    const named = synthSillat({ 'aws:cdk:bundling-stacks': [], 'sillat:authDomainPrefix': 'sillat-espoo' });
    try {
      named.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'sillat-espoo' });
    } finally {
      named.cleanup();
    }
    for (const bad of ['Sillat', 'sillat-cognito', '-sillat']) {
      expect(() => synthSillat({ 'aws:cdk:bundling-stacks': [], 'sillat:authDomainPrefix': bad })).toThrow(
        /No valid Cognito domain prefix/,
      );
    }
  });
});

describe('pre-token-generation trigger', () => {
  it('is a V2_0 trigger (the version that can add access-token claims), invocable by this pool only', () => {
    const [fnId] = only('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('role, municipality and organisation claims'),
    });
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [fnId, 'Arn'] }, LambdaVersion: 'V2_0' } },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [only('AWS::Cognito::UserPool')[0], 'Arn'] },
    });
  });

  it('may only read the table', () => {
    const [, fn] = only('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('role, municipality and organisation claims'),
    });
    const roleId: string = fn.Properties.Role['Fn::GetAtt'][0];
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(roleId),
    );
    const dynamoActions = policies
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s: { Effect: string }) => s.Effect === 'Allow')
      .flatMap((s: { Action: string | string[] }) => [s.Action].flat())
      .filter((a: string) => a.startsWith('dynamodb:'));
    expect(dynamoActions.sort()).toEqual([...TABLE_ACTIONS.r].sort());
  });
});

describe('HTTP API authorizer', () => {
  it('verifies Cognito access tokens of the web client', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: cognitoIssuer(), Audience: [ref('AWS::Cognito::UserPoolClient')] },
    });
  });

  it('protects ANY /api and ANY /api/{proxy+}', () => {
    const authorizer = ref('AWS::ApiGatewayV2::Authorizer');
    for (const path of PROTECTED_API_PATHS) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: `ANY ${path}`,
        AuthorizationType: 'JWT',
        AuthorizerId: authorizer,
      });
    }
  });

  it('leaves exactly the PUBLIC_API_ROUTES open, each as its own route, and every other route protected', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    const open = routes.filter((r) => r.AuthorizationType !== 'JWT').map((r) => r.RouteKey);
    expect(open.sort()).toEqual([...PUBLIC_API_ROUTES, ...PUBLIC_PAGE_ROUTES].sort());
    for (const route of routes.filter((r) => open.includes(r.RouteKey))) {
      expect(route, route.RouteKey).toMatchObject({ AuthorizationType: 'NONE' });
      expect(route.AuthorizerId, route.RouteKey).toBeUndefined();
    }
    expect(routes).toHaveLength(PROTECTED_API_PATHS.length + PUBLIC_API_ROUTES.length + PUBLIC_PAGE_ROUTES.length);
  });
});

describe('API function and sign-in', () => {
  it('knows the issuer, the audience and the user pool, and serves no fixed municipality', () => {
    const [, fn] = apiFunction();
    const env = fn.Properties.Environment.Variables;
    expect(env).toMatchObject({
      AUTH_ISSUER: cognitoIssuer(),
      AUTH_AUDIENCE: ref('AWS::Cognito::UserPoolClient'),
      USER_POOL_ID: ref('AWS::Cognito::UserPool'),
    });
    expect(env.MUNICIPALITY_ID).toBeUndefined();
    expect(env.AUTH_JWKS_URL).toBeUndefined();
  });

  it('counts public requests per viewer behind CloudFront and API Gateway (one trusted hop)', () => {
    const [, fn] = apiFunction();
    expect(fn.Properties.Environment.Variables.TRUSTED_PROXY_HOPS).toBe('1');
  });

  it('may call exactly the Admin* actions the Cognito directory uses, on this pool only', () => {
    const source = readFileSync(
      path.join(import.meta.dirname, '../../functions/src/identity/cognito-directory.ts'),
      'utf8',
    );
    const used = [...new Set([...source.matchAll(/new (Admin\w+)Command\(/g)].map((m) => `cognito-idp:${m[1]}`))];
    expect([...IDENTITY_DIRECTORY_ACTIONS].sort()).toEqual(used.sort());

    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s: { Action: string | string[] }) => JSON.stringify(s.Action).includes('cognito-idp:'));
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: [...IDENTITY_DIRECTORY_ACTIONS].sort(),
        Resource: { 'Fn::GetAtt': [only('AWS::Cognito::UserPool')[0], 'Arn'] },
      },
    ]);
    const [, fn] = apiFunction();
    const [, policy] = only('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: [...IDENTITY_DIRECTORY_ACTIONS] })]) },
    });
    expect(policy.Properties.Roles).toEqual([{ Ref: fn.Properties.Role['Fn::GetAtt'][0] }]);
  });
});

describe('web sign-in config', () => {
  it(`publishes /${WEB_AUTH_CONFIG_PATH} with Cognito's endpoints, never cached, without pruning the site`, () => {
    const [, deployment] = only('Custom::CDKBucketDeployment', { SystemMetadata: { 'cache-control': 'no-cache' } });
    expect(deployment.Properties.Prune).toBe(false);
    const markers: Record<string, unknown> = deployment.Properties.SourceMarkers[0];
    const [key] = deployment.Properties.SourceObjectKeys as [string];
    const file = path.join(synthesized.app.outdir, `asset.${key.replace(/\.zip$/, '')}`, WEB_AUTH_CONFIG_PATH);
    // Tokens (client id, domain, region) are markers in the file, filled in at deploy time.
    const resolved = readFileSync(file, 'utf8').replace(/<<marker:0xbaba:\d+>>/g, (m) =>
      JSON.stringify(markers[m]).replace(/"/g, "'"),
    );
    const config: Record<string, string> = JSON.parse(resolved);
    const domain = JSON.stringify(ref('AWS::Cognito::UserPoolDomain')).replace(/"/g, "'");
    expect(Object.keys(config).sort()).toEqual(['authorizeUrl', 'clientId', 'logoutUrl', 'scope', 'tokenUrl']);
    expect(config.clientId).toBe(JSON.stringify(ref('AWS::Cognito::UserPoolClient')).replace(/"/g, "'"));
    expect(config.scope).toBe('openid email');
    for (const [field, endpoint] of [
      ['authorizeUrl', '/oauth2/authorize'],
      ['tokenUrl', '/oauth2/token'],
      ['logoutUrl', '/logout'],
    ] as const) {
      expect(config[field]).toMatch(/^https:\/\//);
      expect(config[field]).toContain(domain);
      expect(config[field]?.endsWith(`.amazoncognito.com${endpoint}`)).toBe(true);
    }
  });

  it('keeps the pruning deployment of the pages away from it', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      Prune: true,
      Exclude: Match.arrayWith([WEB_AUTH_CONFIG_PATH]),
    });
  });
});
