import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoClientRepository } from '../../../shared/adapters/dynamodb/client-repository';
import { clientKey } from '../../../shared/adapters/dynamodb/keys';
import { ConflictError } from '../../../shared/errors';
import { aClient } from '../../support/builders';
import { createTestTable } from '../../support/emulators';

describe('DynamoClientRepository', () => {
  let repo: DynamoClientRepository;
  let table: Awaited<ReturnType<typeof createTestTable>>;

  beforeAll(async () => {
    table = await createTestTable();
    repo = new DynamoClientRepository(table.db, table.tableName);
  });

  it('stores a client and finds it by any sender address, case-insensitively and with plus-addressing', async () => {
    const client = aClient({
      id: 'cli_FIND',
      emails: ['Karin@Baeckerei.example', 'buero@baeckerei.example'],
    });
    await repo.create(client);
    expect(await repo.get('cli_FIND')).toEqual(client);
    expect((await repo.findBySender('karin+auftrag@BAECKEREI.example'))?.id).toBe('cli_FIND');
    expect((await repo.findBySender('buero@baeckerei.example'))?.id).toBe('cli_FIND');
    expect(await repo.findBySender('fremd@baeckerei.example')).toBeUndefined();
  });

  it('creates the same client twice at once: exactly one item, the other a clear ConflictError', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        repo.create(aClient({ id: `cli_RACE${i}`, emails: ['race@kunde.example'] })),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(7);
    for (const r of lost) {
      expect(r.reason).toBeInstanceOf(ConflictError);
      expect(r.reason.message).toBe('The address race@kunde.example already belongs to a client');
    }
    // The losers left nothing behind: no half-written client profiles.
    const winner = await repo.findBySender('race@kunde.example');
    const profiles = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        table.db.send(new GetCommand({ TableName: table.tableName, Key: clientKey(`cli_RACE${i}`) })),
      ),
    );
    expect(profiles.filter((p) => p.Item).map((p) => p.Item?.id)).toEqual([winner?.id]);
  });

  it('rejects a second client with the same id', async () => {
    await repo.create(aClient({ id: 'cli_SAME', emails: ['a@same.example'] }));
    await expect(repo.create(aClient({ id: 'cli_SAME', emails: ['b@same.example'] }))).rejects.toThrowError(
      new ConflictError('Client cli_SAME already exists'),
    );
    expect(await repo.findBySender('b@same.example')).toBeUndefined();
  });

  it('moves the sender addresses with an update: the new one finds the client, the old one no one', async () => {
    const client = aClient({ id: 'cli_MOVE', emails: ['alt@umzug.example', 'bleibt@umzug.example'] });
    await repo.create(client);
    const updated = await repo.update({ ...client, emails: ['bleibt@umzug.example', 'neu@umzug.example'] });
    expect(updated.version).toBe(client.version + 1);
    expect(await repo.get('cli_MOVE')).toEqual(updated);
    expect((await repo.findBySender('neu@umzug.example'))?.id).toBe('cli_MOVE');
    expect((await repo.findBySender('bleibt@umzug.example'))?.id).toBe('cli_MOVE');
    expect(await repo.findBySender('alt@umzug.example')).toBeUndefined();
  });

  it("refuses another client's address, and an update from a stale read, writing nothing", async () => {
    const client = aClient({ id: 'cli_TAKE', emails: ['mein@take.example'] });
    await repo.create(client);
    await expect(
      repo.update({ ...client, emails: ['mein@take.example', 'buero@baeckerei.example'] }),
    ).rejects.toThrowError(
      new ConflictError('The address buero@baeckerei.example already belongs to a client'),
    );
    expect((await repo.findBySender('buero@baeckerei.example'))?.id).toBe('cli_FIND');
    expect(await repo.get('cli_TAKE')).toEqual(client);

    await repo.update({ ...client, contactName: 'Erste Änderung' });
    await expect(repo.update({ ...client, contactName: 'Zweite, vom alten Stand' })).rejects.toThrowError(
      new ConflictError('Client cli_TAKE was changed by someone else; read it again and retry'),
    );
    expect((await repo.get('cli_TAKE'))?.contactName).toBe('Erste Änderung');
  });

  it('a new form link makes an edit from the client as read before fail, so the edit cannot bring the old link back', async () => {
    const client = aClient({ id: 'cli_LINK', emails: ['link@kunde.example'] });
    await repo.create(client);
    await repo.setFormToken('cli_LINK', 'a'.repeat(64));
    await expect(repo.update({ ...client, company: 'Neu GmbH' })).rejects.toBeInstanceOf(ConflictError);
    expect((await repo.findByFormToken('a'.repeat(64)))?.id).toBe('cli_LINK');
  });

  it('lists clients without a scan', async () => {
    const ids = (await repo.list()).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['cli_FIND', 'cli_SAME']));
  });
});
