import type { Workflow, WorkflowInput } from '../../shared/ports/routing';

/**
 * Stands in for Step Functions where a test is about intake, not routing: it remembers which
 * workflows were started, with the same idempotency by name that Step Functions has.
 */
export class RecordingWorkflow implements Workflow {
  readonly started = new Map<string, WorkflowInput>();

  async start(name: string, input: WorkflowInput) {
    if (this.started.has(name)) return 'already-started' as const;
    this.started.set(name, input);
    return 'started' as const;
  }
  async succeed() {
    return false;
  }
  async fail() {
    return false;
  }
  async stop() {
    return false;
  }
  async exists(name: string) {
    return this.started.has(name);
  }
}
