import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { planIn } from '../../shared/domain/billing/plan-schedule';
import { billingPeriodOf } from '../../shared/domain/billing/settlement';
import type { Client, Plan } from '../../shared/domain/client';
import { normalizeEmailAddress } from '../../shared/domain/email-address';
import { formatCents } from '../../shared/domain/money';
import { NotFoundError, ValidationError } from '../../shared/errors';
import { eraseClient } from '../../shared/use-cases/privacy/erase-client';
import { exportClient } from '../../shared/use-cases/privacy/export-client';
import {
  addClient,
  cancelPlannedChanges,
  issueFormLink,
  schedulePlan,
  updateClient,
} from '../../shared/use-cases/roster';
import { type CliContext, TargetError } from '../context';
import { parseEuros, parseInteger, parseList } from '../option-parsers';
import { formatJson, formatTable } from '../output';

type Run = (action: (ctx: CliContext) => Promise<void>) => Promise<void>;

interface ClientOptions {
  id?: string;
  name?: string;
  company?: string;
  email?: string;
  language?: string;
  timeZone?: string;
  plan?: string;
  rate?: string;
  price?: string;
  monthlyFee?: string;
  includedHours?: string;
  overageRate?: string;
  rollover?: boolean;
  increment?: string;
  minimum?: string;
  vat?: string;
  vatId?: string;
  street?: string;
  postalCode?: string;
  city?: string;
  country?: string;
}

const required = (option: string, value: string | undefined, why: string): string => {
  if (value === undefined)
    throw new ValidationError(`${option} is required ${why}`, [
      { path: option, message: `is required ${why}` },
    ]);
  return value;
};

/** Builds the plan from flags, naming the flag that is missing for the chosen plan. */
const planFrom = (o: ClientOptions): Plan => {
  switch (o.plan) {
    case 'hourly':
      return {
        kind: 'hourly',
        hourlyRateCents: parseEuros('--rate', required('--rate', o.rate, 'for the hourly plan')),
      };
    case 'fixed':
      return {
        kind: 'fixed',
        pricePerTaskCents: parseEuros('--price', required('--price', o.price, 'for the fixed plan')),
        pricesBySkillCents: {},
      };
    case 'package':
      return {
        kind: 'package',
        monthlyFeeCents: parseEuros(
          '--monthly-fee',
          required('--monthly-fee', o.monthlyFee, 'for the package plan'),
        ),
        includedMinutes:
          60 *
          parseInteger(
            '--included-hours',
            required('--included-hours', o.includedHours, 'for the package plan'),
          ),
        overageRateCents: parseEuros(
          '--overage-rate',
          required('--overage-rate', o.overageRate, 'for the package plan'),
        ),
        rollover: o.rollover ?? false,
      };
    default:
      throw new ValidationError('--plan must be hourly, fixed or package', [
        { path: '--plan', message: 'must be hourly, fixed or package' },
      ]);
  }
};

const planSummary = (plan: Plan) => {
  switch (plan.kind) {
    case 'hourly':
      return `hourly ${formatCents(plan.hourlyRateCents)}/h`;
    case 'fixed':
      return `fixed ${formatCents(plan.pricePerTaskCents)}/task`;
    case 'package':
      return `package ${plan.includedMinutes / 60} h for ${formatCents(plan.monthlyFeeCents)}`;
  }
};

const withPlanOptions = (command: Command) =>
  command
    .option('--rate <euros>', 'hourly plan: rate per hour')
    .option('--price <euros>', 'fixed plan: price per task')
    .option('--monthly-fee <euros>', 'package plan: monthly fee')
    .option('--included-hours <hours>', 'package plan: hours included per month')
    .option('--overage-rate <euros>', 'package plan: rate per hour beyond the package')
    .option('--rollover', 'package plan: unused hours move to the next month');

/** The plan in force and those to come: "hourly 45,00 €/h; from 2027-01 package 10 h for 400,00 €". */
const planOutlook = (client: Pick<Client, 'plan' | 'planChanges'>, now = new Date()) => {
  const period = billingPeriodOf(now.toISOString());
  const coming = client.planChanges.filter((c) => c.from > period);
  return [
    planSummary(planIn(client, period)),
    ...coming.map((c) => `from ${c.from} ${planSummary(c.plan)}`),
  ].join('; ');
};

interface ClientUpdateOptions extends Omit<ClientOptions, 'plan' | 'id'> {
  addEmail?: string;
  removeEmail?: string;
  preferred?: string;
}

/** Only what was given, as client fields; addresses and the postal address merge with what is stored. */
const clientChanges = (current: Client, o: ClientUpdateOptions): Record<string, unknown> => {
  let emails = o.email === undefined ? current.emails : parseList(o.email);
  if (o.addEmail) emails = [...emails, o.addEmail.trim()];
  if (o.removeEmail) {
    const gone = normalizeEmailAddress(o.removeEmail);
    emails = emails.filter((e) => normalizeEmailAddress(e) !== gone);
  }
  const addressGiven = [o.street, o.postalCode, o.city, o.country].some((v) => v !== undefined);
  const changes: Record<string, unknown> = {
    contactName: o.name,
    company: o.company,
    emails: o.email !== undefined || o.addEmail || o.removeEmail ? emails : undefined,
    language: o.language,
    timeZone: o.timeZone,
    billingIncrementMinutes: o.increment === undefined ? undefined : parseInteger('--increment', o.increment),
    minimumMinutesPerTask: o.minimum === undefined ? undefined : parseInteger('--minimum', o.minimum),
    vatMode: o.vat,
    vatId: o.vatId,
    preferredVaIds: o.preferred === undefined ? undefined : parseList(o.preferred),
    address: addressGiven
      ? {
          ...current.address,
          ...Object.fromEntries(
            Object.entries({
              street: o.street,
              postalCode: o.postalCode,
              city: o.city,
              country: o.country,
            }).filter(([, v]) => v !== undefined),
          ),
        }
      : undefined,
  };
  const given = Object.entries(changes).filter(([, v]) => v !== undefined);
  if (given.length === 0)
    throw new ValidationError('Nothing to change: give at least one option', [
      { path: 'options', message: 'none given' },
    ]);
  return Object.fromEntries(given);
};

export const registerClientCommands = (program: Command, run: Run) => {
  const client = program
    .command('client')
    .description('Clients: who may send tasks, and how they are billed');

  withPlanOptions(
    client
      .command('add')
      .description('Add a client')
      .requiredOption('--name <name>', 'contact person')
      .requiredOption('--email <addresses>', 'sender addresses, comma-separated; the first receives invoices')
      .requiredOption('--plan <plan>', 'hourly | fixed | package')
      .option('--id <id>', 'choose the id instead of generating one')
      .option('--company <company>')
      .option('--language <de|en>', 'language of all mail to this client', 'de')
      .option('--time-zone <tz>', 'IANA time zone', 'Europe/Berlin')
      .option('--increment <minutes>', 'time is billed in steps of this many minutes', '15')
      .option('--minimum <minutes>', 'minimum billed minutes per task', '0')
      .option(
        '--vat <mode>',
        'standard | reverse-charge (EU) | third-country (outside the EU) | small-business',
        'standard',
      )
      .option('--vat-id <id>', 'VAT ID (needed for reverse charge)')
      .option('--street <street>')
      .option('--postal-code <code>')
      .option('--city <city>')
      .option('--country <code>', 'two-letter country code', 'DE'),
  ).action((o: ClientOptions) =>
    run(async (ctx) => {
      const address =
        o.street || o.postalCode || o.city
          ? { street: o.street, postalCode: o.postalCode, city: o.city, country: o.country }
          : undefined;
      const created = await addClient(
        {
          id: o.id,
          contactName: o.name,
          company: o.company,
          emails: parseList(o.email ?? ''),
          language: o.language,
          timeZone: o.timeZone,
          plan: planFrom(o),
          billingIncrementMinutes: parseInteger('--increment', o.increment ?? '15'),
          minimumMinutesPerTask: parseInteger('--minimum', o.minimum ?? '0'),
          vatMode: o.vat,
          vatId: o.vatId,
          address,
        },
        ctx,
      );
      console.log(`Added client ${created.id} (${created.company ?? created.contactName}).`);
    }),
  );

  client
    .command('update <clientId>')
    .description(
      "Change a client's details; only the given fields change. Sender addresses move with them, " +
        'at once; the plan changes with `client plan`',
    )
    .option('--name <name>', 'contact person')
    .option('--company <company>')
    .option('--email <addresses>', 'all sender addresses, comma-separated; the first receives invoices')
    .option('--add-email <address>', 'one more sender address')
    .option('--remove-email <address>', 'an address that no longer sends tasks')
    .option('--language <de|en>')
    .option('--time-zone <tz>')
    .option('--increment <minutes>')
    .option('--minimum <minutes>')
    .option(
      '--vat <mode>',
      'standard | reverse-charge (EU) | third-country (outside the EU) | small-business',
    )
    .option('--vat-id <id>')
    .option('--preferred <vaIds>', 'VAs this client prefers, comma-separated ("" for none)')
    .option('--street <street>')
    .option('--postal-code <code>')
    .option('--city <city>')
    .option('--country <code>')
    .action((clientId: string, o: ClientUpdateOptions) =>
      run(async (ctx) => {
        const updated = await updateClient(clientId, (current) => clientChanges(current, o), ctx);
        console.log(`Updated client ${updated.id} (version ${updated.version}).`);
      }),
    );

  withPlanOptions(
    client
      .command('plan <clientId>')
      .description(
        'Change how a client is billed, from the first of a month (default: next month); the months ' +
          'before keep their plan. --cancel withdraws the changes still to come',
      )
      .option('--plan <plan>', 'hourly | fixed | package')
      .option('--from <month>', 'first month of the new plan, YYYY-MM')
      .option('--cancel', 'withdraw the plan changes still to come'),
  ).action((clientId: string, o: ClientOptions & { from?: string; cancel?: boolean }) =>
    run(async (ctx) => {
      const updated = o.cancel
        ? await cancelPlannedChanges(clientId, ctx)
        : await schedulePlan(clientId, { plan: planFrom(o), from: o.from }, ctx);
      console.log(`${updated.id}: ${planOutlook(updated)}`);
    }),
  );

  client
    .command('list')
    .description('List all clients')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      run(async (ctx) => {
        const clients = await ctx.clients.list();
        if (o.json) return console.log(formatJson(clients));
        console.log(
          formatTable(
            clients.map((c) => ({
              id: c.id,
              name: c.company ? `${c.company} (${c.contactName})` : c.contactName,
              email: c.emails.join(', '),
              lang: c.language,
              plan: planOutlook(c),
              vat: c.vatMode,
            })),
          ),
        );
      }),
    );

  client
    .command('form-link <clientId>')
    .description("Issue the client's personal link to the web form (revokes the previous one)")
    .action((clientId: string) =>
      run(async (ctx) => {
        const token = await issueFormLink(clientId, ctx);
        const base = (process.env.PUBLIC_BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
        console.log(`${base}/submit?k=${token}`);
      }),
    );

  client
    .command('show <clientId>')
    .description('Show one client')
    .action((clientId: string) =>
      run(async (ctx) => {
        const found = await ctx.clients.get(clientId);
        if (!found) throw new NotFoundError(`No client with id ${clientId}`);
        console.log(formatJson(found));
      }),
    );

  client
    .command('export <clientId>')
    .description('Everything stored about a client, as JSON (right of access, Art. 15 GDPR)')
    .option('--out <file>', 'write to this file instead of standard output')
    .action((clientId: string, o: { out?: string }) =>
      run(async (ctx) => {
        const json = formatJson(await exportClient(clientId, ctx));
        if (!o.out) return console.log(json);
        writeFileSync(o.out, `${json}\n`, { mode: 0o600 });
        console.log(`Wrote the export of ${clientId} to ${o.out}.`);
      }),
    );

  client
    .command('erase <clientId>')
    .description(
      "Erase a client's personal data (Art. 17 GDPR): mails, briefs, files, contact details. Issued invoices " +
        'and their postings are kept, blocked, for 8 years. Shows what it would do; --yes does it',
    )
    .option('--yes', 'really erase')
    .action((clientId: string, o: { yes?: boolean }) =>
      run(async (ctx) => {
        if (o.yes && !process.env.BUCKET_NAME)
          throw new TargetError('client erase needs BUCKET_NAME (the mail bucket of the stateful stack).');
        const report = await eraseClient(clientId, ctx, { dryRun: !o.yes });
        if (report.alreadyErased) return console.log(`${clientId} was erased before; nothing left to do.`);
        const verb = o.yes ? 'Erased' : 'Would erase';
        console.log(
          `${verb} ${clientId}: ${report.tasks} tasks made anonymous, ${report.messages} messages and ` +
            `${report.files.length} stored files deleted, contact details and sender addresses removed.`,
        );
        for (const k of report.kept)
          console.log(`  kept and blocked until ${k.retainUntil}: invoice ${k.number} (${k.period})`);
        if (!o.yes) console.log('Run again with --yes to erase.');
      }),
    );
};
