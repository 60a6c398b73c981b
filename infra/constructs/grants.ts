import type { Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { acknowledge, nagResource } from './nag';

/** The item-level actions the repositories use; never Scan, never table management. */
export const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
] as const;

export const grantTable = (grantee: IGrantable & IConstruct, table: ITableV2) => {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: [...TABLE_ACTIONS],
      resources: [table.tableArn, `${table.tableArn}/index/*`],
    }),
  );
  acknowledge(
    grantee,
    `AwsSolutions-IAM5[Resource::${nagResource(grantee, `${table.tableArn}/index/*`)}]`,
    "Queries go to the table's own GSIs; the wildcard covers only this table's indexes.",
  );
};

/** Object access limited to the prefixes a function works in. */
export const grantObjects = (
  grantee: IGrantable & IConstruct,
  bucket: IBucket,
  access: { read?: string[]; write?: string[] },
) => {
  for (const prefix of [...(access.read ?? []), ...(access.write ?? [])]) {
    acknowledge(
      grantee,
      `AwsSolutions-IAM5[Resource::${nagResource(grantee, bucket.arnForObjects(`${prefix}*`))}]`,
      `Object keys under ${prefix} are generated per mail or task; access is limited to that prefix.`,
    );
  }
  if (access.read?.length) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: access.read.map((p) => bucket.arnForObjects(`${p}*`)),
      }),
    );
  }
  if (access.write?.length) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: access.write.map((p) => bucket.arnForObjects(`${p}*`)),
      }),
    );
  }
};

/** Sending as the agency's own domain only. */
export const grantSendMail = (grantee: IGrantable, scope: Stack, senderDomain: string) =>
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [scope.formatArn({ service: 'ses', resource: 'identity', resourceName: senderDomain })],
    }),
  );

/** Starting a task's workflow: one state machine, one action. */
export const grantStartWorkflow = (grantee: IGrantable, stateMachineArn: string) =>
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['states:StartExecution'], resources: [stateMachineArn] }),
  );

/** Answering a waiting state (offer links, the done form, a step that answers its own token). */
export const grantAnswerWorkflow = (grantee: IGrantable, stateMachineArn: string) =>
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
      resources: [stateMachineArn],
    }),
  );
