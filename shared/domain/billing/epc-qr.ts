import { ValidationError } from '../../errors';
import { electronicIban } from '../iban';

/**
 * The text of an EPC QR code ("GiroCode", EPC069-12 version 002): a banking app that scans it fills
 * in a SEPA transfer. Twelve lines at most, nothing after the last one given; version 002 needs no
 * BIC inside the EEA. The remittance is the invoice number, which the bank statement's import
 * looks for.
 */
export const epcPayload = (p: { name: string; iban: string; amountCents: number; remittance: string }) => {
  const iban = electronicIban(p.iban);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban))
    throw new ValidationError('Invalid IBAN for the payment code', [{ path: 'iban', message: 'is no IBAN' }]);
  if (!Number.isInteger(p.amountCents) || p.amountCents < 1 || p.amountCents > 99_999_999_999)
    throw new ValidationError('Invalid amount for the payment code', [
      { path: 'amountCents', message: 'must be from 0.01 to 999999999.99 EUR' },
    ]);
  const amount = `EUR${Math.floor(p.amountCents / 100)}.${String(p.amountCents % 100).padStart(2, '0')}`;
  const lines = [
    'BCD',
    '002',
    '1', // UTF-8
    'SCT',
    '', // BIC: optional in version 002
    [...p.name].slice(0, 70).join(''),
    iban,
    amount,
    '', // purpose code
    '', // structured reference: either it or the text, never both
    [...p.remittance].slice(0, 140).join(''),
  ];
  return lines.join('\n');
};
