import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { truncateUtf8 } from '../../../shared/domain/text';

describe('truncateUtf8', () => {
  it('keeps short text as it is', () => {
    expect(truncateUtf8('Grüße', 100)).toBe('Grüße');
  });

  it('never splits a character', () => {
    expect(truncateUtf8('aü', 2)).toBe('a');
    expect(truncateUtf8('🙏🙏', 6)).toBe('🙏');
  });

  it('always fits the byte budget and is a prefix of the original', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.integer({ min: 0, max: 400 }),
        (text, max) => {
          const cut = truncateUtf8(text, max);
          expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(
            Math.max(max, Buffer.byteLength(text) <= max ? Buffer.byteLength(text) : 0),
          );
          expect(text.startsWith(cut)).toBe(true);
        },
      ),
    );
  });
});
