import { z } from 'zod';
import { UtcInstantSchema } from './common';

export const OfferStatusSchema = z.enum(['PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN']);
export type OfferStatus = z.infer<typeof OfferStatusSchema>;

/** One VA asked to take one task. The link token itself is never stored, only its SHA-256. */
export const OfferSchema = z.object({
  taskId: z.string().min(1),
  vaId: z.string().min(1),
  status: OfferStatusSchema,
  rank: z.number().int().min(1),
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256'),
  sentAt: UtcInstantSchema,
  expiresAt: UtcInstantSchema,
  decidedAt: UtcInstantSchema.optional(),
});
export type Offer = z.infer<typeof OfferSchema>;
