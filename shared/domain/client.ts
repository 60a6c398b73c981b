import * as z from 'zod';
import { vatModeMismatch } from './billing/place-of-supply';
import { PERIOD_PATTERN } from './billing/settlement';
import { CentsSchema, LanguageSchema, TimeZoneSchema, UtcInstantSchema, VersionSchema } from './common';
import { EmailAddressSchema } from './email-address';
import { SkillSchema } from './skills';

export const HourlyPlanSchema = z.object({
  kind: z.literal('hourly'),
  hourlyRateCents: CentsSchema,
});

export const FixedPricePlanSchema = z.object({
  kind: z.literal('fixed'),
  /** Default price of a task; a task may carry its own. */
  pricePerTaskCents: CentsSchema,
  /** Prices by the task's main kind of work, e.g. { "travel": 4900 }; before the default. */
  pricesBySkillCents: z.partialRecord(SkillSchema, CentsSchema).default({}),
});

export const PackagePlanSchema = z.object({
  kind: z.literal('package'),
  monthlyFeeCents: CentsSchema,
  includedMinutes: z.number().int().positive(),
  overageRateCents: CentsSchema,
  /** Unused minutes move to the next month only when the contract says so. */
  rollover: z.boolean().default(false),
});

export const PlanSchema = z.discriminatedUnion(
  'kind',
  [HourlyPlanSchema, FixedPricePlanSchema, PackagePlanSchema],
  {
    message: 'kind must be "hourly", "fixed" or "package"',
  },
);
export type Plan = z.infer<typeof PlanSchema>;

/** A billing month (Berlin calendar), e.g. "2027-01". */
export const BillingPeriodSchema = z.string().regex(PERIOD_PATTERN, 'must be a month such as "2027-01"');

/**
 * A plan that replaces the one before from the first day of a month. Plans change only at a month's
 * start, so every settlement and the invoice of a month use one plan, and a month invoiced again
 * (or corrected later) is billed as it was.
 */
export const PlanChangeSchema = z.object({ from: BillingPeriodSchema, plan: PlanSchema });
export type PlanChange = z.infer<typeof PlanChangeSchema>;

/**
 * standard: 19 % German VAT; reverse-charge: EU B2B with VAT ID; third-country: a business outside
 * the EU (Switzerland, the UK), not taxable in Germany; small-business: §19 UStG, no VAT.
 */
export const VatModeSchema = z.enum(['standard', 'reverse-charge', 'third-country', 'small-business']);
export type VatMode = z.infer<typeof VatModeSchema>;

export const PostalAddressSchema = z.object({
  street: z.string().trim().min(1),
  postalCode: z.string().trim().min(1),
  city: z.string().trim().min(1),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO country code such as "DE"'),
});

export const ClientSchema = z
  .object({
    id: z.string().min(1),
    /** The person who writes to the agency. */
    contactName: z.string().trim().min(1, 'must not be empty'),
    company: z.string().trim().min(1).optional(),
    /** Every address this client sends tasks from; the first one receives invoices. */
    emails: z.array(EmailAddressSchema).min(1, 'needs at least one sender address').max(20),
    language: LanguageSchema.default('de'),
    timeZone: TimeZoneSchema.default('Europe/Berlin'),
    /** The plan until the first of `planChanges` (oldest first) takes over. */
    plan: PlanSchema,
    planChanges: z.array(PlanChangeSchema).max(240).default([]),
    billingIncrementMinutes: z.number().int().min(1).max(60).default(15),
    minimumMinutesPerTask: z.number().int().min(0).default(0),
    vatMode: VatModeSchema.default('standard'),
    vatId: z.string().trim().min(4).optional(),
    address: PostalAddressSchema.optional(),
    preferredVaIds: z.array(z.string().min(1)).default([]),
    /** A personal token for the web form; only its SHA-256 is stored. */
    formTokenHash: z.string().optional(),
    createdAt: UtcInstantSchema,
    /** Set when the client's personal data was erased (Art. 17 GDPR); what remains is what tax law keeps. */
    erasedAt: UtcInstantSchema.optional(),
    version: VersionSchema.default(0),
  })
  .refine((c) => c.vatMode !== 'reverse-charge' || c.vatId !== undefined, {
    message: 'reverse charge needs the client’s VAT ID',
    path: ['vatId'],
  })
  .superRefine((c, ctx) => {
    // An erased client keeps its VAT mode for corrections but no longer its address.
    if (c.erasedAt) return;
    const mismatch = vatModeMismatch(c.vatMode, c.address?.country);
    if (mismatch) ctx.addIssue({ code: 'custom', message: mismatch, path: ['vatMode'] });
  });
export type Client = z.infer<typeof ClientSchema>;
export type ClientInput = z.input<typeof ClientSchema>;
