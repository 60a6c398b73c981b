import type { Command } from 'commander';
import { formatCents } from '../../shared/domain/money';
import { HOLIDAY_REGIONS } from '../../shared/domain/public-holidays';
import { weeklyMinutes } from '../../shared/domain/va';
import { NotFoundError } from '../../shared/errors';
import { addTimeOff, addVa, issueVaPageLink, removeTimeOff, updateVa } from '../../shared/use-cases/roster';
import { vaPagePath } from '../../shared/web/link-paths';
import type { CliContext } from '../context';
import { parseEuros, parseInteger, parseList, parseSkills, parseWeeklyHours } from '../option-parsers';
import { formatJson, formatTable } from '../output';

type Run = (action: (ctx: CliContext) => Promise<void>) => Promise<void>;

interface VaOptions {
  id?: string;
  name?: string;
  email?: string;
  language?: string;
  speaks?: string;
  timeZone?: string;
  skills?: string;
  hours?: string;
  maxOpenTasks?: string;
  rate?: string;
  iban?: string;
  accountHolder?: string;
  holidays?: string;
  vat?: string;
  taxId?: string;
  active?: boolean;
}

/** Only the fields the operator gave, parsed; the use case validates the whole VA. */
const vaFields = (o: VaOptions): Record<string, unknown> => {
  const fields: Record<string, unknown> = {};
  if (o.name !== undefined) fields.name = o.name;
  if (o.email !== undefined) fields.email = o.email;
  if (o.language !== undefined) fields.language = o.language;
  if (o.speaks !== undefined) fields.languages = parseList(o.speaks);
  if (o.timeZone !== undefined) fields.timeZone = o.timeZone;
  if (o.skills !== undefined) fields.skills = parseSkills('--skills', o.skills);
  if (o.hours !== undefined) fields.weeklyAvailability = parseWeeklyHours('--hours', o.hours);
  if (o.maxOpenTasks !== undefined) fields.maxOpenTasks = parseInteger('--max-open-tasks', o.maxOpenTasks);
  if (o.rate !== undefined) fields.payoutRateCents = parseEuros('--rate', o.rate);
  if (o.iban !== undefined) fields.payoutIban = o.iban;
  if (o.accountHolder !== undefined) fields.payoutAccountHolder = o.accountHolder;
  if (o.holidays !== undefined)
    fields.holidays = o.holidays === 'none' ? undefined : o.holidays.toUpperCase();
  if (o.vat !== undefined) fields.vatMode = o.vat;
  if (o.taxId !== undefined) fields.taxId = o.taxId === 'none' ? undefined : o.taxId;
  if (o.active !== undefined) fields.active = o.active;
  return fields;
};

const withVaOptions = (command: Command) =>
  command
    .option('--language <de|en>', 'language va-router writes to the VA in')
    .option('--speaks <codes>', 'languages the VA works in, e.g. de,en')
    .option('--time-zone <tz>', 'IANA time zone, e.g. Europe/Berlin')
    .option('--skills <list>', 'skill:level pairs, e.g. correspondence:4,travel:3')
    .option(
      '--hours <windows>',
      'weekly hours in the VA\'s time zone, e.g. "mon-fri 09:00-13:00; sat 10:00-12:00"',
    )
    .option('--max-open-tasks <n>', 'tasks the VA may hold at once')
    .option('--rate <euros>', 'payout per hour, net')
    .option(
      '--vat <mode>',
      'small-business (§ 19 UStG, no VAT; the default) | standard (the VA charges 19 %, paid on top)',
    )
    .option('--tax-id <id>', "the VA's Steuernummer or USt-IdNr. (needed with --vat standard), or none")
    .option('--iban <iban>', 'where payouts go (the SEPA payout file needs it)')
    .option('--account-holder <name>', "the account's holder, when it is not the VA's name")
    .option(
      '--holidays <region>',
      `public holidays the VA keeps off: ${HOLIDAY_REGIONS.join(', ')} (a German state, or DE for the nationwide ones), or none`,
    );

export const registerVaCommands = (program: Command, run: Run) => {
  const va = program.command('va').description('The roster of virtual assistants');

  withVaOptions(
    va
      .command('add')
      .description('Add a VA')
      .requiredOption('--name <name>')
      .requiredOption('--email <address>')
      .option('--id <id>', 'choose the id instead of generating one')
      .option('--inactive', 'add without routing tasks to them yet'),
  ).action((o: VaOptions & { inactive?: boolean }) =>
    run(async (ctx) => {
      const created = await addVa({ ...vaFields(o), id: o.id, active: !o.inactive }, ctx);
      console.log(`Added VA ${created.id} (${created.name}).`);
    }),
  );

  va.command('list')
    .description('List the roster')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      run(async (ctx) => {
        const vas = await ctx.vas.list();
        if (o.json) return console.log(formatJson(vas));
        console.log(
          formatTable(
            vas.map((v) => ({
              id: v.id,
              name: v.name,
              skills: v.skills.map((s) => `${s.skill}:${s.level}`).join(','),
              speaks: v.languages.join(','),
              'time zone': v.timeZone,
              holidays: v.holidays ?? '-',
              'h/week': weeklyMinutes(v.weeklyAvailability) / 60,
              rate: formatCents(v.payoutRateCents),
              vat: v.vatMode === 'standard' ? '19 %' : '§ 19',
              active: v.active ? 'yes' : 'no',
            })),
          ),
        );
      }),
    );

  va.command('show <vaId>')
    .description('Show one VA')
    .action((vaId: string) =>
      run(async (ctx) => {
        const found = await ctx.vas.get(vaId);
        if (!found) throw new NotFoundError(`No VA with id ${vaId}`);
        console.log(formatJson(found));
      }),
    );

  withVaOptions(
    va
      .command('update <vaId>')
      .description('Change a VA; only the given fields change')
      .option('--name <name>')
      .option('--email <address>')
      .option('--active', 'route tasks to this VA')
      .option('--no-active', 'stop routing tasks to this VA'),
  ).action((vaId: string, o: VaOptions) =>
    run(async (ctx) => {
      const updated = await updateVa(vaId, vaFields(o), ctx);
      console.log(`Updated VA ${updated.id} (version ${updated.version}).`);
    }),
  );

  va.command('time-off <vaId>')
    .description("Add time off (whole days, inclusive, in the VA's time zone), or remove it")
    .option('--from <date>', 'first day off, YYYY-MM-DD')
    .option('--to <date>', 'last day off, YYYY-MM-DD (default: same day)')
    .option('--note <text>')
    .option('--remove <from>', 'remove the time off starting on this date')
    .action((vaId: string, o: { from?: string; to?: string; note?: string; remove?: string }) =>
      run(async (ctx) => {
        const updated = o.remove
          ? await removeTimeOff(vaId, o.remove, ctx)
          : await addTimeOff(vaId, { from: o.from, to: o.to ?? o.from, note: o.note }, ctx);
        const periods = updated.timeOff.map((t) => `${t.from}..${t.to}${t.note ? ` (${t.note})` : ''}`);
        console.log(`Time off of ${updated.name}: ${periods.join(', ') || 'none'}`);
      }),
    );

  va.command('page-link <vaId>')
    .description(
      "Issue the VA's personal page link, where they see their tasks and enter their own days off (revokes the previous one)",
    )
    .action((vaId: string) =>
      run(async (ctx) => {
        const token = await issueVaPageLink(vaId, ctx);
        const base = (process.env.PUBLIC_BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
        console.log(`${base}${vaPagePath(token)}`);
      }),
    );
};
