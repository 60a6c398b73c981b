import { previousBillingPeriod } from '../shared/domain/billing/settlement';
import { type Task, TaskSchema } from '../shared/domain/task';
import { fromWallTime } from '../shared/domain/zoned-time';
import { ConflictError } from '../shared/errors';
import { settleTask } from '../shared/use-cases/billing/settle-task';
import type { CliContext } from './context';

/**
 * Last month's finished work of the demo clients, billed as the workflow bills it: so that
 * `statements run`, the invoices and `invoice pay` can be tried on a fresh stack, not a month later.
 * Each task is done on `day` of last month, at `hour` Berlin time.
 */
const DEMO_WORK = [
  {
    id: 'VA-DEM001',
    clientId: 'cli_DEMO01',
    vaId: 'va_DEMO04',
    title: 'Messe Stuttgart: Zug und Hotel buchen',
    skill: 'travel',
    minutes: 75,
    day: 4,
    hour: 11,
  },
  {
    id: 'VA-DEM002',
    clientId: 'cli_DEMO01',
    vaId: 'va_DEMO01',
    title: 'Lieferantenbriefe zu den neuen Preisen',
    skill: 'correspondence',
    minutes: 50,
    day: 12,
    hour: 15,
  },
  {
    id: 'VA-DEM003',
    clientId: 'cli_DEMO02',
    vaId: 'va_DEMO01',
    title: 'Mandantentermine der Woche abstimmen',
    skill: 'scheduling',
    minutes: 240,
    day: 9,
    hour: 17,
  },
  {
    id: 'VA-DEM004',
    clientId: 'cli_DEMO02',
    vaId: 'va_DEMO01',
    title: 'Schriftsätze formatieren',
    skill: 'correspondence',
    minutes: 90,
    day: 19,
    hour: 10,
  },
  {
    id: 'VA-DEM005',
    clientId: 'cli_DEMO03',
    vaId: 'va_DEMO03',
    title: 'Competitor pricing research',
    skill: 'research',
    minutes: 180,
    day: 17,
    hour: 14,
  },
  {
    id: 'VA-DEM006',
    clientId: 'cli_DEMO04',
    vaId: 'va_DEMO12',
    title: 'Belege des Quartals erfassen',
    skill: 'bookkeeping',
    minutes: 120,
    day: 24,
    hour: 10,
  },
] as const;

const demoTask = (work: (typeof DEMO_WORK)[number], period: string): Task => {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const at = (hour: number) =>
    fromWallTime({ year, month, day: work.day, hour, minute: 0 }, 'Europe/Berlin').toISOString();
  return TaskSchema.parse({
    id: work.id,
    clientId: work.clientId,
    status: 'COMPLETED',
    source: 'cli',
    title: work.title,
    language: work.clientId === 'cli_DEMO03' ? 'en' : 'de',
    skills: [{ skill: work.skill, minLevel: 1, confidence: 1 }],
    assignedVaId: work.vaId,
    assignedAt: at(work.hour - 3),
    workedMinutes: work.minutes,
    completedAt: at(work.hour),
    createdAt: at(work.hour - 4),
    updatedAt: at(work.hour),
  });
};

/** Adds and bills last month's demo work unless it is there; returns the month and how many were new. */
export const seedDemoWork = async (ctx: CliContext) => {
  const period = previousBillingPeriod(ctx.runtime.now());
  let added = 0;
  for (const work of DEMO_WORK) {
    try {
      await ctx.tasks.create(demoTask(work, period));
      added++;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    // Billing is idempotent: a seed that stopped between the task and its settlement finishes it.
    await settleTask(work.id, { ...ctx, config: {} });
  }
  return { period, added, total: DEMO_WORK.length };
};
