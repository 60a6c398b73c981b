import { type Seller, SellerSchema } from '../../shared/domain/billing/invoice';
import { type Client, ClientSchema, type VatMode } from '../../shared/domain/client';
import { type Task, TaskSchema } from '../../shared/domain/task';
import { type Va, VaSchema } from '../../shared/domain/va';

const AT = '2026-11-25T09:00:00.000Z';

/** Valid entities with overridable fields; each goes through its schema, so tests use real data. */
export const aVa = (overrides: Partial<Va> = {}): Va =>
  VaSchema.parse({
    id: 'va_TEST0001',
    name: 'Test VA',
    email: `${overrides.id ?? 'va_TEST0001'}@va.example`.toLowerCase(),
    languages: ['de'],
    timeZone: 'Europe/Berlin',
    skills: [{ skill: 'correspondence', level: 3 }],
    weeklyAvailability: [{ day: 'mon', start: '09:00', end: '13:00' }],
    payoutRateCents: 2500,
    createdAt: AT,
    ...overrides,
  });

export const aClient = (overrides: Partial<Client> = {}): Client =>
  ClientSchema.parse({
    id: 'cli_TEST0001',
    contactName: 'Karin Test',
    emails: ['karin@firma.example'],
    plan: { kind: 'hourly', hourlyRateCents: 4500 },
    createdAt: AT,
    ...overrides,
  });

/** A business address where each VAT mode fits: Germany, Austria (EU) or Switzerland (outside it). */
export const anAddressFor = (vatMode: VatMode): NonNullable<Client['address']> =>
  vatMode === 'reverse-charge'
    ? { street: 'Mariahilfer Straße 10', postalCode: '1070', city: 'Wien', country: 'AT' }
    : vatMode === 'third-country'
      ? { street: 'Bahnhofstrasse 5', postalCode: '8001', city: 'Zürich', country: 'CH' }
      : { street: 'Hauptstraße 1', postalCode: '04109', city: 'Leipzig', country: 'DE' };

export const aTask = (overrides: Partial<Task> = {}): Task =>
  TaskSchema.parse({
    id: 'VA-TEST01',
    clientId: 'cli_TEST0001',
    status: 'ROUTING',
    source: 'email',
    title: 'Briefe an Lieferanten',
    language: 'de',
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  });

/** The agency as seller on invoices: obviously made-up legal details. */
export const aSeller = (overrides: Partial<Seller> = {}): Seller =>
  SellerSchema.parse({
    name: 'Agentur Muster GmbH',
    street: 'Musterweg 5',
    postalCode: '10115',
    city: 'Berlin',
    country: 'DE',
    vatId: 'DE000000000',
    email: 'rechnung@agency.example',
    phone: '+49 30 0000000',
    iban: 'DE00 0000 0000 0000 0000 00',
    paymentTermsDays: 14,
    ...overrides,
  });
