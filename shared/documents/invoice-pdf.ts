import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from '@cantoo/pdf-lib';
import { create as createQr } from 'qrcode/lib/core/qrcode';
import { epcPayload } from '../domain/billing/epc-qr';
import { type Invoice, lineTitle } from '../domain/billing/invoice';
import { formatCents } from '../domain/money';
import { formatMinutes, formatShortDate } from '../mail/format';

/** The standard PDF fonts speak WinAnsi: German is fine, anything else becomes "?". */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
export const toWinAnsi = (text: string) =>
  // WinAnsi has no minus sign; the hyphen stands in for it.
  [...text.normalize('NFC').replaceAll('−', '-')]
    .map((c) => {
      const code = c.codePointAt(0) ?? 0;
      return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(c)
        ? c
        : '?';
    })
    .join('');

/** The text in WinAnsi, shortened with "…" until it fits `width` points. */
export const clipToWidth = (font: PDFFont, text: string, width: number, size: number) => {
  let out = toWinAnsi(text);
  while (out.length > 1 && font.widthOfTextAtSize(out, size) > width) out = `${out.slice(0, -2)}…`;
  return out;
};

const TEXT = {
  de: {
    title: 'Rechnung',
    // A negative total corrects earlier invoices; "Gutschrift" would mean self-billing (§ 14 UStG).
    creditTitle: 'Rechnungskorrektur',
    number: 'Rechnungsnummer',
    issued: 'Rechnungsdatum',
    period: 'Leistungszeitraum',
    due: 'Zahlbar bis',
    date: 'Datum',
    task: 'Auftrag',
    va: 'Assistenz',
    time: 'Zeit',
    net: 'Netto',
    packageFee: (h: number, used: string, carried: string) =>
      `Monatspaket ${h} Std.${carried ? ` + ${carried} aus dem Vormonat` : ''} (genutzt: ${used})`,
    inPackage: 'im Paket',
    totalNet: 'Summe netto',
    vat: (rate: number) => `USt. ${rate} %`,
    gross: 'Rechnungsbetrag',
    reverseCharge: 'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, § 13b UStG).',
    smallBusiness: 'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.',
    thirdCountry:
      'Nicht im Inland steuerbare Leistung: Leistungsort beim Leistungsempfänger (§ 3a Abs. 2 UStG).',
    pay: (due: string, iban: string) => `Bitte überweisen Sie den Betrag bis ${due} auf IBAN ${iban}.`,
    refund: (due: string) => `Den Betrag erstatten wir Ihnen bis ${due}.`,
    buyerVat: 'USt-IdNr. des Kunden',
    buyerTaxId: 'Steuer-ID des Kunden',
    sellerVat: 'USt-IdNr.',
    page: 'Seite',
    scanToPay: [
      'Mit der Banking-App scannen',
      'Empfänger, IBAN, Betrag und Rechnungsnummer sind dann schon ausgefüllt.',
    ],
  },
  en: {
    title: 'Invoice',
    creditTitle: 'Credit note',
    number: 'Invoice number',
    issued: 'Invoice date',
    period: 'Service period',
    due: 'Due date',
    date: 'Date',
    task: 'Task',
    va: 'Assistant',
    time: 'Time',
    net: 'Net',
    packageFee: (h: number, used: string, carried: string) =>
      `Monthly package ${h} h${carried ? ` + ${carried} from last month` : ''} (used: ${used})`,
    inPackage: 'in package',
    totalNet: 'Total net',
    vat: (rate: number) => `VAT ${rate} %`,
    gross: 'Amount due',
    reverseCharge:
      'Reverse charge: VAT to be accounted for by the recipient (Art. 196 Directive 2006/112/EC).',
    smallBusiness: 'No VAT is charged under § 19 UStG (small business).',
    thirdCountry:
      'Not subject to German VAT: the place of supply is the recipient’s country (§ 3a (2) UStG).',
    pay: (due: string, iban: string) => `Please transfer the amount by ${due} to IBAN ${iban}.`,
    refund: (due: string) => `We will refund the amount by ${due}.`,
    buyerVat: 'Customer VAT ID',
    buyerTaxId: 'Customer tax ID',
    sellerVat: 'VAT ID',
    page: 'Page',
    scanToPay: ['Scan with your banking app', 'Payee, IBAN, amount and invoice number are then filled in.'],
  },
} as const;

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const countryName = (code: string, language: 'de' | 'en') =>
  new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;

/** The payment code's side in points: about 3 cm, which phone cameras read from a printout. */
const QR_SIZE = 84;

/** An EPC QR code as dark squares, its quiet zone left white; `x`, `y` is its lower left corner. */
const drawQr = (page: PDFPage, text: string, x: number, y: number) => {
  // EPC069-12 fixes error correction at M.
  const { modules } = createQr(text, { errorCorrectionLevel: 'M' });
  const cell = QR_SIZE / modules.size;
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++)
      if (modules.get(row, col))
        page.drawRectangle({
          x: x + col * cell,
          y: y + QR_SIZE - (row + 1) * cell,
          width: cell,
          height: cell,
          color: rgb(0, 0, 0),
        });
};

const COLUMNS = {
  date: MARGIN,
  task: MARGIN + 70,
  va: MARGIN + 300,
  time: MARGIN + 380,
  netRight: A4[0] - MARGIN,
};

/** The invoice as a PDF: everything §14 UStG asks for, readable in any viewer, text extractable. */
export const renderInvoicePdf = async (invoice: Invoice): Promise<Uint8Array> => {
  const t = TEXT[invoice.buyer.language];
  const language = invoice.buyer.language;
  const title = invoice.grossCents < 0 ? t.creditTitle : t.title;
  const doc = await PDFDocument.create();
  doc.setTitle(`${title} ${invoice.number}`);
  doc.setAuthor(toWinAnsi(invoice.seller.name));
  doc.setCreator('va-router');
  // Fixed dates: the same invoice renders to the same bytes.
  doc.setCreationDate(new Date(`${invoice.issueDate}T00:00:00Z`));
  doc.setModificationDate(new Date(`${invoice.issueDate}T00:00:00Z`));
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const date = (iso: string) => formatShortDate(iso, language);
  const money = (cents: number) => formatCents(cents, language);

  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const write = (
    text: string,
    x: number,
    size = 10,
    font: PDFFont = regular,
    color = rgb(0.12, 0.14, 0.16),
  ) => page.drawText(toWinAnsi(text), { x, y, size, font, color });
  const right = (text: string, xRight: number, size = 10, font: PDFFont = regular) =>
    page.drawText(toWinAnsi(text), {
      x: xRight - font.widthOfTextAtSize(toWinAnsi(text), size),
      y,
      size,
      font,
    });
  const clip = (text: string, width: number, size = 10) => clipToWidth(regular, text, width, size);
  const newPageIfNeeded = (needed: number) => {
    if (y - needed > MARGIN + 40) return;
    page = doc.addPage(A4);
    y = A4[1] - MARGIN;
  };

  const s = invoice.seller;
  write(`${s.name} · ${s.street} · ${s.postalCode} ${s.city}`, MARGIN, 8, regular, rgb(0.35, 0.38, 0.42));
  y -= 28;
  const b = invoice.buyer;
  for (const line of [
    b.company ?? b.contactName,
    ...(b.company ? [b.contactName] : []),
    ...(b.address
      ? [
          b.address.street,
          `${b.address.postalCode} ${b.address.city}`,
          // As the post wants it: no country at home, abroad its name in capitals on the last line.
          ...(b.address.country === s.country
            ? []
            : [countryName(b.address.country, language).toUpperCase()]),
        ]
      : []),
  ]) {
    write(line, MARGIN, 11);
    y -= 15;
  }
  y -= 20;
  write(title, MARGIN, 20, bold);
  y -= 28;
  for (const [label, value] of [
    [t.number, invoice.number],
    [t.issued, date(invoice.issueDate)],
    [t.period, `${date(invoice.periodStart)} – ${date(invoice.periodEnd)}`],
    [t.due, date(invoice.dueDate)],
    // Outside the EU it is no VAT ID in EU terms (a Swiss UID, a UK VAT number).
    ...(b.vatId ? [[invoice.vatNote === 'third-country' ? t.buyerTaxId : t.buyerVat, b.vatId]] : []),
  ] as Array<[string, string]>) {
    write(label, MARGIN, 10, bold);
    write(value, MARGIN + 130, 10);
    y -= 14;
  }
  y -= 16;
  const header = () => {
    write(t.date, COLUMNS.date, 9, bold);
    write(t.task, COLUMNS.task, 9, bold);
    write(t.va, COLUMNS.va, 9, bold);
    write(t.time, COLUMNS.time, 9, bold);
    right(t.net, COLUMNS.netRight, 9, bold);
    y -= 6;
    page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 0.5 });
    y -= 14;
  };
  header();
  for (const line of invoice.lines) {
    newPageIfNeeded(28);
    if (y === A4[1] - MARGIN) header();
    write(date(line.date), COLUMNS.date, 9);
    write(clip(lineTitle(line, language), COLUMNS.va - COLUMNS.task - 8, 9), COLUMNS.task, 9);
    write(clip(line.vaFirstName, COLUMNS.time - COLUMNS.va - 8, 9), COLUMNS.va, 9);
    write(formatMinutes(line.billedMinutes, language), COLUMNS.time, 9);
    right(
      line.packageMinutes === line.billedMinutes && line.netCents === 0 ? t.inPackage : money(line.netCents),
      COLUMNS.netRight,
      9,
    );
    // The reference under the title: what the client's mails and the time report call the task.
    y -= 11;
    write(line.taskId, COLUMNS.task, 7, regular, rgb(0.35, 0.38, 0.42));
    y -= 13;
  }
  if (invoice.packageFee) {
    newPageIfNeeded(16);
    const fee = invoice.packageFee;
    const carried = fee.carriedMinutes ? formatMinutes(fee.carriedMinutes, language) : '';
    write(
      t.packageFee(fee.includedMinutes / 60, formatMinutes(fee.usedMinutes, language), carried),
      COLUMNS.task,
      9,
    );
    right(money(fee.netCents), COLUMNS.netRight, 9);
    y -= 14;
  }
  newPageIfNeeded(90);
  y -= 4;
  page.drawLine({
    start: { x: COLUMNS.va, y: y + 10 },
    end: { x: A4[0] - MARGIN, y: y + 10 },
    thickness: 0.5,
  });
  for (const [label, value, font] of [
    [t.totalNet, money(invoice.netCents), regular],
    [t.vat(invoice.vatRatePercent), money(invoice.vatCents), regular],
    [t.gross, money(invoice.grossCents), bold],
  ] as Array<[string, string, PDFFont]>) {
    write(label, COLUMNS.va, 10, font);
    right(value, COLUMNS.netRight, 10, font);
    y -= 15;
  }
  y -= 12;
  if (invoice.vatNote) {
    const note = {
      'reverse-charge': t.reverseCharge,
      'third-country': t.thirdCountry,
      'small-business': t.smallBusiness,
    };
    write(note[invoice.vatNote], MARGIN, 9);
    y -= 14;
  }
  write(
    invoice.grossCents < 0 ? t.refund(date(invoice.dueDate)) : t.pay(date(invoice.dueDate), s.iban),
    MARGIN,
    9,
  );
  if (invoice.grossCents > 0) {
    newPageIfNeeded(QR_SIZE + 30);
    y -= 16 + QR_SIZE;
    drawQr(
      page,
      epcPayload({
        name: s.name,
        iban: s.iban,
        amountCents: invoice.grossCents,
        remittance: invoice.number,
      }),
      MARGIN,
      y,
    );
    const captionX = MARGIN + QR_SIZE + 12;
    y += QR_SIZE - 12;
    write(t.scanToPay[0], captionX, 9, bold);
    y -= 13;
    write(t.scanToPay[1], captionX, 9);
  }

  const pages = doc.getPages();
  for (const [i, p] of pages.entries()) {
    p.drawText(
      toWinAnsi(
        `${s.name} · ${s.street} · ${s.postalCode} ${s.city} · ${t.sellerVat} ${s.vatId} · ${s.email} · ${t.page} ${i + 1}/${pages.length}`,
      ),
      { x: MARGIN, y: MARGIN - 20, size: 7, font: regular, color: rgb(0.35, 0.38, 0.42) },
    );
  }
  return doc.save();
};
