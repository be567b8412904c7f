import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from './api';
import { Auth } from './auth';
import { Data } from './data';
import { Reminders, type RemindersProps } from './reminders';
import { Web, type CustomDomain } from './web';

export interface SillatStackProps extends StackProps {
  /** Absolute path of the static web build to publish. */
  readonly siteDir: string;
  /** Prefix of the Cognito sign-in domain (see {@link AuthProps.domainPrefix}). */
  readonly authDomainPrefix: string;
  /** The daily reminder job's settings (everything {@link RemindersProps} needs but the table and site). */
  readonly reminders: Omit<RemindersProps, 'table' | 'siteUrl'>;
  /** See {@link WebProps.webAclArn}. */
  readonly webAclArn?: string;
  /** See {@link WebProps.customDomain}. */
  readonly customDomain?: CustomDomain;
}

/**
 * One Sillat deployment — table, sign-in, API, web front end and the daily
 * reminder job — serving every municipality whose users are in its user pool.
 *
 * Order matters: CloudFront needs the API's address, the user pool's
 * callback URL needs CloudFront's, and the API's authorizer needs the pool.
 * So the API gets its routes (`connectAuth`) and the web app its sign-in
 * config (`publishAuthConfig`) once Auth exists.
 */
export class SillatStack extends Stack {
  public readonly data: Data;
  public readonly api: Api;
  public readonly web: Web;
  public readonly auth: Auth;
  public readonly reminders: Reminders;

  constructor(scope: Construct, id: string, props: SillatStackProps) {
    super(scope, id, props);

    this.data = new Data(this, 'Data');
    this.api = new Api(this, 'Api', { table: this.data.table });
    this.web = new Web(this, 'Web', {
      siteDir: props.siteDir,
      apiDomainName: this.api.domainName,
      // What Cognito's UserPoolDomain.baseUrl() gives, built from the prefix:
      // the domain's user pool needs the site's URL (its callback), so the
      // web app's CSP cannot reference the domain without a cycle.
      signInOrigin: `https://${props.authDomainPrefix}.auth.${this.region}.amazoncognito.com`,
      ...(props.webAclArn ? { webAclArn: props.webAclArn } : {}),
      ...(props.customDomain ? { customDomain: props.customDomain } : {}),
    });
    this.auth = new Auth(this, 'Auth', {
      table: this.data.table,
      siteUrl: this.web.url,
      domainPrefix: props.authDomainPrefix,
    });
    this.api.connectAuth(this.auth);
    // Absolute links the API hands out (calendar feed addresses) name the site, not API Gateway's host.
    this.api.handler.lambda.addEnvironment('APP_URL', this.web.url);
    this.web.publishAuthConfig(this.auth.webAuthConfig);
    this.reminders = new Reminders(this, 'Reminders', {
      ...props.reminders,
      table: this.data.table,
      siteUrl: this.web.url,
    });

    new CfnOutput(this, 'SiteUrl', { description: 'Open Sillat here', value: this.web.url });
    new CfnOutput(this, 'TableName', {
      description: 'For npm run create-municipality -- --table <this>',
      value: this.data.table.tableName,
    });
    new CfnOutput(this, 'UserPoolId', {
      description: 'For npm run create-municipality -- --user-pool <this>',
      value: this.auth.userPool.userPoolId,
    });
    new CfnOutput(this, 'SignInUrl', {
      description: "Cognito's managed login for this deployment",
      value: this.auth.domain.baseUrl(),
    });
    new CfnOutput(this, 'ApiUrl', {
      description: 'The API directly (normally reached through SiteUrl + /api)',
      value: this.api.stage.url,
    });
    new CfnOutput(this, 'ReminderAlarmTopicArn', {
      description: 'Subscribe here (or deploy with -c sillat:alarmEmail=…) to hear of failed reminder runs',
      value: this.reminders.alarmTopic.topicArn,
    });
  }
}
