import * as z from 'zod';
import {
  CentsSchema,
  LanguageSchema,
  LocalDateSchema,
  SpokenLanguageSchema,
  TimeZoneSchema,
  UtcInstantSchema,
  VersionSchema,
} from './common';
import { EmailAddressSchema } from './email-address';
import { IbanSchema } from './iban';
import { HolidayRegionSchema } from './public-holidays';
import { SKILLS, SkillSchema } from './skills';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const WeekdaySchema = z.enum(WEEKDAYS);

const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time such as 09:30');
const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** A recurring window of work in the VA's own time zone, e.g. Mondays 09:00-13:00. */
export const AvailabilityWindowSchema = z
  .object({ day: WeekdaySchema, start: ClockTimeSchema, end: ClockTimeSchema })
  .refine((w) => minutesOf(w.start) < minutesOf(w.end), {
    message: 'must end after it starts',
    path: ['end'],
  });
export type AvailabilityWindow = z.infer<typeof AvailabilityWindowSchema>;

/** Whole days off, inclusive, in the VA's time zone. */
export const TimeOffSchema = z
  .object({ from: LocalDateSchema, to: LocalDateSchema, note: z.string().trim().max(200).optional() })
  .refine((t) => t.from <= t.to, { message: 'must not end before it starts', path: ['to'] });
export type TimeOff = z.infer<typeof TimeOffSchema>;

export const SkillLevelSchema = z.object({
  skill: SkillSchema,
  /** 1 = can do it with guidance, 5 = teaches others. */
  level: z.number().int().min(1, 'must be 1-5').max(5, 'must be 1-5'),
});

/**
 * Each skill is indexed once per spoken language (see the skill index in keys.ts), and one DynamoDB
 * transaction holds at most 100 items; this bound keeps every roster write atomic.
 */
export const MAX_SKILL_LANGUAGE_PAIRS = 45;

/**
 * small-business: the VA charges no VAT (§ 19 UStG), most freelance VAs; standard: the VA charges
 * 19 %, which the agency pays with the payout and deducts as input VAT.
 */
export const VaVatModeSchema = z.enum(['small-business', 'standard']);
export type VaVatMode = z.infer<typeof VaVatModeSchema>;

export const VaSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().trim().min(1, 'must not be empty'),
    email: EmailAddressSchema,
    /** The language va-router writes to this VA in. */
    language: LanguageSchema.default('de'),
    /** Languages the VA works in; tasks are only offered in these. */
    languages: z.array(SpokenLanguageSchema).min(1, 'needs at least one language').max(5),
    timeZone: TimeZoneSchema,
    skills: z
      .array(SkillLevelSchema)
      .min(1, 'needs at least one skill')
      .max(SKILLS.length)
      .refine((s) => new Set(s.map((x) => x.skill)).size === s.length, 'lists a skill twice'),
    weeklyAvailability: z.array(AvailabilityWindowSchema).min(1, 'needs at least one weekly window'),
    timeOff: z.array(TimeOffSchema).default([]),
    /** Whose public holidays the VA keeps off (a German state, or `DE`); none when absent. */
    holidays: HolidayRegionSchema.optional(),
    /** How many tasks the VA may hold at once. */
    maxOpenTasks: z.number().int().min(1).max(50).default(5),
    /** What the VA earns per hour, net. */
    payoutRateCents: CentsSchema,
    /** Whether the VA charges VAT on what they earn, which the agency then pays on top. */
    vatMode: VaVatModeSchema.default('small-business'),
    /** The VA's Steuernummer or USt-IdNr., which their invoices (and a VAT-charging VA) must give. */
    taxId: z.string().trim().min(4).max(30).optional(),
    /** Where payouts go; without it the VA is left out of the SEPA payout file. */
    payoutIban: IbanSchema.optional(),
    /** The account holder when it is not the VA's name (a company, a spouse's joint account). */
    payoutAccountHolder: z.string().trim().min(1).max(70).optional(),
    active: z.boolean().default(true),
    /** SHA-256 of the token in the VA's personal page link; the token itself is never stored. */
    pageTokenHash: z.string().optional(),
    createdAt: UtcInstantSchema,
    version: VersionSchema.default(0),
  })
  .refine((v) => v.vatMode !== 'standard' || v.taxId !== undefined, {
    message: 'a VA who charges VAT needs their tax ID (Steuernummer or USt-IdNr.)',
    path: ['taxId'],
  })
  .refine((v) => new Set(v.languages).size === v.languages.length, {
    message: 'lists a language twice',
    path: ['languages'],
  })
  .refine((v) => v.skills.length * v.languages.length <= MAX_SKILL_LANGUAGE_PAIRS, {
    message: `skills x languages must not exceed ${MAX_SKILL_LANGUAGE_PAIRS}`,
    path: ['skills'],
  });
export type Va = z.infer<typeof VaSchema>;
export type VaInput = z.input<typeof VaSchema>;

/** Total minutes of the VA's weekly windows. */
export const weeklyMinutes = (windows: readonly AvailabilityWindow[]): number =>
  windows.reduce((sum, w) => sum + minutesOf(w.end) - minutesOf(w.start), 0);

/** What matching needs to know about a VA; copied onto every skill-index item of that VA. */
export const VaMatchProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  languages: z.array(z.string()),
  timeZone: z.string(),
  skills: z.array(SkillLevelSchema),
  weeklyAvailability: z.array(AvailabilityWindowSchema),
  timeOff: z.array(TimeOffSchema),
  holidays: HolidayRegionSchema.optional(),
  maxOpenTasks: z.number().int(),
});
export type VaMatchProfile = z.infer<typeof VaMatchProfileSchema>;

export const toMatchProfile = (va: Va): VaMatchProfile => ({
  id: va.id,
  name: va.name,
  languages: va.languages,
  timeZone: va.timeZone,
  skills: va.skills,
  weeklyAvailability: va.weeklyAvailability,
  timeOff: va.timeOff,
  ...(va.holidays ? { holidays: va.holidays } : {}),
  maxOpenTasks: va.maxOpenTasks,
});
