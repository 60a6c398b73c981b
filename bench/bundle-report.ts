/**
 * `npm run bundle:report`: each function's bundle, as `cdk deploy` would build it, with its size, its
 * deployment package (the zip Lambda stores and counts as code size), how much of it is the AWS SDK,
 * and what else takes the most room. The goal (deploy issue) is at most 300 KB per function.
 */
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { synthesizeBundles } from './bundles';

const LIMIT_KB = 300;
const { outdir, bundles } = synthesizeBundles();

const packageOf = (path: string) => {
  if (!path.includes('node_modules/')) return '(va-router)';
  const parts = path.split('node_modules/').at(-1)?.split('/') ?? [];
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? '?');
};
const isSdk = (pkg: string) => /^@(aws-sdk|smithy|aws)\//.test(pkg);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0).padStart(5)} KB`;

let over = 0;
console.log(
  `${'function'.padEnd(20)} ${'bundle'.padStart(8)} ${'zipped'.padStart(8)} ${'AWS SDK'.padStart(8)} ${'rest'.padStart(8)}`,
);
for (const { name, dir } of bundles) {
  const code = readFileSync(join(dir, 'index.mjs'));
  const size = statSync(join(dir, 'index.mjs')).size;
  if (size / 1024 > LIMIT_KB) over++;
  const meta = JSON.parse(readFileSync(join(dir, 'index.meta.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  const inputs = Object.values(meta.outputs).find((o) => Object.keys(o.inputs).length > 0)?.inputs ?? {};
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    byPackage.set(packageOf(path), (byPackage.get(packageOf(path)) ?? 0) + bytesInOutput);
  }
  const sdk = [...byPackage].filter(([pkg]) => isSdk(pkg)).reduce((sum, [, bytes]) => sum + bytes, 0);
  console.log(
    `${name.padEnd(20)} ${kb(size)} ${kb(deflateRawSync(code, { level: 9 }).length)} ${kb(sdk)} ${kb(size - sdk)}${size / 1024 > LIMIT_KB ? `  over ${LIMIT_KB} KB` : ''}`,
  );
  const top = [...byPackage]
    .filter(([pkg]) => !isSdk(pkg))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4);
  console.log(
    `${''.padEnd(21)}besides the SDK: ${top.map(([pkg, bytes]) => `${pkg} ${(bytes / 1024).toFixed(0)} KB`).join(', ')}`,
  );
}
rmSync(outdir, { recursive: true, force: true });
console.log(over ? `\n${over} function(s) over ${LIMIT_KB} KB.` : `\nAll functions within ${LIMIT_KB} KB.`);
