import { describe, expect, it } from 'vitest';
import type { TaskMessage } from '../../../shared/ports/intake';
import { followUpsBeforeAssignment } from '../../../shared/use-cases/task-conversation';
import { aTask } from '../../support/builders';

const message = (id: string, receivedAt: string, from: string, text: string): TaskMessage => ({
  id,
  receivedAt,
  from,
  subject: 'AW: [VA-TEST01] Briefe an Lieferanten',
  text,
  s3Key: `raw/${id}`,
  attachmentKeys: [],
});

describe("the client's follow-ups in the VA's task mail", () => {
  const thread = [
    message('brief', '2026-11-25T09:00:00.000Z', 'karin@firma.example', 'Bitte Briefe schreiben.'),
    message(
      'before',
      '2026-11-25T09:30:00.000Z',
      'karin@firma.example',
      'Auch an die Mühle.\n\nAm Mittwoch schrieb Agentur:\n> alt',
    ),
    message('from-va', '2026-11-25T10:30:00.000Z', 'va:va_LENA', 'Mache ich.'),
    message('after', '2026-11-25T11:00:00.000Z', 'karin@firma.example', 'Danke!'),
  ];

  it('lists what came after the brief and before the assignment, in the client’s own words', () => {
    const task = aTask({
      sourceRef: 'brief',
      assignedVaId: 'va_LENA',
      assignedAt: '2026-11-25T10:00:00.000Z',
    });
    expect(followUpsBeforeAssignment(thread, task)).toEqual([
      { at: '2026-11-25T09:30:00.000Z', text: 'Auch an die Mühle.' },
    ]);
  });

  it("lists every follow-up of the client while nobody has the task, and never a VA's mail", () => {
    // Rerouted: the VA who wrote is gone, and the task waits for the next one.
    const task = aTask({ sourceRef: 'brief' });
    expect(followUpsBeforeAssignment(thread, task).map((f) => f.text)).toEqual([
      'Auch an die Mühle.',
      'Danke!',
    ]);
  });
});
