import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** How cdk-nag names a resource in a finding: `<LogicalId.Arn>`. */
export const nagArn = (resource: IConstruct) => {
  const element = resource.node.defaultChild as CfnElement;
  return `<${Stack.of(element).getLogicalId(element)}.Arn>`;
};

/** Acknowledges one cdk-nag finding where it arises, with the reason a reviewer needs. */
export const acknowledge = (scope: IConstruct, id: string, reason: string) =>
  Validations.of(scope).acknowledge({ id, reason });
