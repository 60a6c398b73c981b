import { describe, expect, it } from 'vitest';
import { type Attention, attentionOf, byUrgency, nextDigestRun } from '../../../shared/domain/attention';
import type { Task } from '../../../shared/domain/task';
import { aTask } from '../../support/builders';

const NOW = new Date('2026-12-10T12:00:00Z');
const task = (overrides: Partial<Task>) =>
  aTask({ createdAt: '2026-12-01T09:00:00.000Z', updatedAt: '2026-12-09T09:00:00.000Z', ...overrides });

describe('which open tasks need the operator', () => {
  it.each<[string, Partial<Task>, Attention['reason'] | undefined, string | undefined]>([
    ['nobody took it', { status: 'UNASSIGNED' }, 'unassigned', '2026-12-09T09:00:00.000Z'],
    [
      'assigned, past its deadline',
      { status: 'ASSIGNED', deadline: '2026-12-10T11:00:00.000Z' },
      'overdue',
      '2026-12-10T11:00:00.000Z',
    ],
    [
      'still offered, past its deadline',
      { status: 'OFFERED', deadline: '2026-12-09T17:00:00.000Z' },
      'overdue',
      '2026-12-09T17:00:00.000Z',
    ],
    [
      'assigned, deadline still ahead',
      { status: 'ASSIGNED', deadline: '2026-12-11T09:00:00.000Z' },
      undefined,
      undefined,
    ],
    [
      'the client silent for more than two days',
      { status: 'NEEDS_INFO', updatedAt: '2026-12-08T11:59:00.000Z' },
      'waiting-for-client',
      '2026-12-08T11:59:00.000Z',
    ],
    ['the client asked yesterday', { status: 'NEEDS_INFO' }, undefined, undefined],
    [
      'done, past its deadline',
      { status: 'COMPLETED', deadline: '2026-12-01T09:00:00.000Z' },
      undefined,
      undefined,
    ],
    ['cancelled', { status: 'CANCELLED', deadline: '2026-12-01T09:00:00.000Z' }, undefined, undefined],
  ])('%s', (_, overrides, reason, since) => {
    const attention = attentionOf(task(overrides), NOW);
    expect(attention?.reason).toBe(reason);
    expect(attention?.since).toBe(since);
  });

  it('puts the most pressing first, the oldest first within each', () => {
    const list: Attention[] = [
      { taskId: 'c', reason: 'waiting-for-client', since: '2026-12-01T00:00:00.000Z' },
      { taskId: 'b2', reason: 'overdue', since: '2026-12-09T00:00:00.000Z' },
      { taskId: 'a', reason: 'unassigned', since: '2026-12-09T00:00:00.000Z' },
      { taskId: 'b1', reason: 'overdue', since: '2026-12-08T00:00:00.000Z' },
    ];
    expect(list.sort(byUrgency).map((a) => a.taskId)).toEqual(['a', 'b1', 'b2', 'c']);
  });

  it('sends the digest at 08:00 Berlin on working days, winter and summer', () => {
    const next = (at: string) => nextDigestRun(new Date(at)).toISOString();
    expect(next('2026-12-08T06:59:00Z')).toBe('2026-12-08T07:00:00.000Z'); // Tuesday, before 08:00
    expect(next('2026-12-08T07:00:00Z')).toBe('2026-12-09T07:00:00.000Z'); // Tuesday, at 08:00
    expect(next('2026-12-11T09:00:00Z')).toBe('2026-12-14T07:00:00.000Z'); // Friday -> Monday
    expect(next('2027-07-03T12:00:00Z')).toBe('2027-07-05T06:00:00.000Z'); // Saturday, summer time
  });
});
