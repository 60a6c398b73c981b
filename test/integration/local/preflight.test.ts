import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

describe('npm start without Java', () => {
  const empty = mkdtempSync(join(tmpdir(), 'va-router-nojava-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it('stops at once with the command that fixes it, and starts nothing', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
      // A PATH with no java on it; node itself is started by absolute path.
      env: {
        ...process.env,
        PATH: empty,
        VA_DATA_DIR: join(empty, 'data'),
        VA_HTTP_PORT: '0',
        VA_SMTP_PORT: '0',
        VA_SES_PORT: '0',
        VA_SQS_PORT: '0',
        VA_DYNAMODB_PORT: '0',
        VA_SFN_PORT: '0',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Cannot start: Java was not found.');
    expect(result.stderr).toContain('apt-get install -y openjdk-17-jdk-headless');
    expect(result.stdout).not.toContain('is running locally');
  });
});
