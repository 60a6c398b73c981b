import { createHash } from 'node:crypto';

/** Hex SHA-256: link tokens are stored only as this, and ids are derived from it. */
export const sha256Hex = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex');
