import * as z from 'zod';
import { CentsSchema, LanguageSchema, UtcInstantSchema, VersionSchema } from './common';
import { SkillSchema } from './skills';

/**
 * A task's life. NEEDS_INFO waits for the client's answer; ROUTING looks for a VA; OFFERED waits for
 * one to accept; UNASSIGNED means nobody did and the operator was told.
 */
export const TASK_STATUSES = [
  'NEEDS_INFO',
  'ROUTING',
  'OFFERED',
  'ASSIGNED',
  'COMPLETED',
  'BILLED',
  'UNASSIGNED',
  'CANCELLED',
] as const;
export const TaskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

/** Statuses nothing moves on from; these leave the open-tasks index. */
export const TERMINAL_STATUSES: ReadonlySet<TaskStatus> = new Set(['BILLED', 'CANCELLED']);

/** The statuses the open-tasks index holds. */
export const OPEN_STATUSES = TASK_STATUSES.filter((status) => !TERMINAL_STATUSES.has(status));

/** Which status may follow which. Anything else is a ConflictError. */
export const TASK_TRANSITIONS: Record<TaskStatus, readonly TaskStatus[]> = {
  NEEDS_INFO: ['ROUTING', 'CANCELLED'],
  ROUTING: ['OFFERED', 'UNASSIGNED', 'CANCELLED'],
  OFFERED: ['ASSIGNED', 'ROUTING', 'UNASSIGNED', 'CANCELLED'],
  ASSIGNED: ['COMPLETED', 'ROUTING', 'CANCELLED'],
  COMPLETED: ['BILLED'],
  BILLED: [],
  UNASSIGNED: ['ROUTING', 'CANCELLED'],
  CANCELLED: [],
};

export const canTransition = (from: TaskStatus, to: TaskStatus): boolean =>
  TASK_TRANSITIONS[from].includes(to);

/** How long after a task is billed or cancelled a reply on its thread still belongs to it. */
export const REPLY_WINDOW_DAYS = 14;

/**
 * A reply to a task closed for longer than that is new work, as helpdesks treat a reply to a closed
 * ticket: "Können Sie wieder …" under last month's subject should not land on a billed task.
 */
export const isLongClosed = (task: Pick<Task, 'status' | 'updatedAt'>, at: Date): boolean =>
  TERMINAL_STATUSES.has(task.status) &&
  Date.parse(task.updatedAt) + REPLY_WINDOW_DAYS * 86_400_000 < at.getTime();

export const PrioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof PrioritySchema>;

export const TaskSkillSchema = z.object({
  skill: SkillSchema,
  /** 0..1: how sure the brief parser is. */
  confidence: z.number().min(0).max(1),
  minLevel: z.number().int().min(1).max(5).default(1),
});

export const TaskSchema = z.object({
  id: z.string().min(1),
  clientId: z.string().min(1),
  status: TaskStatusSchema,
  source: z.enum(['email', 'form', 'cli']),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(100_000).default(''),
  language: LanguageSchema,
  skills: z.array(TaskSkillSchema).default([]),
  deadline: UtcInstantSchema.optional(),
  effortMinutes: z.number().int().positive().optional(),
  priority: PrioritySchema.default('normal'),
  /** What the brief could not tell, e.g. ["skills", "deadline"]. */
  missing: z.array(z.string()).default([]),
  /** Fixed price for this task, overriding the client's plan default. */
  fixedPriceCents: CentsSchema.optional(),
  assignedVaId: z.string().optional(),
  assignedAt: UtcInstantSchema.optional(),
  /** Logged by the VA with the done form. */
  workedMinutes: z.number().int().positive().optional(),
  completionNote: z.string().max(2000).optional(),
  completedAt: UtcInstantSchema.optional(),
  /**
   * The VA the operator last took the task from, and the run they held it in. Kept after the
   * reroute clears `assignedVaId`, so a reroute that stopped before telling them (and the client)
   * finishes that on its retry; both mails go once per run.
   */
  takenFrom: z.object({ vaId: z.string().min(1), run: z.number().int().min(1) }).optional(),
  /** The one VA the operator chose to offer routing run `run` to (after a call, say): nobody else is asked. */
  offerOnlyTo: z.object({ vaId: z.string().min(1), run: z.number().int().min(1) }).optional(),
  /**
   * Deadline, effort and priority before the operator's last change of them, and the version that
   * change wrote: a change that stopped before telling the VA tells them when it is repeated.
   */
  changedFrom: z
    .object({
      version: z.number().int(),
      deadline: UtcInstantSchema.optional(),
      effortMinutes: z.number().int().positive().optional(),
      priority: PrioritySchema,
    })
    .optional(),
  /** Who cancelled the task: only a client's own withdrawal is confirmed to them. */
  cancelledBy: z.enum(['client', 'operator']).optional(),
  /** The workflow's callback token while it waits for the VA to finish; the done form completes it. */
  completionToken: z.string().optional(),
  /** Which routing run this is: a reroute starts run 2, whose workflow is named `<id>-2`. */
  routingRun: z.number().int().min(1).default(1),
  /** The intake record (mail) or form submission the task came from. */
  sourceRef: z.string().optional(),
  createdAt: UtcInstantSchema,
  updatedAt: UtcInstantSchema,
  version: VersionSchema.default(0),
});
export type Task = z.infer<typeof TaskSchema>;
export type TaskInput = z.input<typeof TaskSchema>;

/** Fields a status change may update along with the status. */
export type TaskChanges = Partial<
  Pick<
    Task,
    | 'assignedVaId'
    | 'assignedAt'
    | 'missing'
    | 'skills'
    | 'deadline'
    | 'effortMinutes'
    | 'priority'
    | 'workedMinutes'
    | 'completionNote'
    | 'completedAt'
    | 'routingRun'
    | 'cancelledBy'
    | 'takenFrom'
    | 'offerOnlyTo'
    | 'changedFrom'
  >
>;

/** Fields a reroute takes off a task: whoever had it before no longer does. */
export type TaskField = 'assignedVaId' | 'assignedAt' | 'completionToken' | 'takenFrom' | 'offerOnlyTo';

/** Where a task stands as its client sees it: routing's inner steps are one stage to them. */
export type ClientStage = 'your-answer' | 'finding' | 'in-progress' | 'done' | 'cancelled';

const CLIENT_STAGES: Record<TaskStatus, ClientStage> = {
  NEEDS_INFO: 'your-answer',
  ROUTING: 'finding',
  OFFERED: 'finding',
  UNASSIGNED: 'finding',
  ASSIGNED: 'in-progress',
  COMPLETED: 'done',
  BILLED: 'done',
  CANCELLED: 'cancelled',
};

export const clientStageOf = (status: TaskStatus): ClientStage => CLIENT_STAGES[status];

/** The VA the operator chose for the task's current routing run, if they chose one. */
export const chosenVaOf = (task: Pick<Task, 'offerOnlyTo' | 'routingRun'>): string | undefined =>
  task.offerOnlyTo?.run === task.routingRun ? task.offerOnlyTo.vaId : undefined;
