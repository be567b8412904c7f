import { App, Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FUNCTION_RETRY_ATTEMPTS,
  mailDomainOf,
  REMINDER_TIME_ZONE,
  Reminders,
  SCHEDULE_RETRY,
} from '../../infra/lib/reminders';
import { DEFAULT_REMINDER_HOUR } from '../../infra/lib/sillat-app';
import { AUDIT_DENIED_ACTIONS, AUDIT_PARTITION_KEY_PATTERN, TABLE_ACTIONS } from '../../infra/lib/sillat-function';
import { nagFindings, synthSillat, type Synthesized } from './synth';

/** Issue 6, item 5: the daily reminder job in AWS. */

const FUNCTION_DESCRIPTION = 'Sillat daily reminders: one digest mail per person (issue 6)';

interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const actionsOf = (s: Statement) => [s.Action].flat();
const getAtt = (id: string, attribute: string) => ({ 'Fn::GetAtt': [id, attribute] });

function onlyId(template: Template, type: string, props: Record<string, unknown> = {}): string {
  const ids = Object.keys(template.findResources(type, { Properties: props }));
  expect(ids, `exactly one ${type} matching ${JSON.stringify(props)}`).toHaveLength(1);
  return ids[0] ?? '';
}

/** Every statement of the AWS::IAM::Policy resources attached to `roleId` (plus inline policies). */
function statementsOf(template: Template, roleId: string): Statement[] {
  const role = template.findResources('AWS::IAM::Role')[roleId];
  const inline: Statement[] = (role?.Properties?.Policies ?? []).flatMap(
    (p: { PolicyDocument: { Statement: Statement[] } }) => p.PolicyDocument.Statement,
  );
  const attached = Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles ?? []).some((r: { Ref?: string }) => r.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
  return [...inline, ...attached];
}

/** Logical id of the role in a `Fn::GetAtt [role, Arn]`. */
function roleIdOf(roleArn: unknown): string {
  const [id] = (roleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
  return id;
}

describe('reminders (default context)', () => {
  let synthesized: Synthesized;
  let template: Template;
  let functionId: string;
  let functionRoleId: string;
  let tableId: string;
  beforeAll(() => {
    synthesized = synthSillat({ 'aws:cdk:bundling-stacks': [] });
    template = synthesized.template;
    functionId = onlyId(template, 'AWS::Lambda::Function', { Description: FUNCTION_DESCRIPTION });
    functionRoleId = roleIdOf(template.findResources('AWS::Lambda::Function')[functionId]?.Properties.Role);
    tableId = onlyId(template, 'AWS::DynamoDB::GlobalTable');
  });
  afterAll(() => synthesized.cleanup());

  it('runs the function daily at the default hour, Helsinki time, with retries and a DLQ', () => {
    const scheduleId = onlyId(template, 'AWS::Scheduler::Schedule');
    const schedule = template.findResources('AWS::Scheduler::Schedule')[scheduleId]?.Properties;
    expect(schedule).toMatchObject({
      ScheduleExpression: `cron(0 ${DEFAULT_REMINDER_HOUR} * * ? *)`,
      ScheduleExpressionTimezone: 'Europe/Helsinki',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: getAtt(functionId, 'Arn'),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 },
      },
    });
    expect(REMINDER_TIME_ZONE).toBe('Europe/Helsinki');
    expect(SCHEDULE_RETRY).toEqual({ maximumRetryAttempts: 3, maximumEventAgeInSeconds: 7200 });

    const dlqArn = schedule.Target.DeadLetterConfig.Arn as { 'Fn::GetAtt': [string, string] };
    const [dlqId] = dlqArn['Fn::GetAtt'];
    expect(dlqArn).toEqual(getAtt(dlqId, 'Arn'));
    expect(template.findResources('AWS::SQS::Queue')[dlqId]?.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it('lets the scheduler role invoke the reminder function and nothing else', () => {
    const schedule = Object.values(template.findResources('AWS::Scheduler::Schedule'))[0]?.Properties;
    const roleId = roleIdOf(schedule.Target.RoleArn);
    const role = template.findResources('AWS::IAM::Role')[roleId]?.Properties;
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: expect.objectContaining({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }) },
      }),
    ]);
    const statements = statementsOf(template, roleId);
    const invoking = statements.filter((s) => actionsOf(s).some((a) => a.toLowerCase().startsWith('lambda:')));
    expect(invoking).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: getAtt(functionId, 'Arn'),
      }),
    ]);
    // The only other thing it may do: put what it gave up on into its dead-letter queue.
    const dlqArn = schedule.Target.DeadLetterConfig.Arn;
    expect(statements.filter((s) => !invoking.includes(s))).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: dlqArn }),
    ]);
  });

  it('sends failed asynchronous runs, after 2 retries, to an encrypted on-failure queue', () => {
    const configs = template.findResources('AWS::Lambda::EventInvokeConfig', {
      Properties: { FunctionName: { Ref: functionId } },
    });
    const config = Object.values(configs)[0]?.Properties;
    expect(Object.keys(configs)).toHaveLength(1);
    expect(FUNCTION_RETRY_ATTEMPTS).toBe(2);
    expect(config).toMatchObject({
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } } },
    });
    const [queueId] = config.DestinationConfig.OnFailure.Destination['Fn::GetAtt'];
    expect(template.findResources('AWS::SQS::Queue')[queueId]?.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
    });
    const scheduleDlq = Object.values(template.findResources('AWS::Scheduler::Schedule'))[0]?.Properties.Target
      .DeadLetterConfig.Arn;
    expect(getAtt(queueId, 'Arn')).not.toEqual(scheduleDlq);
  });

  it('enforces TLS on both queues', () => {
    for (const queueId of Object.keys(template.findResources('AWS::SQS::Queue'))) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('alarms on each queue holding a message, into an encrypted topic', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    const queueIds = Object.keys(template.findResources('AWS::SQS::Queue'));
    expect(queueIds).toHaveLength(2);
    const topicId = onlyId(template, 'AWS::SNS::Topic');
    for (const queueId of queueIds) {
      expect(alarms).toContainEqual(
        expect.objectContaining({
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: getAtt(queueId, 'QueueName') }],
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          EvaluationPeriods: 1,
          TreatMissingData: 'notBreaching',
          AlarmActions: [{ Ref: topicId }],
        }),
      );
    }
    const topic = template.findResources('AWS::SNS::Topic')[topicId]?.Properties;
    expect(topic.KmsMasterKeyId).toEqual(getAtt(expect.any(String) as unknown as string, 'Arn'));
    const [keyId] = topic.KmsMasterKeyId['Fn::GetAtt'];
    template.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ EnableKeyRotation: true }),
    });
    const keyStatements = template.findResources('AWS::KMS::Key')[keyId]?.Properties.KeyPolicy.Statement;
    expect(keyStatements).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      }),
    );
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('lets the function send mail only through the SES identity it creates for MAIL_FROM', () => {
    const identityId = onlyId(template, 'AWS::SES::EmailIdentity', { EmailIdentity: 'example.com' });
    const fn = template.findResources('AWS::Lambda::Function')[functionId]?.Properties;
    expect(fn.Environment.Variables).toMatchObject({
      MAIL_FROM: 'no-reply@example.com',
      MUNICIPALITY_IDS: '',
      APP_URL: { 'Fn::Join': ['', ['https://', getAtt(expect.any(String) as unknown as string, 'DomainName')]] },
      TABLE_NAME: { Ref: tableId },
    });
    const ses = statementsOf(template, functionRoleId).filter((s) =>
      actionsOf(s).some((a) => a.toLowerCase().startsWith('ses:')),
    );
    expect(ses).toHaveLength(1);
    expect(ses[0]).toMatchObject({
      Effect: 'Allow',
      Action: 'ses:SendEmail',
    });
    // The identity's ARN, built from its name (EmailIdentity has no Arn attribute).
    expect(JSON.stringify(ses[0]?.Resource)).toContain(`{"Ref":"${identityId}"}`);
    expect(JSON.stringify(ses[0]?.Resource)).toContain(':identity/');
  });

  it('reads and writes the table like the API, with the audit trail Deny', () => {
    const statements = statementsOf(template, functionRoleId);
    const allowed = statements.filter(
      (s) => s.Effect === 'Allow' && actionsOf(s).some((a) => a.startsWith('dynamodb:')),
    );
    expect(allowed.flatMap(actionsOf).sort()).toEqual([...TABLE_ACTIONS.rw].sort());
    expect(statements).toContainEqual(
      expect.objectContaining({
        Sid: 'AuditTrailIsAppendOnly',
        Effect: 'Deny',
        Action: [...AUDIT_DENIED_ACTIONS].sort(),
        Resource: getAtt(tableId, 'Arn'),
        Condition: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [AUDIT_PARTITION_KEY_PATTERN] } },
      }),
    );
  });
});

describe('reminders (context given)', () => {
  it('takes the hour, sender, municipalities and alarm address from context, and stays cdk-nag clean', () => {
    const variant = synthSillat({
      'aws:cdk:bundling-stacks': [],
      'sillat:reminderHour': '18',
      'sillat:mailFrom': 'muistutukset@kaupunki.example.fi',
      'sillat:municipalityIds': 'helsinki, espoo,,vantaa',
      'sillat:alarmEmail': 'ops@kaupunki.example.fi',
    });
    try {
      const { template } = variant;
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'cron(0 18 * * ? *)',
        ScheduleExpressionTimezone: 'Europe/Helsinki',
      });
      template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'kaupunki.example.fi' });
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: FUNCTION_DESCRIPTION,
        Environment: {
          Variables: Match.objectLike({
            MAIL_FROM: 'muistutukset@kaupunki.example.fi',
            MUNICIPALITY_IDS: 'helsinki,espoo,vantaa',
          }),
        },
      });
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'ops@kaupunki.example.fi',
      });
      expect(nagFindings(variant.app, variant.nagPacks)).toEqual([]);
    } finally {
      variant.cleanup();
    }
  });

  it('defaults the sender to the city domain when it has one', () => {
    const variant = synthSillat({
      'aws:cdk:bundling-stacks': [],
      'sillat:domainName': 'sillat.example.fi',
      'sillat:certificateArn': 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    });
    try {
      variant.template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'sillat.example.fi' });
      variant.template.hasResourceProperties('AWS::Lambda::Function', {
        Description: FUNCTION_DESCRIPTION,
        Environment: {
          Variables: Match.objectLike({
            MAIL_FROM: 'no-reply@sillat.example.fi',
            APP_URL: 'https://sillat.example.fi',
          }),
        },
      });
    } finally {
      variant.cleanup();
    }
  });

  it('rejects an hour outside 0–23 and a malformed sender', () => {
    expect(() => synthSillat({ 'aws:cdk:bundling-stacks': [], 'sillat:reminderHour': '24' })).toThrow(
      /sillat:reminderHour must be a whole hour 0–23/,
    );
    expect(() => mailDomainOf('not an address')).toThrow(/Not a sender address/);
    expect(mailDomainOf('No-Reply@Kaupunki.Example.FI')).toBe('kaupunki.example.fi');
    expect(mailDomainOf('Sillat <sillat@city.example>')).toBe('city.example');
    expect(() => mailDomainOf('a@b@c.example')).toThrow(/Not a sender address/);
    const stack = new Stack(new App(), 'Throwaway');
    const table = new TableV2(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    expect(
      () =>
        new Reminders(stack, 'Reminders', {
          table,
          mailFrom: 'no-reply@example.com',
          siteUrl: 'https://example.com',
          hour: 7.5,
        }),
    ).toThrow(/whole hour/);
  });
});
