import type * as z from 'zod';
import { withoutPlannedChanges, withPlanChange } from '../domain/billing/plan-schedule';
import { billingPeriodOf, nextPeriod } from '../domain/billing/settlement';
import { type Client, ClientSchema, PlanChangeSchema } from '../domain/client';
import { newClientId, newVaId } from '../domain/ids';
import { type TimeOff, TimeOffSchema, type Va, VaSchema } from '../domain/va';
import { parseOrThrow } from '../domain/validation';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { sha256Hex } from '../hash';
import type { Runtime } from '../ports/clock';
import type { ClientRepository, VaRepository } from '../ports/repositories';

/** Raw fields as an operator typed them; `id` is generated unless given. */
type NewEntityInput = Record<string, unknown> & { id?: string };

/** Stamps id, creation time and version on operator input and validates the whole entity. */
const newEntity = <S extends z.ZodType>(
  schema: S,
  input: NewEntityInput,
  newId: (random: Runtime['randomBytes']) => string,
  runtime: Runtime,
  what: string,
): z.output<S> =>
  parseOrThrow(
    schema,
    {
      ...input,
      id: input.id ?? newId(runtime.randomBytes),
      createdAt: runtime.now().toISOString(),
      version: 0,
    },
    what,
  );

/** Validates and stores a new client; the id is generated unless the operator chose one. */
export const addClient = async (
  input: NewEntityInput,
  deps: { clients: ClientRepository; runtime: Runtime },
): Promise<Client> => {
  const client: Client = newEntity(ClientSchema, input, newClientId, deps.runtime, 'client');
  await deps.clients.create(client);
  return client;
};

export const addVa = async (
  input: NewEntityInput,
  deps: { vas: VaRepository; runtime: Runtime },
): Promise<Va> => {
  const va: Va = newEntity(VaSchema, input, newVaId, deps.runtime, 'VA');
  await deps.vas.create(va);
  return va;
};

const loadVa = async (vas: VaRepository, vaId: string): Promise<Va> => {
  const va = await vas.get(vaId);
  if (!va) throw new NotFoundError(`No VA with id ${vaId}`);
  return va;
};

/** Applies a partial change to a VA; the whole result is validated before anything is written. */
export const updateVa = async (
  vaId: string,
  changes: Record<string, unknown>,
  deps: { vas: VaRepository },
): Promise<Va> => {
  const current = await loadVa(deps.vas, vaId);
  refuseFixedFields(changes, ['id', 'createdAt', 'version', 'pageTokenHash']);
  const next = parseOrThrow(VaSchema, { ...current, ...changes }, 'VA');
  return deps.vas.update(next);
};

const refuseFixedFields = (changes: Record<string, unknown>, fields: string[], why = 'cannot be changed') => {
  const fixed = fields.filter((field) => field in changes);
  if (fixed.length > 0)
    throw new ValidationError(
      `${fixed.join(', ')} ${why}`,
      fixed.map((path) => ({ path, message: why })),
    );
};

const loadClient = async (clients: ClientRepository, clientId: string): Promise<Client> => {
  const client = await clients.get(clientId);
  if (!client) throw new NotFoundError(`No client with id ${clientId}`);
  if (client.erasedAt) throw new ConflictError(`Client ${clientId} was erased on ${client.erasedAt}`);
  return client;
};

/**
 * Applies a partial change to a client's details (names, addresses, language, VAT, billing rounding);
 * the whole result is validated before anything is written. The plan changes through `schedulePlan`.
 * A change that depends on what is stored (an address added to the list) is a function of the
 * client as read here, so the version the write is guarded by is the one the change was made from.
 */
export const updateClient = async (
  clientId: string,
  change: Record<string, unknown> | ((current: Client) => Record<string, unknown>),
  deps: { clients: ClientRepository },
): Promise<Client> => {
  const current = await loadClient(deps.clients, clientId);
  const changes = typeof change === 'function' ? change(current) : change;
  refuseFixedFields(changes, ['id', 'createdAt', 'version', 'erasedAt', 'formTokenHash']);
  refuseFixedFields(changes, ['plan', 'planChanges'], 'changes from a month on (client plan)');
  const next = parseOrThrow(ClientSchema, { ...current, ...changes }, 'client');
  return deps.clients.update(next);
};

/** Sets the plan a client is billed by from `from` (default: next month) on. */
export const schedulePlan = async (
  clientId: string,
  input: { plan: unknown; from?: string },
  deps: { clients: ClientRepository; runtime: Pick<Runtime, 'now'> },
): Promise<Client> => {
  const current = await loadClient(deps.clients, clientId);
  const period = billingPeriodOf(deps.runtime.now().toISOString());
  const change = parseOrThrow(
    PlanChangeSchema,
    { from: input.from ?? nextPeriod(period), plan: input.plan },
    'plan change',
  );
  return deps.clients.update({ ...current, ...withPlanChange(current, change, period) });
};

/** Withdraws the client's plan changes still to come. */
export const cancelPlannedChanges = async (
  clientId: string,
  deps: { clients: ClientRepository; runtime: Pick<Runtime, 'now'> },
): Promise<Client> => {
  const current = await loadClient(deps.clients, clientId);
  const period = billingPeriodOf(deps.runtime.now().toISOString());
  return deps.clients.update({ ...current, ...withoutPlannedChanges(current, period) });
};

export const addTimeOff = async (vaId: string, input: unknown, deps: { vas: VaRepository }): Promise<Va> => {
  const period: TimeOff = parseOrThrow(TimeOffSchema, input, 'time off');
  const current = await loadVa(deps.vas, vaId);
  const timeOff = [...current.timeOff, period].sort((a, b) => a.from.localeCompare(b.from));
  return deps.vas.update({ ...current, timeOff });
};

export const removeTimeOff = async (vaId: string, from: string, deps: { vas: VaRepository }): Promise<Va> => {
  const current = await loadVa(deps.vas, vaId);
  const timeOff = current.timeOff.filter((t) => t.from !== from);
  if (timeOff.length === current.timeOff.length) {
    throw new ValidationError(`VA ${vaId} has no time off starting ${from}`, [
      { path: 'from', message: 'no such time off' },
    ]);
  }
  return deps.vas.update({ ...current, timeOff });
};

/**
 * A personal link's token: 128 random bits, shown once. Only its SHA-256 is stored (`store`), and
 * storing a new one revokes the old.
 */
const issuePersonalToken = async (runtime: Runtime, store: (hash: string) => Promise<void>) => {
  const token = Buffer.from(runtime.randomBytes(16)).toString('hex');
  await store(sha256Hex(token));
  return token;
};

/** Issues a client's personal form link. */
export const issueFormLink = (
  clientId: string,
  deps: { clients: ClientRepository; runtime: Runtime },
): Promise<string> => issuePersonalToken(deps.runtime, (hash) => deps.clients.setFormToken(clientId, hash));

/** Issues a VA's personal page link. */
export const issueVaPageLink = (
  vaId: string,
  deps: { vas: VaRepository; runtime: Runtime },
): Promise<string> => issuePersonalToken(deps.runtime, (hash) => deps.vas.setPageToken(vaId, hash));
