/**
 * The slice of JSONPath that Amazon States Language uses in our definition: `$`, `$.a.b`, `$.a[0]`
 * and `$$.` for the context object. Anything else is refused by `asl-support.ts` before it runs.
 */
const SEGMENT = /\.([A-Za-z_][\w-]*)|\[(\d+)\]|\['([^']+)'\]/y;

export class PathError extends Error {
  override name = 'States.Runtime';
}

const segmentsOf = (path: string): Array<string | number> => {
  const root = path.startsWith('$$') ? 2 : 1;
  if (!path.startsWith('$')) throw new PathError(`Not a path: ${path}`);
  const out: Array<string | number> = [];
  SEGMENT.lastIndex = root;
  while (SEGMENT.lastIndex < path.length) {
    const start = SEGMENT.lastIndex;
    const m = SEGMENT.exec(path);
    if (!m || m.index !== start) throw new PathError(`Unsupported path: ${path}`);
    out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (m[3] as string)));
  }
  return out;
};

export const isSupportedPath = (path: string): boolean => {
  try {
    segmentsOf(path);
    return true;
  } catch {
    return false;
  }
};

const MISSING = Symbol('missing');

const lookup = (root: unknown, path: string): unknown => {
  let value: unknown = root;
  for (const segment of segmentsOf(path)) {
    if (value === null || typeof value !== 'object') return MISSING;
    if (!Object.hasOwn(value, segment)) return MISSING;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
};

/** Reads `path` from the input (`$`) or the context object (`$$`); a missing field is an error, as in AWS. */
export const readPath = (input: unknown, context: unknown, path: string): unknown => {
  const value = lookup(path.startsWith('$$') ? context : input, path);
  if (value === MISSING) throw new PathError(`Path ${path} matched nothing in the input`);
  return value;
};

export const hasPath = (input: unknown, path: string): boolean => lookup(input, path) !== MISSING;

/** ResultPath: `null` keeps the input, `$` replaces it, `$.a.b` sets a field on a copy. */
export const applyResultPath = (input: unknown, result: unknown, resultPath: string | null | undefined) => {
  if (resultPath === null) return input;
  if (resultPath === undefined || resultPath === '$') return result;
  const segments = segmentsOf(resultPath);
  const copy = structuredClone(input ?? {}) as Record<string | number, unknown>;
  let target = copy;
  for (const [i, segment] of segments.entries()) {
    if (i === segments.length - 1) {
      target[segment] = result;
    } else {
      const next = target[segment];
      if (next === null || typeof next !== 'object') target[segment] = {};
      target = target[segment] as Record<string | number, unknown>;
    }
  }
  return copy;
};

/** Parameters / ResultSelector: keys ending in `.$` take the value at their path. */
export const resolveTemplate = (template: unknown, input: unknown, context: unknown): unknown => {
  if (Array.isArray(template)) return template.map((v) => resolveTemplate(v, input, context));
  if (template === null || typeof template !== 'object') return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) {
      if (typeof value !== 'string' || !value.startsWith('$'))
        throw new PathError(`${key} must be a path (intrinsic functions are not supported locally)`);
      out[key.slice(0, -2)] = readPath(input, context, value);
    } else {
      out[key] = resolveTemplate(value, input, context);
    }
  }
  return out;
};

/** InputPath / OutputPath: `null` gives `{}`, absent keeps everything. */
export const selectPath = (input: unknown, context: unknown, path: string | null | undefined) =>
  path === null ? {} : path === undefined || path === '$' ? input : readPath(input, context, path);
