/** Estimated effort in minutes from phrases like "ca. 2 Std.", "30 Minuten", "half a day". */
const NUMBER_WORDS: Record<string, number> = {
  ein: 1,
  eine: 1,
  einer: 1,
  one: 1,
  an: 1,
  a: 1,
  zwei: 2,
  two: 2,
  drei: 3,
  three: 3,
  vier: 4,
  four: 4,
  fünf: 5,
  five: 5,
  sechs: 6,
  six: 6,
  sieben: 7,
  seven: 7,
  acht: 8,
  eight: 8,
  zehn: 10,
  ten: 10,
  zwölf: 12,
  twelve: 12,
  anderthalb: 1.5,
  eineinhalb: 1.5,
};

const NUMBER = String.raw`(\d+(?:[.,]\d+)?|${Object.keys(NUMBER_WORDS).join('|')})`;
const HOURS = new RegExp(
  String.raw`(?<!\b(?:bis|um|ab|by|at|gegen)\s)\b${NUMBER}\s*(?:-\s*\d+\s*)?(std\.?|stunden?|stündig|h\b|hrs?\b|hours?)`,
  'i',
);
const MINUTES = new RegExp(String.raw`\b${NUMBER}\s*(min\.?|minuten|minutes?|mins?)\b`, 'i');
const HALF_HOUR = /\b(eine halbe stunde|halbe stunde|half an hour|30-?minütig)\b/i;
const HALF_DAY = /\b(halbe[nr]? tag|half a day|half-day|halbtags)\b/i;
const FULL_DAY = /\b(ganze[nr]? tag|full day|whole day|einen tag lang|a full day)\b/i;

const toNumber = (word: string) => NUMBER_WORDS[word.toLowerCase()] ?? Number(word.replace(',', '.'));

export interface EffortFinding {
  minutes: number;
  text: string;
}

export const findEffort = (text: string): EffortFinding | undefined => {
  const matches: Array<{ index: number; minutes: number; text: string }> = [];
  const hours = HOURS.exec(text);
  if (hours?.[1])
    matches.push({ index: hours.index, minutes: Math.round(toNumber(hours[1]) * 60), text: hours[0] });
  const minutes = MINUTES.exec(text);
  if (minutes?.[1])
    matches.push({ index: minutes.index, minutes: Math.round(toNumber(minutes[1])), text: minutes[0] });
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
