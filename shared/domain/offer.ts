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
  /** The routing run that made it; absent on offers made before runs were recorded on them. */
  run: z.number().int().min(1).optional(),
  /**
   * How the VA answered before, when the operator asked them again in a later run (`task offer`):
   * one offer item per VA and task, so the earlier answers are kept here.
   */
  earlier: z
    .array(
      z.object({
        status: OfferStatusSchema,
        round: z.number().int().min(1),
        sentAt: UtcInstantSchema,
        decidedAt: UtcInstantSchema.optional(),
        run: z.number().int().min(1).optional(),
      }),
    )
    .optional(),
});
export type Offer = z.infer<typeof OfferSchema>;

/** An offer that is answered or over: the operator may ask that VA again in a run of their own. */
export const isClosedOffer = (offer: Pick<Offer, 'status'>) =>
  offer.status !== 'PENDING' && offer.status !== 'ACCEPTED';
