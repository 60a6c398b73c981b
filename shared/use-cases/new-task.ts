import type { ParsedBrief } from '../domain/brief/parse-brief';
import type { Client } from '../domain/client';
import type { Language } from '../domain/common';
import type { Task } from '../domain/task';
import { ConflictError } from '../errors';
import { acknowledgementMail, clarificationMail, type RenderedMail } from '../mail/intake-templates';
import { acknowledgementRef } from '../mail/outbound';
import type { TaskRepository } from '../ports/repositories';

/**
 * Stores a new task. A retry of the same mail or form submission finds the task it made before and
 * carries on; a task from any other source under the same id is a real collision and fails.
 */
export const createTaskOnce = async (tasks: TaskRepository, task: Task): Promise<void> => {
  try {
    await tasks.create(task);
  } catch (error) {
    if (!(error instanceof ConflictError) || (await tasks.get(task.id))?.sourceRef !== task.sourceRef)
      throw error;
  }
};

/**
 * The mail a client gets about a task's brief: the acknowledgement, or the one question when the
 * brief lacks what routing needs. The outbox ref makes each of them go out once per task.
 */
export const briefMail = (
  brief: ParsedBrief,
  context: {
    taskId: string;
    client: Client;
    agencyName: string;
    language: Language;
    /** For package clients: what is left this month, shown in the mail. */
    packageMinutesLeft?: number;
    withdrawUrl?: string;
  },
): { ref: string; content: RenderedMail } => {
  const input = {
    language: context.language,
    agency: { name: context.agencyName },
    clientName: context.client.contactName,
    taskId: context.taskId,
    brief,
    timeZone: context.client.timeZone,
    packageMinutesLeft: context.packageMinutesLeft,
    withdrawUrl: context.withdrawUrl,
  };
  return brief.needsInfo
    ? { ref: `clarify:${context.taskId}`, content: clarificationMail(input) }
    : { ref: acknowledgementRef(context.taskId), content: acknowledgementMail(input) };
};
