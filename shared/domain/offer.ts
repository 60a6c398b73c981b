import * as z from 'zod';
import { UtcInstantSchema } from './common';

/** RELEASED: accepted, then given back by the VA; they are not asked again for this task. */
export const OfferStatusSchema = z.enum([
  'PENDING',
  'ACCEPTED',
  'DECLINED',
  'EXPIRED',
  'WITHDRAWN',
  'RELEASED',
]);
export type OfferStatus = z.infer<typeof OfferStatusSchema>;

/** One VA asked to take one task. The link token itself is never stored, only its SHA-256. */
export const OfferSchema = z.object({
  taskId: z.string().min(1),
  vaId: z.string().min(1),
  status: OfferStatusSchema,
  rank: z.number().int().min(1),
  /** Offers sent together (urgent tasks go to several VAs at once) share a round and a task token. */
  round: z.number().int().min(1).default(1),
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256'),
  /** The workflow's callback token for this round; the VA's answer completes it. */
  taskToken: z.string().optional(),
  /**
   * When the workflow entered the SendOffer state that made this round. A retried attempt of that
   * state waits on a new token but has the same entry time: it adopts the round instead of expiring it.
   */
  roundEnteredAt: z.string().optional(),
  sentAt: UtcInstantSchema,
  expiresAt: UtcInstantSchema,
  /** When the offer mail went out; a retry without it sends the mail with a fresh link. */
  mailedAt: UtcInstantSchema.optional(),
  decidedAt: UtcInstantSchema.optional(),
  releasedAt: UtcInstantSchema.optional(),
});
export type Offer = z.infer<typeof OfferSchema>;
