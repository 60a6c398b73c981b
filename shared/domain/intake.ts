import * as z from 'zod';
import { UtcInstantSchema } from './common';

/** What became of one received mail. Every mail gets one; none is dropped silently. */
export const INTAKE_OUTCOMES = [
  'task-created',
  'needs-info',
  'appended',
  'brief-completed',
  'va-message',
  'va-unmatched',
  /** A client wrote about an invoice: passed on to the operator, no task. */
  'billing-message',
  'unknown-sender',
  'auto-reply',
  'bounce',
  'bulk',
  'quarantined',
  'too-large',
] as const;
export const IntakeOutcomeSchema = z.enum(INTAKE_OUTCOMES);
export type IntakeOutcome = z.infer<typeof IntakeOutcomeSchema>;

/**
 * The intake log entry of one mail, keyed by its Message-ID (or content hash). Created before any
 * work and carrying the task id chosen on the first attempt, so a retry after a crash resumes the
 * same task instead of making a second one.
 */
export const IntakeRecordSchema = z.object({
  id: z.string(),
  s3Key: z.string(),
  messageId: z.string().optional(),
  from: z.string().optional(),
  subject: z.string(),
  receivedAt: UtcInstantSchema,
  /** The id a new task from this mail gets, chosen once so that retries reuse it. */
  proposedTaskId: z.string(),
  /** The task this mail created or was added to. */
  taskId: z.string().optional(),
  state: z.enum(['received', 'done']),
  outcome: IntakeOutcomeSchema.optional(),
  reason: z.string().optional(),
});
export type IntakeRecord = z.infer<typeof IntakeRecordSchema>;

/**
 * Automatic mail per recipient, as helpdesks cap it, so no loop can run away even with a peer that
 * ignores Auto-Submitted.
 */
export const AUTO_MAIL_LIMITS = [
  { window: '10m', seconds: 600, max: 10 },
  { window: '1h', seconds: 3_600, max: 30 },
] as const;
