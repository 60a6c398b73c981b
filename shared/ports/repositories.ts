import type { Client } from '../domain/client';
import type { Offer } from '../domain/offer';
import type { Task, TaskChanges, TaskField, TaskStatus } from '../domain/task';
import type { Va, VaMatchProfile } from '../domain/va';

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. */
  cursor?: string;
}

export interface ClientRepository {
  /** Throws ConflictError when the id or any sender address is taken. */
  create(client: Client): Promise<void>;
  get(clientId: string): Promise<Client | undefined>;
  /** Case-insensitive, plus-addressing tolerated. */
  findBySender(address: string): Promise<Client | undefined>;
  list(): Promise<Client[]>;
  /**
   * Replaces the client as read at its `version`, moving its sender addresses with it. Throws
   * ConflictError when it changed since, or a new address belongs to another client.
   */
  update(client: Client): Promise<Client>;
  /** Replaces the client's personal form link; the old one stops working at once. */
  setFormToken(clientId: string, tokenHash: string): Promise<void>;
  findByFormToken(tokenHash: string): Promise<Client | undefined>;
}

export interface SkillQuery {
  skill: Va['skills'][number]['skill'];
  language: string;
  minLevel: number;
  /** Read at most this many members, best level first. */
  limit: number;
}

export interface SkillQueryResult {
  candidates: VaMatchProfile[];
  /** Items DynamoDB read to answer: the figure the routing benchmark watches. */
  itemsRead: number;
}

export interface VaRepository {
  /** Throws ConflictError when the id or email is taken. */
  create(va: Va): Promise<void>;
  get(vaId: string): Promise<Va | undefined>;
  /** The VA who has this address (any case, any `+tag`), as a sender of mail. */
  findByEmail(address: string): Promise<Va | undefined>;
  list(): Promise<Va[]>;
  /** Replaces the VA if it is still at `va.version`; the stored version becomes `va.version + 1`. */
  update(va: Va): Promise<Va>;
  /** Makes `tokenHash` the VA's one page link; the previous link stops working at once. */
  setPageToken(vaId: string, tokenHash: string): Promise<void>;
  findByPageToken(tokenHash: string): Promise<Va | undefined>;
  findBySkill(query: SkillQuery): Promise<SkillQueryResult>;
}

export interface TaskRepository {
  /** Throws ConflictError when the id exists. */
  create(task: Task): Promise<void>;
  get(taskId: string): Promise<Task | undefined>;
  listByClient(clientId: string, options?: { limit?: number; cursor?: string }): Promise<Page<Task>>;
  listByStatus(status: TaskStatus, options?: { limit?: number; cursor?: string }): Promise<Page<Task>>;
  /**
   * Moves a task from `from` to `to` (applies `changes`, removes the `clear` fields) only if it is
   * still in `from`; otherwise throws ConflictError. Returns the task as stored.
   */
  transition(
    taskId: string,
    from: TaskStatus,
    to: TaskStatus,
    at: string,
    changes?: TaskChanges,
    clear?: readonly TaskField[],
  ): Promise<Task>;
}

export interface OfferRepository {
  /**
   * Stores the offer and its link token hash together; throws ConflictError if the VA has one
   * already, and TaskClosedError if the task no longer takes offers in routing run `run`.
   */
  create(offer: Offer, linkTtlEpochSeconds: number, run: number): Promise<void>;
  /**
   * Asks the VA of a closed offer again, in routing run `run`: the offer becomes `offer`, keeping
   * the earlier answer. ConflictError if it is no longer as `previous` was read; TaskClosedError as
   * for create.
   */
  reopen(offer: Offer, previous: Offer, linkTtlEpochSeconds: number, run: number): Promise<void>;
  findByTokenHash(tokenHash: string): Promise<Offer | undefined>;
  get(taskId: string, vaId: string): Promise<Offer | undefined>;
  listByTask(taskId: string): Promise<Offer[]>;
  /** Notes that the offer mail went out (so a retry does not send it again with a new link). */
  markMailed(taskId: string, vaId: string, at: string): Promise<void>;
  /** Moves a pending offer from one attempt's task token to the next; false if it was answered first. */
  retoken(taskId: string, vaId: string, from: string, to: string): Promise<boolean>;
  /** PENDING -> `to`; false when the offer was no longer pending (someone else decided first). */
  close(taskId: string, vaId: string, to: 'DECLINED' | 'EXPIRED' | 'WITHDRAWN', at: string): Promise<boolean>;
}
