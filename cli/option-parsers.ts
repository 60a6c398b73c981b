import { PERIOD_PATTERN } from '../shared/domain/billing/settlement';
import { DEFAULT_TIME_ZONE, LocalDateSchema } from '../shared/domain/common';
import { parseEuroToCents } from '../shared/domain/money';
import { SKILLS } from '../shared/domain/skills';
import { WEEKDAYS } from '../shared/domain/va';
import { fromWallTime, toWallTime } from '../shared/domain/zoned-time';
import { ValidationError } from '../shared/errors';

const invalid = (option: string, message: string) =>
  new ValidationError(`${option}: ${message}`, [{ path: option, message }]);

export const parseList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** "65" or "65,50" (euros) -> cents. */
export const parseEuros = (option: string, text: string): number => {
  const cents = parseEuroToCents(text);
  if (cents === undefined) throw invalid(option, `"${text}" is not an amount in euros such as 45 or 45,50`);
  return cents;
};

/**
 * "2026-12-04 12:00" is Berlin wall time, as the operator reads task tables; an ISO instant with
 * its offset ("2026-12-04T11:00Z", "...+01:00") is taken as it stands.
 */
export const parseBerlinDateTime = (option: string, text: string): string => {
  const wall = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d)$/.exec(text.trim());
  if (wall) {
    const [year, month, day, hour, minute] = wall.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const instant = fromWallTime({ year, month, day, hour, minute }, DEFAULT_TIME_ZONE);
    const back = toWallTime(instant, DEFAULT_TIME_ZONE);
    // 2026-02-30 or 25:00 would roll over into another day or hour instead of failing.
    if (back.day === day && back.month === month && back.hour === hour) return instant.toISOString();
  } else if (/(Z|[+-]\d\d:\d\d)$/.test(text.trim()) && !Number.isNaN(Date.parse(text))) {
    return new Date(text).toISOString();
  }
  throw invalid(
    option,
    `"${text}" must look like 2026-12-04 12:00 (Berlin time) or an ISO time with its offset`,
  );
};

/** "2026-12-10": a calendar day, as a bank statement dates a booking. */
export const parseDay = (option: string, text: string): string => {
  if (!LocalDateSchema.safeParse(text.trim()).success)
    throw invalid(option, `"${text}" must be a date such as 2026-12-10`);
  return text.trim();
};

/** "2026-11": a billing month. */
export const parseMonth = (text: string): string => {
  if (!PERIOD_PATTERN.test(text))
    throw new ValidationError('Invalid month', [{ path: 'month', message: 'must look like 2026-11' }]);
  return text;
};

export const parseInteger = (option: string, text: string): number => {
  if (!/^\d+$/.test(text.trim())) throw invalid(option, `"${text}" is not a whole number`);
  return Number(text);
};

/** "correspondence:4, travel:3" -> [{ skill, level }]; the schema checks names and ranges. */
export const parseSkills = (option: string, text: string) =>
  parseList(text).map((entry) => {
    const match = /^([a-z-]+):(\d)$/.exec(entry);
    if (!match) throw invalid(option, `"${entry}" must look like skill:level, e.g. correspondence:4`);
    return { skill: match[1], level: Number(match[2]) };
  });

/** "events, travel:3" -> what a task needs: each skill with the lowest level that will do (1 if none given). */
export const parseTaskSkills = (option: string, text: string) => {
  const skills = parseList(text).map((entry) => {
    const match = /^([a-z-]+)(?::([1-5]))?$/.exec(entry);
    const skill = SKILLS.find((s) => s === match?.[1]);
    if (!match || !skill)
      throw invalid(option, `"${entry}" must be a skill (${SKILLS.join(', ')}), optionally with :level 1-5`);
    return { skill, minLevel: Number(match[2] ?? 1) };
  });
  if (skills.length === 0) throw invalid(option, 'name at least one skill');
  return skills;
};

const dayRange = (option: string, text: string): string[] => {
  const [from, to = from] = text.split('-') as [string, string?];
  const start = WEEKDAYS.indexOf(from as (typeof WEEKDAYS)[number]);
  const end = WEEKDAYS.indexOf(to as (typeof WEEKDAYS)[number]);
  if (start < 0 || end < 0 || end < start) {
    throw invalid(
      option,
      `"${text}" must be a day or a range of days such as mon-fri (days: ${WEEKDAYS.join(', ')})`,
    );
  }
  return WEEKDAYS.slice(start, end + 1);
};

/**
 * "mon-fri 09:00-13:00; sat 10:00-12:00" -> one window per day. Several windows a day are fine:
 * "mon 08:00-10:00; mon 14:00-16:00".
 */
export const parseWeeklyHours = (option: string, text: string) =>
  text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((entry) => {
      const match = /^([a-z-]+)\s+(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(entry);
      if (!match) throw invalid(option, `"${entry}" must look like "mon-fri 09:00-13:00"`);
      const [, days = '', start, end] = match;
      return dayRange(option, days).map((day) => ({ day, start, end }));
    });
