import { describe, expect, it } from 'vitest';
import {
  canTransition,
  isLongClosed,
  REPLY_WINDOW_DAYS,
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

  it('closes a thread for replies only after a billed or cancelled task has rested the window', () => {
    const at = new Date('2026-12-01T09:00:00Z');
    const daysAgo = (days: number) => new Date(at.getTime() - days * 86_400_000).toISOString();
    expect(isLongClosed({ status: 'BILLED', updatedAt: daysAgo(REPLY_WINDOW_DAYS + 1) }, at)).toBe(true);
    expect(isLongClosed({ status: 'CANCELLED', updatedAt: daysAgo(REPLY_WINDOW_DAYS + 1) }, at)).toBe(true);
    expect(isLongClosed({ status: 'BILLED', updatedAt: daysAgo(REPLY_WINDOW_DAYS - 1) }, at)).toBe(false);
    // An open task stays open to replies however long it runs.
    expect(isLongClosed({ status: 'ASSIGNED', updatedAt: daysAgo(90) }, at)).toBe(false);
  });

  it('only names known statuses', () => {
    for (const targets of Object.values(TASK_TRANSITIONS))
      for (const t of targets) expect(TASK_STATUSES).toContain(t);
  });
});
