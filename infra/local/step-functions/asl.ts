import { isSupportedPath } from './json-path';

/** The Amazon States Language the local engine runs: the subset va-router's definition uses. */
export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
}

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface ChoiceRule {
  Variable?: string;
  And?: ChoiceRule[];
  Or?: ChoiceRule[];
  Not?: ChoiceRule;
  Next?: string;
  [operator: string]: unknown;
}

export interface State {
  Type: 'Task' | 'Choice' | 'Wait' | 'Pass' | 'Succeed' | 'Fail';
  Comment?: string;
  Next?: string;
  End?: boolean;
  InputPath?: string | null;
  OutputPath?: string | null;
  ResultPath?: string | null;
  Parameters?: unknown;
  ResultSelector?: unknown;
  Result?: unknown;
  Resource?: string;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number;
  HeartbeatSecondsPath?: string;
  Retry?: Retrier[];
  Catch?: Catcher[];
  Choices?: ChoiceRule[];
  Default?: string;
  Seconds?: number;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
  Error?: string;
  Cause?: string;
}

export interface StateMachineDefinition {
  StartAt: string;
  States: Record<string, State>;
  Comment?: string;
  TimeoutSeconds?: number;
  QueryLanguage?: 'JSONPath';
}

const COMMON = ['Type', 'Comment', 'Next', 'End', 'InputPath', 'OutputPath'];
export const SUPPORTED_FIELDS: Record<State['Type'], readonly string[]> = {
  Task: [
    ...COMMON,
    'Resource',
    'Parameters',
    'ResultSelector',
    'ResultPath',
    'TimeoutSeconds',
    'TimeoutSecondsPath',
    'HeartbeatSeconds',
    'HeartbeatSecondsPath',
    'Retry',
    'Catch',
  ],
  Choice: ['Type', 'Comment', 'InputPath', 'OutputPath', 'Choices', 'Default'],
  Wait: [...COMMON, 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'],
  Pass: [...COMMON, 'Parameters', 'Result', 'ResultPath'],
  Succeed: ['Type', 'Comment', 'InputPath', 'OutputPath'],
  Fail: ['Type', 'Comment', 'Error', 'Cause'],
};

const TOP_LEVEL_FIELDS = ['StartAt', 'States', 'Comment', 'TimeoutSeconds', 'QueryLanguage', 'Version'];
const RETRIER_FIELDS = [
  'ErrorEquals',
  'IntervalSeconds',
  'MaxAttempts',
  'BackoffRate',
  'MaxDelaySeconds',
  'JitterStrategy',
];
const CATCHER_FIELDS = ['ErrorEquals', 'Next', 'ResultPath'];

/** Resources the engine can call: Lambda directly, or through the optimised integration. */
export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
export const LAMBDA_INVOKE_WAIT = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const LAMBDA_ARN = /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[\w-]+$/;

const COMPARATORS = ['String', 'Numeric', 'Boolean', 'Timestamp'].flatMap((kind) =>
  ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'].flatMap((op) =>
    kind === 'Boolean' && op !== 'Equals' ? [] : [`${kind}${op}`, `${kind}${op}Path`],
  ),
);
export const TYPE_TESTS = ['IsPresent', 'IsNull', 'IsBoolean', 'IsNumeric', 'IsString', 'IsTimestamp'];
export const CHOICE_OPERATORS: readonly string[] = [...COMPARATORS, ...TYPE_TESTS];

const checkPaths = (where: string, value: unknown, problems: string[]) => {
  if (Array.isArray(value)) {
    for (const v of value) checkPaths(where, v, problems);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value)) {
    if (key.endsWith('.$') && (typeof v !== 'string' || !isSupportedPath(v)))
      problems.push(`${where}: ${key} = ${JSON.stringify(v)} is not a plain path`);
    else checkPaths(where, v, problems);
  }
};

const checkRule = (where: string, rule: ChoiceRule, top: boolean, problems: string[]) => {
  const keys = Object.keys(rule).filter((k) => k !== 'Next' && k !== 'Comment');
  if (top && !rule.Next) problems.push(`${where}: a top-level choice rule needs Next`);
  if (rule.And || rule.Or) {
    for (const r of rule.And ?? rule.Or ?? []) checkRule(where, r, false, problems);
    return;
  }
  if (rule.Not) return checkRule(where, rule.Not, false, problems);
  const operators = keys.filter((k) => k !== 'Variable');
  if (!rule.Variable || !isSupportedPath(rule.Variable)) problems.push(`${where}: Variable must be a path`);
  if (operators.length !== 1 || !CHOICE_OPERATORS.includes(operators[0] ?? ''))
    problems.push(`${where}: unsupported choice operator ${operators.join(', ')}`);
};

/**
 * Every state type, field, resource and path of the definition the engine does not implement. The
 * local stack refuses to start on any, and a test runs this against the synthesized definition, so
 * a new CDK construct cannot silently behave differently here than on AWS.
 */
export const unsupportedFeatures = (definition: StateMachineDefinition): string[] => {
  const problems: string[] = [];
  for (const key of Object.keys(definition))
    if (!TOP_LEVEL_FIELDS.includes(key)) problems.push(`top level: field ${key}`);
  if (definition.QueryLanguage && definition.QueryLanguage !== 'JSONPath')
    problems.push(`QueryLanguage ${definition.QueryLanguage} (only JSONPath)`);
  if (!definition.States[definition.StartAt]) problems.push(`StartAt ${definition.StartAt} is not a state`);
  for (const [name, state] of Object.entries(definition.States)) {
    const fields = SUPPORTED_FIELDS[state.Type];
    if (!fields) {
      problems.push(`${name}: state type ${state.Type}`);
      continue;
    }
    for (const key of Object.keys(state))
      if (!fields.includes(key)) problems.push(`${name}: field ${key} on a ${state.Type} state`);
    for (const target of [
      state.Next,
      state.Default,
      ...(state.Catch ?? []).map((c) => c.Next),
      ...(state.Choices ?? []).map((c) => c.Next),
    ])
      if (target && !definition.States[target]) problems.push(`${name}: goes to unknown state ${target}`);
    for (const key of [
      'InputPath',
      'OutputPath',
      'ResultPath',
      'TimeoutSecondsPath',
      'HeartbeatSecondsPath',
      'SecondsPath',
      'TimestampPath',
    ] as const) {
      const path = state[key];
      if (typeof path === 'string' && !isSupportedPath(path)) problems.push(`${name}: ${key} ${path}`);
    }
    checkPaths(name, state.Parameters, problems);
    checkPaths(name, state.ResultSelector, problems);
    if (state.Type === 'Task') {
      const resource = state.Resource ?? '';
      if (![LAMBDA_INVOKE, LAMBDA_INVOKE_WAIT].includes(resource) && !LAMBDA_ARN.test(resource))
        problems.push(`${name}: resource ${resource}`);
    }
    for (const r of state.Retry ?? [])
      for (const key of Object.keys(r))
        if (!RETRIER_FIELDS.includes(key)) problems.push(`${name}: Retry field ${key}`);
    for (const c of state.Catch ?? [])
      for (const key of Object.keys(c))
        if (!CATCHER_FIELDS.includes(key)) problems.push(`${name}: Catch field ${key}`);
    for (const rule of state.Choices ?? []) checkRule(name, rule, true, problems);
  }
  return problems;
};
