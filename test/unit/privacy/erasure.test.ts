import { describe, expect, it } from 'vitest';
import { ClientSchema } from '../../../shared/domain/client';
import {
  clientTombstone,
  ERASED,
  erasureBlockers,
  retainUntil,
} from '../../../shared/domain/privacy/erasure';
import { aClient, anAddressFor } from '../../support/builders';

describe('erasure rules', () => {
  it('keeps an invoice until the end of the eighth year after the year it was issued', () => {
    expect(retainUntil('2026-12-01')).toBe('2034-12-31');
    expect(retainUntil('2027-01-01')).toBe('2035-12-31');
    expect(retainUntil('2026-12-01', 6)).toBe('2032-12-31');
  });

  it('names every open task and every billed month without an invoice', () => {
    expect(
      erasureBlockers(
        [
          { id: 'VA-A', status: 'BILLED' },
          { id: 'VA-B', status: 'CANCELLED' },
          { id: 'VA-C', status: 'ASSIGNED' },
          { id: 'VA-D', status: 'UNASSIGNED' },
        ],
        ['2026-12'],
      ),
    ).toEqual([
      'VA-C is ASSIGNED: finish or cancel it first',
      'VA-D is UNASSIGNED: finish or cancel it first',
      '2026-12 is billed but not yet invoiced: run its statement first',
    ]);
    expect(erasureBlockers([{ id: 'VA-A', status: 'BILLED' }], [])).toEqual([]);
  });

  it('leaves a valid client that names nobody and keeps what billing needs', () => {
    const client = aClient({
      id: 'cli_X1',
      company: 'Bäckerei Sommer GmbH',
      vatMode: 'reverse-charge',
      vatId: 'ATU12345678',
      address: anAddressFor('reverse-charge'),
      preferredVaIds: ['va_A'],
      formTokenHash: 'a'.repeat(64),
    });
    // Reverse charge keeps the VAT ID its invoices must state; the schema accepts the tombstone.
    const reverse = clientTombstone(client, '2026-12-02T10:00:00.000Z');
    expect(ClientSchema.parse(reverse)).toEqual(reverse);
    expect(reverse.vatId).toBe('ATU12345678');
    const kept = clientTombstone({ ...client, vatMode: 'standard' }, '2026-12-02T10:00:00.000Z');
    expect(ClientSchema.parse(kept)).toEqual(kept);
    expect(kept).toMatchObject({
      contactName: ERASED,
      emails: ['erased-cli_x1@erased.invalid'],
      plan: client.plan,
    });
    expect(JSON.stringify(kept)).not.toMatch(/Sommer|Leipzig|ATU|va_A|aaaa/);
  });
});
