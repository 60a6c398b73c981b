import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildApp } from '../infra/app';

export interface FunctionBundle {
  /** The function's logical id without its hash, e.g. "IntakeEmail". */
  name: string;
  /** The folder holding index.mjs, its source map and esbuild's metafile. */
  dir: string;
}

/** cdk.json's context: outside the CDK CLI it has to be passed in by hand. */
const cdkJsonContext = () =>
  (JSON.parse(readFileSync('cdk.json', 'utf8')) as { context: Record<string, unknown> }).context;

/**
 * Every function's bundle exactly as `cdk deploy` builds it (the CDK app's own esbuild settings),
 * written to a temporary folder the caller removes. `context` replaces cdk.json's (tests use their own).
 */
export const synthesizeBundles = (
  context: Record<string, unknown> = cdkJsonContext(),
): { outdir: string; bundles: FunctionBundle[] } => {
  const outdir = mkdtempSync(join(tmpdir(), 'va-router-bundles-'));
  const { app, stateless } = buildApp(
    // Only the bundles are wanted: the template is validated by `npm run synth` and the CDK tests.
    new App({
      outdir,
      context: { ...context, 'aws:cdk:enable-asset-metadata': true },
      builtinCloudFormationValidation: false,
    }),
  );
  const template = app.synth().getStackByName(stateless.stackName).template as {
    Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
  };
  const bundles = Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
    .map(([id, r]) => ({
      name: id.replace(/Fn[0-9A-F]+$/, ''),
      dir: join(outdir, r.Metadata?.['aws:asset:path'] ?? ''),
    }));
  return { outdir, bundles };
};
