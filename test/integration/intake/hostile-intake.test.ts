import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { dedupeKey } from '../../../shared/adapters/dynamodb/keys';
import { S3BlobStore } from '../../../shared/adapters/s3/s3-blob-store';
import { INTAKE_OUTCOMES } from '../../../shared/domain/intake';
import { parseInboundMessage } from '../../../shared/mail/inbound-message';
import type { Mailer } from '../../../shared/ports/mailer';
import { intakeRecordId, processInboundMail } from '../../../shared/use-cases/intake-email';
import { aClient, aTask, aVa } from '../../support/builders';
import { createTestTable } from '../../support/emulators';
import { FUZZ_CLIENT, FUZZ_TASK_ID, FUZZ_VA, hostileMail } from '../../support/hostile-mail';
import { intakeDepsOn } from '../../support/intake-deps';

/**
 * Hostile mail through the real use case, against DynamoDB Local and the local S3: no crash, and
 * every mail is kept with a recorded outcome (a task, an answer, or a reason not to).
 */
describe('hostile mail through intake', () => {
  let deps: ReturnType<typeof intakeDepsOn>;
  let table: Awaited<ReturnType<typeof createTestTable>>;
  const blobs = new S3BlobStore(process.env.BUCKET_NAME ?? '');

  beforeAll(async () => {
    table = await createTestTable();
    const mailer: Mailer = { send: async () => 'ses-id' };
    deps = intakeDepsOn(table, { blobs, mailer, now: () => new Date('2026-11-25T09:00:00Z') });
    await deps.clients.create(aClient({ id: 'cli_FUZZ', emails: [FUZZ_CLIENT] }));
    await deps.vas.create(aVa({ id: 'va_FUZZ', email: FUZZ_VA }));
    await deps.tasks.create(
      aTask({ id: FUZZ_TASK_ID, clientId: 'cli_FUZZ', status: 'ASSIGNED', assignedVaId: 'va_FUZZ' }),
    );
  });

  it('keeps every mail with an outcome, and makes a task wherever the outcome says so', async () => {
    await fc.assert(
      fc.asyncProperty(hostileMail, async (raw) => {
        const key = `raw/fuzz/${randomUUID()}`;
        await blobs.put(key, raw, 'message/rfc822');
        const result = await processInboundMail(key, deps);
        expect(INTAKE_OUTCOMES).toContain(result.outcome);
        expect(await blobs.get(key)).toEqual(new Uint8Array(raw));
        if (result.outcome === 'task-created' || result.outcome === 'needs-info') {
          expect(await deps.tasks.get(result.taskId ?? '')).toBeDefined();
        }
        if (result.outcome === 'va-message' || result.outcome === 'appended') {
          const kept = (await deps.thread.list(result.taskId ?? '')).map((m) => m.id);
          expect(kept).toContain(await idOf(raw));
        }
        if (!result.duplicate) {
          const intakeRecords = await table.db.send(
            new GetCommand({
              TableName: table.tableName,
              Key: dedupeKey(await idOf(raw)),
              ConsistentRead: true,
            }),
          );
          expect(intakeRecords.Item).toMatchObject({ state: 'done', outcome: result.outcome, s3Key: key });
        }
      }),
      // 100 in every run of the suite; FUZZ_RUNS=2000 for a longer hunt.
      { numRuns: Number(process.env.FUZZ_RUNS ?? 100) },
    );
  }, 240_000);
});

/** The intake record's id, as intake derives it from the parsed mail. */
const idOf = async (raw: Buffer) => intakeRecordId(await parseInboundMessage(raw));
