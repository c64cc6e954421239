// `mode: verify`: reads the record (the branch through the API, or a workspace with its git
// history), runs the five checks, fetches the last `verify-days` again to reconcile, and reports
// the verdict first. Writes nothing: no file, no commit, no checkpoint.
import type { Clock } from '../clock.ts';
import type { CursorClient } from '../cursor-client.ts';
import { ledgerPath } from '../attestation.ts';
import type { ReadLine } from '../ledger.ts';
import { errorMessage } from '../errors.ts';
import type { GitHubClientFactory } from '../github.ts';
import type { Inputs } from '../inputs.ts';
import { emptyOutputs, type Outputs } from '../outputs.ts';
import type { Reporter } from '../reporter.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventSpool } from '../spool.ts';
import type { Filters } from '../state.ts';
import { fetchWindows } from '../sync.ts';
import { RETENTION_MARGIN_MS, RETENTION_MS } from '../retention.ts';
import { DAY, formatTime, HOUR } from '../time.ts';
import { splitWindows } from '../windows.ts';
import { attestationCheck, attestationsNotRun } from './attestation-check.ts';
import { coverageCheck } from './coverage-check.ts';
import { historyCheck } from './history-check.ts';
import { RecordScan } from './layout-check.ts';
import { ledgerCheck } from './ledger-check.ts';
import { CheckResult, type Problem } from './problems.ts';
import { reconcileCheck } from './reconcile-check.ts';
import type { RecordSource } from './record-source.ts';
import { renderVerifySummary } from './verify-summary.ts';

export interface VerifyDeps {
  inputs: Inputs;
  env: NodeJS.ProcessEnv;
  reporter: Reporter;
  clock: Clock;
  startedAt: number;
  /** A Cursor client that fetches with these filters (the record's own, from its state.json). */
  cursorClient: (filters: Filters) => CursorClient;
  createGitHubClient?: GitHubClientFactory;
  /** Sigstore's trusted roots (TrustedRoot JSON) that attestations are verified against; by default read through TUF. */
  trustedRoots?: () => Promise<unknown[]>;
  signal?: AbortSignal;
}

export interface Verified {
  outputs: Outputs;
  summary: string;
  /** Set when the record did not verify (or could not be read): the step fails with it. */
  failure: string | undefined;
}

/** The most problems the `problems` output lists. */
const MAX_PROBLEMS_OUTPUT = 100;

/** The GitHub client of a verify run. */
async function githubClient(deps: VerifyDeps) {
  return (deps.createGitHubClient ?? (await import('../github.ts')).createGitHubClient)({
    token: deps.inputs.githubToken,
    baseUrl: deps.env.GITHUB_API_URL,
    log: deps.reporter
  });
}

/** The record the inputs name: the branch (through the API) or the workspace. */
async function recordSource(deps: VerifyDeps): Promise<RecordSource> {
  const { inputs, env, reporter } = deps;
  if (inputs.destinations[0] === 'workspace') {
    const { WorkspaceRecord } = await import('./workspace-record.ts');
    return new WorkspaceRecord(env.GITHUB_WORKSPACE || process.cwd(), inputs.path);
  }
  const { BranchRecord } = await import('./branch-record.ts');
  const github = await githubClient(deps);
  return new BranchRecord({ github, ...inputs.repository!, branch: inputs.branch, path: inputs.path, maxCommits: inputs.verifyMaxCommits, log: reporter });
}

export async function verifyRecord(deps: VerifyDeps): Promise<Verified> {
  const { inputs, reporter, clock } = deps;
  const source = await recordSource(deps);
  const scan = new RecordScan(inputs.path, deps.startedAt - 31 * DAY);
  reporter.startGroup(`Reading ${source.name}`);
  await source.scan(scan);
  const layout = scan.finish();
  reporter.info(`Read ${layout.figures}.`);
  reporter.endGroup();
  const { result: ledger, lines } = ledgerCheck(scan, inputs.path);
  const coverage = coverageCheck(scan, lines, inputs.path);
  reporter.startGroup('Reading the history');
  const history = historyCheck(await source.history(lines), lines, inputs.path);
  reporter.info(`History: ${history.figures}.`);
  reporter.endGroup();
  let client: CursorClient | undefined;
  let reconciled = { result: new CheckResult('reconciliation'), missing: 0 };
  if (scan.state) {
    client = deps.cursorClient(scan.state.filters);
    reconciled = await reconcile(deps, scan, client, scan.state.time);
  } else reconciled.result.figures = 'not run: the record has no checkpoint';
  const attested = await attestations(deps, lines);
  const checks = [layout, ledger, coverage, history, reconciled.result, attested];
  const problems = checks.flatMap((check) => check.problems);
  const count = checks.reduce((sum, check) => sum + check.count, 0);
  logProblems(reporter, checks);
  const outputs: Outputs = {
    ...emptyOutputs(),
    verified: String(count === 0),
    'problems-count': String(count),
    'missing-count': String(reconciled.missing),
    problems: JSON.stringify(problems.slice(0, MAX_PROBLEMS_OUTPUT).map((problem: Problem) => ({ ...problem }))),
    requests: String(client?.stats.requests ?? 0),
    retries: String(client?.stats.retries ?? 0),
    checkpoint: scan.state ? formatTime(scan.state.time) : ''
  };
  const summary = renderVerifySummary({
    record: source.name,
    checks,
    missing: reconciled.missing,
    elapsedMs: clock.now() - deps.startedAt,
    requests: client?.stats.requests ?? 0
  });
  const failed = checks.filter((check) => !check.passed).map((check) => `${check.name} ${check.count}`);
  const failure = count
    ? `The record in ${source.name} did not verify: ${count} problem(s) (${failed.join(', ')}). The first: ${problems[0]?.where}: ${problems[0]?.message}. The job summary lists them by check.`
    : undefined;
  if (!failure) reporter.info(`Verified: ${source.name} passed every check.`);
  return { outputs, summary, failure };
}

/** Check 6: the ledger's lines against their attestations (read only when a line was attested, or attest: true asks for them). */
async function attestations(deps: VerifyDeps, lines: ReadLine[]): Promise<CheckResult> {
  const { inputs, env, reporter } = deps;
  // nothing to read: the check says why it did not run, and nothing is loaded for it
  const skipped = attestationsNotRun(lines, inputs.attest);
  if (skipped) return skipped;
  if (!inputs.repository) {
    const result = new CheckResult('attestations');
    result.add(
      ledgerPath(inputs.path),
      'attestations are to be checked (attest: true, or lines marked attested), but no repository was given to read them from: set repository (owner/name)'
    );
    return result;
  }
  const { owner, repo } = inputs.repository;
  const { bundleCheck, githubLookup, sigstoreTrustedRoots } = await import('./attestation-reader.ts');
  reporter.startGroup('Reading the attestations');
  const roots = await (deps.trustedRoots ?? (() => sigstoreTrustedRoots(join(env.RUNNER_TEMP || tmpdir(), 'cursor-audit-logs-tuf'))))();
  const result = await attestationCheck({
    lines,
    path: inputs.path,
    required: inputs.attest,
    repository: `${owner}/${repo}`,
    lookup: githubLookup(await githubClient(deps), owner, repo),
    verify: bundleCheck(roots, `${owner}/${repo}`, env.GITHUB_SERVER_URL || 'https://github.com')
  });
  reporter.info(`Attestations: ${result.figures}.`);
  reporter.endGroup();
  return result;
}

/** Check 5: the last verify-days up to the record's checkpoint, fetched again and set against it. */
async function reconcile(deps: VerifyDeps, scan: RecordScan, client: CursorClient, checkpoint: number) {
  const { inputs, reporter, clock } = deps;
  // Within what Cursor keeps (a start at its limit would only be moved, and warned about as a gap).
  const oldest = deps.startedAt - RETENTION_MS + RETENTION_MARGIN_MS + RETENTION_MARGIN_MS;
  const from = Math.max(checkpoint - inputs.verifyDays * DAY, oldest);
  reporter.info(`Reconciling ${formatTime(from)} → ${formatTime(checkpoint)} (the checkpoint) with the API.`);
  using spool = new EventSpool(deps.env.RUNNER_TEMP || undefined, { start: from, end: checkpoint });
  const outcome = await fetchWindows({
    client,
    spool,
    windows: splitWindows(from, checkpoint, inputs.windowDays * DAY),
    reporter,
    clock,
    startedAt: deps.startedAt,
    timeBudgetMs: inputs.timeBudgetMs,
    requestsPerMinute: inputs.requestsPerMinute,
    signal: deps.signal
  });
  const fetchedFrom = outcome.windows[0]?.start ?? checkpoint;
  const notes = outcome.gaps.map((gap) => `Cursor no longer serves ${formatTime(gap.start)} → ${formatTime(gap.end)}: not reconciled.`);
  if (from > checkpoint - inputs.verifyDays * DAY + HOUR) notes.unshift(`Reconciled from ${formatTime(from)}: Cursor keeps about 30 days.`);
  const reconciled = reconcileCheck({
    served: spool,
    keys: scan.keys,
    recent: scan.recent,
    from: fetchedFrom,
    to: outcome.completedEnd ?? fetchedFrom,
    path: inputs.path,
    shortBy: notes.join(' ') || undefined
  });
  if (outcome.failure || outcome.stoppedByBudget) {
    const why = outcome.failure ? errorMessage(outcome.failure) : 'the time budget ended';
    reconciled.result.add(inputs.path, `the API could not be read again up to ${formatTime(checkpoint)} (${why}): the rest was not reconciled`);
  }
  return reconciled;
}

/** Every problem kept, in the log (grouped by check); the summary shows the first of each. */
function logProblems(reporter: Reporter, checks: CheckResult[]): void {
  for (const check of checks) {
    if (check.passed) continue;
    reporter.startGroup(`${check.name}: ${check.count} problem(s)`);
    for (const problem of check.problems) reporter.info(`${problem.where}: ${problem.message}`);
    if (check.count > check.problems.length) reporter.info(`…and ${check.count - check.problems.length} more.`);
    reporter.endGroup();
  }
}
