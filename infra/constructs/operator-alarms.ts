import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface OperatorAlarmsProps {
  readonly operatorEmail: string;
  readonly functions: Record<string, IFunction>;
  readonly deadLetterQueues: Record<string, IQueue>;
  readonly stateMachine: IStateMachine;
}

/**
 * Everything that needs a person goes to one topic that mails the operator. Each alarm fires on
 * the first occurrence: at an agency's volume, one failed mail or workflow is already worth a look.
 * docs/deploy.md says what each one means and what to do.
 */
export class OperatorAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperatorAlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      displayName: 'va-router alarms',
      masterKey: new Key(this, 'TopicKey', { enableKeyRotation: true, description: 'va-router alarm topic' }),
      enforceSSL: true,
    });
    this.topic.addSubscription(new EmailSubscription(props.operatorEmail));
    // CloudWatch publishes alarms to the encrypted topic, so it may use the key.
    this.topic.masterKey?.grantEncryptDecrypt(new ServicePrincipal('cloudwatch.amazonaws.com'));

    const alarm = (name: string, metric: IMetric, description: string, threshold = 1) => {
      const created = new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(new SnsAction(this.topic));
      this.alarms.push(created);
    };
    const fiveMinutes = { period: Duration.minutes(5) };

    for (const [name, queue] of Object.entries(props.deadLetterQueues))
      alarm(
        `${name}DeadLetters`,
        queue.metricApproximateNumberOfMessagesVisible({ ...fiveMinutes, statistic: 'Maximum' }),
        `Messages in ${queue.queueName}: processing failed five times. See docs/deploy.md, "Messages in the intake DLQ".`,
      );
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(
        `${name}Errors`,
        fn.metricErrors({ ...fiveMinutes, statistic: 'Sum' }),
        `${name} failed. Its logs name the task.`,
      );
      alarm(
        `${name}Throttles`,
        fn.metricThrottles({ ...fiveMinutes, statistic: 'Sum' }),
        `${name} was throttled.`,
      );
    }
    alarm(
      'WorkflowFailed',
      props.stateMachine.metricFailed({ ...fiveMinutes, statistic: 'Sum' }),
      'A task lifecycle failed after its retries. See docs/deploy.md, "A task is stuck"; redrive it once fixed.',
    );
    alarm(
      'WorkflowTimedOut',
      props.stateMachine.metricTimedOut({ ...fiveMinutes, statistic: 'Sum' }),
      'A task lifecycle ran out of time.',
    );
    alarm(
      'SesBounceRate',
      new Metric({
        namespace: 'AWS/SES',
        metricName: 'Reputation.BounceRate',
        period: Duration.hours(1),
        statistic: 'Maximum',
      }),
      'More than 5 % of mail bounced; SES may pause sending above 10 %. Check client and VA addresses.',
      0.05,
    );
  }
}
