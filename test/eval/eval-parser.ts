/**
 * `npm run eval:parser`: how well the brief parser does on the corpus in test/fixtures/mail, per
 * language. Prints a table (or JSON with --json) and every miss, so a change can be judged by figures.
 */
import { evaluateItem, type ItemResult, loadCorpus, rate, type Scores, score } from './parser-corpus';

const results = await Promise.all(loadCorpus().map(evaluateItem));
const groups: Record<string, ItemResult[]> = {
  de: results.filter((r) => r.language === 'de'),
  en: results.filter((r) => r.language === 'en'),
  all: results,
};
const table = Object.fromEntries(Object.entries(groups).map(([name, rs]) => [name, score(rs)])) as Record<
  string,
  Scores
>;

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ mails: results.length, scores: table }, null, 2));
} else {
  const pct = (s: Scores[keyof Scores]) =>
    `${(rate(s) * 100).toFixed(1).padStart(5)}% (${s.right}/${s.total})`.padEnd(18);
  console.log(`Brief parser on ${results.length} mails (test/fixtures/mail)\n`);
  console.log(
    `${'set'.padEnd(5)}${'skill top-1'.padEnd(18)}${'deadline exact'.padEnd(18)}${'effort'.padEnd(18)}${'needs-info'.padEnd(18)}origin`,
  );
  for (const [name, s] of Object.entries(table)) {
    console.log(
      `${name.padEnd(5)}${pct(s.skill)}${pct(s.deadline)}${pct(s.effort)}${pct(s.needsInfo)}${pct(s.origin)}`,
    );
  }
  const misses = results.filter((r) => Object.values(r.checks).includes(false));
  if (misses.length) {
    console.log('\nMisses:');
    for (const m of misses) {
      const failed = Object.entries(m.checks)
        .filter(([, ok]) => ok === false)
        .map(([k]) => k);
      const got = m.brief
        ? `skill=${m.brief.skills[0]?.skill ?? '-'} deadline=${m.brief.deadline?.at ?? '-'} (${m.brief.deadline?.confidence ?? '-'}) effort=${m.brief.effortMinutes ?? '-'} missing=${m.brief.missing.join('/')}`
        : `origin=${m.origin}`;
      console.log(`  ${m.file}: ${failed.join(', ')} -> ${got}`);
    }
  }
}
