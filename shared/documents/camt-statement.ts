import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import type { BankBooking } from '../domain/billing/payment-matching';
import { electronicIban } from '../domain/iban';
import { ValidationError } from '../errors';

/**
 * One booking on the agency's account as the bank reports it in ISO 20022 CAMT (camt.053 day
 * statements, camt.052 intraday reports, camt.054 notifications), the export German banks offer in
 * online banking beside the retiring MT940.
 */
export interface BankEntry extends BankBooking {
  /** The payer's own id of the transfer; on the agency's own transfers, the one it sent. */
  endToEndId?: string;
  /** The other side: the payer of money in, the payee of money out. */
  counterparty?: string;
  counterpartyIban?: string;
}

export interface BankStatement {
  /** The IBAN of the account the statement is of. */
  accountIban?: string;
  entries: BankEntry[];
}

type Node = Record<string, unknown>;

const REPEATED = new Set(['Stmt', 'Rpt', 'Ntfctn', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd']);
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // References such as "000123" and amounts such as "93.70" stay text: numbers would lose them.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => REPEATED.has(name),
});

const child = (node: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Node)[key] : undefined), node);
const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];
const text = (value: unknown): string | undefined => {
  const v = value && typeof value === 'object' ? (value as Node)['#text'] : value;
  return typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined;
};

/** "93.7" -> 9370: decimal text to cents without a detour through floating point. */
export const centsOfDecimal = (value: string): number => {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!match) throw new ValidationError(`"${value}" is no amount`, [{ path: 'Amt', message: 'no amount' }]);
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
};

/** The amount of a booking or of one transfer inside it, with its currency. */
const amountOf = (node: unknown): { cents: number; currency: string } | undefined => {
  const amount = child(node, 'Amt');
  const value = text(amount);
  if (!value) return undefined;
  const currency = (amount as Node)['@Ccy'];
  return { cents: centsOfDecimal(value), currency: typeof currency === 'string' ? currency : 'EUR' };
};

/** camt.053.001.02 names parties directly, .08 and later wrap them in Pty. */
const partyName = (party: unknown) => text(child(party, 'Nm')) ?? text(child(party, 'Pty', 'Nm'));
const ibanOf = (account: unknown) => {
  const iban = text(child(account, 'Id', 'IBAN'));
  return iban ? electronicIban(iban) : undefined;
};

const usable = (id: string | undefined) => (id && id.toUpperCase() !== 'NOTPROVIDED' ? id : undefined);

const entriesOf = (entry: unknown): BankEntry[] => {
  const booking = amountOf(entry);
  if (!booking) return [];
  const sign = text(child(entry, 'CdtDbtInd')) === 'DBIT' ? -1 : 1;
  const bookedOn =
    text(child(entry, 'BookgDt', 'Dt')) ??
    text(child(entry, 'BookgDt', 'DtTm'))?.slice(0, 10) ??
    text(child(entry, 'ValDt', 'Dt')) ??
    '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(bookedOn))
    throw fail(`a booking of ${booking.cents / 100} ${booking.currency} has no booking date`);
  const status = text(child(entry, 'Sts', 'Cd')) ?? text(child(entry, 'Sts')) ?? 'BOOK';
  const reversal = text(child(entry, 'RvslInd')) === 'true';
  const transfers = list(child(entry, 'NtryDtls')).flatMap((d) => list(child(d, 'TxDtls')));
  const entryRef = text(child(entry, 'AcctSvcrRef'));
  const one = (tx: unknown, cents: number, currency: string, index: number): BankEntry => {
    const purpose = list(child(tx, 'RmtInf', 'Ustrd'))
      .map(text)
      .filter(Boolean)
      .join(' ');
    const structured = list(child(tx, 'RmtInf', 'Strd'))
      .map((s) => text(child(s, 'CdtrRefInf', 'Ref')))
      .filter(Boolean)
      .join(' ');
    // Banks that convert from MT940 may leave RmtInf empty and write the purpose as free text.
    const fullPurpose =
      [purpose, structured].filter(Boolean).join(' ') ||
      text(child(tx, 'AddtlTxInf')) ||
      text(child(entry, 'AddtlNtryInf')) ||
      '';
    const payer = sign > 0 ? 'Dbtr' : 'Cdtr';
    const counterparty = partyName(child(tx, 'RltdPties', payer));
    const counterpartyIban = ibanOf(child(tx, 'RltdPties', `${payer}Acct`));
    const bankRef = usable(text(child(tx, 'Refs', 'AcctSvcrRef')));
    const ownRef = bankRef ?? (entryRef && transfers.length <= 1 ? entryRef : undefined);
    const endToEnd = usable(text(child(tx, 'Refs', 'EndToEndId')));
    // Without any id, what the booking says is its identity: the same statement imported again, or a
    // later one that overlaps it, yields the same digest and so books nothing twice.
    const reference =
      ownRef ??
      (endToEnd ? `E2E ${endToEnd}` : undefined) ??
      `camt:${createHash('sha256')
        .update(
          [bookedOn, sign * cents, currency, fullPurpose, counterpartyIban ?? '', entryRef ?? '', index].join(
            '|',
          ),
        )
        .digest('hex')
        .slice(0, 24)}`;
    return {
      bookedOn,
      amountCents: sign * cents,
      currency,
      status,
      reversal,
      reference: reference.slice(0, 140),
      purpose: fullPurpose,
      ...(endToEnd ? { endToEndId: endToEnd } : {}),
      ...(counterparty ? { counterparty } : {}),
      ...(counterpartyIban ? { counterpartyIban } : {}),
    };
  };
  if (transfers.length <= 1) return [one(transfers[0], booking.cents, booking.currency, 0)];
  // A batch booking (Sammelbuchung) carries each transfer's own amount.
  return transfers.map((tx, index) => {
    const own = amountOf(child(tx, 'AmtDtls', 'TxAmt')) ?? amountOf(tx);
    return one(tx, own?.cents ?? 0, own?.currency ?? booking.currency, index);
  });
};

const fail = (message: string) => new ValidationError(message, [{ path: 'file', message }]);

/** Reads a CAMT document; anything else is refused with what it was taken for. */
export const parseCamtStatement = (document: Uint8Array | string): BankStatement => {
  const raw = typeof document === 'string' ? document : decodeXml(document);
  // Bank statements declare no document type; one that does is no bank's, and entity tricks ride on it.
  if (/<!DOCTYPE/i.test(raw)) throw fail('the file declares a DOCTYPE, which no bank statement does');
  let tree: Node;
  try {
    tree = parser.parse(raw) as Node;
  } catch (error) {
    throw fail(`the file is no well-formed XML: ${(error as Error).message}`);
  }
  const root = child(tree, 'Document') as Node | undefined;
  const reports = [
    ...list(child(root, 'BkToCstmrStmt', 'Stmt')),
    ...list(child(root, 'BkToCstmrAcctRpt', 'Rpt')),
    ...list(child(root, 'BkToCstmrDbtCdtNtfctn', 'Ntfctn')),
  ];
  if (!root || reports.length === 0)
    throw fail('the file is no CAMT bank statement (camt.052, camt.053 or camt.054)');
  const ibans = [...new Set(reports.map((r) => ibanOf(child(r, 'Acct'))).filter(Boolean))];
  if (ibans.length > 1)
    throw fail(`the file holds statements of ${ibans.length} accounts; import one at a time`);
  return {
    ...(ibans[0] ? { accountIban: ibans[0] } : {}),
    entries: reports.flatMap((r) => list(child(r, 'Ntry')).flatMap(entriesOf)),
  };
};

/** UTF-8 unless the XML declaration says otherwise; some banks still export ISO-8859-1. */
const decodeXml = (bytes: Uint8Array): string => {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /encoding=["']([\w-]+)["']/i.exec(head)?.[1]?.toLowerCase();
  const latin = declared && /^(iso-8859-1|iso-8859-15|latin1|windows-1252)$/.test(declared);
  return new TextDecoder(latin ? 'windows-1252' : 'utf-8').decode(bytes);
};

/** What one statement file may unpack to: the biggest day statements are a few MB. */
const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
const isZip = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * The statements in a file as online banking hands it out: one CAMT document, or (as savings banks
 * do) a ZIP of one per day, read in the order of their names.
 */
export const readBankStatements = (file: Uint8Array): BankStatement[] => {
  if (!isZip(file)) return [parseCamtStatement(file)];
  let unpacked = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(file, {
      filter: (f) => {
        unpacked += f.originalSize;
        if (unpacked > MAX_UNPACKED_BYTES)
          throw fail('the ZIP unpacks to more than 50 MB; no bank statement is that big');
        return /\.xml$/i.test(f.name) && !f.name.startsWith('__MACOSX/');
      },
    });
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw fail(`the ZIP cannot be read: ${(error as Error).message}`);
  }
  const names = Object.keys(files).sort();
  if (names.length === 0) throw fail('the ZIP holds no XML file');
  return names.map((name) => {
    try {
      return parseCamtStatement(files[name] as Uint8Array);
    } catch (error) {
      if (error instanceof ValidationError) throw fail(`${name}: ${error.message}`);
      throw error;
    }
  });
};
