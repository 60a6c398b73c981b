import { LINK_TOKEN_PATTERN } from '../../domain/ids';
import type { Task } from '../../domain/task';
import { ConflictError } from '../../errors';
import { sha256Hex } from '../../hash';
import { type BlobStore, DOWNLOAD_URL_SECONDS } from '../../ports/blob-store';
import { DONE_LIMITS, type DoneOutcome } from '../../web/link-pages';
import type { RoutingDeps } from './deps';

type DoneDeps = Pick<RoutingDeps, 'links' | 'tasks' | 'vas' | 'assignments' | 'workflow' | 'runtime'>;

export type DoneView =
  | { kind: 'open'; task: Task; language: 'de' | 'en' }
  | { kind: 'closed'; outcome: DoneOutcome; language?: 'de' | 'en' };

/** The task and VA a done link belongs to; undefined for a forged, malformed or expired one. */
export const findAssignment = async (token: string, deps: DoneDeps) => {
  // A token that is not even well-formed is unknown without a lookup.
  if (!LINK_TOKEN_PATTERN.test(token)) return undefined;
  const link = await deps.links.find(sha256Hex(token));
  if (link?.kind !== 'done') return undefined;
  const [task, va] = await Promise.all([deps.tasks.get(link.taskId), deps.vas.get(link.vaId)]);
  return task && va ? { task, va } : undefined;
};

const closedOutcome = (task: Task, vaId: string): DoneOutcome | undefined => {
  if (task.assignedVaId !== vaId) return 'not-yours';
  if (task.status === 'COMPLETED' || task.status === 'BILLED') return 'already-done';
  if (task.status !== 'ASSIGNED') return 'not-yours';
  return undefined;
};

export const viewDone = async (token: string, deps: DoneDeps): Promise<DoneView> => {
  const found = await findAssignment(token, deps);
  if (!found) return { kind: 'closed', outcome: 'invalid-link' };
  const closed = closedOutcome(found.task, found.va.id);
  return closed
    ? { kind: 'closed', outcome: closed, language: found.va.language }
    : { kind: 'open', task: found.task, language: found.va.language };
};

export type DoneErrors = { minutes?: string; note?: string };

const MESSAGES = {
  de: {
    minutes: `Bitte die gearbeiteten Minuten als ganze Zahl von 1 bis ${DONE_LIMITS.maxMinutes} angeben.`,
    note: `Die Notiz darf höchstens ${DONE_LIMITS.maxNoteLength} Zeichen lang sein.`,
  },
  en: {
    minutes: `Please enter the minutes worked as a whole number from 1 to ${DONE_LIMITS.maxMinutes}.`,
    note: `The note may be at most ${DONE_LIMITS.maxNoteLength} characters long.`,
  },
} as const;

/** Pure: the done form's fields, checked; errors are in the VA's language. */
export const readDoneForm = (
  fields: Record<string, string | undefined>,
  language: 'de' | 'en',
): { minutes: number; note: string } | { errors: DoneErrors } => {
  const raw = (fields.minutes ?? '').trim();
  const minutes = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
  const note = (fields.note ?? '').replace(/\r\n/g, '\n').trim();
  const errors: DoneErrors = {};
  if (!(minutes >= 1 && minutes <= DONE_LIMITS.maxMinutes)) errors.minutes = MESSAGES[language].minutes;
  if (note.length > DONE_LIMITS.maxNoteLength) errors.note = MESSAGES[language].note;
  return Object.keys(errors).length ? { errors } : { minutes, note };
};

export type DoneResult =
  | { kind: 'closed'; outcome: DoneOutcome; language?: 'de' | 'en' }
  | { kind: 'invalid'; task: Task; language: 'de' | 'en'; errors: DoneErrors };

/** POST of the done form: completes the task once and lets the waiting workflow go on. */
export const completeTask = async (
  token: string,
  fields: Record<string, string | undefined>,
  deps: DoneDeps,
): Promise<DoneResult> => {
  const found = await findAssignment(token, deps);
  if (!found) return { kind: 'closed', outcome: 'invalid-link' };
  const { task, va } = found;
  const closed = closedOutcome(task, va.id);
  if (closed) return { kind: 'closed', outcome: closed, language: va.language };
  const form = readDoneForm(fields, va.language);
  if ('errors' in form) return { kind: 'invalid', task, language: va.language, errors: form.errors };
  let completed: Task;
  try {
    completed = await deps.assignments.complete(task.id, va.id, {
      ...form,
      at: deps.runtime.now().toISOString(),
    });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const again = await deps.tasks.get(task.id);
    return {
      kind: 'closed',
      outcome: (again && closedOutcome(again, va.id)) || 'not-yours',
      language: va.language,
    };
  }
  if (completed.completionToken)
    await deps.workflow.succeed(completed.completionToken, { workedMinutes: form.minutes });
  return { kind: 'closed', outcome: 'done', language: va.language };
};

/** The name a stored file was sent with: its key without the prefixes intake adds to keep keys unique. */
export const fileNameOf = (key: string) =>
  (key.split('/').pop() ?? key).replace(/^(?:[0-9a-f]{16}-)?\d+-/, '');

/** The task's files in the order the VA's mail lists them. */
export const attachmentKeysOf = async (taskId: string, thread: RoutingDeps['thread']) =>
  (await thread.list(taskId)).flatMap((m) => m.attachmentKeys);

/**
 * A file of the task, through the done link in the VA's mail: a fresh short-lived download URL,
 * only while the task is still theirs. Mailed links outlive any presigned URL, so they point here.
 */
export const attachmentUrl = async (
  token: string,
  index: number,
  deps: DoneDeps & Pick<RoutingDeps, 'thread'> & { blobs: BlobStore },
): Promise<string | undefined> => {
  const found = await findAssignment(token, deps);
  if (!found || found.task.assignedVaId !== found.va.id) return undefined;
  if (!['ASSIGNED', 'COMPLETED', 'BILLED'].includes(found.task.status)) return undefined;
  const key = (await attachmentKeysOf(found.task.id, deps.thread))[index];
  if (!key) return undefined;
  return deps.blobs.downloadUrl(key, fileNameOf(key), DOWNLOAD_URL_SECONDS);
};
