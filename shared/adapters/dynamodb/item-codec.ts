import type * as z from 'zod';
import { KEY_ATTRIBUTES, TABLE_DEFINITION } from './table-definition';

type Item = Record<string, unknown>;

/** Bookkeeping attributes that live on items but are not part of the entity. */
const NON_ENTITY = new Set([...KEY_ATTRIBUTES, TABLE_DEFINITION.ttlAttribute, 'type']);

/** An entity with its keys and a `type` tag, ready to put. */
export const toItem = <T extends object>(type: string, keys: object, entity: T): Item => ({
  ...entity,
  ...keys,
  type,
});

/**
 * Reads an entity back through its schema, so an item written by an older version is either migrated
 * by the schema's defaults or rejected loudly, never half-understood.
 */
export const fromItem = <S extends z.ZodType>(schema: S, item: Item): z.output<S> => {
  const entity: Item = {};
  for (const [name, value] of Object.entries(item)) if (!NON_ENTITY.has(name)) entity[name] = value;
  return schema.parse(entity);
};
