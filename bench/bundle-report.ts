/**
 * `npm run bundle:report`: each function's bundle, as `cdk deploy` would build it, with its size and
 * what takes the most room. The goal (deploy issue) is at most 300 KB per function.
 */
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { synthesizeBundles } from './bundles';

const LIMIT_KB = 300;
const { outdir, bundles } = synthesizeBundles();

const packageOf = (path: string) => {
  if (!path.includes('node_modules/')) return '(va-router)';
  const parts = path.split('node_modules/').at(-1)?.split('/') ?? [];
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? '?');
};

let over = 0;
for (const { name, dir } of bundles) {
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
    `${name.padEnd(24)} ${kb.toFixed(0).padStart(6)} KB ${kb > LIMIT_KB ? `over ${LIMIT_KB} KB` : 'ok'}`,
  );
  for (const [pkg, bytes] of top)
    console.log(`${''.padEnd(26)}${(bytes / 1024).toFixed(0).padStart(6)} KB  ${pkg}`);
}
rmSync(outdir, { recursive: true, force: true });
console.log(over ? `\n${over} function(s) over ${LIMIT_KB} KB.` : `\nAll functions within ${LIMIT_KB} KB.`);
