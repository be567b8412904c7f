import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from './api';
import { Data } from './data';
import { Web, type CustomDomain } from './web';

export interface SillatStackProps extends StackProps {
  /** Absolute path of the static web build to publish. */
  readonly siteDir: string;
  /** The municipality this deployment serves (until sign-in carries it in the token). */
  readonly municipalityId: string;
  /** See {@link WebProps.webAclArn}. */
  readonly webAclArn?: string;
  /** See {@link WebProps.customDomain}. */
  readonly customDomain?: CustomDomain;
}

/** One city's Sillat: table, API and web front end, wired construct to construct. */
export class SillatStack extends Stack {
  public readonly data: Data;
  public readonly api: Api;
  public readonly web: Web;

  constructor(scope: Construct, id: string, props: SillatStackProps) {
    super(scope, id, props);

    this.data = new Data(this, 'Data');
    this.api = new Api(this, 'Api', { table: this.data.table, municipalityId: props.municipalityId });
    this.web = new Web(this, 'Web', {
      siteDir: props.siteDir,
      apiDomainName: this.api.domainName,
      ...(props.webAclArn ? { webAclArn: props.webAclArn } : {}),
      ...(props.customDomain ? { customDomain: props.customDomain } : {}),
    });

    new CfnOutput(this, 'SiteUrl', { description: 'Open Sillat here', value: this.web.url });
    new CfnOutput(this, 'TableName', {
      description: 'For npm run create-municipality -- --table <this>',
      value: this.data.table.tableName,
    });
    new CfnOutput(this, 'ApiUrl', {
      description: 'The API directly (normally reached through SiteUrl + /api)',
      value: this.api.stage.url,
    });
  }
}
