import * as z from 'zod';

/** "de89 3704 0044 0532 0130 00" -> "DE89370400440532013000", the form banks exchange. */
export const electronicIban = (iban: string) => iban.replace(/\s+/g, '').toUpperCase();

/** In groups of four, as banks print it. */
export const printedIban = (iban: string) => electronicIban(iban).replace(/(.{4})(?=.)/g, '$1 ');

/**
 * ISO 13616 shape and ISO 7064 mod 97-10 check digits: catches every single wrong digit and almost
 * every swap of two, which is what a typed IBAN gets wrong. Kept here rather than in a library
 * because the VA schema, and so this check, is in every function's bundle.
 */
export const isValidIban = (iban: string): boolean => {
  const e = electronicIban(iban);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(e)) return false;
  const digits = `${e.slice(4)}${e.slice(0, 4)}`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
};

export const IbanSchema = z
  .string()
  .transform(electronicIban)
  .refine(isValidIban, 'is no valid IBAN (check the digits)');
