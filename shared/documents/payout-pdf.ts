import { PDFDocument, rgb, StandardFonts } from '@cantoo/pdf-lib';
import { lineTitle, type Seller } from '../domain/billing/invoice';
import type { PayoutStatement } from '../domain/billing/payout';
import { formatCents } from '../domain/money';
import { formatMinutes, formatShortDate, monthName } from '../mail/format';
import { clipToWidth, toWinAnsi } from './invoice-pdf';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

/** A VA's payout statement: the month's tasks, time and amounts, and the total the agency pays. */
export const renderPayoutPdf = async (payout: PayoutStatement, seller: Seller): Promise<Uint8Array> => {
  const de = payout.language === 'de';
  const doc = await PDFDocument.create();
  doc.setTitle(de ? `Auszahlung ${payout.period}` : `Payout ${payout.period}`);
  doc.setCreator('va-router');
  doc.setCreationDate(new Date(`${payout.period}-01T00:00:00Z`));
  doc.setModificationDate(new Date(`${payout.period}-01T00:00:00Z`));
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const write = (text: string, x: number, size = 10, font = regular) =>
    page.drawText(toWinAnsi(text), { x, y, size, font, color: rgb(0.12, 0.14, 0.16) });
  const right = (text: string, x: number, size = 10, font = regular) =>
    page.drawText(toWinAnsi(text), { x: x - font.widthOfTextAtSize(toWinAnsi(text), size), y, size, font });
  const clip = (text: string, width: number) => clipToWidth(regular, text, width, 9);
  const money = (c: number) => formatCents(c, payout.language);

  write(`${seller.name} · ${seller.street} · ${seller.postalCode} ${seller.city}`, MARGIN, 8);
  y -= 28;
  write(payout.vaName, MARGIN, 11);
  y -= 30;
  const month = monthName(payout.period, payout.language);
  write(de ? `Auszahlungsübersicht ${month}` : `Payout statement ${month}`, MARGIN, 18, bold);
  y -= 30;
  // Room for the bold total time beside the amount column.
  const columns = [MARGIN, MARGIN + 70, MARGIN + 270, MARGIN + 355];
  for (const [i, label] of (de
    ? ['Datum', 'Auftrag', 'Kunde', 'Zeit']
    : ['Date', 'Task', 'Client', 'Time']
  ).entries())
    write(label, columns[i] ?? MARGIN, 9, bold);
  right(de ? 'Betrag' : 'Amount', A4[0] - MARGIN, 9, bold);
  y -= 16;
  for (const line of payout.lines) {
    if (y < MARGIN + 60) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
    }
    write(formatShortDate(line.date, payout.language), columns[0] ?? MARGIN, 9);
    write(clip(`${lineTitle(line, payout.language)} (${line.taskId})`, 190), columns[1] ?? MARGIN, 9);
    write(clip(line.client, 78), columns[2] ?? MARGIN, 9);
    write(formatMinutes(line.billedMinutes, payout.language), columns[3] ?? MARGIN, 9);
    right(money(line.payoutCents), A4[0] - MARGIN, 9);
    y -= 14;
  }
  y -= 6;
  const vat = payout.vatMode === 'standard';
  write(vat ? (de ? 'Summe netto' : 'Total net') : de ? 'Summe' : 'Total', columns[2] ?? MARGIN, 10, bold);
  write(formatMinutes(payout.totalMinutes, payout.language), columns[3] ?? MARGIN, 10, bold);
  right(money(vat ? payout.netCents : payout.totalCents), A4[0] - MARGIN, 10, bold);
  if (vat) {
    for (const [label, cents, font] of [
      [de ? 'USt. 19 %' : 'VAT 19 %', payout.vatCents, regular],
      [de ? 'Auszahlung' : 'Payout', payout.totalCents, bold],
    ] as const) {
      y -= 15;
      write(label, columns[2] ?? MARGIN, 10, font);
      right(money(cents), A4[0] - MARGIN, 10, font);
    }
  }
  y -= 28;
  const note = vat
    ? de
      ? [
          'Wir zahlen den Betrag mit 19 % Umsatzsteuer.',
          `Bitte stellen Sie ihn uns mit Ihrer Steuernummer (${payout.taxId ?? ''}) in Rechnung.`,
        ]
      : [
          'We pay the amount with 19 % VAT.',
          `Please invoice it to us with your tax ID (${payout.taxId ?? ''}).`,
        ]
    : de
      ? ['Ohne Umsatzsteuer: Sie sind Kleinunternehmerin oder Kleinunternehmer (§ 19 UStG).']
      : ['Without VAT: you are a small business under § 19 UStG.'];
  for (const line of note) {
    write(line, MARGIN, 9);
    y -= 13;
  }
  return doc.save();
};
