import { describe, expect, it } from 'vitest';
import { epcPayload } from '../../../shared/domain/billing/epc-qr';
import { ValidationError } from '../../../shared/errors';

describe('EPC QR payload (GiroCode)', () => {
  it('is the twelve-line SEPA transfer of EPC069-12 version 002, nothing after the invoice number', () => {
    expect(
      epcPayload({
        name: 'Agentur Muster GmbH',
        iban: 'de02 1203 0000 0000 2020 51',
        amountCents: 9371,
        remittance: 'RE-2026-000001',
      }),
    ).toBe('BCD\n002\n1\nSCT\n\nAgentur Muster GmbH\nDE02120300000000202051\nEUR93.71\n\n\nRE-2026-000001');
  });

  it('writes whole cents without floats, and cuts the name to 70 characters', () => {
    const lines = (amountCents: number, name = 'A') =>
      epcPayload({ name, iban: 'DE02120300000000202051', amountCents, remittance: 'RE' }).split('\n');
    expect(lines(1)[7]).toBe('EUR0.01');
    expect(lines(100_000)[7]).toBe('EUR1000.00');
    expect(lines(99_999_999_999)[7]).toBe('EUR999999999.99');
    expect(lines(5, 'Ä'.repeat(80))[5]).toBe('Ä'.repeat(70));
  });

  it('refuses what no banking app may be handed: no amount, too much, or no IBAN', () => {
    for (const amountCents of [0, -500, 100_000_000_000, 12.5])
      expect(() =>
        epcPayload({ name: 'A', iban: 'DE02120300000000202051', amountCents, remittance: 'RE' }),
      ).toThrowError(ValidationError);
    expect(() =>
      epcPayload({ name: 'A', iban: 'not an iban', amountCents: 100, remittance: 'RE' }),
    ).toThrowError(ValidationError);
  });
});
