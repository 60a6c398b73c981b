import type { ParsedBrief } from './brief/parse-brief';
import type { Task } from './task';
import { MAX_DESCRIPTION_BYTES, truncateUtf8 } from './text';

/** A new task from a brief: waiting for the client when the brief lacks what routing needs. */
export const taskFromBrief = (
  brief: ParsedBrief,
  meta: { id: string; clientId: string; source: Task['source']; sourceRef: string; at: string },
): Task => ({
  id: meta.id,
  clientId: meta.clientId,
  status: brief.needsInfo ? 'NEEDS_INFO' : 'ROUTING',
  source: meta.source,
  title: brief.title,
  description: truncateUtf8(brief.description, MAX_DESCRIPTION_BYTES),
  language: brief.language,
  skills: brief.skills.map((s) => ({ ...s, minLevel: 1 })),
  deadline: brief.deadline?.at,
  effortMinutes: brief.effortMinutes,
  priority: brief.priority,
  missing: brief.missing,
  sourceRef: meta.sourceRef,
  routingRun: 1,
  createdAt: meta.at,
  updatedAt: meta.at,
  version: 0,
});
