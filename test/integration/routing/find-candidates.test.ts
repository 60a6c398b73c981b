import { randomBytes } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_CLIENTS, DEMO_VAS } from '../../../cli/demo-roster';
import { runCli } from '../../../cli/main';
import { DynamoClientRepository } from '../../../shared/adapters/dynamodb/client-repository';
import { vaStatsKey } from '../../../shared/adapters/dynamodb/keys';
import { DynamoOfferRepository } from '../../../shared/adapters/dynamodb/offer-repository';
import { DynamoTaskRepository } from '../../../shared/adapters/dynamodb/task-repository';
import { DynamoVaRepository } from '../../../shared/adapters/dynamodb/va-repository';
import { DynamoVaStatsRepository } from '../../../shared/adapters/dynamodb/va-stats-repository';
import { type CandidateDeps, findCandidates } from '../../../shared/use-cases/find-candidates';
import { addClient, addVa } from '../../../shared/use-cases/roster';
import { aTask } from '../../support/builders';
import { createTestTable } from '../../support/emulators';

/** Matching on the demo agency, read through the skill index from DynamoDB Local. */
describe('findCandidates', () => {
  let deps: CandidateDeps;
  let table: Awaited<ReturnType<typeof createTestTable>>;
  const now = new Date('2026-11-25T09:00:00Z');
  const travelTask = aTask({
    id: 'VA-TRAVEL',
    clientId: 'cli_DEMO01',
    language: 'de',
    skills: [{ skill: 'travel', confidence: 0.95, minLevel: 1 }],
    deadline: '2026-11-27T17:00:00.000Z',
    effortMinutes: 60,
  });

  beforeAll(async () => {
    table = await createTestTable();
    const runtime = { now: () => now, randomBytes: (n: number) => randomBytes(n) };
    const vas = new DynamoVaRepository(table.db, table.tableName);
    const clients = new DynamoClientRepository(table.db, table.tableName);
    for (const va of DEMO_VAS)
      await addVa(structuredClone(va) as unknown as Record<string, unknown>, { vas, runtime });
    for (const c of DEMO_CLIENTS)
      await addClient(structuredClone(c) as unknown as Record<string, unknown>, { clients, runtime });
    const tasks = new DynamoTaskRepository(table.db, table.tableName);
    await tasks.create(travelTask);
    deps = {
      vas,
      clients,
      stats: new DynamoVaStatsRepository(table.db, table.tableName),
      offers: new DynamoOfferRepository(table.db, table.tableName),
      runtime,
    };
    process.env.TABLE_NAME = table.tableName;
  });

  it('reads only the travel members who work in German and ranks the stronger one first', async () => {
    const result = await findCandidates(travelTask, deps);
    // Anna (travel 3) and Sophie (travel 5) are the German-speaking travel VAs of the demo roster.
    expect(result.ranked.map((r) => r.vaId)).toEqual(['va_DEMO04', 'va_DEMO01']);
    expect(result.ranked[0]?.factors.skillFit).toBe(1);
    expect(result.excluded).toEqual([]);
    expect(result.itemsRead).toBe(2);
  });

  it('excludes a full VA and never asks again who declined', async () => {
    await table.db.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...vaStatsKey('va_DEMO04'),
          type: 'va-stats',
          vaId: 'va_DEMO04',
          openTasks: 4,
          offers: [],
          tasksByClient: {},
        },
      }),
    );
    await deps.offers.create(
      {
        taskId: 'VA-TRAVEL',
        vaId: 'va_DEMO01',
        status: 'DECLINED',
        rank: 1,
        round: 1,
        tokenHash: 'd'.repeat(64),
        sentAt: now.toISOString(),
        expiresAt: now.toISOString(),
      },
      Math.floor(now.getTime() / 1000) + 86_400,
      1,
    );
    const result = await findCandidates(travelTask, deps);
    expect(result.ranked).toEqual([]);
    expect(result.excluded).toEqual([
      expect.objectContaining({ vaId: 'va_DEMO04', reason: 'capacity', detail: 'holds 4 of 4 tasks' }),
      expect.objectContaining({ vaId: 'va_DEMO01', reason: 'already-asked' }),
    ]);
    expect(result.itemsRead).toBe(3);
  });

  it('explains it to the operator on the command line', async () => {
    const lines: string[] = [];
    const log = vi
      .spyOn(console, 'log')
      .mockImplementation((...m: unknown[]) => void lines.push(m.join(' ')));
    try {
      expect(await runCli(['--target', 'aws', 'task', 'explain', 'VA-TRAVEL'])).toBe(0);
    } finally {
      log.mockRestore();
    }
    const out = lines.join('\n');
    expect(out).toContain('VA-TRAVEL: Briefe an Lieferanten');
    expect(out).toContain('Excluded:');
    expect(out).toContain('va_DEMO04 Sophie Keller: capacity (holds 4 of 4 tasks)');
    expect(out).toContain('va_DEMO01 Anna Schmidt: already-asked');
  });
});
