import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface HistoryEvent {
  id: number;
  at: number;
  type: string;
  state?: string;
  detail?: Record<string, unknown>;
}

/** Where an execution stands; enough to carry on after the process stops at any point. */
export interface Position {
  state: string;
  input: unknown;
  enteredAt: number;
  /** Attempts made per retrier index of the current state. */
  attempts: Record<number, number>;
  /** The task token the state waits for, with its deadlines (epoch ms). */
  waiting?: {
    token: string;
    timeoutAt?: number;
    heartbeatAt?: number;
    heartbeatMs?: number;
    /** Set once the task's Lambda has run; a restart before that runs it again. */
    invoked?: boolean;
  };
  /** A Wait state, or a retry, resumes at this time. */
  resumeAt?: number;
}

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: number;
  stopDate?: number;
  position?: Position;
  history: HistoryEvent[];
}

export interface Journal {
  save(record: ExecutionRecord): void;
  loadAll(): ExecutionRecord[];
}

/** Keeps executions in memory only (tests that do not restart). */
export class MemoryJournal implements Journal {
  private readonly records = new Map<string, string>();
  save(record: ExecutionRecord) {
    this.records.set(record.executionArn, JSON.stringify(record));
  }
  loadAll() {
    return [...this.records.values()].map((r) => JSON.parse(r) as ExecutionRecord);
  }
}

/**
 * One JSON file per execution, replaced atomically (write, then rename) at every step, so a kill
 * at any moment leaves either the previous step or the next one on disk, never half of one.
 */
export class FileJournal implements Journal {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  private fileOf(record: ExecutionRecord) {
    return join(this.dir, `${Buffer.from(record.executionArn).toString('base64url')}.json`);
  }

  save(record: ExecutionRecord) {
    const file = this.fileOf(record);
    writeFileSync(`${file}.tmp`, JSON.stringify(record));
    renameSync(`${file}.tmp`, file);
  }

  loadAll(): ExecutionRecord[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as ExecutionRecord);
  }
}
