import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesizeBundles } from '../../bench/bundles';
import { TEST_DEPLOY_CONTEXT } from '../support/deploy-context';
import { FUNCTION_ENV } from '../support/function-env';

/**
 * Bundles for real (esbuild, as `cdk deploy` would) and loads each bundle, so
 * a module that breaks only when bundled (ESM/CommonJS interop, dynamic requires) fails here.
 */
describe('function bundles', () => {
  let outdir: string;
  let assets: Record<string, string>;

  beforeAll(() => {
    const synthesized = synthesizeBundles({ ...TEST_DEPLOY_CONTEXT, stage: 'bundle' });
    outdir = synthesized.outdir;
    assets = Object.fromEntries(synthesized.bundles.map((b) => [b.name, b.dir]));
  }, 120_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('bundles each function into one ESM file with a source map', () => {
    expect(Object.keys(assets)).toHaveLength(6);
    for (const dir of Object.values(assets)) {
      expect(existsSync(join(dir, 'index.mjs'))).toBe(true);
      expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
      expect(readFileSync(join(dir, 'index.mjs'), 'utf8')).toContain('createRequire');
    }
  });

  const keptInputs = (dir: string) => {
    const meta = JSON.parse(readFileSync(join(dir, 'index.meta.json'), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
    };
    return Object.values(meta.outputs)
      .flatMap((o) => Object.entries(o.inputs))
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path);
  };

  it('tree-shakes what is big and unused: the SDK from its ES modules, zod without its 40 locales', () => {
    for (const dir of Object.values(assets)) {
      const kept = keptInputs(dir);
      expect(kept.filter((path) => /@aws-sdk\/client-[a-z0-9]+\/dist-cjs\//.test(path))).toEqual([]);
      expect(kept.filter((path) => /zod\/v4\/locales\/(?!en\.js)/.test(path))).toEqual([]);
    }
  });

  it('takes credentials from the environment only, without the rest of the default chain', () => {
    for (const dir of Object.values(assets)) {
      const kept = keptInputs(dir);
      expect(
        kept.filter((path) => /@aws-sdk\/(credential-provider-(?!env)|nested-clients)/.test(path)),
      ).toEqual([]);
      expect(kept.some((path) => path.endsWith('shared/adapters/lambda-credentials.ts'))).toBe(true);
    }
  });

  it('leaves the S3 client out of the workflow, which touches no file, and Step Functions out of the digest', () => {
    expect(
      keptInputs(assets.WorkflowFunction ?? '').filter((path) => path.includes('@aws-sdk/client-s3')),
    ).toEqual([]);
    expect(
      keptInputs(assets.OperatorDigest ?? '').filter((path) => /@aws-sdk\/client-(sfn|sqs)\//.test(path)),
    ).toEqual([]);
    expect(keptInputs(assets.IntakeEmail ?? '').some((path) => path.includes('@aws-sdk/client-s3'))).toBe(
      true,
    );
  });

  it('loads every bundle and finds its handler', async () => {
    Object.assign(process.env, FUNCTION_ENV);
    for (const dir of Object.values(assets)) {
      const module = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as { handler?: unknown };
      expect(typeof module.handler).toBe('function');
    }
  });
});
