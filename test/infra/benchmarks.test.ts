import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { TaskCost } from '../../bench/cost';

const run = promisify(execFile);

/** One benchmark stage in its own process, as `npm run bench` runs it, with a small size. */
const stage = async <T>(name: string, size: number): Promise<T> => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/stage.ts', name, String(size)], {
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null') as T;
};

/**
 * The benchmarks find their way through the real mails and pages, so a changed template or flow can
 * break them without any test noticing: this runs each stage small. It checks that they finish and
 * count what a task does, never how fast (the figures belong to `npm run bench`).
 */
describe('npm run bench, in small', () => {
  it('prices one task of each path, with the mails and transitions a task makes', async () => {
    const [happy, declined] = await stage<TaskCost[]>('cost', 1);
    expect(happy).toMatchObject({ path: 'happy path', tasks: 1, sesMails: 5 });
    expect(happy?.transitions).toBeLessThanOrEqual(8);
    // Two more offers, each one mail; the declines add rounds to the workflow.
    expect(declined?.sesMails).toBe(7);
    expect(declined?.transitions).toBeGreaterThan(happy?.transitions ?? 0);
    expect(happy?.usdPerThousand.total).toBeGreaterThan(0);
  }, 180_000);

  it('reads at most 200 items for the candidates of a task and keeps the best 20', async () => {
    const reads = await stage<{ itemsRead: number; ranked: number }>('reads', 300);
    expect(reads.itemsRead).toBeLessThanOrEqual(200);
    expect(reads.ranked).toBe(20);
  }, 180_000);

  it('carries every mail of a short pipeline run to its offer, and the floor to its echo', async () => {
    const figures = await stage<
      Record<'pipeline' | 'floor' | 'lightPipeline' | 'lightFloor', { mails: number; completed: number }>
    >('pipeline', 10);
    expect(figures.pipeline).toMatchObject({ mails: 10, completed: 10 });
    expect(figures.floor).toMatchObject({ mails: 10, completed: 10 });
    expect(figures.lightPipeline).toMatchObject({ mails: 2, completed: 2 });
    expect(figures.lightFloor).toMatchObject({ mails: 2, completed: 2 });
  }, 180_000);
});
