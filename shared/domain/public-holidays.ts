import { getHolidays } from 'feiertagejs';
import * as z from 'zod';
import type { Language } from './common';

/**
 * Where a VA's public holidays are those of: Germany's states by their ISO 3166-2 codes, or `DE` for
 * the nationwide ones only. Germany's holidays differ by state (Epiphany in Bavaria, Reformation
 * Day in Saxony), and a freelancer keeps the ones where they live.
 */
const STATES = {
  'DE-BW': 'BW',
  'DE-BY': 'BY',
  'DE-BE': 'BE',
  'DE-BB': 'BB',
  'DE-HB': 'HB',
  'DE-HH': 'HH',
  'DE-HE': 'HE',
  'DE-MV': 'MV',
  'DE-NI': 'NI',
  'DE-NW': 'NW',
  'DE-RP': 'RP',
  'DE-SL': 'SL',
  'DE-SN': 'SN',
  'DE-ST': 'ST',
  'DE-SH': 'SH',
  'DE-TH': 'TH',
  DE: 'BUND',
} as const;

export type HolidayRegion = keyof typeof STATES;
export const HOLIDAY_REGIONS = Object.keys(STATES) as HolidayRegion[];

export const HolidayRegionSchema = z.enum(HOLIDAY_REGIONS as [HolidayRegion, ...HolidayRegion[]], {
  error: `must be one of ${HOLIDAY_REGIONS.join(', ')}`,
});

export interface PublicHoliday {
  /** The local date, e.g. 2026-12-25. */
  date: string;
  name: Record<Language, string>;
}

/** A region's holidays of a year, by date. Matching asks for the same few years all day long. */
const years = new Map<string, ReadonlyMap<string, PublicHoliday>>();

const holidaysOf = (region: HolidayRegion, year: number): ReadonlyMap<string, PublicHoliday> => {
  const key = `${region}|${year}`;
  let known = years.get(key);
  if (!known) {
    known = new Map(
      getHolidays(year, STATES[region]).map((h) => [
        h.dateString,
        { date: h.dateString, name: { de: h.translate('de') ?? h.name, en: h.translate('en') ?? h.name } },
      ]),
    );
    years.set(key, known);
  }
  return known;
};

/** The public holiday on a local date (YYYY-MM-DD) in `region`, if that date is one. */
export const publicHolidayOn = (region: HolidayRegion, date: string): PublicHoliday | undefined =>
  holidaysOf(region, Number(date.slice(0, 4))).get(date);

/** The region's public holidays from `from` to `to` (local dates, inclusive), in order. */
export const publicHolidaysBetween = (region: HolidayRegion, from: string, to: string): PublicHoliday[] => {
  const found: PublicHoliday[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++)
    for (const holiday of holidaysOf(region, year).values())
      if (from <= holiday.date && holiday.date <= to) found.push(holiday);
  return found.sort((a, b) => a.date.localeCompare(b.date));
};
