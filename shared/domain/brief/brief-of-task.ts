import type { Task } from '../task';
import type { MissingField, ParsedBrief } from './parse-brief';

/**
 * The brief a stored task stands for, as the client's confirmation shows it: its details are
 * settled (the client answered, or the operator set them), so nothing is asked any more.
 */
export const briefOfTask = (
  task: Pick<
    Task,
    'title' | 'language' | 'skills' | 'deadline' | 'effortMinutes' | 'priority' | 'missing' | 'description'
  >,
  deadlineText = '',
): ParsedBrief => ({
  title: task.title,
  language: task.language,
  skills: task.skills.map(({ skill, confidence }) => ({ skill, confidence })),
  ...(task.deadline
    ? { deadline: { at: task.deadline, text: deadlineText, confidence: 1, asap: false } }
    : {}),
  ...(task.effortMinutes ? { effortMinutes: task.effortMinutes } : {}),
  priority: task.priority,
  missing: task.missing as MissingField[],
  needsInfo: false,
  description: task.description,
});
