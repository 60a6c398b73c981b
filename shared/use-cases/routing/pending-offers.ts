import type { Offer } from '../../domain/offer';
import type { OfferRepository } from '../../ports/repositories';

/**
 * Withdraws every offer of the task still waiting for an answer; their links then say so. Returns
 * the offers that were pending, with the round tokens they wait on. Safe to repeat.
 */
export const withdrawPendingOffers = async (
  offers: Pick<OfferRepository, 'listByTask' | 'close'>,
  taskId: string,
  at: string,
): Promise<Offer[]> => {
  const pending = (await offers.listByTask(taskId)).filter((offer) => offer.status === 'PENDING');
  for (const offer of pending) await offers.close(taskId, offer.vaId, 'WITHDRAWN', at);
  return pending;
};
