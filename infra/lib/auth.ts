import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { PASSWORD_POLICY } from '@sillat/shared/password-policy';
import { SIGN_IN_CALLBACK_PATH, type WebAuthConfig } from '@sillat/shared/web-auth-config';
import { SillatFunction } from './sillat-function';

/**
 * The custom attribute holding a user's municipality; Cognito's API spells it
 * `custom:municipality` (functions/src/identity/cognito-attributes.ts).
 */
export const MUNICIPALITY_ATTRIBUTE_NAME = 'municipality';

/** The scopes the web app asks for; nothing else is granted to the client. */
export const WEB_SCOPES = [OAuthScope.OPENID, OAuthScope.EMAIL];

export interface AuthProps {
  readonly table: ITableV2;
  /** `https://…` where the web app is served: sign-in returns there, invitations link to it. */
  readonly siteUrl: string;
  /** Prefix of the Cognito domain, `https://<prefix>.auth.<region>.amazoncognito.com`; unique per region. */
  readonly domainPrefix: string;
}

/** One invitation in the three languages of the service: Cognito sends one text to everyone. */
const invitation = (siteUrl: string) => ({
  emailSubject: 'Sillat: kutsu | inbjudan | invitation',
  emailBody: [
    `<p>Sinut on kutsuttu Sillat-palveluun. Kirjaudu osoitteessa ${siteUrl} sähköpostiosoitteellasi {username} ja tällä väliaikaisella salasanalla: {####}</p>`,
    '<p>Vaihdat salasanan ja otat käyttöön todennussovelluksen (esim. Microsoft tai Google Authenticator) ensimmäisellä kirjautumisella.</p>',
    `<p>Du har bjudits in till Sillat. Logga in på ${siteUrl} med din e-postadress {username} och detta tillfälliga lösenord: {####}</p>`,
    '<p>Vid första inloggningen byter du lösenord och tar i bruk en autentiseringsapp (t.ex. Microsoft eller Google Authenticator).</p>',
    `<p>You have been invited to Sillat. Sign in at ${siteUrl} with your e-mail address {username} and this temporary password: {####}</p>`,
    '<p>At your first sign-in you choose a new password and set up an authenticator app (e.g. Microsoft or Google Authenticator).</p>',
  ].join('\n'),
});

/** Sent for "forgot password" (the only recovery: by e-mail). */
const verification = {
  emailSubject: 'Sillat: vahvistuskoodi | verifieringskod | verification code',
  emailBody: [
    '<p>Sillat-vahvistuskoodisi on {####}</p>',
    '<p>Din verifieringskod för Sillat är {####}</p>',
    '<p>Your Sillat verification code is {####}</p>',
  ].join('\n'),
};

/**
 * Sign-in in AWS: a Cognito user pool that only administrators add users to
 * (through the API's identity directory), a public app client for the web
 * app's authorization-code + PKCE flow through Cognito's managed login, and the
 * pre-token-generation trigger that puts the role, municipality and
 * organisation from the user's profile in the table into every access token.
 */
export class Auth extends Construct {
  public readonly userPool: UserPool;
  public readonly userPoolClient: UserPoolClient;
  public readonly domain: UserPoolDomain;
  public readonly preTokenGeneration: SillatFunction;
  /** `https://cognito-idp.<region>.amazonaws.com/<pool id>`: the `iss` of the pool's tokens. */
  public readonly issuerUrl: string;
  /** What the web app reads at /auth-config.json. */
  public readonly webAuthConfig: WebAuthConfig;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      userInvitation: invitation(props.siteUrl),
      userVerification: verification,
      // The e-mail address is the username, whatever its letter case.
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      customAttributes: {
        // Immutable: set once when an administrator creates the user, never moved to another municipality.
        [MUNICIPALITY_ATTRIBUTE_NAME]: new StringAttribute({ minLen: 2, maxLen: 40, mutable: false }),
      },
      passwordPolicy: {
        minLength: PASSWORD_POLICY.minLength,
        requireLowercase: PASSWORD_POLICY.requireLowercase,
        requireUppercase: PASSWORD_POLICY.requireUppercase,
        requireDigits: PASSWORD_POLICY.requireDigits,
        requireSymbols: PASSWORD_POLICY.requireSymbols,
        tempPasswordValidity: Duration.days(7),
      },
      // The issue asks MFA of administrators and coordinators. Cognito can only
      // require it pool-wide (per group would need a custom auth flow), so
      // everyone uses an authenticator app; SMS would need an SNS budget and is
      // the weakest factor anyway.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false, email: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus: access-token customisation (also in Essentials) and threat
      // protection — compromised-credential checks and adaptive
      // authentication. Staff pools are small, so the per-user price is too.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG1',
      reason:
        'Passwords need 12+ characters with upper case, lower case and digits (shared/src/password-policy.ts, the same locally); symbols are not required, following NIST SP 800-63B (length over composition rules), and MFA is required for everyone.',
    });

    this.preTokenGeneration = new SillatFunction(this, 'PreTokenGeneration', {
      entry: 'functions/src/auth/pre-token-generation.ts',
      description: 'Sillat sign-in: role, municipality and organisation claims from the user profile',
      // Cognito waits at most 5 seconds for a trigger.
      timeout: Duration.seconds(5),
    });
    this.preTokenGeneration.bindTable(props.table, 'r');
    this.userPool.addTrigger(
      UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      this.preTokenGeneration.lambda,
      LambdaVersion.V2_0,
    );
    Validations.of(this.preTokenGeneration.lambda).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Cognito invokes the trigger synchronously during sign-in and fails the sign-in on an error; a DLQ only applies to asynchronous invocations.',
    });

    const siteUrl = props.siteUrl.replace(/\/$/, '');
    this.userPoolClient = this.userPool.addClient('WebClient', {
      // A browser app cannot keep a secret; PKCE protects its codes instead.
      generateSecret: false,
      // Managed login signs in with SRP (the password never leaves the page in
      // clear); no other direct API flow is enabled.
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: WEB_SCOPES,
        callbackUrls: [`${siteUrl}${SIGN_IN_CALLBACK_PATH}`],
        logoutUrls: [`${siteUrl}/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
      // Users may change their language; the e-mail (their username) and the
      // municipality only an administrator sets.
      writeAttributes: new ClientAttributes().withStandardAttributes({ locale: true }),
    });

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // Managed login shows a page only for clients with a style; Cognito's default one.
    new CfnManagedLoginBranding(this, 'ManagedLoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.userPoolClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    const stack = Stack.of(this);
    this.issuerUrl = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
    const base = this.domain.baseUrl();
    this.webAuthConfig = {
      clientId: this.userPoolClient.userPoolClientId,
      authorizeUrl: `${base}/oauth2/authorize`,
      tokenUrl: `${base}/oauth2/token`,
      logoutUrl: `${base}/logout`,
      scope: WEB_SCOPES.map((s) => s.scopeName).join(' '),
    };
  }
}
