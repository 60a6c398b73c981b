import * as z from 'zod';
import { type ParsedBrief, parseBrief, SURE_SKILL } from './brief/parse-brief';
import { UtcInstantSchema } from './common';
import { EmailAddressSchema } from './email-address';
import { SKILLS } from './skills';
import { PrioritySchema } from './task';
import { fromWallTime } from './zoned-time';

/** Problems a form field can have; pages turn each code into a sentence in the reader's language. */
export type FieldErrorCode =
  | 'required'
  | 'too-short'
  | 'too-long'
  | 'invalid-email'
  | 'invalid-choice'
  | 'invalid-deadline'
  | 'deadline-past'
  | 'too-many-files'
  | 'files-too-large';

export const EFFORT_CHOICES = [30, 60, 120, 240, 480] as const;
export const MAX_FILES = 5;

const code = (c: FieldErrorCode) => ({ message: c });

/** The web form's fields as the browser sends them (all strings). */
export const FormFieldsSchema = z.object({
  title: z.string().trim().min(1, code('required')).min(3, code('too-short')).max(200, code('too-long')),
  description: z
    .string()
    .trim()
    .min(1, code('required'))
    .min(10, code('too-short'))
    .max(10_000, code('too-long')),
  skill: z.union([z.enum(SKILLS), z.literal('')], code('invalid-choice')).default(''),
  /** `datetime-local` value in the client's time zone, e.g. 2026-11-27T12:00. */
  deadline: z
    .string()
    .trim()
    .regex(/^$|^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, code('invalid-deadline'))
    .default(''),
  effort: z
    .union(
      [z.enum(EFFORT_CHOICES.map(String) as [string, ...string[]]), z.literal('')],
      code('invalid-choice'),
    )
    .default(''),
  priority: PrioritySchema.or(z.literal('')).default(''),
  email: z.string().trim().default(''),
});
export type FormFields = z.infer<typeof FormFieldsSchema>;

export type FieldErrors = Partial<Record<keyof FormFields | 'attachments', FieldErrorCode>>;

export interface UploadedFile {
  filename: string;
  mimeType: string;
  content: Uint8Array;
}

/**
 * Validates a submission. `needsEmail` when the form was opened without a personal link: the
 * address then has to confirm the task by mail.
 */
export const validateForm = (
  raw: Record<string, string>,
  files: readonly UploadedFile[],
  options: {
    needsEmail: boolean;
    now: Date;
    timeZone: string;
    maxAttachmentBytes: number;
    oversized?: boolean;
  },
): { fields: FormFields; deadlineAt?: string } | { errors: FieldErrors } => {
  const parsed = FormFieldsSchema.safeParse(raw);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]) as keyof FormFields;
      errors[field] ??= (issue.message as FieldErrorCode) ?? 'required';
    }
  }
  const fields = parsed.success ? parsed.data : undefined;
  if (options.needsEmail) {
    const email = raw.email?.trim() ?? '';
    if (!email) errors.email = 'required';
    else if (!EmailAddressSchema.safeParse(email).success) errors.email = 'invalid-email';
  }
  let deadlineAt: string | undefined;
  // Checked from the raw value, so its error shows together with every other field's.
  const rawDeadline = raw.deadline?.trim() ?? '';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(rawDeadline)) {
    const [date = '', time = ''] = rawDeadline.split('T');
    const [year, month, day] = date.split('-').map(Number);
    const [hour, minute] = time.split(':').map(Number);
    const at = fromWallTime(
      { year: year ?? 0, month: month ?? 0, day: day ?? 0, hour: hour ?? 0, minute: minute ?? 0 },
      options.timeZone,
    );
    if (Number.isNaN(at.getTime()) || !UtcInstantSchema.safeParse(at.toISOString()).success)
      errors.deadline = 'invalid-deadline';
    else if (at.getTime() <= options.now.getTime()) errors.deadline = 'deadline-past';
    else deadlineAt = at.toISOString();
  }
  if (files.length > MAX_FILES) errors.attachments = 'too-many-files';
  else if (options.oversized) errors.attachments = 'files-too-large';
  else if (files.reduce((sum, f) => sum + f.content.byteLength, 0) > options.maxAttachmentBytes)
    errors.attachments = 'files-too-large';
  if (Object.keys(errors).length > 0 || !fields) return { errors };
  return { fields, ...(deadlineAt ? { deadlineAt } : {}) };
};

/**
 * The brief of a form submission: what the client chose wins, the text fills the rest (a deadline
 * written in the description still counts when the field was left empty).
 */
export const briefFromForm = (
  fields: FormFields,
  deadlineAt: string | undefined,
  context: { now: Date; timeZone: string; language: 'de' | 'en' },
): ParsedBrief => {
  const parsed = parseBrief({
    subject: fields.title,
    body: fields.description,
    now: context.now,
    timeZone: context.timeZone,
    fallbackLanguage: context.language,
  });
  const skills = fields.skill ? [{ skill: fields.skill, confidence: 1 }] : parsed.skills;
  const deadline = deadlineAt
    ? { at: deadlineAt, text: fields.deadline, confidence: 1, asap: false }
    : parsed.deadline;
  const effortMinutes = fields.effort ? Number(fields.effort) : parsed.effortMinutes;
  const missing = [
    ...((skills[0]?.confidence ?? 0) < SURE_SKILL ? (['skills'] as const) : []),
    ...(!deadline || deadline.confidence < 0.7 ? (['deadline'] as const) : []),
    ...(effortMinutes ? [] : (['effort'] as const)),
  ];
  return {
    ...parsed,
    title: fields.title,
    skills,
    ...(deadline ? { deadline } : {}),
    ...(effortMinutes ? { effortMinutes } : {}),
    priority: fields.priority || parsed.priority,
    missing,
    needsInfo: missing.includes('skills') || missing.includes('deadline'),
    description: fields.description,
  };
};

/**
 * One submission of the form, keyed by the id the form was rendered with, so a double click or a
 * resent POST is the same submission. Without a personal link it waits for the emailed confirmation.
 */
export const SubmissionSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  clientId: z.string().optional(),
  email: z.string(),
  language: z.enum(['de', 'en']),
  fields: FormFieldsSchema,
  deadlineAt: UtcInstantSchema.optional(),
  attachmentKeys: z.array(z.string()),
  /** `passed-on`: it was about one of the client's invoices and went to the operator, no task. */
  status: z.enum(['pending', 'created', 'passed-on']),
  proposedTaskId: z.string(),
  taskId: z.string().optional(),
  invoiceNumber: z.string().optional(),
  createdAt: UtcInstantSchema,
  expiresAt: UtcInstantSchema,
});
export type Submission = z.infer<typeof SubmissionSchema>;

/** Where a submission's file is kept: `uploads/<submission>/<index>-<name made safe for a key>`. */
export const uploadKey = (submissionId: string, index: number, filename: string) =>
  `uploads/${submissionId}/${index}-${filename.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 100)}`;

/** The (safe) name of the file an `uploadKey` keeps. */
export const uploadedName = (key: string) => key.split('/').pop()?.replace(/^\d+-/, '') || 'attachment';
