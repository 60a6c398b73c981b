import type { IntakeOutcome, IntakeRecord } from '../domain/intake';
import type { OutboundMail } from './mailer';

export interface IntakeLog {
  /** Stores `record` unless one exists for its id; returns the stored one either way. */
  claim(record: IntakeRecord): Promise<IntakeRecord>;
  finish(id: string, outcome: IntakeOutcome, details?: { reason?: string; taskId?: string }): Promise<void>;
}

/** Maps Message-IDs (ours and the clients') to tasks, so replies find their thread. */
export interface ThreadIndex {
  link(messageId: string, taskId: string): Promise<void>;
  /** The task of the first of these ids that is known. */
  find(messageIds: readonly string[]): Promise<string | undefined>;
}

export interface TaskMessage {
  id: string;
  receivedAt: string;
  /** The sender's address; for a VA, `va:<id>` (see vaAuthor: the VA's address stays out of it). */
  from: string;
  subject: string;
  text: string;
  s3Key: string;
  attachmentKeys: string[];
}

export interface TaskThread {
  /** Idempotent by `message.id`. */
  append(taskId: string, message: TaskMessage): Promise<void>;
  list(taskId: string): Promise<TaskMessage[]>;
}

export type SendOutcome = 'sent' | 'already-sent' | 'rate-limited' | 'already-today';

/**
 * Sends automatic mail at most once per `ref` (a retry finds it sent), within the per-recipient
 * limits, and, with `oncePerDay`, at most once a day per recipient and kind.
 */
export interface Outbox {
  send(ref: string, mail: OutboundMail, options?: OutboxOptions): Promise<SendOutcome>;
  /** Whether the mail of `ref` has gone out (a retry that must not send a second link checks this). */
  wasSent(ref: string): Promise<boolean>;
  /** The provider's (SES) message id of a sent mail. */
  providerIdOf(ref: string): Promise<string | undefined>;
  /** The Message-ID its recipient saw on the sent mail of `ref`: the provider's if it replaced ours. */
  deliveredMessageIdOf(ref: string): Promise<string | undefined>;
}

export interface OutboxOptions {
  oncePerDay?: string;
  /**
   * Workflow mail to VAs and the operator is no answer to anyone, so it cannot loop; only mail that
   * answers incoming mail counts against the per-recipient limits.
   */
  unlimited?: boolean;
  /**
   * The task a reply to this mail belongs to. Besides our own Message-ID (linked before sending),
   * the one the provider put on the mail is linked to it once sent: a reply names that one.
   */
  thread?: string;
}
