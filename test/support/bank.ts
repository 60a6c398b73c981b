/** A booking on a test bank statement; money in unless `cents` is negative. */
export interface TestBooking {
  cents: number;
  purpose: string;
  on?: string;
  /** The bank's reference; omitted, the booking has none (as with some banks' exports). */
  ref?: string;
  from?: string;
  /** The transfer's end-to-end id, as the payer's (or the agency's own payout) file set it. */
  endToEndId?: string;
}

const amount = (cents: number) =>
  `${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A camt.053.001.08 day statement of `iban`, as online banking exports it. */
export const camtStatement = (
  iban: string,
  bookings: TestBooking[],
) => `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>TEST-${bookings.length}</MsgId><CreDtTm>2026-12-18T22:00:00+01:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>TEST</Id>
      <Acct><Id><IBAN>${iban.replace(/\s+/g, '')}</IBAN></Id><Ccy>EUR</Ccy></Acct>
${bookings
  .map(
    (b) => `      <Ntry>
        <Amt Ccy="EUR">${amount(b.cents)}</Amt>
        <CdtDbtInd>${b.cents < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>${b.on ?? '2026-12-18'}</Dt></BookgDt>
        ${b.ref ? `<AcctSvcrRef>${b.ref}</AcctSvcrRef>` : ''}
        <NtryDtls><TxDtls>
          ${b.endToEndId ? `<Refs><EndToEndId>${b.endToEndId}</EndToEndId></Refs>` : ''}
          <RltdPties><${b.cents < 0 ? 'Cdtr' : 'Dbtr'}><Pty><Nm>${xmlText(b.from ?? 'Kunde')}</Nm></Pty></${b.cents < 0 ? 'Cdtr' : 'Dbtr'}></RltdPties>
          <RmtInf><Ustrd>${xmlText(b.purpose)}</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>`,
  )
  .join('\n')}
    </Stmt>
  </BkToCstmrStmt>
</Document>`;
