import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ParsedBrief, parseBrief } from '../../shared/domain/brief/parse-brief';
import { type InboundMessage, originOf, parseInboundMessage } from '../../shared/mail/inbound-message';

export const CORPUS_DIR = join(import.meta.dirname, '..', 'fixtures', 'mail');

export interface Expectation {
  outcome: string;
  language?: 'de' | 'en';
  skill?: string | null;
  deadline?: string | null;
  effortMinutes?: number | null;
}

export interface CorpusItem {
  file: string;
  raw: Buffer;
  expected: Expectation;
}

export const loadCorpus = (dir = CORPUS_DIR): CorpusItem[] => {
  const expectations = JSON.parse(readFileSync(join(dir, 'expectations.json'), 'utf8')) as Record<
    string,
    Expectation
  >;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((file) => {
      const expected = expectations[file];
      if (!expected) throw new Error(`${file} has no entry in expectations.json`);
      return { file, raw: readFileSync(join(dir, file)), expected };
    });
};

export interface ItemResult {
  file: string;
  language?: 'de' | 'en';
  origin: string;
  brief?: ParsedBrief;
  checks: { origin: boolean; skill?: boolean; deadline?: boolean; effort?: boolean; needsInfo?: boolean };
}

const MACHINE_OUTCOMES = new Set(['auto-reply', 'bounce', 'bulk']);
const PERSON_OUTCOMES = new Set(['task-created', 'needs-info']);

/**
 * Runs the pure parts of intake on one mail: origin, then the brief relative to the mail's own Date
 * in Europe/Berlin. Outcomes that need the database (unknown sender, quarantine) are checked end to
 * end in the integration suite instead.
 */
export const evaluateItem = async (item: CorpusItem): Promise<ItemResult> => {
  const mail: InboundMessage = await parseInboundMessage(item.raw);
  const origin = originOf(mail).kind;
  const e = item.expected;
  if (!PERSON_OUTCOMES.has(e.outcome)) {
    const originOk = MACHINE_OUTCOMES.has(e.outcome) ? origin === e.outcome : origin === 'person';
    return { file: item.file, origin, checks: { origin: originOk } };
  }
  const brief = parseBrief({
    subject: mail.subject,
    body: mail.text,
    now: new Date(mail.date ?? 0),
    timeZone: 'Europe/Berlin',
    fallbackLanguage: 'de',
  });
  const sureDeadline = brief.missing.includes('deadline') ? null : (brief.deadline?.at ?? null);
  const sureSkill = brief.missing.includes('skills') ? null : (brief.skills[0]?.skill ?? null);
  return {
    file: item.file,
    language: e.language,
    origin,
    brief,
    checks: {
      origin: origin === 'person',
      // A brief with the skill unsure counts as right only where the corpus expects no skill; where it
      // expects one, the top guess must be it.
      skill: e.skill === null ? sureSkill === null : brief.skills[0]?.skill === e.skill,
      deadline: sureDeadline === (e.deadline ?? null),
      effort: (brief.effortMinutes ?? null) === (e.effortMinutes ?? null),
      needsInfo: brief.needsInfo === (e.outcome === 'needs-info'),
    },
  };
};

export interface Score {
  right: number;
  total: number;
}
export type Scores = Record<'origin' | 'skill' | 'deadline' | 'effort' | 'needsInfo', Score>;

export const score = (results: ItemResult[]): Scores => {
  const scores: Scores = {
    origin: { right: 0, total: 0 },
    skill: { right: 0, total: 0 },
    deadline: { right: 0, total: 0 },
    effort: { right: 0, total: 0 },
    needsInfo: { right: 0, total: 0 },
  };
  for (const result of results) {
    for (const [name, ok] of Object.entries(result.checks) as [keyof Scores, boolean | undefined][]) {
      if (ok === undefined) continue;
      scores[name].total++;
      if (ok) scores[name].right++;
    }
  }
  return scores;
};

export const rate = (s: Score) => (s.total === 0 ? 1 : s.right / s.total);
