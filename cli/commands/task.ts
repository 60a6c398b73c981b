import type { Command } from 'commander';
import { TASK_STATUSES, type Task, TaskStatusSchema, TERMINAL_STATUSES } from '../../shared/domain/task';
import { parseOrThrow } from '../../shared/domain/validation';
import { NotFoundError } from '../../shared/errors';
import type { CliContext } from '../context';
import { parseInteger } from '../option-parsers';
import { formatJson, formatTable } from '../output';

type Run = (action: (ctx: CliContext) => Promise<void>) => Promise<void>;

const row = (t: Task) => ({
  id: t.id,
  status: t.status,
  client: t.clientId,
  title: t.title.length > 40 ? `${t.title.slice(0, 39)}…` : t.title,
  skills: t.skills.map((s) => s.skill).join(','),
  deadline: t.deadline?.slice(0, 16).replace('T', ' ') ?? '',
  va: t.assignedVaId ?? '',
  created: t.createdAt.slice(0, 16).replace('T', ' '),
});

export const registerTaskCommands = (program: Command, run: Run) => {
  const task = program.command('task').description('Tasks and where they stand');

  task
    .command('list')
    .description("List tasks: open ones by default, or one status, or one client's")
    .option('--status <status>', `one of ${TASK_STATUSES.join(', ')}`)
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
          const statuses = o.status
            ? [parseOrThrow(TaskStatusSchema, o.status, '--status')]
            : TASK_STATUSES.filter((s) => !TERMINAL_STATUSES.has(s));
          tasks = [];
          for (const status of statuses)
            tasks.push(...(await ctx.tasks.listByStatus(status, { limit })).items);
        }
        console.log(o.json ? formatJson(tasks) : formatTable(tasks.slice(0, limit).map(row)));
      }),
    );

  task
    .command('show <taskId>')
    .description('Show one task with its offers')
    .action((taskId: string) =>
      run(async (ctx) => {
        const found = await ctx.tasks.get(taskId);
        if (!found) throw new NotFoundError(`No task with id ${taskId}`);
        const offers = await ctx.offers.listByTask(taskId);
        console.log(formatJson({ ...found, offers }));
      }),
    );
};
