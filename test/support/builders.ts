import { type Client, ClientSchema } from '../../shared/domain/client';
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
