import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';

/**
 * While `npm start` runs, it leaves its endpoints and resource names in `.local-data/runtime.json`,
 * so the operator CLI and other tools talk to the same stack without any flags.
 */
export const RuntimeFileSchema = z.object({
  pid: z.number().int(),
  startedAt: z.string(),
  env: z.record(z.string(), z.string()),
  urls: z.record(z.string(), z.string()),
});
export type RuntimeFile = z.infer<typeof RuntimeFileSchema>;

export const DEFAULT_DATA_DIR = '.local-data';
export const runtimeFilePath = (dataDir: string) => join(dataDir, 'runtime.json');

export const writeRuntimeFile = (dataDir: string, content: RuntimeFile) =>
  writeFileSync(runtimeFilePath(dataDir), `${JSON.stringify(content, null, 2)}\n`);

export const removeRuntimeFile = (dataDir: string) => rmSync(runtimeFilePath(dataDir), { force: true });

export const readRuntimeFile = (dataDir: string): RuntimeFile | undefined => {
  const path = runtimeFilePath(dataDir);
  if (!existsSync(path)) return undefined;
  return RuntimeFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
};
