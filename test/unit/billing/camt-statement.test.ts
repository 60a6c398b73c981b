import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  centsOfDecimal,
  parseCamtStatement,
  readBankStatements,
} from '../../../shared/documents/camt-statement';
import { ValidationError } from '../../../shared/errors';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/bank', name));

describe('parseCamtStatement', () => {
  it('reads a camt.053.001.08 day statement: amounts, directions, purposes, payers and references', () => {
    const statement = parseCamtStatement(fixture('camt053-v08-day.xml'));
    expect(statement.accountIban).toBe('DE02120300000000202051');
    expect(statement.entries.map((e) => [e.amountCents, e.status, e.reference])).toEqual([
      [9_371, 'BOOK', '2026121000481516'],
      [-119_000, 'BOOK', '2026121000481517'],
      [25_000, 'BOOK', '2026121000481518'],
      // A batch booking is its transfers, each with its own amount and end-to-end id.
      [12_050, 'BOOK', 'E2E SAMMLER-1'],
      [17_950, 'BOOK', 'E2E SAMMLER-2'],
      [4_200, 'PDNG', expect.stringMatching(/^camt:[0-9a-f]{24}$/)],
    ]);
    const [first, rent, , , structured] = statement.entries;
    expect(first).toMatchObject({
      bookedOn: '2026-12-10',
      currency: 'EUR',
      reversal: false,
      purpose: 'Rechnung RE-2026-00 0001 vielen Dank',
      counterparty: 'Kanzlei Weber & Partner',
      counterpartyIban: 'DE89370400440532013000',
    });
    // Money out names the payee, not the agency.
    expect(rent).toMatchObject({ counterparty: 'Hausverwaltung Schmidt', purpose: 'Miete Dezember Buero' });
    // A structured creditor reference counts as purpose.
    expect(structured?.purpose).toBe('RE 2026 000003');
  });

  it('reads a camt.053.001.02 statement in ISO-8859-1 with the booking date as a timestamp', () => {
    const [entry] = parseCamtStatement(fixture('camt053-v02-latin1.xml')).entries;
    expect(entry).toMatchObject({
      bookedOn: '2026-12-11',
      amountCents: 7_049,
      status: 'BOOK',
      counterparty: 'Bäckerei Groß',
      purpose: 'RE-2026-000005 Bäckerei Groß',
      reference: 'E2E RE-2026-000005',
    });
  });

  it('takes the purpose from the additional information where a bank leaves the remittance empty', () => {
    const [entry] = parseCamtStatement(
      `<Document><BkToCstmrStmt><Stmt><Ntry><Amt Ccy="EUR">93.71</Amt><CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts><BookgDt><Dt>2026-12-10</Dt></BookgDt>
        <AddtlNtryInf>GUTSCHR. UEBERWEISUNG SVWZ+RE-2026-000042 DANKE</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>`,
    ).entries;
    expect(entry?.purpose).toBe('GUTSCHR. UEBERWEISUNG SVWZ+RE-2026-000042 DANKE');
  });

  it('gives a booking without any id the same reference every time it is read', () => {
    const xml = (purpose: string) =>
      `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn><Ntfctn>
        <Ntry><Amt Ccy="EUR">10.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>2026-12-01</Dt></BookgDt><NtryDtls><TxDtls><RmtInf><Ustrd>${purpose}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
      </Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`;
    const ref = (purpose: string) => parseCamtStatement(xml(purpose)).entries[0]?.reference;
    expect(ref('RE-2026-000001')).toBe(ref('RE-2026-000001'));
    expect(ref('RE-2026-000001')).not.toBe(ref('RE-2026-000002'));
  });

  it.each([
    ['no XML at all', 'Buchungstag;Betrag\n10.12.2026;93,71', /no well-formed XML|no CAMT/],
    ['another XML document', '<Invoice><ID>1</ID></Invoice>', /no CAMT bank statement/],
    [
      'a DOCTYPE (entity expansion rides on it)',
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><Document><BkToCstmrStmt/></Document>',
      /DOCTYPE/,
    ],
    [
      'statements of two accounts',
      '<Document><BkToCstmrStmt><Stmt><Acct><Id><IBAN>DE02120300000000202051</IBAN></Id></Acct></Stmt><Stmt><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct></Stmt></BkToCstmrStmt></Document>',
      /2 accounts/,
    ],
    [
      'a booking without a date',
      '<Document><BkToCstmrStmt><Stmt><Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry></Stmt></BkToCstmrStmt></Document>',
      /has no booking date/,
    ],
    [
      'an amount that is no amount',
      '<Document><BkToCstmrStmt><Stmt><Ntry><Amt Ccy="EUR">1.234,56</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry></Stmt></BkToCstmrStmt></Document>',
      /no amount/,
    ],
  ])('refuses %s with a clear error', (_, content, message) => {
    expect(() => parseCamtStatement(content)).toThrow(ValidationError);
    expect(() => parseCamtStatement(content)).toThrow(message);
  });
});

describe('hostile statement files', () => {
  const day = new Uint8Array(fixture('camt053-v08-day.xml'));
  const readsOrRefuses = (file: Uint8Array) => {
    try {
      for (const statement of readBankStatements(file))
        for (const entry of statement.entries) expect(Number.isSafeInteger(entry.amountCents)).toBe(true);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
    }
  };

  it('reads or refuses with a ValidationError whatever the bytes, never crashes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2_000 }), readsOrRefuses), { numRuns: 500 });
    // A real statement with bytes overwritten or cut short.
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: day.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          maxLength: 20,
        }),
        fc.nat({ max: day.length }),
        (flips, cut) => {
          const mangled = day.slice(0, Math.max(cut, 1));
          for (const [at, byte] of flips) if (at < mangled.length) mangled[at] = byte;
          readsOrRefuses(mangled);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('readBankStatements', () => {
  it('reads a ZIP of day statements in the order of their names, and a single XML file as one', () => {
    const zip = zipSync({
      '2026-12-11.xml': new Uint8Array(fixture('camt053-v02-latin1.xml')),
      '2026-12-10.xml': new Uint8Array(fixture('camt053-v08-day.xml')),
      '__MACOSX/._2026-12-10.xml': strToU8('junk'),
      'liesmich.txt': strToU8('Kontoauszüge'),
    });
    expect(readBankStatements(zip).map((s) => s.entries[0]?.bookedOn)).toEqual(['2026-12-10', '2026-12-11']);
    expect(readBankStatements(fixture('camt053-v08-day.xml'))).toHaveLength(1);
  });

  it.each([
    ['a ZIP without XML', zipSync({ 'a.txt': strToU8('x') }), /holds no XML/],
    ['a broken ZIP', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /cannot be read/],
    ['a ZIP with a file that is no statement', zipSync({ 'x.xml': strToU8('<a/>') }), /x\.xml: .*no CAMT/],
  ])('refuses %s with a clear error', (_, file, message) => {
    expect(() => readBankStatements(file)).toThrow(message);
  });
});

describe('centsOfDecimal', () => {
  it('turns every decimal with up to two places into the same cents as integer arithmetic', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.integer({ min: 0, max: 99 }), (euros, cents) => {
        expect(centsOfDecimal(`${euros}.${String(cents).padStart(2, '0')}`)).toBe(euros * 100 + cents);
        if (cents % 10 === 0) expect(centsOfDecimal(`${euros}.${cents / 10}`)).toBe(euros * 100 + cents);
      }),
    );
    expect(centsOfDecimal('93')).toBe(9_300);
  });
});
