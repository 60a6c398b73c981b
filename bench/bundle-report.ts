/**
 * `npm run bundle:report`: each function's bundle, as `cdk deploy` would build it, with its size and
 * what takes the most room. The goal (deploy issue) is at most 300 KB per function.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildApp } from '../infra/app';

const LIMIT_KB = 300;
const outdir = mkdtempSync(join(tmpdir(), 'va-router-bundles-'));
// Outside the CDK CLI, cdk.json's context has to be passed in by hand.
const { context } = JSON.parse(readFileSync('cdk.json', 'utf8')) as { context: Record<string, unknown> };
const { app, stateless } = buildApp(
  new App({ outdir, context: { ...context, 'aws:cdk:enable-asset-metadata': true } }),
);
const assembly = app.synth();
const template = assembly.getStackByName(stateless.stackName).template as {
  Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
};

const packageOf = (path: string) => {
  if (!path.includes('node_modules/')) return '(va-router)';
  const parts = path.split('node_modules/').at(-1)?.split('/') ?? [];
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? '?');
};

let over = 0;
for (const [id, resource] of Object.entries(template.Resources)) {
  if (resource.Type !== 'AWS::Lambda::Function') continue;
  const dir = join(outdir, resource.Metadata?.['aws:asset:path'] ?? '');
  const kb = statSync(join(dir, 'index.mjs')).size / 1024;
  if (kb > LIMIT_KB) over++;
  const meta = JSON.parse(readFileSync(join(dir, 'index.meta.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  const inputs = Object.values(meta.outputs).find((o) => Object.keys(o.inputs).length > 0)?.inputs ?? {};
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    byPackage.set(packageOf(path), (byPackage.get(packageOf(path)) ?? 0) + bytesInOutput);
  }
  const top = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 5);
  console.log(
    `${id.replace(/Fn[0-9A-F]+$/, '').padEnd(24)} ${kb.toFixed(0).padStart(6)} KB ${kb > LIMIT_KB ? `over ${LIMIT_KB} KB` : 'ok'}`,
  );
  for (const [name, bytes] of top)
    console.log(`${''.padEnd(26)}${(bytes / 1024).toFixed(0).padStart(6)} KB  ${name}`);
}
rmSync(outdir, { recursive: true, force: true });
console.log(over ? `\n${over} function(s) over ${LIMIT_KB} KB.` : `\nAll functions within ${LIMIT_KB} KB.`);
