/**
 * Identifiers are short, readable and unambiguous (Crockford base32: no I, L, O, U), because people
 * read them aloud and type them from emails. Randomness is injected so the domain stays pure.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Returns `n` random bytes; production passes `crypto.randomBytes`, tests a seeded source. */
export type RandomBytes = (n: number) => Uint8Array;

export const randomCode = (length: number, random: RandomBytes): string => {
  const bytes = random(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % 32];
  return out;
};

export const ID_PREFIX = { client: 'cli_', va: 'va_', task: 'VA-' } as const;

export const newClientId = (random: RandomBytes) => `${ID_PREFIX.client}${randomCode(8, random)}`;
export const newVaId = (random: RandomBytes) => `${ID_PREFIX.va}${randomCode(8, random)}`;
/** Task ids double as the reference clients see in subjects, e.g. `[VA-7K2Q9M]`. */
export const newTaskId = (random: RandomBytes) => `${ID_PREFIX.task}${randomCode(6, random)}`;

export const TASK_ID_PATTERN = /^VA-[0-9A-HJKMNP-TV-Z]{6}$/;

/** A mailed link's secret: 128 random bits as 32 hex digits. Only its SHA-256 is stored. */
export const newLinkToken = (random: RandomBytes) => Buffer.from(random(16)).toString('hex');
export const LINK_TOKEN_PATTERN = /^[0-9a-f]{32}$/;
