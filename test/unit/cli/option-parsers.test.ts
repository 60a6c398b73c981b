import { describe, expect, it } from 'vitest';
import { parseBerlinDateTime, parseEuros, parseSkills, parseWeeklyHours } from '../../../cli/option-parsers';
import { ValidationError } from '../../../shared/errors';

describe('CLI option parsers', () => {
  it('expands day ranges into one window per day', () => {
    expect(parseWeeklyHours('--hours', 'mon-wed 09:00-13:00; sat 10:00-12:00')).toEqual([
      { day: 'mon', start: '09:00', end: '13:00' },
      { day: 'tue', start: '09:00', end: '13:00' },
      { day: 'wed', start: '09:00', end: '13:00' },
      { day: 'sat', start: '10:00', end: '12:00' },
    ]);
  });

  it.each(['fri-mon 09:00-10:00', 'monday 09:00-10:00', 'mon 9-10', 'mon'])(
    'rejects hours %j naming --hours',
    (text) => {
      expect(() => parseWeeklyHours('--hours', text)).toThrowError(ValidationError);
      expect(() => parseWeeklyHours('--hours', text)).toThrowError(/^--hours: /);
    },
  );

  it('reads a deadline as Berlin wall time, or as an ISO time with its offset, and nothing else', () => {
    expect(parseBerlinDateTime('--deadline', '2026-12-04 12:00')).toBe('2026-12-04T11:00:00.000Z');
    expect(parseBerlinDateTime('--deadline', '2026-07-03T12:00')).toBe('2026-07-03T10:00:00.000Z');
    expect(parseBerlinDateTime('--deadline', '2026-12-04T12:00+01:00')).toBe('2026-12-04T11:00:00.000Z');
    expect(parseBerlinDateTime('--deadline', '2026-12-04T11:00Z')).toBe('2026-12-04T11:00:00.000Z');
    for (const bad of ['2026-02-30 12:00', '2026-12-04 25:00', 'Freitag', '2026-12-04T12:00:00'])
      expect(() => parseBerlinDateTime('--deadline', bad)).toThrowError(/--deadline: .* must look like/);
  });

  it('parses skills with levels', () => {
    expect(parseSkills('--skills', 'correspondence:4, travel:3')).toEqual([
      { skill: 'correspondence', level: 4 },
      { skill: 'travel', level: 3 },
    ]);
    expect(() => parseSkills('--skills', 'travel')).toThrowError(/skill:level/);
  });

  it('parses euros to cents and names the option on error', () => {
    expect(parseEuros('--rate', '29,50')).toBe(2950);
    expect(() => parseEuros('--rate', 'viel')).toThrowError(/^--rate: "viel" is not an amount/);
  });
});
