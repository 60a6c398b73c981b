import type { ChoiceRule } from './asl';
import { hasPath, readPath } from './json-path';

const isTimestamp = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v)) && /T/.test(v);

const compare = (kind: string, a: unknown, b: unknown): number | undefined => {
  if (kind === 'String' && typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (kind === 'Numeric' && typeof a === 'number' && typeof b === 'number') return a - b;
  if (kind === 'Boolean' && typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : 1;
  if (kind === 'Timestamp' && isTimestamp(a) && isTimestamp(b))
    return Date.parse(a as string) - Date.parse(b as string);
  return undefined;
};

const OPERATOR =
  /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/;

/** Whether a choice rule matches, with the semantics of the States Language specification. */
export const ruleMatches = (rule: ChoiceRule, input: unknown, context: unknown): boolean => {
  if (rule.And) return rule.And.every((r) => ruleMatches(r, input, context));
  if (rule.Or) return rule.Or.some((r) => ruleMatches(r, input, context));
  if (rule.Not) return !ruleMatches(rule.Not, input, context);
  const variable = rule.Variable ?? '$';
  const [operator, expected] =
    Object.entries(rule).find(([k]) => k !== 'Variable' && k !== 'Next' && k !== 'Comment') ?? [];
  if (operator === 'IsPresent') return hasPath(input, variable) === expected;
  if (!hasPath(input, variable)) return false;
  const value = readPath(input, context, variable);
  switch (operator) {
    case 'IsNull':
      return (value === null) === expected;
    case 'IsBoolean':
      return (typeof value === 'boolean') === expected;
    case 'IsNumeric':
      return (typeof value === 'number') === expected;
    case 'IsString':
      return (typeof value === 'string') === expected;
    case 'IsTimestamp':
      return isTimestamp(value) === expected;
  }
  const m = OPERATOR.exec(operator ?? '');
  if (!m) return false;
  const [, kind = '', relation, viaPath] = m;
  const other = viaPath ? readPath(input, context, expected as string) : expected;
  const order = compare(kind, value, other);
  if (order === undefined) return false;
  switch (relation) {
    case 'Equals':
      return order === 0;
    case 'LessThan':
      return order < 0;
    case 'GreaterThan':
      return order > 0;
    case 'LessThanEquals':
      return order <= 0;
    default:
      return order >= 0;
  }
};
