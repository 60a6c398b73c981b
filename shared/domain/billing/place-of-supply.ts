/**
 * Where a B2B service is taxed (§ 3a Abs. 2 UStG): where the client has its business. Within
 * Germany that is German VAT; elsewhere in the EU the client pays it (reverse charge); outside the
 * EU the service is not taxable in Germany at all.
 */

/** The EU's member states by ISO 3166 code (Greece is GR here, though VAT IDs say EL). */
export const EU_MEMBER_STATES = new Set([
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
]);

/**
 * Why a VAT mode does not fit the client's country, or undefined when it does. Standard and §19
 * are the agency's own choice; the two cross-border modes follow from where the client is.
 */
export const vatModeMismatch = (mode: string, country: string | undefined): string | undefined => {
  if (mode === 'reverse-charge' && country !== undefined) {
    if (country === 'DE') return 'reverse charge is for clients in another EU country, not in Germany';
    if (!EU_MEMBER_STATES.has(country))
      return `reverse charge is for EU clients; a client in ${country} is third-country`;
  }
  if (mode === 'third-country') {
    if (country === undefined) return 'a third-country client needs its address (the country decides)';
    if (EU_MEMBER_STATES.has(country))
      return `${country} is in the EU: use reverse-charge (or standard for Germany)`;
  }
  return undefined;
};
