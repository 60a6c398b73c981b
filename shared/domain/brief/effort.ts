import { NUMBER_WORDS, numberOf } from './number-words';

/** Estimated effort in minutes from phrases like "ca. 2 Std.", "30 Minuten", "half a day". */

const NUMBER = String.raw`(\d+(?:[.,]\d+)?|${Object.keys(NUMBER_WORDS).join('|')})`;
const HOURS = new RegExp(
  String.raw`(?<!\b(?:bis|um|ab|by|at|gegen)\s)\b${NUMBER}\s*(?:-\s*\d+\s*)?(std\.?|stunden?|stündig|h\b|hrs?\b|hours?)`,
  'i',
);
const MINUTES = new RegExp(String.raw`\b${NUMBER}\s*(min\.?|minuten|minutes?|mins?)\b`, 'i');
const HALF_HOUR = /\b(eine halbe stunde|halbe stunde|half an hour|30-?minütig)\b/i;
const HALF_DAY = /\b(halbe[nr]? tag|half a day|half-day|halbtags)\b/i;
const FULL_DAY = /\b(ganze[nr]? tag|full day|whole day|einen tag lang|a full day)\b/i;

export interface EffortFinding {
  minutes: number;
  text: string;
}

/** "je 1 Stunde", "45 minutes each": the length of each meeting or item, not the work. */
const PER_ITEM_BEFORE = /\b(je|jeweils|pro|per|à)\s*$/i;
const PER_ITEM_AFTER = /^\s*(each|apiece|pro (termin|st[üu]ck|person))\b/i;

/** The first match that is an effort: not a per-item duration, and not "HR" (human resources). */
const firstEffortMatch = (pattern: RegExp, text: string) => {
  for (const match of text.matchAll(new RegExp(pattern.source, 'gi'))) {
    const before = text.slice(Math.max(0, match.index - 12), match.index);
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 20);
    if (PER_ITEM_BEFORE.test(before) || PER_ITEM_AFTER.test(after) || /\bHRS?\b/.test(match[0])) continue;
    return match;
  }
  return undefined;
};

export const findEffort = (text: string): EffortFinding | undefined => {
  const matches: Array<{ index: number; minutes: number; text: string }> = [];
  const hours = firstEffortMatch(HOURS, text);
  if (hours?.[1])
    matches.push({ index: hours.index, minutes: Math.round(numberOf(hours[1]) * 60), text: hours[0] });
  const minutes = firstEffortMatch(MINUTES, text);
  if (minutes?.[1])
    matches.push({ index: minutes.index, minutes: Math.round(numberOf(minutes[1])), text: minutes[0] });
  for (const [pattern, value] of [
    [HALF_HOUR, 30],
    [HALF_DAY, 240],
    [FULL_DAY, 480],
  ] as const) {
    const m = pattern.exec(text);
    if (m) matches.push({ index: m.index, minutes: value, text: m[0] });
  }
  const first = matches
    .filter((m) => m.minutes > 0 && m.minutes <= 60 * 80)
    .sort((a, b) => a.index - b.index)[0];
  return first ? { minutes: first.minutes, text: first.text.trim() } : undefined;
};
