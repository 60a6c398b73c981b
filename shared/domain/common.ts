import * as z from 'zod';

/** Languages every email and page exists in. */
export const LANGUAGES = ['de', 'en'] as const;
export const LanguageSchema = z.enum(LANGUAGES, { message: 'must be "de" or "en"' });
export type Language = z.infer<typeof LanguageSchema>;

/** Any ISO 639-1 code: VAs may speak more than the languages va-router writes in. */
export const SpokenLanguageSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2}$/, 'must be a two-letter ISO 639-1 code such as "de"');

/**
 * Zones already found valid. Intl has no cheap check: building a formatter costs about 60 µs, and
 * every client and VA read checks a zone (a ranking reads 100 VAs). There are a few hundred zones;
 * Intl also takes them in any letter case, so the set is bounded all the same.
 */
const validZones = new Set<string>();

const isTimeZone = (value: string): boolean => {
  if (validZones.has(value)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    return false;
  }
  if (!value.includes('/') && value !== 'UTC') return false;
  if (validZones.size >= 1_000) validZones.clear();
  validZones.add(value);
  return true;
};

export const DEFAULT_TIME_ZONE = 'Europe/Berlin';
export const TimeZoneSchema = z
  .string()
  .refine(isTimeZone, { message: 'must be an IANA time zone such as "Europe/Berlin"' });

/** Instants are stored in UTC as ISO 8601 strings with a `Z`, so they sort as text. */
export const UtcInstantSchema = z.iso.datetime({
  message: 'must be an ISO 8601 UTC time such as 2026-11-25T09:00:00Z',
});

export const LocalDateSchema = z.iso.date({ message: 'must be a date such as 2026-12-24' });

/** Money is integer euro cents, never floats. */
export const CentsSchema = z.number().int('must be whole cents').nonnegative('must not be negative');

export const VersionSchema = z.number().int().nonnegative();
