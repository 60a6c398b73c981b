import { type Client, ClientSchema } from '../domain/client';
import { newClientId, newVaId } from '../domain/ids';
import { type TimeOff, TimeOffSchema, type Va, VaSchema } from '../domain/va';
import { parseOrThrow } from '../domain/validation';
import { NotFoundError, ValidationError } from '../errors';
import type { Runtime } from '../ports/clock';
import type { ClientRepository, VaRepository } from '../ports/repositories';

/** Raw fields as an operator typed them; `id` is generated unless given. */
type NewEntityInput = Record<string, unknown> & { id?: string };

/** Validates and stores a new client; the id is generated unless the operator chose one. */
export const addClient = async (
  input: NewEntityInput,
  deps: { clients: ClientRepository; runtime: Runtime },
): Promise<Client> => {
  const client = parseOrThrow(
    ClientSchema,
    {
      ...input,
      id: input.id ?? newClientId(deps.runtime.randomBytes),
      createdAt: deps.runtime.now().toISOString(),
      version: 0,
    },
    'client',
  );
  await deps.clients.create(client);
  return client;
};

export const addVa = async (
  input: NewEntityInput,
  deps: { vas: VaRepository; runtime: Runtime },
): Promise<Va> => {
  const va = parseOrThrow(
    VaSchema,
    {
      ...input,
      id: input.id ?? newVaId(deps.runtime.randomBytes),
      createdAt: deps.runtime.now().toISOString(),
      version: 0,
    },
    'VA',
  );
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
  for (const field of ['id', 'createdAt', 'version'] as const) {
    if (field in changes)
      throw new ValidationError(`${field} cannot be changed`, [
        { path: field, message: 'cannot be changed' },
      ]);
  }
  const next = parseOrThrow(VaSchema, { ...current, ...changes }, 'VA');
  return deps.vas.update(next);
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
