import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks, type NagPack } from 'cdk-nag';
import type { Construct, IConstruct } from 'constructs';

/**
 * Registers the cdk-nag AwsSolutions and Serverless packs. cdk-nag 3 runs as a
 * CDK policy-validation plugin: every synth checks the finished tree, and any
 * unacknowledged finding (error or warning) fails it. Findings are acknowledged
 * beside the resource with `Validations.of(construct).acknowledge({ id, reason })`.
 *
 * @returns the packs, so tests can list their findings (`pack.validateScope(app)`).
 */
export function addNagChecks(app: Construct): NagPack[] {
  const packs = [new AwsSolutionsChecks(app), new ServerlessChecks(app)];
  Validations.of(app).addPlugins(...packs);
  return packs;
}

/**
 * A resource's ARN as cdk-nag spells it inside finding ids, e.g. `<DataTable1234.Arn>`,
 * for acknowledging one specific IAM5 wildcard (`AwsSolutions-IAM5[Resource::<…>/*]`).
 */
export function nagArnOf(resource: IConstruct): string {
  const cfn = resource.node.defaultChild;
  if (!cfn || !CfnElement.isCfnElement(cfn)) {
    throw new Error(`${resource.node.path} has no CloudFormation resource to name in a cdk-nag finding.`);
  }
  const logicalId: unknown = Stack.of(cfn).resolve(cfn.logicalId);
  return `<${String(logicalId)}.Arn>`;
}
