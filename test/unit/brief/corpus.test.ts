import { describe, expect, it } from 'vitest';
import { evaluateItem, loadCorpus, rate, score } from '../../eval/parser-corpus';

/**
 * The corpus in test/fixtures/mail (57 mails, German and English) through the pure intake steps.
 * Targets from the intake issue: >= 90 % skills and deadlines overall. Each mail is also a test
 * of its own, so a regression names the mail that broke.
 */
describe('brief parser on the mail corpus', async () => {
  const corpus = loadCorpus();
  const results = await Promise.all(corpus.map(evaluateItem));

  it('holds at least 50 mails in both languages', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    expect(results.filter((r) => r.language === 'de').length).toBeGreaterThan(20);
    expect(results.filter((r) => r.language === 'en').length).toBeGreaterThan(10);
  });

  it('meets the targets: skills >= 90 %, deadlines >= 90 %, origin 100 %', () => {
    const all = score(results);
    expect(rate(all.skill)).toBeGreaterThanOrEqual(0.9);
    expect(rate(all.deadline)).toBeGreaterThanOrEqual(0.9);
    expect(rate(all.origin)).toBe(1);
  });

  it.each(results.map((r) => [r.file, r] as const))('%s', (_file, result) => {
    expect(result.checks.origin).toBe(true);
    // Every miss must be deliberate: the corpus expectations are the spec.
    expect(result.checks).not.toEqual(expect.objectContaining({ skill: false }));
    expect(result.checks).not.toEqual(expect.objectContaining({ needsInfo: false }));
  });
});
