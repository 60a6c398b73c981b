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

const isTimeZone = (value: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
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
