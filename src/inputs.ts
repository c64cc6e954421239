// Every input of the action, read, parsed and validated in one place before any request is made:
// one table (each input's name, default and parser with its bounds), then the rules that involve
// several inputs (input-rules.ts). All problems are reported together.
import { ActionError } from './errors.ts';
import { KeyForms } from './key-forms.ts';
import {
  adminApiKey,
  artifactName,
  branchName,
  cacheKey,
  duration,
  githubToken,
  httpsUrl,
  list,
  notValid,
  optional,
  type Parser,
  pastTime,
  relativeFolder,
  repositoryName,
  showValue,
  oneOf,
  oneOrMoreOf,
  template,
  trueOrFalse,
  wholeNumber
} from './input-parsers.ts';
import { type RuleContext, RULES } from './input-rules.ts';
import { DAY, MINUTE, SECOND } from './time.ts';

export const DESTINATIONS = ['branch', 'pull-request', 'artifact', 'workspace'] as const;
export type DestinationName = (typeof DESTINATIONS)[number];

export const MODES = ['sync', 'verify'] as const;
export type Mode = (typeof MODES)[number];

export const DEFAULT_NOTABLE_EVENT_TYPES = [
  'update_user_role',
  'remove_user',
  'team_api_key',
  'user_api_key',
  'organization_api_key',
  'privacy_mode',
  'team_settings',
  'login:failed'
];

export interface Inputs {
  apiKey: string;
  backfillStart: number;
  backfill: boolean;
  endTime: number | undefined;
  destinations: DestinationName[];
  path: string;
  branch: string;
  pullRequestBranch: string;
  baseBranch: string | undefined;
  pullRequestTitle: string;
  pullRequestLabels: string[];
  commitMessage: string;
  githubToken: string;
  repository: { owner: string; repo: string } | undefined;
  artifactName: string;
  artifactRetentionDays: number | undefined;
  eventTypes: string[];
  users: string[];
  pageSize: number;
  windowDays: number;
  requestsPerMinute: number;
  lookbackMs: number;
  requestTimeoutMs: number;
  maxRetries: number;
  timeBudgetMs: number;
  checkpointKey: string;
  baseUrl: string;
  dryRun: boolean;
  notableEventTypes: string[];
  /** `sync` copies new events; `verify` checks the record in the destination and writes nothing. */
  mode: Mode;
  /** verify: how many days back the record is reconciled with the API. */
  verifyDays: number;
  /** verify on the branch: the most commits whose changes are read through the API (one call each). */
  verifyMaxCommits: number;
  /** sync: sign each new ledger line with Sigstore and store it as an artifact attestation; verify: require attestations. */
  attest: boolean;
  /** Warnings about accepted but suspicious values (never containing the key). */
  warnings: string[];
}

/** All input errors of a run, reported together. */
export class InputError extends ActionError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.length === 1 ? `Invalid input: ${problems[0]}` : `Invalid inputs:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

export type GetInput = (name: string) => string;

/** Reads inputs the way the runner passes them: `INPUT_<NAME>` with spaces as `_`. */
export function inputsFromEnv(env: NodeJS.ProcessEnv): GetInput {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

type InputField = Exclude<keyof Inputs, 'warnings'>;

/** One input of action.yml: where its value goes, its default and how it is parsed. */
export interface InputSpec<Field extends InputField = InputField> {
  name: string;
  field: Field;
  /** As action.yml writes it; a `${{ github.* }}` in it is read from the environment (`defaultValue`). */
  default: string;
  parse: Parser<Inputs[Field]>;
}

function input<Field extends InputField>(name: string, field: Field, defaultText: string, parse: Parser<Inputs[Field]>): InputSpec<Field> {
  return { name, field, default: defaultText, parse };
}

/** backfill-start-time when not given (or not valid): 30 days before the run. */
const thirtyDaysBefore = (now: number) => now - 30 * DAY;
/** end-time when not given (or not valid): none, the run's start. */
const none = () => undefined;

/**
 * Every input, in the order their problems are reported. An empty default means the parser decides:
 * backfill-start-time 30 days before the run, end-time none (the run's start), base-branch and
 * artifact-retention-days none (the repository's), the lists none (everything).
 */
export const INPUTS: readonly InputSpec[] = [
  input('api-key', 'apiKey', '', adminApiKey),
  input('backfill-start-time', 'backfillStart', '', pastTime(thirtyDaysBefore)),
  input('end-time', 'endTime', '', pastTime(none)),
  input('destination', 'destinations', 'branch', oneOrMoreOf(DESTINATIONS)),
  input('path', 'path', 'cursor-audit-logs', relativeFolder),
  input('base-url', 'baseUrl', 'https://api.cursor.com', httpsUrl),
  input('repository', 'repository', '${{ github.repository }}', repositoryName),
  input('github-token', 'githubToken', '${{ github.token }}', githubToken),
  input('artifact-retention-days', 'artifactRetentionDays', '', optional(wholeNumber(1, 90))),
  input('artifact-name', 'artifactName', 'cursor-audit-logs-${{ github.run_id }}-${{ github.run_attempt }}', artifactName),
  input('checkpoint-key', 'checkpointKey', 'cursor-audit-logs', cacheKey),
  input('backfill', 'backfill', 'false', trueOrFalse),
  input('branch', 'branch', 'cursor-audit-logs', branchName),
  input('pull-request-branch', 'pullRequestBranch', 'cursor-audit-logs-update', branchName),
  input('base-branch', 'baseBranch', '', optional(branchName)),
  input('pull-request-title', 'pullRequestTitle', 'Cursor audit logs through {end}', template),
  input('pull-request-labels', 'pullRequestLabels', '', list),
  input('commit-message', 'commitMessage', 'Cursor audit logs: {count} events through {end}', template),
  input('event-types', 'eventTypes', '', list),
  input('users', 'users', '', list),
  input('page-size', 'pageSize', '500', wholeNumber(1, 500)),
  input('window-days', 'windowDays', '30', wholeNumber(1, 30)),
  input('requests-per-minute', 'requestsPerMinute', '20', wholeNumber(1, 6000)),
  input('lookback', 'lookbackMs', '10m', duration(0, 30 * DAY, true)),
  input('request-timeout', 'requestTimeoutMs', '30s', duration(SECOND, 10 * MINUTE, false)),
  input('max-retries', 'maxRetries', '8', wholeNumber(0, 50)),
  input('time-budget', 'timeBudgetMs', '0', duration(SECOND, 7 * DAY, true)),
  input('dry-run', 'dryRun', 'false', trueOrFalse),
  input('notable-event-types', 'notableEventTypes', DEFAULT_NOTABLE_EVENT_TYPES.join(', '), list),
  input('mode', 'mode', 'sync', oneOf(MODES)),
  input('verify-days', 'verifyDays', '30', wholeNumber(1, 30)),
  input('verify-max-commits', 'verifyMaxCommits', '1000', wholeNumber(1, 1_000_000)),
  input('attest', 'attest', 'false', trueOrFalse)
];

/** What the runner puts for each `${{ github.* }}` of action.yml's defaults; outside a runner, these stand-ins. */
const GITHUB_CONTEXT: Record<string, (env: NodeJS.ProcessEnv) => string> = {
  repository: (env) => env.GITHUB_REPOSITORY ?? '',
  run_id: (env) => env.GITHUB_RUN_ID ?? 'local',
  run_attempt: (env) => env.GITHUB_RUN_ATTEMPT ?? '1',
  // No environment variable holds the token: the runner passes it as the input itself.
  token: () => ''
};

/** An input's default as the runner would pass it: its `${{ github.* }}` read from `env`. */
function defaultValue(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(/\$\{\{ github\.([a-z_]+) \}\}/g, (expression, key: string) => {
    const read = GITHUB_CONTEXT[key];
    if (!read) throw new Error(`No value for ${expression} in an input's default`);
    return read(env);
  });
}

interface Reading {
  /** The values (a stand-in where an input had a problem). */
  values: Omit<Inputs, 'warnings'>;
  /** Each input's text as read: given, or its default. */
  raws: Map<string, string>;
  /** Each input's problems, by name. */
  problems: Map<string, string[]>;
  warnings: string[];
}

/** Reads and parses every input of the table; `show` shows a value in an error. */
function readTable(get: GetInput, now: number, env: NodeJS.ProcessEnv, show: (value: string) => string): Reading {
  const values: Partial<Record<InputField, unknown>> = {};
  const reading: Reading = { values: values as Reading['values'], raws: new Map(), problems: new Map(), warnings: [] };
  for (const spec of INPUTS) {
    const fallback = defaultValue(spec.default, env);
    const raw = get(spec.name) || fallback;
    const problems: string[] = [];
    values[spec.field] = spec.parse(raw, {
      name: spec.name,
      now,
      fallback,
      shown: () => show(raw),
      problem: (text) => problems.push(text),
      invalid: (accepted) => problems.push(notValid(spec.name, show(raw), accepted)),
      warn: (text) => reading.warnings.push(text)
    });
    reading.raws.set(spec.name, raw);
    reading.problems.set(spec.name, problems);
  }
  return reading;
}

/** Every problem: each input's own, then those of the rules reported after it; last the other rules'. */
function problemsInOrder(reading: Reading, inputs: Inputs, context: RuleContext): string[] {
  const rulesAfter = (name: string | undefined) => RULES.filter((rule) => rule.after === name).flatMap((rule) => rule.check(inputs, context) ?? []);
  return [...INPUTS.flatMap((spec) => [...(reading.problems.get(spec.name) ?? []), ...rulesAfter(spec.name)]), ...rulesAfter(undefined)];
}

/** Every input, read from the table and checked by the rules; throws an InputError naming every problem. */
export function parseInputs(get: GetInput, now: number, env: NodeJS.ProcessEnv = {}): Inputs {
  // A key pasted into another input must not be shown either, in any form.
  const key = get('api-key').trim();
  const keyForms = new KeyForms(key);
  const show = (value: string) => showValue(key.length >= 8 ? keyForms.redact(value) : value);
  const reading = readTable(get, now, env, show);
  const inputs: Inputs = { ...reading.values, warnings: reading.warnings };
  const problems = problemsInOrder(reading, inputs, {
    now,
    raw: (name) => reading.raws.get(name) ?? '',
    show,
    failed: (name) => (reading.problems.get(name)?.length ?? 0) > 0,
    env
  });
  if (problems.length) throw new InputError(problems);
  return inputs;
}
