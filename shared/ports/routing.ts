import type { VaStats } from '../domain/matching/standing';
import type { VaStatsEvent } from '../domain/matching/stats-events';
import type { Offer } from '../domain/offer';
import type { Task } from '../domain/task';

export interface VaStatsReader {
  /** Stats of these VAs; a VA without any has none yet (a newcomer). */
  getMany(vaIds: readonly string[]): Promise<{ stats: Map<string, VaStats>; itemsRead: number }>;
}

export interface VaStatsWriter {
  /**
   * Applies each event once (see applyStatsEvent), several in one write; safe to call again on a
   * retry.
   */
  apply(vaId: string, ...events: [VaStatsEvent, ...VaStatsEvent[]]): Promise<void>;
}

/** A mailed link's target, found by the SHA-256 of its token. */
export type LinkTarget =
  /**
   * `offerRun`: the routing run whose offer mail carried the link. A VA the operator asks again
   * (`task offer`) gets a new offer in a new run; the links of the earlier mails decide nothing.
   */
  | { kind: 'offer'; taskId: string; vaId: string; offerRun?: number }
  | { kind: 'done'; taskId: string; vaId: string }
  /** The client's link to withdraw their task before anyone has taken it. */
  | { kind: 'withdraw'; taskId: string; clientId: string };

export interface LinkRepository {
  put(tokenHash: string, target: LinkTarget, ttlEpochSeconds: number): Promise<void>;
  find(tokenHash: string): Promise<LinkTarget | undefined>;
}

export type AcceptResult = 'accepted' | 'conflict';

/** The one place a VA gets a task: offer and task change together or not at all. */
export interface AssignmentStore {
  /** PENDING and unexpired offer -> ACCEPTED, OFFERED task -> ASSIGNED to its VA, in one transaction. */
  accept(offer: Offer, at: Date): Promise<AcceptResult>;
  /** Keeps the workflow's completion token on an ASSIGNED task; false once the task moved on. */
  awaitCompletion(taskId: string, token: string): Promise<boolean>;
  /** ASSIGNED -> COMPLETED with the logged time; returns the stored task (with any waiting token). */
  complete(taskId: string, vaId: string, work: { minutes: number; note: string; at: string }): Promise<Task>;
  /**
   * The VA gives the task back: their ACCEPTED offer -> RELEASED, and the task, still ASSIGNED to
   * them in routing run `run`, -> ROUTING in run `run + 1`, in one transaction. False when it was
   * no longer theirs to give back (done, rerouted, cancelled, or given back already).
   */
  release(taskId: string, vaId: string, run: number, at: string): Promise<boolean>;
}

/** What an execution starts with: the task, and which of its routing runs the execution is. */
export interface WorkflowInput {
  taskId: string;
  run: number;
}

export interface Workflow {
  /**
   * Starts the task's workflow for one routing run; starting it again with the same name and input
   * is a no-op.
   */
  start(name: string, input: WorkflowInput): Promise<'started' | 'already-started'>;
  /** Completes a waiting state; false when it no longer waits (timed out, answered, or gone). */
  succeed(token: string, output: unknown): Promise<boolean>;
  fail(token: string, error: string, cause: string): Promise<boolean>;
  /** Stops an execution (reroute, cancel); stopping a finished one changes nothing. */
  stop(name: string, cause: string): Promise<boolean>;
  /** Whether an execution of this name was ever started (running or ended). */
  exists(name: string): Promise<boolean>;
}
