import { Stack, Validations } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/** How cdk-nag writes a resource in a finding id, using its own flattening (version pinned). */
export const nagResource = (scope: IConstruct, arn: string) =>
  flattenCfnReference(Stack.of(scope).resolve(arn));

/** Acknowledges one cdk-nag finding where it arises, with the reason a reviewer needs. */
export const acknowledge = (scope: IConstruct, id: string, reason: string) =>
  Validations.of(scope).acknowledge({ id, reason });
