import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildApp } from '../../app';
import { FUNCTION_TAG } from '../../constructs/app-function';
import type { StateMachineDefinition } from './asl';

const ROOT = join(import.meta.dirname, '..', '..', '..');

export interface SynthesizedStateMachine {
  name: string;
  definition: StateMachineDefinition;
}

type Template = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };

/** The ARN a function gets locally: its folder name, so the local stack can bind the handler. */
export const localFunctionArn = (folder: string, region: string, account: string) =>
  `arn:aws:lambda:${region}:${account}:function:${folder}`;

/**
 * Synthesizes the CDK app in this process (without bundling: only the definition is wanted) and
 * takes the task lifecycle's definition out of the template, resolving the function ARNs and
 * pseudo parameters CloudFormation would fill in. Nothing is copied by hand.
 */
export const synthesizeStateMachines = (region: string, account: string): SynthesizedStateMachine[] => {
  const { context } = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  // The deploy checks (cdk-nag, and CDK's own template validation, 3 s of the 4) run in `npm run
  // synth` and the CDK tests; here they would only cost time.
  const app = new App({
    context: { ...context, 'aws:cdk:bundling-stacks': [] },
    builtinCloudFormationValidation: false,
  });
  const built = buildApp(app, { validate: false });
  const template = app.synth().getStackByName(built.stateless.stackName).template as Template;
  const folderOf = (logicalId: string) => {
    const tags = (template.Resources[logicalId]?.Properties?.Tags ?? []) as Array<{
      Key: string;
      Value: string;
    }>;
    const folder = tags.find((t) => t.Key === FUNCTION_TAG)?.Value;
    if (!folder) throw new Error(`The state machine calls ${logicalId}, which is not an AppFunction`);
    return folder;
  };
  const resolve = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const v = value as Record<string, unknown>;
    if (Array.isArray(v['Fn::GetAtt']))
      return localFunctionArn(folderOf(String(v['Fn::GetAtt'][0])), region, account);
    const pseudo: Record<string, string> = {
      'AWS::Partition': 'aws',
      'AWS::Region': region,
      'AWS::AccountId': account,
      'AWS::URLSuffix': 'amazonaws.com',
    };
    if (typeof v.Ref === 'string' && pseudo[v.Ref]) return pseudo[v.Ref] as string;
    if (Array.isArray(v['Fn::Join'])) {
      const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(resolve).join(separator);
    }
    throw new Error(`Cannot resolve ${JSON.stringify(value)} in the state machine definition`);
  };
  return Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::StepFunctions::StateMachine')
    .map((r) => ({
      name: String(r.Properties?.StateMachineName),
      definition: JSON.parse(resolve(r.Properties?.DefinitionString)) as StateMachineDefinition,
    }));
};
