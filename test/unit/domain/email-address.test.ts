import { describe, expect, it } from 'vitest';
import { normalizeEmailAddress } from '../../../shared/domain/email-address';

describe('normalizeEmailAddress', () => {
  it.each([
    ['anna@firma.de', 'anna@firma.de'],
    ['Anna@Firma.DE', 'anna@firma.de'],
    ['  anna@firma.de ', 'anna@firma.de'],
    ['anna+auftrag@firma.de', 'anna@firma.de'],
    ['Anna+Auftrag+2@Firma.de', 'anna@firma.de'],
    ['+anna@firma.de', '+anna@firma.de'],
    ['jürgen@müller.de', 'jürgen@müller.de'],
    ['not-an-address', 'not-an-address'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeEmailAddress(input)).toBe(expected);
  });
});
