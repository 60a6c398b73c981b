/**
 * Parses an amount in euros as people type it ("65", "65.5", "65,50", "1.250,00") into integer cents.
 * Returns undefined for anything ambiguous, so callers can name the field in their error.
 */
export const parseEuroToCents = (text: string): number | undefined => {
  const trimmed = text.trim().replace(/\s*(€|EUR)$/i, '');
  // German thousands separators ("1.250,00") only together with a decimal comma.
  const normalized = /^\d{1,3}(\.\d{3})+,\d{1,2}$/.test(trimmed) ? trimmed.replaceAll('.', '') : trimmed;
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(normalized);
  if (!match) return undefined;
  const [, euros = '0', fraction = ''] = match;
  return Number(euros) * 100 + Number(fraction.padEnd(2, '0'));
};

// Building a formatter costs about 60 µs, using one 3; an invoice formats every line.
const EURO = {
  de: new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }),
  en: new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' }),
};

/** 123456 -> "1.234,56 €" (de) or "€1,234.56" (en). */
export const formatCents = (cents: number, language: 'de' | 'en' = 'de'): string =>
  // A sum negated for display (what an account is owed) can be -0, which Intl prints as "-0,00 €".
  EURO[language].format(cents / 100 || 0);
