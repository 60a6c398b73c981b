import { hasEInvoice, type Invoice, invoiceNumberNamed } from '../../domain/billing/invoice';
import { sha256Hex } from '../../hash';
import { type BlobStore, DOWNLOAD_URL_SECONDS } from '../../ports/blob-store';
import type { ClientRepository } from '../../ports/repositories';
import type { StatementStore } from '../../ports/statements';

export interface InvoiceFile {
  key: string;
  /** The name the client got it by mail with, and downloads it under. */
  filename: string;
  contentType: string;
}

/** A statement's files as stored and mailed: the PDF, the XRechnung where there is one, the time report. */
export const invoiceFiles = (
  invoice: Pick<Invoice, 'number' | 'period' | 'clientId' | 'buyer' | 'vatNote'>,
) => {
  const base = `statements/${invoice.period}/${invoice.clientId}/${invoice.number}`;
  const timeReport = invoice.buyer.language === 'de' ? 'Zeitnachweis' : 'time-report';
  const pdf: InvoiceFile = {
    key: `${base}.pdf`,
    filename: `${invoice.number}.pdf`,
    contentType: 'application/pdf',
  };
  const xml: InvoiceFile | undefined = hasEInvoice(invoice)
    ? { key: `${base}.xml`, filename: `${invoice.number}-xrechnung.xml`, contentType: 'application/xml' }
    : undefined;
  const csv: InvoiceFile = {
    key: `${base}.csv`,
    filename: `${invoice.number}-${timeReport}.csv`,
    contentType: 'text/csv; charset=utf-8',
  };
  return { pdf, xml, csv, all: [pdf, ...(xml ? [xml] : []), csv] };
};

export interface InvoiceDownloadDeps {
  clients: Pick<ClientRepository, 'findByFormToken'>;
  statements: Pick<StatementStore, 'findByNumber'>;
  blobs: Pick<BlobStore, 'downloadUrl'>;
}

/**
 * One of the client's invoice files, through their personal link: a short-lived download URL, or
 * undefined for a token, a number or a file that is not theirs (the same answer for each, so a
 * guessed number tells nothing). Only invoices that were mailed to them can be downloaded.
 */
export const invoiceDownloadUrl = async (
  formToken: string,
  filename: string,
  deps: InvoiceDownloadDeps,
): Promise<string | undefined> => {
  // The name must still be one of the invoice's own files, exactly, below.
  const number = invoiceNumberNamed(filename);
  if (!formToken || !number) return undefined;
  const client = await deps.clients.findByFormToken(sha256Hex(formToken));
  if (!client) return undefined;
  const statement = await deps.statements.findByNumber(number);
  if (!statement || statement.clientId !== client.id || statement.status !== 'sent') return undefined;
  const file = invoiceFiles(statement.invoice).all.find((f) => f.filename === filename);
  return file ? deps.blobs.downloadUrl(file.key, file.filename, DOWNLOAD_URL_SECONDS) : undefined;
};
