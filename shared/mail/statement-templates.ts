import { hasEInvoice, type Invoice } from '../domain/billing/invoice';
import type { PayoutStatement } from '../domain/billing/payout';
import { formatCents } from '../domain/money';
import { type Agency, type RenderedMail, render } from './compose';
import { formatDate, formatMinutes, monthName } from './format';

/** The monthly invoice mail; the PDF, the e-invoice where there is one, and the time report as CSV, are attached. */
export const invoiceMail = (invoice: Invoice, agency: Agency): RenderedMail => {
  const language = invoice.buyer.language;
  const de = language === 'de';
  const month = monthName(invoice.period, language);
  const money = (c: number) => formatCents(c, language);
  // Corrections of earlier invoices can outweigh a month's work: then the client gets money back.
  const credit = invoice.grossCents < 0;
  const document = credit ? (de ? 'Rechnungskorrektur' : 'credit note') : de ? 'Rechnung' : 'invoice';
  const due = formatDate(invoice.dueDate, language);
  const eInvoice = hasEInvoice(invoice);
  const rows: Array<[string, string]> = [
    [de ? 'Rechnungsnummer' : 'Invoice number', invoice.number],
    [de ? 'Aufträge' : 'Tasks', String(invoice.lines.length)],
    [
      de ? 'Zeit' : 'Time',
      formatMinutes(
        invoice.lines.reduce((n, l) => n + l.billedMinutes, 0),
        language,
      ),
    ],
    [de ? 'Netto' : 'Net', money(invoice.netCents)],
    [de ? `USt. ${invoice.vatRatePercent} %` : `VAT ${invoice.vatRatePercent} %`, money(invoice.vatCents)],
    [de ? 'Rechnungsbetrag' : 'Amount due', money(invoice.grossCents)],
    credit ? [de ? 'Erstattung bis' : 'Refund by', due] : [de ? 'Zahlbar bis' : 'Due', due],
  ];
  if (invoice.packageFee) {
    const fee = invoice.packageFee;
    const left = Math.max(0, fee.includedMinutes + fee.carriedMinutes - fee.usedMinutes);
    rows.push([de ? 'Paket: übrig im Monat' : 'Package: left this month', formatMinutes(left, language)]);
  }
  const greeting = de ? `Guten Tag ${invoice.buyer.contactName},` : `Hello ${invoice.buyer.contactName},`;
  return de
    ? render(
        'de',
        agency,
        `Ihre ${document} ${invoice.number} für ${month}`,
        greeting,
        `anbei Ihre ${document} für ${month} als PDF${eInvoice ? ' und als E-Rechnung (XRechnung)' : ''}, dazu der Zeitnachweis als CSV-Datei.`,
        rows,
        'Fragen zur Rechnung? Antworten Sie einfach auf diese E-Mail.',
      )
    : render(
        'en',
        agency,
        `Your ${document} ${invoice.number} for ${month}`,
        greeting,
        `please find attached your ${document} for ${month} as a PDF${eInvoice ? ' and as an e-invoice (XRechnung)' : ''}, with the time report as a CSV file.`,
        rows,
        'Questions about the invoice? Simply reply to this email.',
      );
};

/** The VA's monthly payout statement mail; the PDF is attached. */
export const payoutMail = (payout: PayoutStatement, agency: Agency): RenderedMail => {
  const de = payout.language === 'de';
  const month = monthName(payout.period, payout.language);
  const rows: Array<[string, string]> = [
    [de ? 'Aufträge' : 'Tasks', String(payout.lines.length)],
    [de ? 'Zeit' : 'Time', formatMinutes(payout.totalMinutes, payout.language)],
    ...(payout.vatMode === 'standard'
      ? ([
          [de ? 'Netto' : 'Net', formatCents(payout.netCents, payout.language)],
          [de ? 'USt. 19 %' : 'VAT 19 %', formatCents(payout.vatCents, payout.language)],
        ] as Array<[string, string]>)
      : []),
    [de ? 'Auszahlung' : 'Payout', formatCents(payout.totalCents, payout.language)],
  ];
  return render(
    payout.language,
    agency,
    de ? `Ihre Auszahlungsübersicht für ${month}` : `Your payout statement for ${month}`,
    de ? `Hallo ${payout.vaName},` : `Hello ${payout.vaName},`,
    de
      ? `danke für Ihre Arbeit im ${month}. Anbei die Übersicht Ihrer Aufträge und der Auszahlung.`
      : `thank you for your work in ${month}. Attached is the overview of your tasks and your payout.`,
    rows,
    de
      ? 'Stimmt etwas nicht? Antworten Sie einfach auf diese E-Mail.'
      : 'Anything wrong? Simply reply to this email.',
  );
};

/**
 * A friendly payment reminder (Zahlungserinnerung), in the invoice's thread with its PDF again: what
 * is still open, since when, and how to pay. No fees and no threats; a person decides on more.
 */
export const paymentReminderMail = (
  invoice: Invoice,
  open: { openCents: number; paidCents: number },
  agency: Agency,
): RenderedMail => {
  const language = invoice.buyer.language;
  const de = language === 'de';
  const money = (c: number) => formatCents(c, language);
  const date = (d: string) => formatDate(d, language);
  const rows: Array<[string, string]> = [
    [de ? 'Rechnungsnummer' : 'Invoice number', invoice.number],
    [de ? 'Rechnungsdatum' : 'Invoice date', date(invoice.issueDate)],
    [de ? 'Fällig seit' : 'Due since', date(invoice.dueDate)],
    [de ? 'Rechnungsbetrag' : 'Invoice amount', money(invoice.grossCents)],
    ...(open.paidCents > 0
      ? [[de ? 'Bereits bezahlt' : 'Paid so far', money(open.paidCents)] as [string, string]]
      : []),
    [de ? 'Offen' : 'Open', money(open.openCents)],
    ['IBAN', invoice.seller.iban],
    [de ? 'Verwendungszweck' : 'Payment reference', invoice.number],
  ];
  const greeting = de ? `Guten Tag ${invoice.buyer.contactName},` : `Hello ${invoice.buyer.contactName},`;
  return de
    ? render(
        'de',
        agency,
        `Zahlungserinnerung: Rechnung ${invoice.number}`,
        greeting,
        'sicher ist es im Alltag untergegangen: Für die Rechnung unten haben wir noch keinen vollständigen Zahlungseingang. Die Rechnung liegt noch einmal als PDF bei.',
        rows,
        'Haben Sie inzwischen bezahlt, betrachten Sie diese E-Mail bitte als gegenstandslos. Fragen zur Rechnung? Antworten Sie einfach auf diese E-Mail.',
      )
    : render(
        'en',
        agency,
        `Payment reminder: invoice ${invoice.number}`,
        greeting,
        'this may simply have slipped through: we have not yet received full payment of the invoice below. It is attached again as a PDF.',
        rows,
        'If you have paid in the meantime, please disregard this email. Questions about the invoice? Simply reply to this email.',
      );
};
