// The rules that involve more than one input, checked once every input of the table (inputs.ts) is
// read. Each is a function of the values read (a stand-in where an input had a problem) that returns
// its problem, if any.
import { auditLogsUrl, MAX_URL_BYTES } from './cursor-client.ts';
import { notValid, PATH_ACCEPTED, REPOSITORY_ACCEPTED } from './input-parsers.ts';
import type { Inputs } from './inputs.ts';
import { formatTime } from './time.ts';

/** What a rule may ask besides the values. */
export interface RuleContext {
  /** The run's start (ms since the epoch). */
  now: number;
  /** An input's text as read (given, or its default). */
  raw(name: string): string;
  /** A value as an error shows it: quoted, control characters escaped, the key hidden. */
  show(value: string): string;
  /** Whether the input had a problem of its own. */
  failed(name: string): boolean;
  /** The runner's environment. */
  env: NodeJS.ProcessEnv;
}

export interface Rule {
  /** The input after whose problems this rule's is reported; none: after every input's. */
  after?: string;
  check(inputs: Inputs, context: RuleContext): string | undefined;
}

/** The branch and pull-request destinations write to a GitHub repository. */
function needsGitHub(inputs: Inputs): boolean {
  return inputs.destinations.includes('branch') || inputs.destinations.includes('pull-request');
}

/** end-time must be after backfill-start-time (30 days ago when not given), or nothing would be fetched. */
export function endTimeAfterBackfillStart(inputs: Inputs, context: RuleContext): string | undefined {
  if (inputs.endTime === undefined || inputs.endTime > inputs.backfillStart) return undefined;
  const start = context.raw('backfill-start-time') || '30 days ago';
  return `end-time ${context.show(context.raw('end-time'))} is not after backfill-start-time ${context.show(start)}: nothing would be fetched.`;
}

/** The artifact destination refuses * ? < > | " : in its paths. */
export function artifactPathCharacters(inputs: Inputs, context: RuleContext): string | undefined {
  if (context.failed('path') || !inputs.destinations.includes('artifact') || !/[*?<>|":]/.test(inputs.path)) return undefined;
  return notValid('path', context.show(context.raw('path')), PATH_ACCEPTED);
}

/** The branch and pull-request destinations need a repository. */
export function repositoryNeeded(inputs: Inputs, context: RuleContext): string | undefined {
  if (context.raw('repository') !== '' || !needsGitHub(inputs)) return undefined;
  return notValid('repository', context.show(''), REPOSITORY_ACCEPTED);
}

/** The branch and pull-request destinations need a token. */
export function githubTokenNeeded(inputs: Inputs, context: RuleContext): string | undefined {
  if (context.failed('github-token') || inputs.githubToken !== '' || !needsGitHub(inputs)) return undefined;
  return 'github-token is empty: the branch and pull-request destinations need a token with contents: write (the default `${{ github.token }}` works when the job has that permission).';
}

/** GitHub takes labels of at most 50 characters. */
export function labelLength(inputs: Inputs, context: RuleContext): string | undefined {
  if (!inputs.pullRequestLabels.some((label) => label.length > 50)) return undefined;
  return notValid('pull-request-labels', context.show(context.raw('pull-request-labels')), 'each label must be at most 50 characters');
}

/**
 * Cursor takes at most pageSize users in one request. The action refuses a longer list rather than
 * batching it (one request per batch and window, merged), which would multiply the requests.
 */
export function usersWithinPageSize(inputs: Inputs): string | undefined {
  const users = inputs.users.length;
  if (users <= inputs.pageSize) return undefined;
  const split = inputs.pageSize < 500 ? `at most ${inputs.pageSize} users each (or 500 with page-size: 500)` : 'at most 500 users each';
  const raise = users <= 500 ? `raise page-size to ${users} or more (it goes up to 500), or ` : '';
  return `users lists ${users} users, but Cursor accepts at most page-size (${inputs.pageSize}) users in one request, and the action does not split them: ${raise}split the users into several steps of ${split}.`;
}

/**
 * The longest URL the client would send must be within MAX_URL_BYTES: the times of the range
 * (RFC 3339, fixed width) and a page number of 9 digits, which no window reaches. Checked only when
 * base-url is valid.
 */
export function requestUrlLength(inputs: Inputs, context: RuleContext): string | undefined {
  if (context.failed('base-url')) return undefined;
  const times = [inputs.backfillStart, inputs.endTime ?? context.now].map(formatTime).sort((a, b) => b.length - a.length);
  const url = auditLogsUrl(inputs.baseUrl, {
    startTime: times[0],
    endTime: times[0],
    page: 999_999_999,
    pageSize: inputs.pageSize,
    eventTypes: inputs.eventTypes,
    users: inputs.users
  });
  const bytes = Buffer.byteLength(url);
  if (bytes <= MAX_URL_BYTES) return undefined;
  return `users and event-types make a request URL of up to ${bytes} bytes, over the ${MAX_URL_BYTES} bytes (8 KB) the action sends (${inputs.users.length} user(s), ${inputs.eventTypes.length} event type(s)): split the users or event types into several steps, each with a shorter list.`;
}

/** verify reads one record that keeps the ledger: the branch (through the API) or a workspace. */
export function verifyDestination(inputs: Inputs, context: RuleContext): string | undefined {
  if (inputs.mode !== 'verify' || context.failed('destination')) return undefined;
  const [first, ...more] = inputs.destinations;
  if (more.length === 0 && (first === 'branch' || first === 'workspace')) return undefined;
  return `destination ${context.show(context.raw('destination'))} cannot be verified: mode: verify reads one record, the branch (through the API) or a workspace (a checkout of the branch, with its git history when fetch-depth is 0). Verify a pull request's record on its base branch; an artifact is a snapshot without a ledger.`;
}

/** The destinations that keep a ledger (an artifact is a snapshot without one). */
const LEDGER_KEEPERS = ['branch', 'pull-request', 'workspace'];

/**
 * attest: true signs the ledger lines of one record: a destination that keeps a ledger, only one
 * (two would number their own lines alike, and verify could not tell them apart), in the
 * workflow's own repository (the signature names the workflow's repository, and verify checks
 * the record's against it), with the OIDC token Sigstore certifies (`id-token: write`).
 */
export function attestNeeds(inputs: Inputs, context: RuleContext): string | undefined {
  if (!inputs.attest || context.failed('destination') || context.failed('repository')) return undefined;
  const keepers = inputs.destinations.filter((name) => LEDGER_KEEPERS.includes(name));
  if (keepers.length !== 1) {
    return keepers.length === 0
      ? `attest: true attests ledger lines, but destination ${context.show(context.raw('destination'))} keeps no ledger: add branch, pull-request or workspace.`
      : `attest: true attests the ledger of one record, but destination ${context.show(context.raw('destination'))} keeps ${keepers.length} (${keepers.join(', ')}): attest in a step of its own with one of them.`;
  }
  const { env } = context;
  if (!inputs.githubToken && !context.failed('github-token')) {
    return 'attest: true needs github-token: attestations are stored and read through the GitHub API (the default `${{ github.token }}` works with `attestations: write`, or `attestations: read` for mode: verify).';
  }
  const workflowRepository = env.GITHUB_REPOSITORY ?? '';
  const repository = inputs.repository ? `${inputs.repository.owner}/${inputs.repository.repo}` : '';
  if (workflowRepository && repository && repository.toLowerCase() !== workflowRepository.toLowerCase()) {
    return `attest: true needs the record in the workflow's own repository: repository is ${context.show(repository)}, the workflow runs in ${workflowRepository}, and an attestation names the workflow's repository as its signer. Run the action from a workflow of ${repository}.`;
  }
  if (inputs.mode === 'sync' && !inputs.dryRun && !env.ACTIONS_ID_TOKEN_REQUEST_URL) {
    return 'attest: true needs the job permission `id-token: write` (and `attestations: write`): the runner gave this job no OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not set), and Sigstore certifies the signature with it. Add them under `permissions:` of the job.';
  }
  return undefined;
}

/** Every rule, each reported right after the input it names in `after` (the order the messages have always had). */
export const RULES: readonly Rule[] = [
  { after: 'end-time', check: endTimeAfterBackfillStart },
  { after: 'path', check: artifactPathCharacters },
  { after: 'repository', check: repositoryNeeded },
  { after: 'github-token', check: githubTokenNeeded },
  { check: labelLength },
  { check: usersWithinPageSize },
  { check: requestUrlLength },
  { after: 'mode', check: verifyDestination },
  { after: 'attest', check: attestNeeds }
];
