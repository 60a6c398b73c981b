import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../cli/main';
import { DynamoClientRepository } from '../../../shared/adapters/dynamodb/client-repository';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/document-client';
import { DynamoTaskThread } from '../../../shared/adapters/dynamodb/intake-repository';
import { DynamoOfferRepository } from '../../../shared/adapters/dynamodb/offer-repository';
import { DynamoSettlementStore } from '../../../shared/adapters/dynamodb/settlement-store';
import { DynamoStatementStore } from '../../../shared/adapters/dynamodb/statement-store';
import { DynamoTaskRepository } from '../../../shared/adapters/dynamodb/task-repository';
import { DynamoVaRepository } from '../../../shared/adapters/dynamodb/va-repository';
import {
  berlinDateOf,
  billingPeriodOf,
  nextPeriod,
  previousBillingPeriod,
} from '../../../shared/domain/billing/settlement';
import type { VatReturn } from '../../../shared/domain/billing/vat-return';
import { settleTask } from '../../../shared/use-cases/billing/settle-task';
import type { VatReturnReport } from '../../../shared/use-cases/billing/vat-return';
import { camtStatement } from '../../support/bank';
import { aClient, aTask, aVa } from '../../support/builders';
import { createTestTable } from '../../support/emulators';
import { sentTo } from '../../support/mail';
import { pdfText } from '../../support/pdf';

/** Runs the CLI in-process against this file's table and captures what the operator would see. */
const cli = async (...args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...m: unknown[]) => void out.push(m.join(' ')));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((...m: unknown[]) => void err.push(m.join(' ')));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err.push(String(chunk));
    return true;
  });
  try {
    const code = await runCli(['--target', 'aws', ...args]);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    stderr.mockRestore();
  }
};

describe('operator CLI', () => {
  let vas: DynamoVaRepository;

  beforeAll(async () => {
    const table = await createTestTable();
    process.env.TABLE_NAME = table.tableName;
    vas = new DynamoVaRepository(table.db, table.tableName);
  });
  afterEach(() => vi.restoreAllMocks());

  it('seeds the demo agency once, and a second seed changes nothing', async () => {
    const lastMonth = previousBillingPeriod(new Date());
    expect(await cli('seed', '--demo')).toMatchObject({
      code: 0,
      out: `Seeded 12 VAs and 4 clients (0 were already there).\nBilled 6 finished tasks of ${lastMonth}; its invoices: npm run cli -- statements run --month ${lastMonth}`,
    });
    // Last month's work is billed once, whatever the seed is run: the invoices can be tried at once.
    const dry = await cli('statements', 'run', '--month', lastMonth, '--dry-run');
    expect(dry.out).toMatch(/cli_DEMO01\s+draft, 2 tasks\s+1\d\d,\d\d/);
    expect(dry.out).toMatch(/cli_DEMO03\s+draft, 1 tasks/);
    // The Swiss client's two hours, at 55 EUR and without German VAT.
    expect(dry.out).toMatch(/cli_DEMO04\s+draft, 1 tasks\s+110,00/);
    expect(await cli('seed', '--demo')).toMatchObject({
      code: 0,
      out: 'Seeded 0 VAs and 0 clients (16 were already there).',
    });
    expect((await cli('statements', 'run', '--month', lastMonth, '--dry-run')).out).toEqual(dry.out);
    const list = await cli('va', 'list');
    expect(list.code).toBe(0);
    expect(list.out.split('\n')).toHaveLength(13);
    expect(list.out).toMatch(
      /va_DEMO03\s+Maria Santos\s+data-entry:5,research:4,lead-generation:4\s+en\s+Asia\/Manila\s+-\s+40/,
    );
    expect((await cli('client', 'list')).out).toMatch(
      /cli_DEMO02\s+Kanzlei Weber & Partner .*package 20 h for 900,00/,
    );
  });

  it('adds a VA from flags and shows it', async () => {
    const added = await cli(
      'va',
      'add',
      '--id',
      'va_CLI1',
      '--name',
      'Jana Roth',
      '--email',
      'jana@va.example',
      '--speaks',
      'de,en',
      '--time-zone',
      'Europe/Berlin',
      '--skills',
      'research:4,copywriting:3',
      '--hours',
      'mon-thu 09:00-12:30',
      '--rate',
      '31,50',
    );
    expect(added).toMatchObject({ code: 0, out: 'Added VA va_CLI1 (Jana Roth).' });
    expect(await vas.get('va_CLI1')).toMatchObject({
      languages: ['de', 'en'],
      payoutRateCents: 3150,
      skills: [
        { skill: 'research', level: 4 },
        { skill: 'copywriting', level: 3 },
      ],
    });
    expect(JSON.parse((await cli('va', 'show', 'va_CLI1')).out)).toMatchObject({
      id: 'va_CLI1',
      weeklyAvailability: expect.any(Array),
    });
  });

  it('rejects bad input with exit code 2, names every bad field, and writes nothing', async () => {
    const result = await cli(
      'va',
      'add',
      '--id',
      'va_BAD1',
      '--name',
      'X',
      '--email',
      'not-an-address',
      '--speaks',
      'de',
      '--time-zone',
      'Mars/Olympus',
      '--skills',
      'knitting:7',
      '--hours',
      'mon 09:00-10:00',
      '--rate',
      '20',
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain('Invalid input, nothing was written:');
    expect(result.err).toContain('email: must be an email address');
    expect(result.err).toContain('timeZone: must be an IANA time zone such as "Europe/Berlin"');
    expect(result.err).toContain('skills.0.skill: must be one of');
    expect(result.err).toContain('skills.0.level: must be 1-5');
    expect(await vas.get('va_BAD1')).toBeUndefined();
  });

  it('names the flag a plan needs', async () => {
    const result = await cli(
      'client',
      'add',
      '--name',
      'Y',
      '--email',
      'y@firma.example',
      '--plan',
      'package',
      '--monthly-fee',
      '500',
    );
    expect(result).toMatchObject({ code: 2 });
    expect(result.err).toContain('--included-hours: is required for the package plan');
  });

  it('answers usage mistakes with exit code 2', async () => {
    expect((await cli('va', 'add')).code).toBe(2);
    expect((await cli('no-such-command')).code).toBe(2);
  });

  it('updates a VA and records time off', async () => {
    expect((await cli('va', 'update', 'va_CLI1', '--no-active', '--max-open-tasks', '2')).code).toBe(0);
    const timeOff = await cli(
      'va',
      'time-off',
      'va_CLI1',
      '--from',
      '2026-12-24',
      '--to',
      '2026-12-26',
      '--note',
      'Weihnachten',
    );
    expect(timeOff.out).toBe('Time off of Jana Roth: 2026-12-24..2026-12-26 (Weihnachten)');
    expect(await vas.get('va_CLI1')).toMatchObject({ active: false, maxOpenTasks: 2, version: 2 });
    expect((await cli('va', 'time-off', 'va_CLI1', '--remove', '2026-12-24')).out).toBe(
      'Time off of Jana Roth: none',
    );
  });

  it("keeps the public holidays of a VA's state off, on the profile matching reads", async () => {
    const wrong = await cli('va', 'update', 'va_CLI1', '--holidays', 'Bayern');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('holidays: must be one of DE-BW, DE-BY');
    // Active again, so the skill index holds the VA's profile.
    expect((await cli('va', 'update', 'va_CLI1', '--active', '--holidays', 'de-by')).code).toBe(0);
    expect((await vas.get('va_CLI1'))?.holidays).toBe('DE-BY');
    const members = await vas.findBySkill({ skill: 'research', language: 'de', minLevel: 1, limit: 100 });
    expect(members.candidates.find((c) => c.id === 'va_CLI1')?.holidays).toBe('DE-BY');
    expect((await cli('va', 'update', 'va_CLI1', '--holidays', 'none')).code).toBe(0);
    expect((await vas.get('va_CLI1'))?.holidays).toBeUndefined();
  });

  it('records whether a VA charges VAT, and refuses it without their tax ID', async () => {
    expect(await cli('va', 'update', 'va_CLI1', '--vat', 'standard')).toMatchObject({
      code: 2,
      err: expect.stringContaining('taxId: a VA who charges VAT needs their tax ID'),
    });
    expect((await cli('va', 'update', 'va_CLI1', '--vat', 'standard', '--tax-id', '21/815/08150')).code).toBe(
      0,
    );
    expect(await vas.get('va_CLI1')).toMatchObject({ vatMode: 'standard', taxId: '21/815/08150' });
    expect((await cli('va', 'list')).out).toMatch(/va_CLI1 .*19 %/);
    expect((await cli('va', 'update', 'va_CLI1', '--vat', 'small-business', '--tax-id', 'none')).code).toBe(
      0,
    );
    const after = await vas.get('va_CLI1');
    expect(after?.vatMode).toBe('small-business');
    expect(after?.taxId).toBeUndefined();
  });

  it('reports a missing record with exit code 1', async () => {
    expect(await cli('task', 'show', 'VA-NONE00')).toMatchObject({
      code: 1,
      err: 'No task with id VA-NONE00',
    });
    expect(await cli('va', 'update', 'va_NONE', '--name', 'Z')).toMatchObject({
      code: 1,
      err: 'No VA with id va_NONE',
    });
  });

  it('lists the offers of a task, cancels it, and reroutes an unassigned one', async () => {
    const table = process.env.TABLE_NAME ?? '';
    const db = createDocumentClient();
    const tasks = new DynamoTaskRepository(db, table);
    const offers = new DynamoOfferRepository(db, table);
    // Not a demo address: the mail corpus test counts every mail the shared SES sends the demo clients.
    const clientEmail = `buero-${Date.now()}@cli-kunde.example`;
    await new DynamoClientRepository(db, table).create(aClient({ id: 'cli_CLICAN', emails: [clientEmail] }));
    await tasks.create(
      aTask({ id: 'VA-CLI001', clientId: 'cli_CLICAN', status: 'OFFERED', completionToken: 'secret-token' }),
    );
    await offers.create(
      {
        taskId: 'VA-CLI001',
        vaId: 'va_DEMO04',
        status: 'PENDING',
        rank: 1,
        round: 1,
        tokenHash: 'e'.repeat(64),
        taskToken: 'secret-task-token',
        sentAt: '2026-11-25T09:00:00.000Z',
        expiresAt: '2026-11-25T13:00:00.000Z',
      },
      1_900_000_000,
      1,
    );
    const listed = await cli('offers', 'list', '--task', 'VA-CLI001');
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/1\s+1\s+va_DEMO04\s+PENDING\s+Wednesday, 25 November 2026 at 10:00/);
    await new DynamoTaskThread(db, table).append('VA-CLI001', {
      id: 'msg-cli-1',
      receivedAt: '2026-11-25T09:30:00.000Z',
      from: 'karin@baeckerei-sommer.example',
      subject: 'AW: [VA-CLI001] Briefe an Lieferanten',
      text: 'Bitte auch an die Mühle.',
      s3Key: 'raw/msg-cli-1',
      attachmentKeys: [],
    });
    const shown = await cli('task', 'show', 'VA-CLI001');
    expect(shown.out).toContain('"status": "OFFERED"');
    expect(JSON.parse(shown.out).messages).toMatchObject([{ text: 'Bitte auch an die Mühle.' }]);
    expect(shown.out).not.toContain('secret');

    expect(await cli('task', 'cancel', 'VA-CLI001', '--reason', 'Doppelt geschickt')).toMatchObject({
      code: 0,
      out: 'VA-CLI001 is cancelled.',
    });
    expect((await offers.listByTask('VA-CLI001'))[0]?.status).toBe('WITHDRAWN');
    const toldClient = async () =>
      (await sentTo(clientEmail)).filter((m) => m.subject.includes('[VA-CLI001]'));
    expect((await toldClient()).map((m) => m.body.text)).toEqual([
      expect.stringContaining('Grund: Doppelt geschickt'),
    ]);
    // Again: nothing changes, and whatever a first cancel that stopped halfway left open is closed.
    expect(await cli('task', 'cancel', 'VA-CLI001')).toMatchObject({
      code: 0,
      out: 'VA-CLI001 is cancelled.',
    });
    expect(await toldClient()).toHaveLength(1);
    // Closed tasks are found per client; the status index holds open ones only.
    expect((await cli('task', 'list', '--client', 'cli_CLICAN', '--status', 'CANCELLED')).out).toMatch(
      /VA-CLI001\s+CANCELLED/,
    );
    expect(await cli('task', 'list', '--status', 'CANCELLED')).toMatchObject({
      code: 2,
      err: expect.stringContaining('CANCELLED tasks are listed per client: add --client <clientId>'),
    });

    await tasks.create(aTask({ id: 'VA-CLI002', clientId: 'cli_DEMO01', status: 'UNASSIGNED' }));
    expect(await cli('task', 'reroute', 'VA-CLI002')).toMatchObject({
      code: 0,
      out: 'VA-CLI002 is routing (run 2); offers go out shortly.',
    });
    expect(await tasks.get('VA-CLI002')).toMatchObject({ status: 'ROUTING', routingRun: 2 });
    // Again: its run's workflow is going, so the search starts over, now.
    expect(await cli('task', 'reroute', 'VA-CLI002')).toMatchObject({
      code: 0,
      out: 'VA-CLI002 is routing (run 3); offers go out shortly.',
    });
    expect(await tasks.get('VA-CLI002')).toMatchObject({ status: 'ROUTING', routingRun: 3 });
    expect(await cli('offers', 'list', '--task', 'VA-NONE00')).toMatchObject({ code: 1 });

    // The operator's own choice: a VA who was asked already, or does not exist, is refused.
    await tasks.create(aTask({ id: 'VA-CLI003', clientId: 'cli_CLICAN', status: 'UNASSIGNED' }));
    expect(await cli('task', 'offer', 'VA-CLI003', 'va_NOBODY')).toMatchObject({
      code: 1,
      err: expect.stringContaining('No VA va_NOBODY'),
    });
    expect(await cli('task', 'offer', 'VA-CLI003', 'va_DEMO04')).toMatchObject({
      code: 0,
      out: 'VA-CLI003 is offered to va_DEMO04 alone (run 2); the offer mail goes out shortly.',
    });
    expect(await tasks.get('VA-CLI003')).toMatchObject({
      status: 'ROUTING',
      offerOnlyTo: { vaId: 'va_DEMO04', run: 2 },
    });

    // Details the brief got wrong: Berlin wall time in, UTC stored; a date that does not exist is refused.
    expect(await cli('task', 'update', 'VA-CLI003', '--deadline', '2031-02-30 12:00')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--deadline'),
    });
    expect(await cli('task', 'update', 'VA-CLI003')).toMatchObject({ code: 2 });
    const updated = await cli(
      'task',
      'update',
      'VA-CLI003',
      '--deadline',
      '2031-03-14 12:00',
      '--effort',
      '90',
    );
    expect(updated).toMatchObject({
      code: 0,
      out: expect.stringContaining('VA-CLI003: changed deadline, effortMinutes'),
    });
    expect(await tasks.get('VA-CLI003')).toMatchObject({
      deadline: '2031-03-14T11:00:00.000Z',
      effortMinutes: 90,
    });

    // Waiting for the client, who answered by phone: the operator sets what was missing, then routes.
    await tasks.create(
      aTask({
        id: 'VA-CLI004',
        clientId: 'cli_CLICAN',
        status: 'NEEDS_INFO',
        skills: [],
        missing: ['skills', 'deadline'],
      }),
    );
    expect(await cli('task', 'route', 'VA-CLI004')).toMatchObject({
      code: 2,
      err: expect.stringContaining('task update VA-CLI004 --skills first'),
    });
    expect(await cli('task', 'update', 'VA-CLI004', '--skills', 'events,travel:9')).toMatchObject({
      code: 2,
      err: expect.stringContaining('"travel:9" must be a skill'),
    });
    // A correction the client phoned in: they are not mailed back.
    expect(await cli('task', 'update', 'VA-CLI003', '--priority', 'high', '--no-tell-client')).toMatchObject({
      code: 0,
      out: expect.not.stringContaining('Told:'),
    });
    expect(await cli('task', 'update', 'VA-CLI003', '--priority', 'low')).toMatchObject({
      code: 0,
      out: expect.stringContaining('Told: the client.'),
    });
    const answered = await cli(
      'task',
      'update',
      'VA-CLI004',
      '--skills',
      'events',
      '--deadline',
      '2031-03-14 12:00',
    );
    expect(answered).toMatchObject({ code: 0, out: expect.stringContaining('changed deadline, skills') });
    expect(answered.out).toContain('skills events:1. To route it now: task route VA-CLI004.');
    expect(await tasks.get('VA-CLI004')).toMatchObject({ status: 'NEEDS_INFO', missing: [] });
    expect(await cli('task', 'route', 'VA-CLI004')).toMatchObject({
      code: 0,
      out: 'VA-CLI004 is routing (run 1); offers go out shortly.',
    });
    expect((await tasks.get('VA-CLI004'))?.status).not.toBe('NEEDS_INFO');
    db.destroy();
  });

  it('lists the open tasks that need the operator, most pressing first, with what to do', async () => {
    const tasks = new DynamoTaskRepository(createDocumentClient(), process.env.TABLE_NAME ?? '');
    const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
    const open = { clientId: 'cli_DEMO01', createdAt: ago(100) };
    await tasks.create(aTask({ ...open, id: 'VA-ATT001', status: 'NEEDS_INFO', updatedAt: ago(72) }));
    await tasks.create(aTask({ ...open, id: 'VA-ATT002', status: 'UNASSIGNED', updatedAt: ago(5) }));
    await tasks.create(
      aTask({
        ...open,
        id: 'VA-ATT003',
        status: 'ASSIGNED',
        assignedVaId: 'va_DEMO01',
        updatedAt: ago(50),
        deadline: ago(2),
      }),
    );
    await tasks.create(aTask({ ...open, id: 'VA-ATT004', status: 'NEEDS_INFO', updatedAt: ago(20) }));

    const listed = await cli('task', 'attention', '--json');
    expect(listed.code).toBe(0);
    const mine = (JSON.parse(listed.out) as Array<{ taskId: string; reason: string }>).filter((a) =>
      a.taskId.startsWith('VA-ATT'),
    );
    expect(mine).toEqual([
      expect.objectContaining({ taskId: 'VA-ATT002', reason: 'unassigned' }),
      expect.objectContaining({ taskId: 'VA-ATT003', reason: 'overdue' }),
      expect.objectContaining({ taskId: 'VA-ATT001', reason: 'waiting-for-client' }),
    ]);
    const table = (await cli('task', 'attention')).out;
    expect(table).toMatch(/VA-ATT002\s+nobody took it\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+cli_DEMO01/);
    expect(table).toContain(
      'task explain VA-ATT002, then task offer VA-ATT002 <vaId> or task reroute VA-ATT002',
    );
    expect(table).not.toContain('VA-ATT004');
  });

  it("runs the month's statements: a dry run shows, the real run numbers and mails, a re-run sends nothing", async () => {
    const table = process.env.TABLE_NAME ?? '';
    const db = createDocumentClient();
    const tasks = new DynamoTaskRepository(db, table);
    const clients = new DynamoClientRepository(db, table);
    const email = `rc-${Date.now()}@wien.example`;
    await clients.create(
      aClient({
        id: 'cli_CLIRC',
        company: 'Wiener Büro GmbH',
        emails: [email],
        vatMode: 'reverse-charge',
        vatId: 'ATU12345678',
      }),
    );
    await vas.create(aVa({ id: 'va_CLIRC', email: `va-${email}` }));
    await tasks.create(
      aTask({
        id: 'VA-CLIRC1',
        clientId: 'cli_CLIRC',
        status: 'COMPLETED',
        assignedVaId: 'va_CLIRC',
        workedMinutes: 60,
        completedAt: '2026-11-05T10:00:00.000Z',
      }),
    );
    await settleTask('VA-CLIRC1', {
      tasks,
      clients,
      vas,
      settlements: new DynamoSettlementStore(db, table),
      runtime: { now: () => new Date() },
      config: {},
    });
    const dry = await cli('statements', 'run', '--month', '2026-11', '--account', 'cli_CLIRC', '--dry-run');
    expect(dry).toMatchObject({ code: 0, out: expect.stringMatching(/cli_CLIRC\s+draft, 1 tasks\s+45,00/) });
    const run = await cli('statements', 'run', '--month', '2026-11', '--account', 'cli_CLIRC');
    expect(run.out).toMatch(/cli_CLIRC\s+sent\s+RE-\d{4}-\d{6}\s+45,00/);
    expect((await cli('statements', 'run', '--month', '2026-11', '--account', 'cli_CLIRC')).out).toContain(
      'sent before',
    );
    const mails = (await sentTo(email)).filter((m) => m.subject.startsWith('Ihre Rechnung'));
    expect(mails).toHaveLength(1);
    const pdf = mails[0]?.attachments?.find((a) => a.filename.endsWith('.pdf'))?.content ?? '';
    const text = pdfText(pdf, { layout: false });
    expect(text).toContain('Reverse Charge');
    expect(text).toContain('ATU12345678');
    expect(await cli('statements', 'run', '--month', '2026-13')).toMatchObject({ code: 2 });
    // This month is not over: it can be previewed, not sent.
    const thisMonth = billingPeriodOf(new Date().toISOString());
    expect(await cli('statements', 'run', '--month', thisMonth, '--account', 'cli_CLIRC')).toMatchObject({
      code: 2,
      err: expect.stringContaining(`${thisMonth} is not over yet`),
    });
    expect(await new DynamoStatementStore(db, table).get('cli_CLIRC', thisMonth)).toBeUndefined();
    expect(
      (await cli('statements', 'run', '--month', thisMonth, '--account', 'cli_CLIRC', '--dry-run')).code,
    ).toBe(0);
    db.destroy();
  });

  it("gives the VAT return's figures and the EC sales list of a month or quarter from its invoices", async () => {
    const number = (
      JSON.parse((await cli('invoice', 'list', '--client', 'cli_CLIRC', '--json')).out) as Array<{
        number: string;
      }>
    )[0]?.number;
    const json = await cli('vat', 'return', '--period', '2026-Q4', '--json');
    expect(json.code).toBe(0);
    const figures = JSON.parse(json.out) as VatReturn;
    expect(figures.months).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(figures.reverseCharge.invoices).toContain(number);
    // The Austrian client's 45 EUR, under its VAT number without the country.
    expect(figures.ecSalesList).toContainEqual({
      countryCode: 'AT',
      vatNumber: 'U12345678',
      netCents: 4500,
      invoices: [number],
    });
    const table = await cli('vat', 'return', '--period', '2026-11');
    expect(table.out).toMatch(/^21\s+EU businesses, reverse charge \(§ 18b UStG\)\s+\S+\s€\s+\d+\s+RE-/m);
    expect(table.out).toMatch(/^AT\s+U12345678\s+45,00\s€\s+45\s+RE-/m);
    // The demo's Swiss client billed last month but was not invoiced: the figures say they lack it.
    const lastMonth = previousBillingPeriod(new Date());
    const pending = JSON.parse(
      (await cli('vat', 'return', '--period', lastMonth, '--json')).out,
    ) as VatReturnReport;
    expect(pending.notInvoiced).toContainEqual({
      clientId: 'cli_DEMO04',
      month: lastMonth,
      why: 'billed work',
    });
    expect(pending.notInvoiced.map((n) => n.clientId)).not.toContain('cli_CLIRC');
    expect((await cli('vat', 'return', '--period', lastMonth)).out).toMatch(
      /Not invoiced yet[^\n]*\n[\s\S]*cli_DEMO04\s+\d{4}-\d\d\s+billed work/,
    );
    expect(await cli('vat', 'return', '--period', '2026-Q5')).toMatchObject({
      code: 2,
      err: expect.stringContaining('must be a month (2026-11) or a quarter (2026-Q4)'),
    });
  });

  it('records what the bank booked on an invoice once, shows what is open, and refuses a reminder before it is due', async () => {
    const listed = await cli('invoice', 'list', '--client', 'cli_CLIRC', '--json');
    const [invoice] = JSON.parse(listed.out) as Array<{ number: string; grossCents: number }>;
    const number = invoice?.number ?? '';
    expect(number).toMatch(/^RE-\d{4}-\d{6}$/);
    expect((await cli('invoice', 'list', '--open')).out).toMatch(
      new RegExp(`${number}\\s+Wiener Büro GmbH \\(cli_CLIRC\\).*45,00\\s€\\s+45,00\\s€\\s+open`),
    );

    const pay = ['invoice', 'pay', number.toLowerCase(), '--amount', '20,00', '--ref', 'SEPA 1'];
    expect(await cli(...pay)).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^Recorded: 20,00\s€ on RE-.*Open: 25,00\s€ of 45,00\s€, part paid\./),
    });
    expect((await cli(...pay)).out).toContain('Already recorded (same day, amount and reference');
    expect(await cli('invoice', 'pay', number, '--amount', '25,01')).toMatchObject({
      code: 2,
      err: expect.stringContaining('more than is open'),
    });
    expect(await cli('invoice', 'pay', number, '--amount', '5', '--on', '2026-02-30')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--on'),
    });
    expect(await cli('invoice', 'pay', 'RE-2099-000001', '--amount', '5')).toMatchObject({ code: 1 });
    expect(await cli('invoice', 'remind', number)).toMatchObject({
      code: 1,
      err: expect.stringContaining('is not due before'),
    });
    // The automatic reminders' rules, run by hand: a dry run says who would be reminded and why not.
    const plan = await cli('invoice', 'remind-due', '--after', '7', '--dry-run', '--json');
    const rows = JSON.parse(plan.out) as Array<{ invoice: string; result: string }>;
    expect(rows.find((r) => r.invoice === number)?.result).toMatch(
      new RegExp(`^not now: ${number} is not due before \\d{4}-\\d{2}-\\d{2}$`),
    );
    expect(rows.every((r) => r.result === 'would remind' || r.result.startsWith('not now: '))).toBe(true);
    expect(await cli('invoice', 'remind-due', '--after', '0')).toMatchObject({
      code: 2,
      err: expect.stringContaining('must be 1 or more days'),
    });
    expect(
      (await cli('invoice', 'pay', number, '--amount', '20,00', '--ref', 'SEPA 1', '--reverse')).out,
    ).toMatch(/Open: 45,00\s€ of 45,00\s€, open\./);
  });

  it('books the payments of a bank statement file once, after a dry run, and refuses another account', async () => {
    const [invoice] = JSON.parse(
      (await cli('invoice', 'list', '--client', 'cli_CLIRC', '--json')).out,
    ) as Array<{
      number: string;
    }>;
    const number = invoice?.number ?? '';
    const on = berlinDateOf(new Date().toISOString());
    const dir = mkdtempSync(join(tmpdir(), 'va-router-camt-'));
    const file = (name: string, iban: string) => {
      const path = join(dir, name);
      writeFileSync(
        path,
        camtStatement(iban, [
          {
            cents: 4_500,
            purpose: `Rechnung ${number} Wiener Büro`,
            ref: 'CLI-1',
            from: 'Wiener Büro GmbH',
            on,
          },
          { cents: -5_000, purpose: 'Porto', ref: 'CLI-2', on },
          { cents: 1_234, purpose: 'Spende', ref: 'CLI-3', on },
        ]),
      );
      return path;
    };
    const ours = file('ours.xml', process.env.SELLER_IBAN ?? '');
    const dry = await cli('invoice', 'import', ours, '--dry-run');
    expect(dry.out).toMatch(
      new RegExp(`${on}\\s+45,00\\s€\\s+Wiener Büro GmbH\\s+Rechnung ${number}.*booked on ${number}`),
    );
    expect(dry.out).toMatch(/for you: the purpose names no invoice/);
    expect(dry.out).not.toContain('Porto');
    expect(dry.out).toContain(`npm run cli -- invoice pay <number> --amount 12,34 --on ${on} --ref "CLI-3"`);
    expect(dry.out).toContain(
      'Would book 1 payment(s), 45,00\u00a0€. 0 booked before, 1 for you to look at,',
    );
    expect((await cli('invoice', 'list', '--open', '--client', 'cli_CLIRC')).out).toContain(number);

    expect((await cli('invoice', 'import', ours)).out).toContain('Booked 1 payment(s), 45,00\u00a0€.');
    expect((await cli('invoice', 'import', ours, '--all')).out).toMatch(
      /Porto\s+left alone: money out[\s\S]*Booked 0 payment\(s\), 0,00\s€\. 1 booked before/,
    );
    expect((await cli('invoice', 'list', '--open', '--client', 'cli_CLIRC')).out).not.toContain(number);

    const theirs = file('theirs.xml', 'DE89 3704 0044 0532 0130 00');
    expect(await cli('invoice', 'import', theirs)).toMatchObject({
      code: 2,
      err: expect.stringContaining('This is the statement of DE89 3704 0044 0532 0130 00'),
    });
    expect(await cli('invoice', 'import', join(dir, 'missing.xml'))).toMatchObject({ code: 1 });
    // Paid back to open, for the tests after this one.
    await cli('invoice', 'pay', number, '--amount', '45,00', '--on', on, '--ref', 'CLI-1', '--reverse');
  });

  it("writes the SEPA file that pays a month's VAs, once their IBAN is on file", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'va-router-sepa-'));
    const out = join(dir, 'payouts.xml');
    const before = await cli('payout', 'sepa', '--month', '2026-11', '--on', '2026-12-07', '--out', out);
    expect(before.out).toMatch(
      /Left out: .* \(va_CLIRC\), 25,00\s€: no IBAN on file: va update va_CLIRC --iban/,
    );
    expect(await cli('va', 'update', 'va_CLIRC', '--iban', 'DE89 3704 0044 0532 0130 01')).toMatchObject({
      code: 2,
      err: expect.stringContaining('payoutIban: is no valid IBAN'),
    });
    expect((await cli('va', 'update', 'va_CLIRC', '--iban', 'de89 3704 0044 0532 0130 00')).code).toBe(0);
    const written = await cli('payout', 'sepa', '--month', '2026-11', '--on', '2026-12-07', '--out', out);
    expect(written.out).toMatch(
      /\(va_CLIRC\)\s+DE89 3704 0044 0532 0130 00\s+25,00\s€\s+VAP-202611-va-CLIRC/,
    );
    // The demo VAs seeded above may be owed this month too, when it is last month.
    expect(written.out).toContain(`Wrote ${out}: `);
    expect(written.out).toMatch(/transfer\(s\), [\d.]+,\d\d\s€, to be executed on 2026-12-07\./);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toContain('<EndToEndId>VAP-202611-va-CLIRC</EndToEndId>');
    expect(xml).toContain('<InstdAmt Ccy="EUR">25.00</InstdAmt>');
    // Writing the file books nothing: the payout is still open.
    expect((await cli('payout', 'list', '--month', '2026-11')).out).toMatch(
      /\(va_CLIRC\)\s+25,00\s€\s+0,00\s€\s+25,00\s€/,
    );
  });

  it("records a transfer of a VA's payout once, and shows what each month still owes", async () => {
    const listed = await cli('payout', 'list', '--month', '2026-11');
    expect(listed.out).toMatch(/\(va_CLIRC\)\s+25,00\s€\s+0,00\s€\s+25,00\s€/);
    const pay = ['payout', 'pay', 'va_CLIRC', '--month', '2026-11', '--ref', 'Auszahlung 11'];
    expect((await cli(...pay)).out).toMatch(
      /^Recorded: 25,00\s€ to .* for 2026-11, .*Open: 0,00\s€ of 25,00\s€\./,
    );
    expect((await cli(...pay)).out).toMatch(/^Already recorded/);
    expect(await cli('payout', 'pay', 'va_CLIRC', '--month', '2026-11', '--reverse')).toMatchObject({
      code: 2,
      err: expect.stringContaining('is required with --reverse'),
    });
    expect(await cli('payout', 'list', '--month', '2026-13')).toMatchObject({ code: 2 });
  });

  it('exports everything stored about a client as JSON, without tokens', async () => {
    expect(await cli('client', 'form-link', 'cli_CLIRC')).toMatchObject({ code: 0 });
    const out = join(mkdtempSync(join(tmpdir(), 'va-export-')), 'export.json');
    expect(await cli('client', 'export', 'cli_CLIRC', '--out', out)).toMatchObject({
      code: 0,
      out: `Wrote the export of cli_CLIRC to ${out}.`,
    });
    const text = readFileSync(out, 'utf8');
    const data = JSON.parse(text);
    expect(data).toMatchObject({
      format: 'va-router client export 1',
      client: { id: 'cli_CLIRC', company: 'Wiener Büro GmbH', vatId: 'ATU12345678' },
      tasks: [
        { task: { id: 'VA-CLIRC1', status: 'BILLED' }, settlement: { billedMinutes: 60, netCents: 4500 } },
      ],
      statements: [
        { period: '2026-11', status: 'sent', invoice: { buyer: { company: 'Wiener Büro GmbH' } } },
      ],
    });
    expect(data.files).toEqual([
      expect.stringMatching(/^statements\/2026-11\/cli_CLIRC\/RE-\d{4}-\d{6}\.csv$/),
      expect.stringMatching(/\.pdf$/),
    ]);
    expect(text).not.toMatch(/formTokenHash|completionToken|taskToken/);
    expect(await cli('client', 'export', 'cli_NOBODY')).toMatchObject({ code: 1 });
  });
  it('corrects a billed task with a credit note, names bad input, and refuses an open task', async () => {
    // November is invoiced (the statements test above), so the correction lands in this month.
    const adjust = await cli('task', 'adjust', 'VA-CLIRC1', '--minutes', '30', '--reason', 'Doppelt erfasst');
    expect(adjust.code).toBe(0);
    expect(adjust.out).toMatch(
      /^VA-CLIRC1: correction 1, posted in \d{4}-\d{2}: the \d{4}-\d{2} statement corrects RE-\d{4}-\d{6}\./,
    );
    expect(adjust.out).toMatch(/billed minutes\s+60\s+30/);
    expect(adjust.out).toMatch(/net\s+45,00\s€\s+22,50\s€/);
    expect(
      await cli('task', 'adjust', 'VA-CLIRC1', '--minutes', '30', '--reason', 'Doppelt erfasst'),
    ).toMatchObject({
      code: 0,
      out: 'VA-CLIRC1 is already billed for 30 minutes worked; nothing posted.',
    });
    const shown = JSON.parse((await cli('task', 'show', 'VA-CLIRC1')).out);
    expect(shown).toMatchObject({
      settlement: { billedMinutes: 60 },
      adjustments: [{ seq: 1, reason: 'Doppelt erfasst', replacement: { billedMinutes: 30 } }],
    });
    const out = join(mkdtempSync(join(tmpdir(), 'va-export-')), 'export.json');
    await cli('client', 'export', 'cli_CLIRC', '--out', out);
    expect(JSON.parse(readFileSync(out, 'utf8')).tasks[0]).toMatchObject({
      settlement: { billedMinutes: 60 },
      adjustments: [{ seq: 1, delta: { billedMinutes: -30 } }],
    });
    const bad = await cli('task', 'adjust', 'VA-CLIRC1', '--minutes', '0', '--reason', 'x');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/workedMinutes/);
    expect(bad.err).toMatch(/reason/);
    expect(await cli('task', 'adjust', 'VA-CLIRC1', '--minutes', 'viel', '--reason', 'Grund')).toMatchObject({
      code: 2,
    });
    expect(await cli('task', 'adjust', 'VA-NOPE00', '--minutes', '30', '--reason', 'Grund')).toMatchObject({
      code: 1,
    });
  });
  it("changes a client's details and addresses, refusing what would take another client's address", async () => {
    expect(
      await cli(
        'client',
        'update',
        'cli_DEMO01',
        '--add-email',
        'buero@baeckerei-sommer.example',
        '--remove-email',
        'Karin@Baeckerei-Sommer.example',
        '--city',
        'Freiburg',
      ),
    ).toMatchObject({ code: 0, out: 'Updated client cli_DEMO01 (version 1).' });
    const clients = new DynamoClientRepository(createDocumentClient(), process.env.TABLE_NAME ?? '');
    expect(await clients.findBySender('buero@baeckerei-sommer.example')).toMatchObject({
      id: 'cli_DEMO01',
      emails: ['buero@baeckerei-sommer.example'],
      address: { street: 'Hauptstraße 12', city: 'Freiburg', country: 'DE' },
    });
    expect(await clients.findBySender('karin@baeckerei-sommer.example')).toBeUndefined();

    const taken = await cli('client', 'update', 'cli_DEMO01', '--add-email', 't.weber@kanzlei-weber.example');
    expect(taken).toMatchObject({ code: 1, err: expect.stringContaining('already belongs to a client') });
    expect(await cli('client', 'update', 'cli_DEMO01')).toMatchObject({
      code: 2,
      err: expect.stringContaining('options: none given'),
    });
    expect((await clients.get('cli_DEMO01'))?.version).toBe(1);
  });

  it('changes a plan from the first of a coming month only, and withdraws it again', async () => {
    const thisMonth = billingPeriodOf(new Date().toISOString());
    const next = nextPeriod(thisMonth);
    const scheduled = await cli(
      'client',
      'plan',
      'cli_DEMO01',
      '--plan',
      'package',
      '--monthly-fee',
      '400',
      '--included-hours',
      '10',
      '--overage-rate',
      '42',
    );
    expect(scheduled).toMatchObject({
      code: 0,
      out: `cli_DEMO01: hourly 45,00\u00a0€/h; from ${next} package 10 h for 400,00\u00a0€`,
    });
    expect((await cli('client', 'list')).out).toContain(`from ${next} package 10 h`);
    const now = await cli(
      'client',
      'plan',
      'cli_DEMO01',
      '--plan',
      'fixed',
      '--price',
      '80',
      '--from',
      thisMonth,
    );
    expect(now).toMatchObject({ code: 2, err: expect.stringContaining(`from: must be ${next} or later`) });
    expect(await cli('client', 'plan', 'cli_DEMO01', '--cancel')).toMatchObject({
      code: 0,
      out: 'cli_DEMO01: hourly 45,00\u00a0€/h',
    });
  });

  it('erases a client only when nothing is open or uninvoiced, after showing what it would do', async () => {
    // The correction above is posted in this month, which is not invoiced yet.
    const refused = await cli('client', 'erase', 'cli_CLIRC', '--yes');
    expect(refused).toMatchObject({ code: 1, err: expect.stringMatching(/billed but not yet invoiced/) });
    await cli(
      'client',
      'add',
      '--id',
      'cli_GONE',
      '--name',
      'Greta Gone',
      '--email',
      'greta@gone.example',
      '--plan',
      'hourly',
      '--rate',
      '40',
    );
    const plan = await cli('client', 'erase', 'cli_GONE');
    expect(plan.out).toContain('Would erase cli_GONE: 0 tasks made anonymous');
    expect(plan.out).toContain('Run again with --yes to erase.');
    expect((await cli('client', 'erase', 'cli_GONE', '--yes')).out).toMatch(/^Erased cli_GONE/);
    expect(JSON.parse((await cli('client', 'show', 'cli_GONE')).out)).toMatchObject({
      contactName: '[gelöscht / erased]',
      emails: ['erased-cli_gone@erased.invalid'],
    });
    expect((await cli('client', 'erase', 'cli_GONE', '--yes')).out).toBe(
      'cli_GONE was erased before; nothing left to do.',
    );
    expect(await cli('client', 'update', 'cli_GONE', '--name', 'Greta')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^Client cli_GONE was erased on /),
    });
  });
});
