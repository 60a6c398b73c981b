import { Document } from 'sepa';
import { electronicIban } from '../domain/iban';

export interface SepaTransfer {
  name: string;
  iban: string;
  cents: number;
  /** Comes back on the agency's bank statement with the booking: it tells the import what it paid. */
  endToEndId: string;
  purpose: string;
}

export interface SepaTransferOrder {
  /** Unique per content: banks refuse a file whose message id they have seen (a double upload). */
  messageId: string;
  createdAt: Date;
  /** The day the bank is asked to execute it, YYYY-MM-DD. */
  executeOn: string;
  debtor: { name: string; iban: string };
  transfers: SepaTransfer[];
}

/**
 * A SEPA credit transfer order (pain.001.001.09, the version German banks take since November
 * 2025) that online banking imports as one collective transfer. Each transfer is booked on its own
 * (no batch booking), so the bank statement shows, and the import books, one payout per VA.
 */
export const sepaTransferOrder = (order: SepaTransferOrder): string => {
  const doc = new Document('pain.001.001.09');
  doc.grpHdr.id = order.messageId;
  doc.grpHdr.created = order.createdAt;
  doc.grpHdr.initiatorName = order.debtor.name;
  const info = doc.createPaymentInfo();
  info.id = `${order.messageId.slice(0, 31)}-1`;
  // Noon, local time: the library writes the local calendar day, which is then the one meant anywhere.
  info.requestedExecutionDate = new Date(`${order.executeOn}T12:00:00`);
  info.debtorName = order.debtor.name;
  info.debtorIBAN = electronicIban(order.debtor.iban);
  info.batchBooking = false;
  doc.addPaymentInfo(info);
  for (const t of order.transfers) {
    const tx = info.createTransaction();
    tx.creditorName = t.name.slice(0, 70);
    tx.creditorIBAN = t.iban;
    tx.amount = t.cents / 100;
    tx.end2endId = t.endToEndId;
    tx.remittanceInfo = t.purpose.slice(0, 140);
    info.addTransaction(tx);
  }
  return doc.toString();
};
