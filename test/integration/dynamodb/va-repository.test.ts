import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { skillPartition } from '../../../shared/adapters/dynamodb/keys';
import { DynamoVaRepository } from '../../../shared/adapters/dynamodb/va-repository';
import { ConflictError } from '../../../shared/errors';
import { aVa } from '../../support/builders';
import { createTestTable } from '../../support/emulators';

describe('DynamoVaRepository', () => {
  let repo: DynamoVaRepository;
  let table: Awaited<ReturnType<typeof createTestTable>>;

  const membersOf = async (skill: string, language: string) => {
    const out = await table.db.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'PK = :p',
        ExpressionAttributeValues: { ':p': skillPartition(skill, language) },
      }),
    );
    return (out.Items ?? []).map((i) => `${i.SK}`);
  };

  beforeAll(async () => {
    table = await createTestTable();
    repo = new DynamoVaRepository(table.db, table.tableName);
  });

  it('stores a VA and indexes it once per skill and language', async () => {
    const va = aVa({
      id: 'va_ANNA',
      email: 'anna@va.example',
      languages: ['de', 'en'],
      skills: [
        { skill: 'travel', level: 4 },
        { skill: 'events', level: 2 },
      ],
    });
    await repo.create(va);
    expect(await repo.get('va_ANNA')).toEqual(va);
    expect(await membersOf('travel', 'de')).toEqual(['L4#va_ANNA']);
    expect(await membersOf('travel', 'en')).toEqual(['L4#va_ANNA']);
    expect(await membersOf('events', 'de')).toEqual(['L2#va_ANNA']);
  });

  it('creates the same VA twice at once: one item and a ConflictError', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => repo.create(aVa({ id: `va_RACE${i}`, email: 'race@va.example' }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(ConflictError);
    }
    const racers = (await repo.list()).filter((v) => v.id.startsWith('va_RACE'));
    expect(racers).toHaveLength(1);
  });

  it('finds candidates by skill, language and minimum level, best first, reading only that partition', async () => {
    for (const [id, level, languages] of [
      ['va_L5', 5, ['de']],
      ['va_L3', 3, ['de']],
      ['va_L1', 1, ['de']],
      ['va_EN', 5, ['en']],
    ] as const) {
      await repo.create(
        aVa({
          id,
          email: `${id}@va.example`.toLowerCase(),
          languages: [...languages],
          skills: [{ skill: 'bookkeeping', level }],
        }),
      );
    }
    await repo.create(
      aVa({
        id: 'va_OFF',
        email: 'off@va.example',
        active: false,
        skills: [{ skill: 'bookkeeping', level: 5 }],
      }),
    );

    const result = await repo.findBySkill({ skill: 'bookkeeping', language: 'de', minLevel: 3, limit: 50 });
    expect(result.candidates.map((c) => c.id)).toEqual(['va_L5', 'va_L3']);
    expect(result.itemsRead).toBe(2);
    expect(result.candidates[0]).toMatchObject({ timeZone: 'Europe/Berlin', maxOpenTasks: 5 });

    const limited = await repo.findBySkill({ skill: 'bookkeeping', language: 'de', minLevel: 1, limit: 1 });
    expect(limited.candidates.map((c) => c.id)).toEqual(['va_L5']);
    expect(limited.itemsRead).toBe(1);
  });

  it('re-indexes on update and drops inactive VAs from the index', async () => {
    const va = aVa({ id: 'va_MOVE', email: 'move@va.example', skills: [{ skill: 'research', level: 2 }] });
    await repo.create(va);
    const moved = await repo.update({
      ...va,
      skills: [
        { skill: 'research', level: 4 },
        { skill: 'web', level: 3 },
      ],
    });
    expect(moved.version).toBe(1);
    expect(await membersOf('research', 'de')).toEqual(['L4#va_MOVE']);
    expect(await membersOf('web', 'de')).toEqual(['L3#va_MOVE']);

    await repo.update({ ...moved, active: false });
    expect(await membersOf('research', 'de')).toEqual([]);
    expect(await membersOf('web', 'de')).toEqual([]);
  });

  it('refuses a stale update instead of losing the other change', async () => {
    const va = aVa({ id: 'va_STALE', email: 'stale@va.example' });
    await repo.create(va);
    await repo.update({ ...va, name: 'First edit' });
    await expect(repo.update({ ...va, name: 'Second edit from an old read' })).rejects.toThrowError(
      ConflictError,
    );
    expect((await repo.get('va_STALE'))?.name).toBe('First edit');
  });

  it('moves the email address on update and keeps it unique', async () => {
    const a = aVa({ id: 'va_MAILA', email: 'a@mail.example' });
    const b = aVa({ id: 'va_MAILB', email: 'b@mail.example' });
    await repo.create(a);
    await repo.create(b);
    await expect(repo.update({ ...b, email: 'A@mail.example' })).rejects.toThrowError(
      'The address a@mail.example already belongs to a VA',
    );
    const changed = await repo.update({ ...a, email: 'new@mail.example' });
    await repo.update({ ...b, email: 'a@mail.example' });
    expect(changed.email).toBe('new@mail.example');
  });
});
