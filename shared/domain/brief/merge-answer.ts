import type { Task } from '../task';
import { briefOfTask } from './brief-of-task';
import { type ParsedBrief, SURE_DEADLINE, SURE_SKILL } from './parse-brief';

/** The stored brief, completed with what the answer says; what stays unknown stays listed as missing. */
export const mergeAnswer = (task: Task, answer: ParsedBrief) => {
  const sureSkills = (task.skills[0]?.confidence ?? 0) >= SURE_SKILL;
  const skills =
    sureSkills || answer.skills.length === 0
      ? task.skills
      : answer.skills.map((s) => ({ ...s, minLevel: 1 }));
  const deadline =
    answer.deadline && (answer.deadline.confidence >= 0.5 || !task.deadline)
      ? answer.deadline.at
      : task.deadline;
  const effortMinutes = task.effortMinutes ?? answer.effortMinutes;
  const missing = [
    ...((skills[0]?.confidence ?? 0) < SURE_SKILL ? (['skills'] as const) : []),
    ...(!deadline ||
    (answer.deadline?.at === deadline && answer.deadline.confidence < SURE_DEADLINE && !task.deadline)
      ? (['deadline'] as const)
      : []),
    ...(!effortMinutes ? (['effort'] as const) : []),
  ];
  const priority =
    answer.priority === 'urgent' || answer.priority === 'high' ? answer.priority : task.priority;
  const brief = briefOfTask(
    { ...task, skills, deadline, effortMinutes, missing, priority },
    answer.deadline?.text,
  );
  return { brief, changes: { skills, deadline, effortMinutes, missing, priority } };
};
