import { describe, expect, it } from 'vitest';
import { formatCents, parseEuroToCents } from '../../../shared/domain/money';

describe('parseEuroToCents', () => {
  it.each([
    ['45', 4500],
    ['45.5', 4550],
    ['45,50', 4550],
    ['0,01', 1],
    ['1.250,00', 125000],
    ['1250.99', 125099],
    ['45 €', 4500],
    ['45 EUR', 4500],
  ])('%s -> %i cents', (text, cents) => {
    expect(parseEuroToCents(text)).toBe(cents);
  });

  it.each(['', 'abc', '-5', '4.555', '1,250.00', '12,345,00', '1e3'])('rejects %j', (text) => {
    expect(parseEuroToCents(text)).toBeUndefined();
  });
});

describe('formatCents', () => {
  it('formats German and English amounts', () => {
    // Intl keeps amount and sign together with a no-break space.
    expect(formatCents(123456, 'de')).toBe('1.234,56\u00a0€');
    expect(formatCents(123456, 'en')).toBe('€1,234.56');
    expect(formatCents(-0, 'de')).toBe('0,00\u00a0€');
  });
});
