import type { MissingField } from '../../domain/brief/parse-brief';
import type { Language } from '../../domain/common';
import type { Skill } from '../../domain/skills';
import type { Priority, Task, TaskChanges, TaskStatus } from '../../domain/task';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { formatDateTime, formatMinutes } from '../../mail/format';
import { PRIORITY_LABELS } from '../../mail/intake-templates';
import {
  type DetailChange,
  detailsChangedClientMail,
  detailsChangedVaMail,
} from '../../mail/operator-change-templates';
import { firstName } from '../../mail/routing-templates';
import { DEADLINE_MOVED, type RoutingDeps } from './deps';
import { sendClientNote, sendWorkflowMail } from './mail';

type DetailsDeps = Pick<
  RoutingDeps,
  'tasks' | 'vas' | 'clients' | 'outbox' | 'workflow' | 'runtime' | 'config'
>;

/** What the operator may correct on a task the brief got wrong, or the client changed by phone. */
export interface TaskDetails {
  /** UTC instant. */
  deadline?: string;
  effortMinutes?: number;
  priority?: Priority;
  /** What the work needs, for the next search; the operator's word is sure. */
  skills?: Array<{ skill: Skill; minLevel: number }>;
}

/** Open ones: a NEEDS_INFO task too, when the client answered by phone. The closed ones are history. */
const EDITABLE: ReadonlySet<TaskStatus> = new Set([
  'NEEDS_INFO',
  'ROUTING',
  'OFFERED',
  'ASSIGNED',
  'UNASSIGNED',
]);

/** What a given detail answers of the brief's open questions. */
const ANSWERS: Partial<Record<keyof TaskDetails, MissingField>> = {
  deadline: 'deadline',
  effortMinutes: 'effort',
  skills: 'skills',
};

const sameSkills = (task: Task, skills: NonNullable<TaskDetails['skills']>) =>
  task.skills.length === skills.length &&
  task.skills.every(
    (s, i) => s.skill === skills[i]?.skill && s.minLevel === skills[i]?.minLevel && s.confidence === 1,
  );

/** The skills decide the search; once a VA has the task, they no longer decide anything. */
const checkSkillsChangeable = (task: Task, details: TaskDetails) => {
  if (details.skills && task.status === 'ASSIGNED')
    throw new ConflictError(
      `Task ${task.id} is ASSIGNED; its skills count only for a new search (task reroute ${task.id} first)`,
    );
};

const LABELS: Record<keyof Details, Record<Language, string>> = {
  deadline: { de: 'Frist', en: 'Deadline' },
  effortMinutes: { de: 'Aufwand', en: 'Effort' },
  priority: { de: 'Priorität', en: 'Priority' },
};

/** A month of full-time work: anything beyond is a typo, not an estimate. */
const MAX_EFFORT_MINUTES = 160 * 60;

const NOT_GIVEN: Record<Language, string> = { de: 'nicht angegeben', en: 'not given' };

type Details = Pick<Task, 'deadline' | 'effortMinutes' | 'priority'>;
/** The details the VA who has the task is told of. */
const FIELDS = Object.keys(LABELS) as Array<keyof Details>;

/** One field's value as the VA reads it, in their language and time zone. */
const shown = (d: Details, field: keyof TaskDetails, language: Language, timeZone: string): string => {
  if (field === 'deadline')
    return d.deadline ? formatDateTime(d.deadline, language, timeZone) : NOT_GIVEN[language];
  if (field === 'effortMinutes')
    return d.effortMinutes ? formatMinutes(d.effortMinutes, language) : NOT_GIVEN[language];
  return PRIORITY_LABELS[d.priority][language];
};

/** What a change made of the details someone works or waits by, in their language and zone. */
const changesFor = (before: Details, task: Task, reader: { language: Language; timeZone: string }) =>
  FIELDS.filter((field) => before[field] !== task[field]).map(
    (field): DetailChange => ({
      label: LABELS[field],
      before: shown(before, field, reader.language, reader.timeZone),
      after: shown(task, field, reader.language, reader.timeZone),
    }),
  );

/** The VA who has the task hears what a change made of it, once per change (its version). */
const tellVa = async (before: Details, task: Task, deps: DetailsDeps): Promise<string | undefined> => {
  if (task.status !== 'ASSIGNED' || !task.assignedVaId) return undefined;
  const va = await deps.vas.get(task.assignedVaId);
  const changes = va ? changesFor(before, task, va) : [];
  // Settling only a question of the brief changes nothing the VA works by.
  if (!va || changes.length === 0) return undefined;
  await sendWorkflowMail(
    deps,
    `details:${task.id}:${task.version}`,
    va.email,
    detailsChangedVaMail({
      language: va.language,
      agency: { name: deps.config.agencyName },
      task,
      vaName: firstName(va.name),
      changes,
    }),
  );
  return va.id;
};

/**
 * The client has in writing what their task now is, once per change: their acknowledgement showed
 * the old values. A NEEDS_INFO task is confirmed when it is routed (`task route`).
 */
const tellClient = async (before: Details, task: Task, deps: DetailsDeps): Promise<boolean> => {
  if (task.status === 'NEEDS_INFO') return false;
  const client = await deps.clients.get(task.clientId);
  const changes = client && !client.erasedAt ? changesFor(before, task, client) : [];
  if (!client || changes.length === 0) return false;
  await sendClientNote(deps, `details:${task.id}:${task.version}:client`, client, task, (note) =>
    detailsChangedClientMail({ ...note, changes }),
  );
  return true;
};

/**
 * A waiting workflow timed the VA's reminders by the old deadline: woken, it times them anew.
 * Repeating this is harmless: a wait that ended already answers nothing.
 */
const wakeForDeadline = async (before: Details, task: Task, deps: DetailsDeps) => {
  if (before.deadline === task.deadline || task.status !== 'ASSIGNED' || !task.completionToken) return;
  await deps.workflow.fail(task.completionToken, DEADLINE_MOVED, `The deadline of ${task.id} moved`);
};

/** The VA hears of the change, and the client unless they must not; then the workflow, should the deadline have moved. */
const followUp = async (before: Details, task: Task, deps: DetailsDeps, options: ChangeOptions) => {
  const toldVaId = await tellVa(before, task, deps);
  const toldClient = options.tellClient !== false && (await tellClient(before, task, deps));
  await wakeForDeadline(before, task, deps);
  return { toldVaId, toldClient };
};

export interface ChangeOptions {
  /** False when the client already knows (they phoned it in) or must not hear of it. */
  tellClient?: boolean;
}

const checkDetails = (details: TaskDetails, now: Date) => {
  if (details.deadline && Date.parse(details.deadline) <= now.getTime())
    throw new ValidationError('The deadline is in the past', [{ path: 'deadline', message: 'in the past' }]);
  if (details.skills && details.skills.length === 0)
    throw new ValidationError('Name at least one skill', [{ path: 'skills', message: 'empty' }]);
  const effort = details.effortMinutes;
  if (effort !== undefined && !(Number.isInteger(effort) && effort >= 1 && effort <= MAX_EFFORT_MINUTES))
    throw new ValidationError(`The effort must be 1 to ${MAX_EFFORT_MINUTES} minutes`, [
      { path: 'effortMinutes', message: 'out of range' },
    ]);
};

/** The workflow may move the task on (an offer goes out, a VA accepts) while this changes it. */
const ATTEMPTS = 3;

/**
 * Corrects a task's deadline, effort, priority or skills, and so answers what its brief left open
 * (a value given settles its question, also when it confirms the brief's guess). The VA who has the
 * task and the client hear what changed, once per change, and the VA's reminders follow the new
 * deadline. Values equal to the stored ones change nothing but finish the follow-up of the last
 * change, should that have stopped after its write.
 */
export const changeTaskDetails = async (
  taskId: string,
  details: TaskDetails,
  deps: DetailsDeps,
  options: ChangeOptions = {},
): Promise<{ task: Task; changed: Array<keyof TaskDetails>; toldVaId?: string; toldClient: boolean }> => {
  const now = deps.runtime.now();
  checkDetails(details, now);
  for (let attempt = 1; ; attempt++) {
    const task = await deps.tasks.get(taskId);
    if (!task) throw new NotFoundError(`No task ${taskId}`);
    if (!EDITABLE.has(task.status))
      throw new ConflictError(
        `Task ${taskId} is ${task.status}; only ${[...EDITABLE].join(', ')} tasks can be changed`,
      );
    checkSkillsChangeable(task, details);
    const changed: Array<keyof TaskDetails> = [
      ...FIELDS.filter((field) => details[field] !== undefined && details[field] !== task[field]),
      ...(details.skills && !sameSkills(task, details.skills) ? (['skills'] as const) : []),
    ];
    const settled = new Set(
      Object.entries(ANSWERS).flatMap(([field, question]) =>
        details[field as keyof TaskDetails] === undefined ? [] : [question],
      ),
    );
    const missing = task.missing.filter((m) => !settled.has(m as MissingField));
    if (changed.length === 0 && missing.length === task.missing.length) {
      const last = task.changedFrom?.version === task.version ? task.changedFrom : undefined;
      return { task, changed, ...(last ? await followUp(last, task, deps, options) : { toldClient: false }) };
    }
    const changes: TaskChanges = {
      ...Object.fromEntries(changed.filter((f) => f !== 'skills').map((field) => [field, details[field]])),
      ...(changed.includes('skills')
        ? { skills: (details.skills ?? []).map((s) => ({ ...s, confidence: 1 })) }
        : {}),
      missing,
      // The version this write makes: a repeat finds it still current if nothing wrote since.
      changedFrom: {
        version: task.version + 1,
        deadline: task.deadline,
        effortMinutes: task.effortMinutes,
        priority: task.priority,
      },
    };
    try {
      const next = await deps.tasks.transition(task.id, task.status, task.status, now.toISOString(), changes);
      return { task: next, changed, ...(await followUp(task, next, deps, options)) };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt === ATTEMPTS) throw error;
    }
  }
};
