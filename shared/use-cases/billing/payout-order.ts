import { createHash } from 'node:crypto';
import { type SepaTransfer, sepaTransferOrder } from '../../documents/sepa-payouts';
import { payoutEndToEndId, payoutIdPrefix } from '../../domain/billing/payout';
import { electronicIban } from '../../domain/iban';
import { ConflictError } from '../../errors';
import { monthName } from '../../mail/format';
import { listPayouts, type PayoutDeps } from './payments';
import type { StatementDeps } from './run-statements';

export type PayoutOrderDeps = PayoutDeps & Pick<StatementDeps, 'config'>;

export interface PayoutOrder {
  /** The pain.001 file to upload in online banking; undefined when nobody is to be paid. */
  xml?: string;
  transfers: Array<SepaTransfer & { vaId: string }>;
  /** VAs the month still owes who are not in the file, with why. */
  left: Array<{ vaId: string; name: string; openCents: number; reason: string }>;
}

/**
 * The SEPA transfer order that pays every VA what a month still owes them, to the IBAN on their
 * profile, for the bank to execute on `executeOn`. It records nothing: the transfers are booked
 * when the bank statement that shows them is imported (`invoice import`), once each.
 */
export const payoutOrder = async (
  period: string,
  executeOn: string,
  deps: PayoutOrderDeps,
): Promise<PayoutOrder> => {
  const vas = new Map((await deps.vas.list()).map((va) => [va.id, va]));
  const transfers: PayoutOrder['transfers'] = [];
  const left: PayoutOrder['left'] = [];
  for (const row of await listPayouts(period, deps)) {
    if (row.openCents <= 0) continue;
    const va = vas.get(row.vaId);
    if (!va?.payoutIban) {
      left.push({
        ...row,
        reason: `no IBAN on file: va update ${row.vaId} --iban <IBAN>, then run this again`,
      });
      continue;
    }
    const month = monthName(period, va.language);
    transfers.push({
      vaId: va.id,
      name: va.payoutAccountHolder ?? va.name,
      iban: electronicIban(va.payoutIban),
      cents: row.openCents,
      endToEndId: payoutEndToEndId(va.id, period),
      purpose: `${va.language === 'de' ? 'Auszahlung' : 'Payout'} ${month} ${deps.config.agencyName}`,
    });
  }
  if (transfers.length === 0) return { transfers, left };
  const { seller } = deps.config;
  if (transfers.some((t) => t.iban === electronicIban(seller.iban)))
    throw new ConflictError("A VA's IBAN is the agency's own; fix it with va update before paying");
  // The same payouts give the same message id, so the bank can refuse a file uploaded twice.
  const digest = createHash('sha256')
    .update(JSON.stringify([period, executeOn, transfers]))
    .digest('hex')
    .slice(0, 16)
    .toUpperCase();
  const xml = sepaTransferOrder({
    messageId: `${payoutIdPrefix(period)}${digest}`,
    createdAt: deps.runtime.now(),
    executeOn,
    debtor: { name: seller.name, iban: seller.iban },
    transfers,
  });
  return { xml, transfers, left };
};
