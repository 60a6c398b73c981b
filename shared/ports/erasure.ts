import type { Client } from '../domain/client';
import type { TaskMessage } from './intake';

/** The writes of a client's erasure; each is idempotent, so an interrupted erasure can run again. */
export interface ErasureStore {
  /** The task's stored messages (their raw mail and files are the BlobStore's to delete). */
  deleteMessages(taskId: string, messages: readonly TaskMessage[]): Promise<void>;
  /** Title, description and completion note replaced; status, times and billing stay. */
  anonymiseTask(taskId: string): Promise<void>;
  /** Sender and subject of the intake log entries of these mails. */
  anonymiseIntakeRecords(ids: readonly string[]): Promise<void>;
  /** Recipient and subject of these outbox entries; they stay "sent", so nothing goes out again. */
  anonymiseOutbox(refs: readonly string[]): Promise<void>;
  deleteSubmission(submissionId: string): Promise<void>;
  /** Keeps a statement for the retention period, marked as blocked for any other use. */
  blockStatement(
    clientId: string,
    period: string,
    block: { since: string; retainUntil: string },
  ): Promise<void>;
  /** The profile becomes its tombstone; its sender addresses and form link stop existing. One transaction. */
  tombstone(client: Client, tombstone: Client): Promise<void>;
}
