import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { electronicIban, IbanSchema, isValidIban, printedIban } from '../../../shared/domain/iban';

describe('IBAN', () => {
  it.each([
    'DE89 3704 0044 0532 0130 00',
    'de02120300000000202051',
    'AT61 1904 3002 3457 3201',
    'CH93 0076 2011 6238 5295 7',
    'GB29 NWBK 6016 1331 9268 19',
  ])('accepts %s', (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it.each([
    'DE89 3704 0044 0532 0130 01',
    'DE00 0000 0000 0000 0000 00',
    'DE89',
    '',
    'XX89370400440532013000',
  ])('refuses %j', (iban) => {
    expect(isValidIban(iban)).toBe(false);
  });

  it('notices any single digit typed wrong', () => {
    const iban = 'DE89370400440532013000';
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: iban.length - 1 }),
        fc.integer({ min: 1, max: 9 }),
        (at, plus) => {
          const digit = (Number(iban[at]) + plus) % 10;
          expect(isValidIban(`${iban.slice(0, at)}${digit}${iban.slice(at + 1)}`)).toBe(false);
        },
      ),
    );
  });

  it('keeps the electronic form and prints it in groups of four', () => {
    expect(IbanSchema.parse(' de89 3704 0044 0532 0130 00 ')).toBe('DE89370400440532013000');
    expect(printedIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
    expect(electronicIban(printedIban('AT611904300234573201'))).toBe('AT611904300234573201');
    expect(IbanSchema.safeParse('DE89370400440532013001').error?.issues[0]?.message).toBe(
      'is no valid IBAN (check the digits)',
    );
  });
});
