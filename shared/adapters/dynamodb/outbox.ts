import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { normalizeEmailAddress } from '../../domain/email-address';
import { AUTO_MAIL_LIMITS } from '../../domain/intake';
import { ConflictError } from '../../errors';
import type { Outbox, OutboxOptions, SendOutcome } from '../../ports/intake';
import type { Mailer, OutboundMail } from '../../ports/mailer';
import type { RateLimiter } from '../../ports/rate-limiter';
import { DynamoThreadIndex } from './intake-repository';
import { dailyMarkKey, outboxKey } from './keys';
import { DynamoRateLimiter } from './rate-limiter';
import { failedConditionIndex } from './write-errors';

const DAY_SECONDS = 86_400;

/**
 * Exactly-once as far as email allows: an entry is claimed before sending and marked after. A retry
 * finds "sent" and does nothing. If a sender dies between claim and send, the claim expires after
 * `leaseSeconds` and the retry sends; only a crash between SES accepting and our mark can repeat a
 * mail, and SES offers no idempotency key to close that last gap.
 */
export class DynamoOutbox implements Outbox {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly mailer: Mailer,
    private readonly now: () => Date,
    private readonly limiter: RateLimiter = new DynamoRateLimiter(db, tableName),
    /** Shorter than the intake queue's visibility timeout (180 s), so the redelivery can take over. */
    private readonly leaseSeconds = 120,
    private readonly threads = new DynamoThreadIndex(db, tableName),
  ) {}

  async send(ref: string, mail: OutboundMail, options: OutboxOptions = {}): Promise<SendOutcome> {
    const at = this.now();
    const recipient = normalizeEmailAddress(mail.to);
    const claimed = await this.claim(ref, recipient, mail.subject, at);
    if (claimed !== 'claimed') return claimed;

    if (options.oncePerDay && !(await this.firstToday(recipient, options.oncePerDay, ref, at))) {
      await this.mark(ref, 'suppressed', { reason: 'already-today' });
      return 'already-today';
    }
    if (!options.unlimited && !(await this.limiter.consume(`mail:${recipient}`, AUTO_MAIL_LIMITS, at))) {
      await this.mark(ref, 'suppressed', { reason: 'rate-limited' });
      return 'rate-limited';
    }
    let providerId: string;
    try {
      providerId = await this.mailer.send(mail);
    } catch (error) {
      // SES refused: nothing left, so the retry may send at once instead of waiting out the lease.
      await this.mark(ref, 'failed', { reason: error instanceof Error ? error.name : 'send failed' });
      throw error;
    }
    // Linked before the mark: a retry that finds "sent" does not come back to link it.
    const delivered = options.thread ? await this.mailer.deliveredMessageId?.(providerId) : undefined;
    if (delivered && options.thread) await this.threads.link(delivered, options.thread);
    await this.mark(ref, 'sent', { providerId, messageId: mail.messageId, sentAt: at.toISOString() });
    return 'sent';
  }

  async providerIdOf(ref: string): Promise<string | undefined> {
    return (await this.sentEntry(ref))?.providerId;
  }

  async deliveredMessageIdOf(ref: string): Promise<string | undefined> {
    const entry = await this.sentEntry(ref);
    if (!entry) return undefined;
    return (
      (entry.providerId ? await this.mailer.deliveredMessageId?.(entry.providerId) : undefined) ??
      entry.messageId
    );
  }

  async wasSent(ref: string): Promise<boolean> {
    return (await this.sentEntry(ref)) !== undefined;
  }

  private async sentEntry(ref: string): Promise<{ providerId?: string; messageId?: string } | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: outboxKey(ref), ConsistentRead: true }),
    );
    return out.Item?.state === 'sent' ? (out.Item as { providerId?: string; messageId?: string }) : undefined;
  }

  private async claim(
    ref: string,
    recipient: string,
    subject: string,
    at: Date,
  ): Promise<'claimed' | SendOutcome> {
    const epoch = Math.floor(at.getTime() / 1000);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...outboxKey(ref),
            type: 'outbox',
            state: 'sending',
            claimedAt: epoch,
            to: recipient,
            subject,
            ttl: epoch + 90 * DAY_SECONDS,
          },
          ConditionExpression:
            'attribute_not_exists(PK) OR #state = :failed OR (#state = :sending AND claimedAt <= :stale)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':failed': 'failed',
            ':stale': epoch - this.leaseSeconds,
          },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (failedConditionIndex(error) === undefined) throw error;
    }
    const existing = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: outboxKey(ref), ConsistentRead: true }),
    );
    const state = existing.Item?.state;
    if (state === 'sent') return 'already-sent';
    if (state === 'suppressed')
      return existing.Item?.reason === 'already-today' ? 'already-today' : 'rate-limited';
    throw new ConflictError(`Mail ${ref} is being sent by another worker`);
  }

  /** True when this `ref` is the first mail of `kind` to `recipient` today (UTC), also on retry. */
  private async firstToday(recipient: string, kind: string, ref: string, at: Date): Promise<boolean> {
    const key = dailyMarkKey(`mail:${recipient}`, kind, at.toISOString().slice(0, 10));
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...key,
            type: 'auto-mail-day',
            ref,
            ttl: Math.floor(at.getTime() / 1000) + 2 * DAY_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(PK) OR #ref = :ref',
          ExpressionAttributeNames: { '#ref': 'ref' },
          ExpressionAttributeValues: { ':ref': ref },
        }),
      );
      return true;
    } catch (error) {
      if (failedConditionIndex(error) === undefined) throw error;
      return false;
    }
  }

  private async mark(
    ref: string,
    state: 'sent' | 'suppressed' | 'failed',
    details: Record<string, string>,
  ): Promise<void> {
    const names: Record<string, string> = { '#state': 'state' };
    const values: Record<string, string> = { ':state': state };
    const sets = ['#state = :state'];
    for (const [name, value] of Object.entries(details)) {
      names[`#${name}`] = name;
      values[`:${name}`] = value;
      sets.push(`#${name} = :${name}`);
    }
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: outboxKey(ref),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }
}
