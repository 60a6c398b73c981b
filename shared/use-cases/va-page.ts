import { billingPeriodOf, periodBefore } from '../domain/billing/settlement';
import { type PublicHoliday, publicHolidaysBetween } from '../domain/public-holidays';
import type { Task } from '../domain/task';
import {
  addOwnTimeOff,
  isoDate,
  localDateIn,
  removeOwnTimeOff,
  type TimeOffChange,
  upcomingTimeOff,
} from '../domain/time-off-change';
import type { TimeOff, Va } from '../domain/va';
import { addDays } from '../domain/zoned-time';
import { ConflictError } from '../errors';
import { sha256Hex } from '../hash';
import type { SettlementStore } from '../ports/billing';
import type { Runtime } from '../ports/clock';
import type { TaskRepository, VaRepository } from '../ports/repositories';
import type { VaStatsReader } from '../ports/routing';
import type { StatementStore } from '../ports/statements';
import { type PayoutRow, payoutRow } from './billing/payments';

export interface VaPageDeps {
  vas: Pick<VaRepository, 'findByPageToken' | 'update'>;
  settlements: Pick<SettlementStore, 'postings'>;
  statements: Pick<StatementStore, 'payoutTransfers'>;
  tasks: Pick<TaskRepository, 'get'>;
  stats: VaStatsReader;
  runtime: Pick<Runtime, 'now'>;
}

/** How far ahead the page lists the public holidays the VA keeps. */
const HOLIDAY_DAYS = 90;

/** What a VA's own page shows: their open tasks, their time off to come, their next holidays. */
export interface VaPageView {
  va: Va;
  /** The VA's calendar day now, in their time zone: the earliest day they may take off. */
  today: string;
  timeOff: TimeOff[];
  holidays: PublicHoliday[];
  tasks: Task[];
  /** This month so far and the two before: what each owes the VA and what was transferred. */
  earnings: PayoutRow[];
}

const EARNING_MONTHS = 3;

export type TimeOffAction =
  | { kind: 'add'; from?: string; to?: string; note?: string }
  | { kind: 'remove'; from?: string };

export type VaPageOutcome =
  | { kind: 'invalid-link' }
  | {
      kind: 'added' | 'removed' | 'unchanged';
      view: VaPageView;
      period?: TimeOff;
      /** The VA's tasks due in the time off just added: theirs to finish before, or to give back. */
      clashes: Task[];
    }
  | { kind: 'invalid'; view: VaPageView; change: Extract<TimeOffChange, { kind: 'invalid' }> };

/**
 * The tasks the VA holds now. Their statistics name every task they accepted lately; a task they
 * finished, gave back or lost to a reroute no longer names them, so the task itself decides.
 */
const openTasksOf = async (va: Va, deps: VaPageDeps): Promise<Task[]> => {
  const { stats } = await deps.stats.getMany([va.id]);
  const accepted = new Set(
    (stats.get(va.id)?.offers ?? []).flatMap((o) => (o.outcome === 'accepted' && o.taskId ? [o.taskId] : [])),
  );
  const tasks = await Promise.all([...accepted].map((id) => deps.tasks.get(id)));
  return tasks
    .filter((t): t is Task => t?.status === 'ASSIGNED' && t.assignedVaId === va.id)
    .sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'));
};

const earningsOf = async (va: Va, deps: VaPageDeps): Promise<PayoutRow[]> => {
  const periods = [billingPeriodOf(deps.runtime.now().toISOString())];
  while (periods.length < EARNING_MONTHS) periods.push(periodBefore(periods.at(-1) ?? ''));
  return Promise.all(periods.map((period) => payoutRow(va, period, deps)));
};

const viewOf = async (va: Va, deps: VaPageDeps): Promise<VaPageView> => {
  const today = localDateIn(deps.runtime.now(), va.timeZone);
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const last = isoDate(addDays({ year, month, day }, HOLIDAY_DAYS));
  const [tasks, earnings] = await Promise.all([openTasksOf(va, deps), earningsOf(va, deps)]);
  return {
    va,
    today,
    timeOff: upcomingTimeOff(va.timeOff, today),
    holidays: va.holidays ? publicHolidaysBetween(va.holidays, today, last) : [],
    tasks,
    earnings,
  };
};

export const viewVaPage = async (token: string, deps: VaPageDeps): Promise<VaPageView | undefined> => {
  const va = await deps.vas.findByPageToken(sha256Hex(token));
  return va ? viewOf(va, deps) : undefined;
};

/**
 * Attempts at a change that concurrent edits of the VA (the operator's, the VA's own in other tabs)
 * beat. Each round one of the writers wins, so this many writers at once all get through.
 */
const ATTEMPTS = 5;

/**
 * Adds or removes the VA's own time off. The VA is read, changed and written guarded by its version:
 * an edit in between makes the write fail, and the change is worked out again on what is stored.
 * Doing it twice (a double click, a reload) changes nothing the second time.
 */
export const changeOwnTimeOff = async (
  token: string,
  action: TimeOffAction,
  deps: VaPageDeps,
): Promise<VaPageOutcome> => {
  for (let attempt = 1; ; attempt++) {
    const va = await deps.vas.findByPageToken(sha256Hex(token));
    if (!va) return { kind: 'invalid-link' };
    const today = localDateIn(deps.runtime.now(), va.timeZone);
    const change =
      action.kind === 'add'
        ? addOwnTimeOff(va.timeOff, action, today)
        : removeOwnTimeOff(va.timeOff, action.from ?? '', today);
    if (change.kind === 'invalid') return { kind: 'invalid', view: await viewOf(va, deps), change };
    let stored = va;
    if (change.kind === 'changed') {
      try {
        stored = await deps.vas.update({ ...va, timeOff: change.timeOff });
      } catch (error) {
        if (error instanceof ConflictError && attempt < ATTEMPTS) continue;
        throw error;
      }
    }
    const view = await viewOf(stored, deps);
    const period = change.period;
    const kind = change.kind === 'unchanged' ? 'unchanged' : action.kind === 'add' ? 'added' : 'removed';
    const clashes =
      action.kind === 'add' && period
        ? view.tasks.filter((t) => {
            if (!t.deadline) return false;
            const due = localDateIn(new Date(t.deadline), va.timeZone);
            return period.from <= due && due <= period.to;
          })
        : [];
    return { kind, view, period, clashes };
  }
};
