import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Stats, TreatMissingData, type IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SillatFunction } from './sillat-function';

/** The reminder job's handler (it exports `handler`), relative to the repo root. */
export const REMINDERS_ENTRY = 'functions/src/jobs/reminders-lambda.ts';

/** Reminders are about Finnish municipalities' deadlines: the job runs on Helsinki's clock, DST included. */
export const REMINDER_TIME_ZONE = 'Europe/Helsinki';

/** Scheduler's retries of the invocation itself (throttling, Lambda unavailable), and how long it keeps trying. */
export const SCHEDULE_RETRY = { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 2 * 60 * 60 } as const;

/** Lambda's own retries of a run that threw, before the event goes to the on-failure queue. */
export const FUNCTION_RETRY_ATTEMPTS = 2;

export interface RemindersProps {
  readonly table: ITableV2;
  /** Sender address; the stack creates an SES identity for its domain. */
  readonly mailFrom: string;
  /** Municipalities the job covers. @default none: the job decides (e.g. every municipality) */
  readonly municipalityIds?: readonly string[];
  /** `https://…` of the site, for links in the mails. */
  readonly siteUrl: string;
  /** Hour of the day (0–23, Helsinki time) of the daily run. */
  readonly hour: number;
  /** Address told when a run fails for good. @default no subscription (the topic is still there) */
  readonly alarmEmail?: string;
}

/**
 * The sender's domain: `no-reply@example.org` or `Sillat <no-reply@example.org>`
 * → `example.org`; rejects anything that is not one address.
 */
export function mailDomainOf(mailFrom: string): string {
  const address = /^[^<>]*<([^<>]+)>$/.exec(mailFrom.trim())?.[1] ?? mailFrom.trim();
  const match = /^[^@\s<>]+@([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)$/i.exec(address);
  if (!match?.[1]) throw new Error(`Not a sender address: "${mailFrom}" (expected e.g. no-reply@city.example).`);
  return match[1].toLowerCase();
}

/**
 * The daily reminder job (issue 6, item 5): a function that mails each person
 * one digest through SES v2, run every day at `hour` Helsinki time by
 * EventBridge Scheduler.
 *
 * Failures end in one of two queues, and either holding a message raises an alarm:
 * - the schedule's dead-letter queue: Scheduler could not invoke the function
 *   (after {@link SCHEDULE_RETRY});
 * - the function's on-failure destination: Scheduler invokes asynchronously, so
 *   a run that throws is retried by Lambda ({@link FUNCTION_RETRY_ATTEMPTS}) and
 *   then lands there. The job is idempotent, so retries send nothing twice.
 */
export class Reminders extends Construct {
  public readonly handler: SillatFunction;
  public readonly mailIdentity: EmailIdentity;
  public readonly schedule: CfnSchedule;
  public readonly scheduleRole: Role;
  /** Invocations Scheduler gave up on. */
  public readonly scheduleDeadLetterQueue: Queue;
  /** Runs that failed after Lambda's retries. */
  public readonly failureQueue: Queue;
  public readonly alarmTopic: Topic;
  public readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);
    if (!Number.isInteger(props.hour) || props.hour < 0 || props.hour > 23) {
      throw new Error(`The reminder hour must be a whole hour 0–23, got ${props.hour}.`);
    }
    const stack = Stack.of(this);
    const mailDomain = mailDomainOf(props.mailFrom);

    // SES v2 identity for the sender's domain, with Easy DKIM: sending works
    // once the three DKIM CNAMEs (stack outputs / SES console) are in the domain's DNS.
    this.mailIdentity = new EmailIdentity(this, 'MailIdentity', { identity: Identity.domain(mailDomain) });

    this.scheduleDeadLetterQueue = this.deadLetterQueue('ScheduleDeadLetterQueue', 'the schedule');
    this.failureQueue = this.deadLetterQueue('FailureQueue', "the function's on-failure destination");

    this.handler = new SillatFunction(this, 'Handler', {
      entry: REMINDERS_ENTRY,
      description: 'Sillat daily reminders: one digest mail per person (issue 6)',
      // One run walks every due checkpoint of every municipality and sends the digests.
      timeout: Duration.minutes(5),
    });
    this.handler.bindTable(props.table, 'rw');
    this.handler.lambda.addEnvironment('MAIL_FROM', props.mailFrom);
    this.handler.lambda.addEnvironment('MUNICIPALITY_IDS', (props.municipalityIds ?? []).join(','));
    // The base of the links in the mails (functions/src/jobs/reminders-lambda.ts).
    this.handler.lambda.addEnvironment('APP_URL', props.siteUrl);
    this.handler.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'SendRemindersThroughMailIdentity',
        actions: ['ses:SendEmail'],
        resources: [this.mailIdentity.emailIdentityArn],
      }),
    );
    this.handler.lambda.configureAsyncInvoke({
      retryAttempts: FUNCTION_RETRY_ATTEMPTS,
      maxEventAge: Duration.hours(2),
      onFailure: new SqsDestination(this.failureQueue),
    });
    Validations.of(this.handler.lambda).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Failed asynchronous runs go to an on-failure destination (an SQS queue with an alarm), which supersedes a dead-letter queue and records the error as well as the event.',
    });

    // Scheduler's execution role: invoke this one function, and park what it gave up on in the DLQ.
    const scheduleGroupArn = stack.formatArn({
      service: 'scheduler',
      resource: 'schedule-group',
      resourceName: 'default',
    });
    this.scheduleRole = new Role(this, 'ScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': scheduleGroupArn } },
      }),
      description: 'EventBridge Scheduler: invoke the Sillat reminder function only',
    });
    this.scheduleRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'InvokeReminderFunction',
        actions: ['lambda:InvokeFunction'],
        resources: [this.handler.lambda.functionArn],
      }),
    );
    this.scheduleRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'DeadLetters',
        actions: ['sqs:SendMessage'],
        resources: [this.scheduleDeadLetterQueue.queueArn],
      }),
    );

    this.schedule = new CfnSchedule(this, 'Schedule', {
      description: `Sillat reminders, daily at ${String(props.hour).padStart(2, '0')}:00 ${REMINDER_TIME_ZONE}`,
      scheduleExpression: `cron(0 ${props.hour} * * ? *)`,
      scheduleExpressionTimezone: REMINDER_TIME_ZONE,
      // A daily digest should go out on the hour, not spread over a window.
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: this.handler.lambda.functionArn,
        roleArn: this.scheduleRole.roleArn,
        retryPolicy: SCHEDULE_RETRY,
        deadLetterConfig: { arn: this.scheduleDeadLetterQueue.queueArn },
      },
    });
    // The role's policy must exist before Scheduler validates the target.
    this.schedule.node.addDependency(this.scheduleRole);

    // Alarm notifications: an encrypted topic. CloudWatch publishes as a service, so
    // it needs the topic's key (an AWS managed key would not allow that) and the topic.
    const topicKey = new Key(this, 'AlarmTopicKey', {
      description: 'Sillat reminder alarms topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    topicKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'Sillat reminders',
      masterKey: topicKey,
      enforceSSL: true,
    });
    this.alarmTopic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    if (props.alarmEmail) {
      const subscription = this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
      Validations.of(subscription).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'An e-mail subscription to the alarm topic: a dead-letter queue for undeliverable alarm mail would need an alarm of its own, which could only notify through this same topic; the alarm state stays visible in CloudWatch either way.',
      });
    }

    const action = new SnsAction(this.alarmTopic);
    this.alarms = [
      this.queueAlarm('ScheduleDeadLetterAlarm', this.scheduleDeadLetterQueue, 'Scheduler could not invoke', action),
      this.queueAlarm('FailureAlarm', this.failureQueue, 'A run failed after retries of', action),
    ];
  }

  /** An encrypted, TLS-only queue that keeps failed events for the maximum 14 days. */
  private deadLetterQueue(id: string, role: string): Queue {
    const queue = new Queue(this, id, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const reason = `This queue is itself the dead-letter store of ${role}; messages are inspected by hand after its alarm, so a further dead-letter queue would have nothing to catch.`;
    Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason });
    Validations.of(queue).acknowledge({ id: 'Serverless-SQSRedrivePolicy', reason });
    return queue;
  }

  private queueAlarm(id: string, queue: Queue, what: string, action: IAlarmAction): Alarm {
    const alarm = new Alarm(this, id, {
      alarmDescription: `${what} the Sillat reminder function: see the messages in ${queue.node.id}.`,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: Stats.MAXIMUM }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(action);
    return alarm;
  }
}
