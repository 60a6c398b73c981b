import { describe, expect, it } from 'vitest';
import {
  HolidayRegionSchema,
  publicHolidayOn,
  publicHolidaysBetween,
} from '../../../shared/domain/public-holidays';

describe('public holidays', () => {
  it("keeps each German state's own holidays", () => {
    expect(publicHolidayOn('DE-BY', '2027-01-06')?.name).toEqual({
      de: 'Heilige Drei Könige',
      en: 'Epiphany',
    });
    expect(publicHolidayOn('DE-BE', '2027-01-06')).toBeUndefined();
    expect(publicHolidayOn('DE-SN', '2026-10-31')?.name.en).toBe('Reformation Day');
    expect(publicHolidayOn('DE-BY', '2026-10-31')).toBeUndefined();
    expect(publicHolidayOn('DE', '2026-12-25')?.name.de).toBe('1. Weihnachtstag');
    expect(publicHolidayOn('DE', '2026-12-24')).toBeUndefined();
  });

  it('works out the moving feasts of each year: Good Friday and Easter Monday', () => {
    expect(publicHolidaysBetween('DE', '2027-03-01', '2027-04-30').map((h) => h.date)).toEqual([
      '2027-03-26',
      '2027-03-29',
    ]);
  });

  it('lists the holidays of a period across the turn of the year, in order', () => {
    expect(publicHolidaysBetween('DE-BY', '2026-12-20', '2027-01-10')).toEqual([
      { date: '2026-12-25', name: { de: '1. Weihnachtstag', en: 'Christmas Day' } },
      { date: '2026-12-26', name: { de: '2. Weihnachtstag', en: 'Boxing Day' } },
      { date: '2027-01-01', name: { de: 'Neujahrstag', en: "New Year's Day" } },
      { date: '2027-01-06', name: { de: 'Heilige Drei Könige', en: 'Epiphany' } },
    ]);
  });

  it('names the regions it knows when given another', () => {
    const parsed = HolidayRegionSchema.safeParse('AT-9');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('DE-BY');
  });
});
