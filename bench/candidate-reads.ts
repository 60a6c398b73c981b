import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalStack } from '../infra/local/local-stack';
import { DynamoClientRepository } from '../shared/adapters/dynamodb/client-repository';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client';
import { DynamoOfferRepository } from '../shared/adapters/dynamodb/offer-repository';
import { DynamoVaRepository, vaItems } from '../shared/adapters/dynamodb/va-repository';
import { DynamoVaStatsRepository, vaStatsItem } from '../shared/adapters/dynamodb/va-stats-repository';
import { ClientSchema } from '../shared/domain/client';
import { applyStatsEvent, emptyStats } from '../shared/domain/matching/stats-events';
import { CANDIDATE_LIST_LIMIT } from '../shared/domain/routing/policy';
import { TaskSchema } from '../shared/domain/task';
import { VaSchema } from '../shared/domain/va';
import { findCandidates } from '../shared/use-cases/find-candidates';
import { percentile, syntheticPool } from './matching';

const NOW = new Date('2026-11-25T09:00:00Z');

/** Runs `work` on every item, `concurrency` at a time. */
const inParallel = async <T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
};

/**
 * Candidates for one task from a roster of `size` VAs on DynamoDB Local, through the real
 * repositories: how many items the skill index and the statistics cost to read, and how long the
 * whole search (read and rank) takes. Every VA has the task's skill, the worst case for the index.
 */
export const benchCandidateReads = async ({ size = 10_000, rounds = 20 } = {}) => {
  const stack = await startLocalStack({
    ports: { http: 0, smtp: 0, ses: 0, dynamodb: 0, sqs: 0, sfn: 0 },
    prefix: 'va-reads',
  });
  try {
    const db = createDocumentClient();
    const table = stack.env.TABLE_NAME ?? '';
    const deps = {
      vas: new DynamoVaRepository(db, table),
      stats: new DynamoVaStatsRepository(db, table),
      clients: new DynamoClientRepository(db, table),
      offers: new DynamoOfferRepository(db, table),
      runtime: { now: () => NOW },
    };
    await deps.clients.create(
      ClientSchema.parse({
        id: 'cli_reads',
        contactName: 'Karin Sommer',
        emails: ['karin@reads.example'],
        language: 'de',
        plan: { kind: 'hourly', hourlyRateCents: 4500 },
        createdAt: NOW.toISOString(),
      }),
    );
    const pool = syntheticPool(size);
    const seedStart = performance.now();
    // Written in batches as the repositories store them: a transaction per VA would take minutes here.
    const items = pool.flatMap(({ profile, active, openTasks }) => {
      const va = VaSchema.parse({
        ...profile,
        // The synthetic pool gives some VAs their travel skill twice; a roster cannot.
        skills: profile.skills.filter((s, i) => profile.skills.findIndex((t) => t.skill === s.skill) === i),
        email: `${profile.id}@reads.example`,
        language: 'de',
        payoutRateCents: 2500,
        active,
        createdAt: NOW.toISOString(),
      });
      const { profile: item, address, memberships } = vaItems(va);
      // Most VAs have worked before: their statistics are read along with them.
      const stats = applyStatsEvent(emptyStats(va.id), {
        kind: 'offered',
        taskId: `VA-SEED${openTasks}`,
        clientId: 'cli_reads',
        at: NOW.toISOString(),
      });
      return [item, address, ...memberships, vaStatsItem(stats)];
    });
    const batches: (typeof items)[] = [];
    for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
    await inParallel(batches, 8, async (batch) => {
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
      }
    });
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const task = TaskSchema.parse({
      id: 'VA-READS1',
      clientId: 'cli_reads',
      status: 'ROUTING',
      source: 'email',
      title: 'Reise nach Wien planen',
      description: 'Zug und Hotel für zwei Nächte',
      language: 'de',
      priority: 'normal',
      skills: [{ skill: 'travel', confidence: 0.95, minLevel: 2 }],
      deadline: '2026-12-04T17:00:00.000Z',
      effortMinutes: 120,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    // As the workflow's FindCandidates step searches: the best 20 it carries.
    const search = () => findCandidates(task, deps, { limit: CANDIDATE_LIST_LIMIT });
    await search(); // warm-up: connections, JIT
    const times: number[] = [];
    let last = { itemsRead: 0, ranked: 0 };
    for (let r = 0; r < rounds; r++) {
      const start = performance.now();
      const result = await search();
      times.push(performance.now() - start);
      last = { itemsRead: result.itemsRead, ranked: result.ranked.length };
    }
    times.sort((a, b) => a - b);
    return {
      vas: size,
      seedSeconds,
      itemsRead: last.itemsRead,
      ranked: last.ranked,
      medianMs: percentile(times, 50),
      p99Ms: percentile(times, 99),
    };
  } finally {
    await stack.stop();
  }
};
