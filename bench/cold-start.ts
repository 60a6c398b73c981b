import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { FUNCTION_ENV } from '../test/support/function-env';
import { synthesizeBundles } from './bundles';

export interface ColdStartRow {
  function: string;
  sizeKb: number;
  /** Median time for a fresh Node process to import the bundle (module init, SDK clients, config). */
  importMs: number;
}

/** Imports one module in a fresh process and prints how long the import took. */
const importOnce = (file: string) => {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - t);`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ...FUNCTION_ENV, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    encoding: 'utf8',
  });
  return Number(out.trim().split('\n').at(-1));
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * What each function adds to a cold start: the import time of its real bundle, beside that of an
 * empty handler built the same way, in the same run (Lambda's own init comes on top of both).
 */
export const benchColdStart = async (runs = 7): Promise<ColdStartRow[]> => {
  const { outdir, bundles } = synthesizeBundles();
  try {
    const emptyDir = join(outdir, 'empty-handler');
    mkdirSync(emptyDir, { recursive: true });
    writeFileSync(
      join(emptyDir, 'handler.ts'),
      'export const handler = async () => ({ statusCode: 200 });\n',
    );
    await build({
      entryPoints: [join(emptyDir, 'handler.ts')],
      outfile: join(emptyDir, 'index.mjs'),
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      logLevel: 'silent',
    });
    const targets = [{ name: '(empty handler)', dir: emptyDir }, ...bundles];
    return targets.map(({ name, dir }) => {
      const file = join(dir, 'index.mjs');
      importOnce(file); // warms the OS file cache, as a provisioned Lambda image would be
      return {
        function: name,
        sizeKb: Math.round(statSync(file).size / 1024),
        importMs: median(Array.from({ length: runs }, () => importOnce(file))),
      };
    });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
};
