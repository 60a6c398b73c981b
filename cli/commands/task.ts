import type { Command } from 'commander';
import { type AttentionReason, CLIENT_ANSWER_DAYS } from '../../shared/domain/attention';
import { AdjustmentRequestSchema } from '../../shared/domain/billing/adjustment';
import { DEFAULT_TIME_ZONE } from '../../shared/domain/common';
import { formatCents } from '../../shared/domain/money';
import {
  OPEN_STATUSES,
  PrioritySchema,
  TASK_STATUSES,
  type Task,
  TaskStatusSchema,
  TERMINAL_STATUSES,
} from '../../shared/domain/task';
import { parseOrThrow } from '../../shared/domain/validation';
import { NotFoundError, ValidationError } from '../../shared/errors';
import { formatDateTime } from '../../shared/mail/format';
import { tasksNeedingAttention } from '../../shared/use-cases/attention';
import { adjustTask } from '../../shared/use-cases/billing/adjust-task';
import { findCandidates } from '../../shared/use-cases/find-candidates';
import { cancelTask, rerouteTask } from '../../shared/use-cases/routing/operator';
import { routeNow } from '../../shared/use-cases/routing/route-now';
import { changeTaskDetails } from '../../shared/use-cases/routing/task-details';
import { type CliContext, withMail } from '../context';
import { parseBerlinDateTime, parseInteger, parseTaskSkills } from '../option-parsers';
import { formatBerlinMinute, formatJson, formatTable } from '../output';

type Run = (action: (ctx: CliContext) => Promise<void>) => Promise<void>;

const shortTitle = (t: Task) => (t.title.length > 40 ? `${t.title.slice(0, 39)}…` : t.title);

const row = (t: Task) => ({
  id: t.id,
  status: t.status,
  client: t.clientId,
  title: shortTitle(t),
  skills: t.skills.map((s) => s.skill).join(','),
  'deadline (Berlin)': formatBerlinMinute(t.deadline),
  va: t.assignedVaId ?? '',
  'created (Berlin)': formatBerlinMinute(t.createdAt),
});

const ATTENTION_TEXT: Record<AttentionReason, string> = {
  unassigned: 'nobody took it',
  overdue: 'deadline passed',
  'waiting-for-client': `client silent ${CLIENT_ANSWER_DAYS}+ days`,
};

const ATTENTION_NEXT: Record<AttentionReason, string> = {
  unassigned: 'task explain <id>, then task offer <id> <vaId> or task reroute <id>',
  overdue: 'ask the VA or client; task reroute <id>',
  'waiting-for-client':
    'ask the client, task update <id> with the answer, then task route <id>; or task cancel <id>',
};

interface DetailOptions {
  deadline?: string;
  effort?: string;
  priority?: string;
  skills?: string;
  tellClient: boolean;
}

const routingSaid = (task: Task) => `${task.id} is routing (run ${task.routingRun}); offers go out shortly.`;

export const registerTaskCommands = (program: Command, run: Run) => {
  const task = program.command('task').description('Tasks and where they stand');

  task
    .command('list')
    .description("List tasks: open ones by default, or one status, or one client's")
    .option('--status <status>', `one of ${TASK_STATUSES.join(', ')} (BILLED and CANCELLED with --client)`)
    .option('--client <clientId>', 'tasks of one client, newest first')
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'print JSON')
    .action((o: { status?: string; client?: string; limit: string; json?: boolean }) =>
      run(async (ctx) => {
        const limit = parseInteger('--limit', o.limit);
        let tasks: Task[];
        if (o.client) {
          tasks = (await ctx.tasks.listByClient(o.client, { limit })).items;
          if (o.status) tasks = tasks.filter((t) => t.status === o.status);
        } else {
          const statuses = o.status ? [parseOrThrow(TaskStatusSchema, o.status, '--status')] : OPEN_STATUSES;
          // The status index holds open tasks only, so that it stays small as the years add up.
          const closed = statuses.find((s) => TERMINAL_STATUSES.has(s));
          if (closed)
            throw new ValidationError(`${closed} tasks are listed per client`, [
              { path: '--status', message: `${closed} tasks are listed per client: add --client <clientId>` },
            ]);
          tasks = [];
          for (const status of statuses)
            tasks.push(...(await ctx.tasks.listByStatus(status, { limit })).items);
        }
        console.log(o.json ? formatJson(tasks) : formatTable(tasks.slice(0, limit).map(row)));
      }),
    );

  task
    .command('attention')
    .description(
      'Open tasks that need the operator: nobody took them, overdue, or the client has not answered',
    )
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      run(async (ctx) => {
        const found = await tasksNeedingAttention(ctx.tasks, ctx.runtime.now());
        if (o.json) return console.log(formatJson(found.map((f) => f.attention)));
        console.log(
          formatTable(
            found.map(({ task: t, attention }) => ({
              id: t.id,
              why: ATTENTION_TEXT[attention.reason],
              'since (Berlin)': formatBerlinMinute(attention.since),
              client: t.clientId,
              va: t.assignedVaId ?? '',
              title: shortTitle(t),
              next: ATTENTION_NEXT[attention.reason].replaceAll('<id>', t.id),
            })),
          ),
        );
      }),
    );

  task
    .command('explain <taskId>')
    .description('Rank the VAs for a task and say why each one is where it is, or why not at all')
    .option('--json', 'print JSON')
    .action((taskId: string, o: { json?: boolean }) =>
      run(async (ctx) => {
        const found = await ctx.tasks.get(taskId);
        if (!found) throw new NotFoundError(`No task with id ${taskId}`);
        const result = await findCandidates(found, ctx, { everyone: true });
        const { ranked, excluded, itemsRead } = result;
        if (o.json) return console.log(formatJson({ ranked, excluded, itemsRead }));
        const deadline = found.deadline ? formatDateTime(found.deadline, 'en', DEFAULT_TIME_ZONE) : 'none';
        console.log(
          `${found.id}: ${found.title}\n  needs ${found.skills.map((s) => s.skill).join(', ') || '?'} in ${found.language}, ` +
            `deadline ${deadline}, effort ${found.effortMinutes ?? '?'} min; ${result.itemsRead} items read\n`,
        );
        console.log(
          formatTable(
            result.ranked.map((r, i) => ({
              rank: i + 1,
              va: r.vaId,
              name: r.name,
              score: r.score.toFixed(3),
              skill: r.factors.skillFit.toFixed(2),
              start: r.factors.start.toFixed(2),
              load: r.factors.load.toFixed(2),
              continuity: r.factors.continuity.toFixed(2),
              acceptance: r.factors.acceptance.toFixed(2),
              fairness: r.factors.fairness.toFixed(2),
              'earliest start (Berlin)': formatDateTime(r.earliestStart, 'en', DEFAULT_TIME_ZONE),
            })),
          ),
        );
        if (result.ranked.length === 0 && result.excluded.length === 0)
          console.log(
            `No active VA has ${found.skills.map((s) => `${s.skill} (level ${s.minLevel}+)`).join(', ') || 'the skills'} and speaks ${found.language}: add one (va add) or extend one (va update).`,
          );
        if (result.excluded.length) {
          console.log('\nExcluded:');
          for (const x of result.excluded) console.log(`  ${x.vaId} ${x.name}: ${x.reason} (${x.detail})`);
        }
      }),
    );

  task
    .command('show <taskId>')
    .description('Show one task with its offers, billing and the mails on its thread')
    .action((taskId: string) =>
      run(async (ctx) => {
        const found = await ctx.tasks.get(taskId);
        if (!found) throw new NotFoundError(`No task with id ${taskId}`);
        const [offers, billing, messages] = await Promise.all([
          ctx.offers.listByTask(taskId),
          ctx.settlements.history(taskId),
          ctx.thread.list(taskId),
        ]);
        // Workflow tokens are credentials for the waiting state: never printed.
        const { completionToken: _, ...task } = found;
        console.log(
          formatJson({
            ...task,
            offers: offers.map(({ taskToken: __, ...o }) => o),
            messages,
            ...(billing ? { settlement: billing.original, adjustments: billing.adjustments } : {}),
          }),
        );
      }),
    );

  task
    .command('adjust <taskId>')
    .description(
      "Correct a billed task's minutes with a credit note: its postings are reversed and re-posted, never edited. " +
        'Before the month is invoiced its invoice shows the new time; after, the next statement shows the correction.',
    )
    .requiredOption('--minutes <n>', 'the minutes actually worked')
    .requiredOption('--reason <text>', "why; it is printed on the client's invoice")
    .action((taskId: string, o: { minutes: string; reason: string }) =>
      run(async (ctx) => {
        const request = parseOrThrow(
          AdjustmentRequestSchema,
          { workedMinutes: parseInteger('--minutes', o.minutes), reason: o.reason },
          'adjustment',
        );
        const outcome = await adjustTask(taskId, request, { ...ctx, config: {} });
        if (outcome.kind === 'unchanged')
          return console.log(
            `${taskId} is already billed for ${outcome.minutes} minutes worked; nothing posted.`,
          );
        const { adjustment: a } = outcome;
        const where = a.correctsInvoice
          ? `posted in ${a.period}: the ${a.period} statement corrects ${a.correctsInvoice}`
          : `posted in ${a.period}, whose invoice will show the new time`;
        console.log(`${taskId}: correction ${a.seq}, ${where}.`);
        console.log(
          formatTable([
            { '': 'billed minutes', before: a.previous.billedMinutes, after: a.replacement.billedMinutes },
            {
              '': 'net',
              before: formatCents(a.previous.netCents),
              after: formatCents(a.replacement.netCents),
            },
            {
              '': 'gross',
              before: formatCents(a.previous.grossCents),
              after: formatCents(a.replacement.grossCents),
            },
            {
              '': 'VA payout',
              before: formatCents(a.previous.payoutCents),
              after: formatCents(a.replacement.payoutCents),
            },
          ]),
        );
      }),
    );

  task
    .command('reroute <taskId>')
    .description("Stop the task's workflow and route it again (a VA dropped out, or nobody was found)")
    .action((taskId: string) =>
      run(async (ctx) => {
        const next = await rerouteTask(taskId, withMail(ctx));
        console.log(routingSaid(next));
      }),
    );

  task
    .command('update <taskId>')
    .description(
      "Correct or fill in a task's deadline, effort, priority or skills (the brief read it wrong, or the client phoned); the VA who has it and the client are told what changed",
    )
    .option('--deadline <when>', '"2026-12-04 12:00" in Berlin time, or an ISO time with offset')
    .option('--effort <minutes>', 'estimated minutes of work')
    .option('--priority <priority>', PrioritySchema.options.join(', '))
    .option('--skills <list>', 'what the work needs, e.g. events or events,travel:3 (skill:minimum level)')
    .option('--no-tell-client', 'do not mail the client what changed (they phoned it in)')
    .action((taskId: string, o: DetailOptions) =>
      run(async (ctx) => {
        const details = {
          deadline: o.deadline === undefined ? undefined : parseBerlinDateTime('--deadline', o.deadline),
          effortMinutes: o.effort === undefined ? undefined : parseInteger('--effort', o.effort),
          priority:
            o.priority === undefined ? undefined : parseOrThrow(PrioritySchema, o.priority, '--priority'),
          skills: o.skills === undefined ? undefined : parseTaskSkills('--skills', o.skills),
        };
        if (Object.values(details).every((v) => v === undefined))
          throw new ValidationError('Give at least one of --deadline, --effort, --priority, --skills');
        const {
          task: next,
          changed,
          toldVaId,
          toldClient,
        } = await changeTaskDetails(taskId, details, withMail(ctx), { tellClient: o.tellClient });
        const told = [toldVaId, toldClient ? 'the client' : undefined].filter(Boolean).join(' and ');
        const what = changed.length ? `changed ${changed.join(', ')}` : 'already so';
        const skills = next.skills.map((s) => `${s.skill}:${s.minLevel}`).join(',') || '-';
        const open = next.missing.length ? ` Still open: ${next.missing.join(', ')}.` : '';
        const route = next.status === 'NEEDS_INFO' ? ` To route it now: task route ${next.id}.` : '';
        console.log(
          `${next.id}: ${what}; deadline ${formatBerlinMinute(next.deadline) || '-'} (Berlin), effort ${next.effortMinutes ?? '-'} min, priority ${next.priority}, skills ${skills}.${told ? ` Told: ${told}.` : ''}${open}${route}`,
        );
      }),
    );

  task
    .command('route <taskId>')
    .description(
      "Route a task that waits for the client's answer now, with what it has (you spoke to them, and set what was missing with task update); the client gets the confirmation",
    )
    .action((taskId: string) =>
      run(async (ctx) => {
        const next = await routeNow(taskId, withMail(ctx));
        console.log(routingSaid(next));
      }),
    );

  task
    .command('offer <taskId> <vaId>')
    .description(
      'Offer the task to one VA you have spoken to, and to no one else: a new routing run; should they decline or not answer, you hear it and the task waits UNASSIGNED',
    )
    .action((taskId: string, vaId: string) =>
      run(async (ctx) => {
        const next = await rerouteTask(taskId, withMail(ctx), { offerTo: vaId });
        console.log(
          `${next.id} is offered to ${vaId} alone (run ${next.routingRun}); the offer mail goes out shortly.`,
        );
      }),
    );

  task
    .command('cancel <taskId>')
    .description(
      'Cancel a task: its workflow stops, open offers are withdrawn, the VA who had it and the client are told',
    )
    .option('--reason <text>', 'why, in the mails to the client and the VA')
    .option('--no-tell-client', 'mail only the VA (the client already knows)')
    .action((taskId: string, o: { reason?: string; tellClient: boolean }) =>
      run(async (ctx) => {
        const cancelled = await cancelTask(taskId, withMail(ctx), {
          reason: o.reason?.trim() || undefined,
          tellClient: o.tellClient,
        });
        console.log(`${cancelled.id} is cancelled.`);
      }),
    );

  program
    .command('offers')
    .description('Offers sent for tasks')
    .command('list')
    .description('List the offers of one task, in the order they went out')
    .requiredOption('--task <taskId>', 'the task')
    .option('--json', 'print JSON')
    .action((o: { task: string; json?: boolean }) =>
      run(async (ctx) => {
        if (!(await ctx.tasks.get(o.task))) throw new NotFoundError(`No task with id ${o.task}`);
        const offers = (await ctx.offers.listByTask(o.task)).sort(
          (a, b) => a.round - b.round || a.rank - b.rank,
        );
        if (o.json) return console.log(formatJson(offers.map(({ taskToken: _, ...rest }) => rest)));
        console.log(
          formatTable(
            offers.map((x) => ({
              round: x.round,
              rank: x.rank,
              va: x.vaId,
              status: x.status,
              'sent (Berlin)': formatDateTime(x.sentAt, 'en', DEFAULT_TIME_ZONE),
              'expires (Berlin)': formatDateTime(x.expiresAt, 'en', DEFAULT_TIME_ZONE),
              decided: x.decidedAt ? formatDateTime(x.decidedAt, 'en', DEFAULT_TIME_ZONE) : '',
            })),
          ),
        );
      }),
    );
};
