import { clientIn } from '../../domain/billing/plan-schedule';
import { billingPeriodOf } from '../../domain/billing/settlement';
import { returnPeriodMonths, type VatReturn, vatReturnOf } from '../../domain/billing/vat-return';
import type { SettlementStore } from '../../ports/billing';
import type { Runtime } from '../../ports/clock';
import type { ClientRepository } from '../../ports/repositories';
import type { StatementStore } from '../../ports/statements';

export interface VatReturnDeps {
  clients: Pick<ClientRepository, 'list'>;
  statements: Pick<StatementStore, 'listInvoices' | 'ledgerRevision'>;
  settlements: Pick<SettlementStore, 'postings'>;
  runtime: Pick<Runtime, 'now'>;
}

export interface VatReturnReport extends VatReturn {
  /**
   * Kz 66: the VAT paid on top to VAs who charge it, as their payouts posted it; deductible once
   * the VA's invoice is at hand.
   */
  inputVatCents: number;
  /** Months of the period not over yet: their invoices go out on the next 1st. */
  monthsNotOver: string[];
  /** A finished month a client owes for (billed work or a package fee) without an invoice yet. */
  notInvoiced: Array<{ clientId: string; month: string; why: 'billed work' | 'package fee' }>;
}

/**
 * The VAT return's figures from the invoices, and what would make them wrong: a finished month
 * someone owes for that `statements run` has not invoiced yet.
 */
export const vatReturnFor = async (period: string, deps: VatReturnDeps): Promise<VatReturnReport> => {
  const months = returnPeriodMonths(period);
  const stored = await deps.statements.listInvoices();
  const invoiced = new Set(stored.map((s) => `${s.clientId} ${s.period}`));
  const current = billingPeriodOf(deps.runtime.now().toISOString());
  const over = months.filter((m) => m < current);
  const notInvoiced: VatReturnReport['notInvoiced'] = [];
  for (const client of await deps.clients.list()) {
    if (client.erasedAt) continue;
    for (const month of over) {
      if (invoiced.has(`${client.id} ${month}`)) continue;
      if ((await deps.statements.ledgerRevision(client.id, month)) > 0)
        notInvoiced.push({ clientId: client.id, month, why: 'billed work' });
      else if (billingPeriodOf(client.createdAt) <= month && clientIn(client, month).plan.kind === 'package')
        notInvoiced.push({ clientId: client.id, month, why: 'package fee' });
    }
  }
  let inputVatCents = 0;
  for (const month of months)
    for (const p of await deps.settlements.postings('vat-input', month)) inputVatCents += p.amountCents;
  return {
    inputVatCents,
    ...vatReturnOf(
      stored.map((s) => s.invoice),
      months,
    ),
    monthsNotOver: months.filter((m) => m >= current),
    notInvoiced,
  };
};
