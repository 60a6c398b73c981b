import * as z from 'zod';

/**
 * The key under which a sender is recognised: lower-cased, and with plus-addressing removed
 * (`Anna+Auftrag@Firma.de` is `anna@firma.de`), because clients use tags to sort their own mail.
 */
export const normalizeEmailAddress = (address: string): string => {
  const trimmed = address.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return trimmed;
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1);
  const plus = local.indexOf('+');
  return `${plus > 0 ? local.slice(0, plus) : local}@${domain}`;
};

export const EmailAddressSchema = z
  .string()
  .trim()
  .pipe(z.email({ message: 'must be an email address' }));
