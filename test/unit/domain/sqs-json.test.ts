import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSqsJson, encodeSqsJson } from '../../../shared/adapters/sqs/sqs-json';

/** What fauxqs (and SQS, below U+10000) accepts in a body: the control characters are the point here. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: tab, LF and CR are exactly what SQS allows.
const FAUXQS_BODY = /^[\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD]*$/;

describe('SQS JSON codec', () => {
  it('escapes emoji so the body stays in the Basic Multilingual Plane', () => {
    const body = encodeSqsJson({ subject: 'Danke 🙏 für alles 👍🏽' });
    expect(body).toBe('{"subject":"Danke \\ud83d\\ude4f für alles \\ud83d\\udc4d\\ud83c\\udffd"}');
    expect(decodeSqsJson(body)).toEqual({ subject: 'Danke 🙏 für alles 👍🏽' });
  });

  it('escapes the noncharacters U+FFFE and U+FFFF, which no SQS body may hold', () => {
    const body = encodeSqsJson({ text: 'a\uFFFEb\uFFFF' });
    expect(body).toBe('{"text":"a\\ufffeb\\uffff"}');
    expect(body).toMatch(FAUXQS_BODY);
    expect(decodeSqsJson(body)).toEqual({ text: 'a\uFFFEb\uFFFF' });
  });

  it('round-trips any string, including lone surrogates and control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const body = encodeSqsJson({ text });
        expect(body).toMatch(FAUXQS_BODY);
        expect(decodeSqsJson(body)).toEqual({ text });
      }),
      { numRuns: 2_000 },
    );
  });
});
