import { describe, expect, it } from 'vitest';
import {
  canTransition,
  TASK_STATUSES,
  TASK_TRANSITIONS,
  TERMINAL_STATUSES,
} from '../../../shared/domain/task';

describe('task status transitions', () => {
  it('lets the happy path through', () => {
    const path = ['NEEDS_INFO', 'ROUTING', 'OFFERED', 'ASSIGNED', 'COMPLETED', 'BILLED'] as const;
    for (let i = 1; i < path.length; i++)
      expect(canTransition(path[i - 1] as never, path[i] as never)).toBe(true);
  });

  it('never leaves a terminal status', () => {
    for (const status of TERMINAL_STATUSES) expect(TASK_TRANSITIONS[status]).toEqual([]);
  });

  it('cannot bill twice or un-bill', () => {
    expect(canTransition('BILLED', 'BILLED')).toBe(false);
    expect(canTransition('BILLED', 'COMPLETED')).toBe(false);
  });

  it('only names known statuses', () => {
    for (const targets of Object.values(TASK_TRANSITIONS))
      for (const t of targets) expect(TASK_STATUSES).toContain(t);
  });
});
