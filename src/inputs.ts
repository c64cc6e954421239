// Every input of the action, read, parsed and validated in one place before any request is made.
import { ActionError } from './errors.ts';
import { KeyForms } from './key-forms.ts';
import { auditLogsUrl, MAX_URL_BYTES } from './cursor-client.ts';
import { DAY, MINUTE, SECOND, formatDuration, formatTime, parseDuration, parseTimeSpec } from './time.ts';

export const DESTINATIONS = ['branch', 'pull-request', 'artifact', 'workspace'] as const;
export type DestinationName = (typeof DESTINATIONS)[number];

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

/** The shapes Cursor shows: `key_` + 64 characters (its dashboard and API pages), `crsr_` + 64 (its connector page). */
const KEY_SHAPE = /^(key|crsr)_\S{64}$/;
const TEMPLATE_PLACEHOLDERS = new Set(['start', 'end', 'count']);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Shows a user's value in an error: quoted, control characters escaped, long values cut. */
export function showValue(value: string): string {
  const shown = JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value);
  return shown;
}

function splitList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter(Boolean)
    )
  ];
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** A git branch name GitHub accepts (git check-ref-format, simplified). */
function branchProblem(name: string): string | undefined {
  if (!name) return 'it is empty';
  if (CONTROL.test(name) || /[\s~^:?*[\\]/.test(name)) return 'it has spaces or one of ~ ^ : ? * [ \\';
  if (name === '@' || name.includes('..') || name.includes('@{') || name.includes('//')) return 'it is "@" or has "..", "@{" or "//"';
  if (/^[-/.]|[/.]$|\/\./.test(name) || name.split('/').some((part) => part.endsWith('.lock'))) {
    return 'it starts or ends with "-", "/" or ".", or a part ends with ".lock"';
  }
  if (name.length > 200) return 'it is longer than 200 characters';
  return undefined;
}

export function parseInputs(get: GetInput, now: number, env: NodeJS.ProcessEnv = {}): Inputs {
  const problems: string[] = [];
  const warnings: string[] = [];
  // A key pasted into another input must not be shown either, in any form.
  const key = get('api-key').trim();
  const keyForms = new KeyForms(key);
  const hide = (value: string) => (key.length >= 8 ? keyForms.redact(value) : value);
  const bad = (name: string, value: string, accepted: string) => problems.push(`${name} ${showValue(hide(value))} is not valid: ${accepted}.`);

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = get(name);
    if (raw === '') return fallback;
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      bad(name, raw, `expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return Number(raw);
  };
  const bool = (name: string): boolean => {
    const raw = get(name);
    if (raw === '' || /^(false|False|FALSE)$/.test(raw)) return false;
    if (/^(true|True|TRUE)$/.test(raw)) return true;
    bad(name, raw, 'expected true or false');
    return false;
  };
  const duration = (name: string, fallback: string, min: number, max: number, zeroOk: boolean): number => {
    const raw = get(name) || fallback;
    const ms = parseDuration(raw);
    if (ms === undefined || (ms === 0 && !zeroOk) || (ms !== 0 && (ms < min || ms > max))) {
      bad(name, raw, `expected a duration such as 30s, 10m, 5h or 7d${zeroOk ? ' (0 for none)' : ''}, from ${formatDuration(min)} to ${formatDuration(max)}`);
      return parseDuration(fallback) ?? 0;
    }
    return ms;
  };
  const time = (name: string): number | undefined => {
    const raw = get(name);
    if (raw === '') return undefined;
    const spec = parseTimeSpec(raw, now);
    if (!spec) {
      bad(name, raw, 'expected an RFC 3339 time (2026-10-01T00:00:00Z, offsets allowed), a date (2026-10-01) or a duration back from now (12h, 7d)');
      return undefined;
    }
    if (spec.ms > now) {
      problems.push(`${name} ${showValue(hide(raw))} is in the future (it is now ${formatTime(now)}); give a time in the past.`);
      return undefined;
    }
    return spec.ms;
  };
  const template = (name: string, fallback: string): string => {
    const raw = get(name) || fallback;
    const unknown = [...raw.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]).filter((p) => !TEMPLATE_PLACEHOLDERS.has(p));
    if (unknown.length) bad(name, raw, 'the placeholders it may use are {start}, {end} and {count}');
    else if (CONTROL.test(raw.replace(/\n/g, ''))) bad(name, raw, 'it must not contain control characters');
    return raw;
  };
  const branchInput = (name: string, fallback: string): string => {
    const raw = get(name) || fallback;
    const problem = branchProblem(raw);
    if (problem) bad(name, raw, `a git branch name is expected, but ${problem}`);
    return raw;
  };
  const list = (name: string, fallback: string[] = []): string[] => {
    const raw = get(name);
    if (raw === '') return fallback;
    const items = splitList(raw);
    if (items.some((i) => CONTROL.test(i))) bad(name, raw, 'items must not contain control characters');
    return items;
  };

  // api-key: required; never shown.
  const apiKey = get('api-key').trim();
  if (apiKey === '') {
    problems.push(
      'api-key is empty: pass the Cursor Admin API key from a secret, e.g. `api-key: ${{ secrets.CURSOR_API_KEY }}` (is the secret defined in this repository or environment?).'
    );
  } else if (/\s/.test(apiKey) || CONTROL.test(apiKey)) {
    problems.push('api-key contains white space or control characters inside it: copy the key again from Dashboard → Settings → Advanced → Admin API Keys.');
  } else if (!KEY_SHAPE.test(apiKey)) {
    warnings.push(
      'api-key does not look like a Cursor Admin API key (key_ or crsr_ followed by 64 characters); continuing, but a 401 would mean the key is wrong or truncated.'
    );
  }

  const backfillStart = time('backfill-start-time') ?? now - 30 * DAY;
  const endTime = time('end-time');
  if (endTime !== undefined && endTime <= backfillStart) {
    problems.push(
      `end-time ${showValue(hide(get('end-time')))} is not after backfill-start-time ${showValue(hide(get('backfill-start-time') || '30 days ago'))}: nothing would be fetched.`
    );
  }

  const destRaw = get('destination') || 'branch';
  const destinations = splitList(destRaw) as DestinationName[];
  const unknownDest = destinations.filter((d) => !(DESTINATIONS as readonly string[]).includes(d));
  if (destinations.length === 0 || unknownDest.length) {
    bad('destination', destRaw, `accepted are ${DESTINATIONS.join(', ')} (one or more, comma or newline separated)`);
  }

  const pathRaw = get('path') || 'cursor-audit-logs';
  const path = pathRaw.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  const segments = path.split('/');
  if (
    path === '' ||
    path.startsWith('/') ||
    /^[A-Za-z]:/.test(path) ||
    path.includes('\\') ||
    CONTROL.test(path) ||
    segments.some((s) => s === '..' || s === '.' || s === '' || s.toLowerCase() === '.git' || Buffer.byteLength(s) > 255) ||
    (destinations.includes('artifact') && /[*?<>|":]/.test(path))
  ) {
    bad(
      'path',
      pathRaw,
      'a relative folder is expected, such as cursor-audit-logs or audit/cursor, without "..", "." or empty segments or parts over 255 bytes, not absolute, not inside .git (and for the artifact destination without * ? < > | " :)'
    );
  }

  const baseUrlRaw = get('base-url') || 'https://api.cursor.com';
  let baseUrl = baseUrlRaw.replace(/\/+$/, '');
  try {
    const u = new URL(baseUrl);
    if (u.username || u.password || u.search || u.hash) throw new Error('extra parts');
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopback(u.hostname))) throw new Error('not https');
    baseUrl = u.toString().replace(/\/+$/, '');
  } catch {
    bad('base-url', baseUrlRaw, 'an https:// URL without credentials, query or fragment is expected (http:// only for localhost)');
  }

  const repoRaw = get('repository') || env.GITHUB_REPOSITORY || '';
  let repository: Inputs['repository'];
  const needsGitHub = destinations.includes('branch') || destinations.includes('pull-request');
  const repoMatch = /^([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})$/.exec(repoRaw);
  if (repoMatch && repoMatch[2] !== '.' && repoMatch[2] !== '..') repository = { owner: repoMatch[1], repo: repoMatch[2] };
  else if (repoRaw !== '' || needsGitHub) bad('repository', repoRaw, 'owner/name of a GitHub repository is expected');
  const githubToken = get('github-token');
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]|[^\x00-\xff]/.test(githubToken)) {
    problems.push('github-token contains white space, control or non-ASCII characters: pass the token unchanged, e.g. `${{ secrets.AUDIT_TOKEN }}`.');
  } else if (needsGitHub && githubToken === '') {
    problems.push(
      'github-token is empty: the branch and pull-request destinations need a token with contents: write (the default `${{ github.token }}` works when the job has that permission).'
    );
  }

  const retentionRaw = get('artifact-retention-days');
  let artifactRetentionDays: number | undefined;
  if (retentionRaw !== '') artifactRetentionDays = int('artifact-retention-days', 0, 1, 90);
  const artifactName = get('artifact-name') || `cursor-audit-logs-${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`;
  if (/[":<>|*?\\/]/.test(artifactName) || CONTROL.test(artifactName)) {
    bad('artifact-name', artifactName, 'it must not contain any of " : < > | * ? \\ / or control characters');
  }

  const checkpointKey = get('checkpoint-key') || 'cursor-audit-logs';
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/.test(checkpointKey)) {
    bad('checkpoint-key', checkpointKey, 'letters, digits, ".", "_" and "-" only, not starting with ".", at most 200 characters');
  }

  const inputs: Inputs = {
    apiKey,
    backfillStart,
    backfill: bool('backfill'),
    endTime,
    destinations,
    path,
    branch: branchInput('branch', 'cursor-audit-logs'),
    pullRequestBranch: branchInput('pull-request-branch', 'cursor-audit-logs-update'),
    baseBranch: get('base-branch') ? branchInput('base-branch', '') : undefined,
    pullRequestTitle: template('pull-request-title', 'Cursor audit logs through {end}'),
    pullRequestLabels: list('pull-request-labels'),
    commitMessage: template('commit-message', 'Cursor audit logs: {count} events through {end}'),
    githubToken,
    repository,
    artifactName,
    artifactRetentionDays,
    eventTypes: list('event-types'),
    users: list('users'),
    pageSize: int('page-size', 500, 1, 500),
    windowDays: int('window-days', 30, 1, 30),
    requestsPerMinute: int('requests-per-minute', 20, 1, 6000),
    lookbackMs: duration('lookback', '10m', 0, 30 * DAY, true),
    requestTimeoutMs: duration('request-timeout', '30s', SECOND, 10 * MINUTE, false),
    maxRetries: int('max-retries', 8, 0, 50),
    timeBudgetMs: duration('time-budget', '0', SECOND, 7 * DAY, true),
    checkpointKey,
    baseUrl,
    dryRun: bool('dry-run'),
    notableEventTypes: list('notable-event-types', DEFAULT_NOTABLE_EVENT_TYPES),
    warnings
  };
  if (inputs.pullRequestLabels.some((l) => l.length > 50)) {
    bad('pull-request-labels', get('pull-request-labels'), 'each label must be at most 50 characters');
  }
  // users: Cursor takes at most pageSize users in one request. The action refuses a longer list
  // rather than batching it (one request per batch and window, merged), which would multiply the requests.
  const users = inputs.users.length;
  if (users > inputs.pageSize) {
    const split = inputs.pageSize < 500 ? `at most ${inputs.pageSize} users each (or 500 with page-size: 500)` : 'at most 500 users each';
    const raise = users <= 500 ? `raise page-size to ${users} or more (it goes up to 500), or ` : '';
    problems.push(
      `users lists ${users} users, but Cursor accepts at most page-size (${inputs.pageSize}) users in one request, and the action does not split them: ${raise}split the users into several steps of ${split}.`
    );
  }
  // The longest URL the client would send: the times of the range (RFC 3339, fixed width) and a page
  // number of 9 digits, which no window reaches. Checked only when base-url is valid.
  if (!problems.some((p) => p.startsWith('base-url '))) {
    const times = [backfillStart, endTime ?? now].map(formatTime).sort((a, b) => b.length - a.length);
    const url = auditLogsUrl(baseUrl, {
      startTime: times[0],
      endTime: times[0],
      page: 999_999_999,
      pageSize: inputs.pageSize,
      eventTypes: inputs.eventTypes,
      users: inputs.users
    });
    const bytes = Buffer.byteLength(url);
    if (bytes > MAX_URL_BYTES) {
      problems.push(
        `users and event-types make a request URL of up to ${bytes} bytes, over the ${MAX_URL_BYTES} bytes (8 KB) the action sends (${inputs.users.length} user(s), ${inputs.eventTypes.length} event type(s)): split the users or event types into several steps, each with a shorter list.`
      );
    }
  }
  if (problems.length) throw new InputError(problems);
  return inputs;
}
