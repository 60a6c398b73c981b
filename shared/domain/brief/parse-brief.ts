import type { Language } from '../common';
import type { Skill } from '../skills';
import type { Priority } from '../task';
import { cleanBody, cleanSubject } from './clean-body';
import {
  ASAP,
  DEFAULT_DEADLINE_OPTIONS,
  type DeadlineFinding,
  type DeadlineOptions,
  findDeadline,
  NOT_URGENT,
} from './deadline';
import { findEffort } from './effort';
import { detectLanguage } from './language';
import { SKILL_KEYWORDS } from './skill-keywords';

export interface BriefInput {
  subject: string;
  body: string;
  /** The mail's date (or receipt time): relative dates count from here. */
  now: Date;
  /** The client's time zone: "Freitag 12 Uhr" is noon there. */
  timeZone: string;
  /** The client's language, for mails too short to tell. */
  fallbackLanguage: Language;
  deadlineOptions?: DeadlineOptions;
}

export type MissingField = 'skills' | 'deadline' | 'effort';

export interface ParsedBrief {
  title: string;
  language: Language;
  /** Best first; confidence 0..1. */
  skills: Array<{ skill: Skill; confidence: number }>;
  deadline?: DeadlineFinding;
  effortMinutes?: number;
  effortText?: string;
  priority: Priority;
  /** What the brief does not say, or not clearly. */
  missing: MissingField[];
  /** Skills or deadline are missing or unsure: ask the client before routing. */
  needsInfo: boolean;
  /** The client's own words for this task, without quotes and signature. */
  description: string;
}

/** Below this the brief parser asks instead of guessing. */
export const SURE_SKILL = 0.6;
export const SURE_DEADLINE = 0.7;

/** How much of a mail body the parser reads for skills, dates and effort. */
export const BRIEF_SCAN_CHARS = 20_000;

const scoreSkills = (subject: string, body: string) => {
  const s = subject.toLowerCase();
  const b = body.toLowerCase();
  const scored = Object.entries(SKILL_KEYWORDS).map(([skill, patterns]) => {
    let score = 0;
    for (const [pattern, weight] of patterns) {
      const global = new RegExp(pattern.source, 'g');
      score += 2 * weight * Math.min(1, s.match(global)?.length ?? 0);
      score += weight * Math.min(2, b.match(global)?.length ?? 0);
    }
    return { skill: skill as Skill, score };
  });
  const top = Math.max(...scored.map((x) => x.score));
  return scored
    .filter((x) => x.score > 0 && x.score >= top / 2)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map(({ skill, score }) => ({ skill, confidence: Math.round((1 - Math.exp(-score)) * 100) / 100 }))
    .filter((x) => x.confidence >= 0.3);
};

const GENERIC_SUBJECT =
  /^(hallo|hi|hello|anfrage|aufgabe|auftrag|task|request|help|hilfe|frage|question|bitte|neu|new)?[\s!.?]*$/i;

const titleOf = (subject: string, description: string): string => {
  const cleaned = cleanSubject(subject);
  if (!GENERIC_SUBJECT.test(cleaned)) return cleaned.slice(0, 120);
  const firstSentence = description
    .replace(/^(hallo|hi|hello|liebe[rs]?|dear|guten tag|moin|servus)\b[^\n]*\n+/i, '')
    .split(/(?<=[.!?])\s|\n/)
    .map((x) => x.trim())
    .find((x) => x.length > 3);
  return (firstSentence ?? cleaned).slice(0, 120) || '(ohne Betreff)';
};

const priorityOf = (text: string, deadline: DeadlineFinding | undefined, now: Date): Priority => {
  if (NOT_URGENT.test(text)) return 'low';
  if (ASAP.test(text)) return 'urgent';
  const hoursLeft = deadline
    ? (Date.parse(deadline.at) - now.getTime()) / 3_600_000
    : Number.POSITIVE_INFINITY;
  if (hoursLeft <= 4) return 'urgent';
  if (
    hoursLeft <= 24 ||
    /\b(wichtig|important|hohe priorit[äa]t|high priority|zeitkritisch|time-critical)\b/i.test(text)
  )
    return 'high';
  return 'normal';
};

/** Turns a client's mail into a brief. Pure: the same input gives the same brief. */
export const parseBrief = (input: BriefInput): ParsedBrief => {
  const description = cleanBody(input.body);
  // What a brief says is said early; reading a pasted 300 KB log for dates only costs time.
  const scanned = description.slice(0, BRIEF_SCAN_CHARS);
  const text = `${cleanSubject(input.subject)}\n${scanned}`;
  const language = detectLanguage(text, input.fallbackLanguage);
  const skills = scoreSkills(cleanSubject(input.subject), scanned);
  const deadline = findDeadline(
    text,
    language,
    input.now,
    input.timeZone,
    input.deadlineOptions ?? DEFAULT_DEADLINE_OPTIONS,
  );
  const effort = findEffort(text);
  const missing: MissingField[] = [];
  if ((skills[0]?.confidence ?? 0) < SURE_SKILL) missing.push('skills');
  if (!deadline || deadline.confidence < SURE_DEADLINE) missing.push('deadline');
  if (!effort) missing.push('effort');
  return {
    title: titleOf(input.subject, description),
    language,
    skills,
    ...(deadline ? { deadline } : {}),
    ...(effort ? { effortMinutes: effort.minutes, effortText: effort.text } : {}),
    priority: priorityOf(text, deadline, input.now),
    missing,
    needsInfo: missing.includes('skills') || missing.includes('deadline'),
    description,
  };
};
