/**
 * Every queue of va-router, described once for the CDK stack and the local stack. Each has a
 * dead-letter queue; `maxReceiveCount` is how often a message may fail before it is parked there.
 */
export interface QueueDefinition {
  /** Logical name; the physical name is `<prefix>-<name>`. */
  readonly name: string;
  /** At least 6x the consumer's timeout, as AWS recommends for Lambda event sources. */
  readonly visibilityTimeoutSeconds: number;
  readonly maxReceiveCount: number;
  readonly retentionDays: number;
}

export const QUEUES = {
  /** S3 "raw mail stored" events, consumed by intake-email. */
  intake: { name: 'intake', visibilityTimeoutSeconds: 180, maxReceiveCount: 5, retentionDays: 14 },
  /** One message per client and month, from the monthly run; consumed by send-statement. */
  statements: { name: 'statements', visibilityTimeoutSeconds: 360, maxReceiveCount: 5, retentionDays: 14 },
} as const satisfies Record<string, QueueDefinition>;

/** Parked messages are kept as long as SQS allows, so the operator has time to redrive them. */
export const DLQ_RETENTION_DAYS = 14;

export const dlqName = (queueName: string) => `${queueName}-dlq`;
