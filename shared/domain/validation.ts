import type * as z from 'zod';
import { type FieldIssue, ValidationError } from '../errors';

/** Turns zod issues into field issues a person can act on ("languages: Too small ..."). */
export const toFieldIssues = (error: z.ZodError): FieldIssue[] =>
  error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));

/** Parses `input` with `schema` or throws a ValidationError naming every bad field. */
export const parseOrThrow = <S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  // A scalar has no field path; name it by what it is (e.g. "--tz").
  const issues = toFieldIssues(result.error).map((i) => (i.path === '(root)' ? { ...i, path: what } : i));
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new ValidationError(`Invalid ${what}: ${summary}`, issues);
};
