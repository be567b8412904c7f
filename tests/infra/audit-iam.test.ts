import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPartitionKey } from '../../functions/src/data/audit';
import { municipalityPk } from '../../functions/src/data/municipality-keys';
import { AUDIT_PARTITION_KEY_PATTERN } from '../../infra/lib/sillat-function';
import { synthSillat, type Synthesized } from './synth';

/**
 * The rule: in AWS, no function's IAM policy allows updating or
 * deleting an audit entry. Checked over the whole template, role by role, so
 * a function added later is covered without touching this file.
 */

/** Actions that would change or remove an existing item. */
const CHANGING_ACTIONS = ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** IAM wildcard matching (`*` and `?`), case-insensitive like IAM action names. */
function iamLike(pattern: string, value: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 'i').test(value);
}

const actionsOf = (s: Statement) => [s.Action].flat();
const resourcesOf = (s: Statement) => [s.Resource].flat();
/** A resource naming the table itself (not only its indexes), or everything. */
const coversTable = (resource: unknown, tableId: string) =>
  resource === '*' || JSON.stringify(resource) === JSON.stringify({ 'Fn::GetAtt': [tableId, 'Arn'] });

/** Every statement that applies to each role: its attached AWS::IAM::Policy documents and inline policies. */
function statementsByRole(template: Template): Map<string, Statement[]> {
  const byRole = new Map<string, Statement[]>();
  const add = (roleId: string, statements: Statement[]) =>
    byRole.set(roleId, [...(byRole.get(roleId) ?? []), ...statements]);
  for (const [roleId, role] of Object.entries(template.findResources('AWS::IAM::Role'))) {
    add(
      roleId,
      (role.Properties?.Policies ?? []).flatMap(
        (p: { PolicyDocument: { Statement: Statement[] } }) => p.PolicyDocument.Statement,
      ),
    );
  }
  for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
    for (const role of policy.Properties.Roles ?? []) add(role.Ref, policy.Properties.PolicyDocument.Statement);
  }
  return byRole;
}

/**
 * Roles that may change items of the table without the explicit Deny on audit
 * keys, with the first allowing statement; empty when the rule holds.
 * Also returns how many roles could write at all, so an empty result cannot
 * come from looking at nothing.
 */
function auditViolations(template: Template, tableId: string): { writers: string[]; violations: string[] } {
  const writers: string[] = [];
  const violations: string[] = [];
  for (const [roleId, statements] of statementsByRole(template)) {
    const allowed = CHANGING_ACTIONS.filter((action) =>
      statements.some(
        (s) =>
          s.Effect === 'Allow' &&
          actionsOf(s).some((a) => iamLike(a, action)) &&
          resourcesOf(s).some((r) => coversTable(r, tableId)),
      ),
    );
    if (allowed.length === 0) continue;
    writers.push(roleId);
    const denied = (action: string) =>
      statements.some(
        (s) =>
          s.Effect === 'Deny' &&
          actionsOf(s).includes(action) &&
          resourcesOf(s).some((r) => coversTable(r, tableId)) &&
          [s.Condition?.['ForAnyValue:StringLike']?.['dynamodb:LeadingKeys']]
            .flat()
            .includes(AUDIT_PARTITION_KEY_PATTERN) &&
          Object.keys(s.Condition ?? {}).length === 1,
      );
    const missing = allowed.filter((action) => !denied(action));
    if (missing.length > 0) violations.push(`${roleId} may ${missing.join(', ')} audit entries`);
  }
  return { writers, violations };
}

const tableIdOf = (template: Template) => {
  const tables = Object.keys(template.findResources('AWS::DynamoDB::GlobalTable'));
  expect(tables).toHaveLength(1);
  return tables[0] ?? '';
};

describe('audit trail is append-only in IAM', () => {
  let synthesized: Synthesized;
  beforeAll(() => {
    synthesized = synthSillat({ 'aws:cdk:bundling-stacks': [] });
  });
  afterAll(() => synthesized.cleanup());

  it('denies every role that can change table items any change to an audit entry', () => {
    const { template } = synthesized;
    const { writers, violations } = auditViolations(template, tableIdOf(template));
    expect(writers.length, 'the API function, at least, writes the table').toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });

  it('matches the audit partition keys the data layer writes, and nothing else of a municipality', () => {
    for (const municipality of ['demo', 'helsinki', 'pedersore-2']) {
      expect(iamLike(AUDIT_PARTITION_KEY_PATTERN, auditPartitionKey(municipality))).toBe(true);
      expect(iamLike(AUDIT_PARTITION_KEY_PATTERN, municipalityPk(municipality))).toBe(false);
    }
  });

  it('would catch a role granted writes some other way', () => {
    const stack = new Stack(new App(), 'Throwaway');
    const table = new TableV2(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    const role = new Role(stack, 'Careless', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    table.grantReadWriteData(role);
    const template = Template.fromStack(stack);
    const { writers, violations } = auditViolations(template, tableIdOf(template));
    expect(writers).toHaveLength(1);
    expect(violations).toEqual([
      expect.stringMatching(
        /^Careless.* may dynamodb:UpdateItem, dynamodb:DeleteItem, dynamodb:BatchWriteItem audit entries$/,
      ),
    ]);
  });
});
