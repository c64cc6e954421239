// One run of the action, as its steps: parse the inputs, restore the checkpoints, fetch, store, save
// the checkpoint, report. Every effect comes in through RunDeps, so tests run it with fakes and a
// virtual clock.
import { ledgerPath, ledgerStatement, type SignedLedgerLine } from './attestation.ts';
import type { Attester } from './attester.ts';
import { type CacheApi, CheckpointCache, streamIdentity } from './checkpoint-cache.ts';
import { type Clock, realClock, realSleep, type Sleep } from './clock.ts';
import { CursorClient } from './cursor-client.ts';
import type { Destination, StoreResult } from './destinations/destination.ts';
import { createDestination } from './destinations/index.ts';
import type { LedgerRecord } from './destinations/ledger-keeper.ts';
import { CursorApiError, errorMessage } from './errors.ts';
import type { GitHubClientFactory } from './github.ts';
import { type GetInput, type Inputs, parseInputs } from './inputs.ts';
import { secretForms } from './key-forms.ts';
import { NewEvents } from './new-events.ts';
import { buildOutputs, emptyOutputs, OUTPUT_NAMES, type Outputs } from './outputs.ts';
import { RateLimiter } from './rate-limiter.ts';
import type { Reporter } from './reporter.ts';
import { decideStart, type FoundCheckpoint, nextCheckpoint, type StartDecision, type SyncState } from './state.ts';
import { EventSpool } from './spool.ts';
import { storeEverywhere } from './store.ts';
import { renderSummary } from './summary.ts';
import { count, type FetchOutcome, fetchWindows } from './sync.ts';
import { DAY, formatDuration, formatTime, MINUTE } from './time.ts';
import { ACTION_VERSION } from './version.ts';
import { splitWindows } from './windows.ts';

export { OUTPUT_NAMES, type Outputs } from './outputs.ts';

export interface RunDeps {
  env: NodeJS.ProcessEnv;
  getInput: GetInput;
  reporter: Reporter;
  /** The Actions cache, or a loader for it (the action loads the toolkit's cache client only when needed). */
  cache: CacheApi | (() => Promise<CacheApi>);
  clock?: Clock;
  sleep?: Sleep;
  fetch?: typeof fetch;
  random?: () => number;
  /** Makes the client's rate limiter: `requests-per-minute` in any 60 s (benchmarks scale the minute). */
  createRateLimiter?: (requestsPerMinute: number, clock: Clock, sleep: Sleep) => RateLimiter;
  createDestination?: typeof createDestination;
  /** Makes the GitHub client of the branch and pull-request destinations (tests on loopback hand in one without GitHub's spacing of writes). */
  createGitHubClient?: GitHubClientFactory;
  /** mode: verify: Sigstore's trusted roots that attestations are checked against (by default read through TUF). */
  trustedRoots?: () => Promise<unknown[]>;
  /** Aborted when the run is cancelled (SIGINT/SIGTERM): stop at the next safe point. */
  signal?: AbortSignal;
}

/** What every step of a run shares. */
interface RunContext {
  deps: RunDeps;
  reporter: Reporter;
  clock: Clock;
  sleep: Sleep;
  startedAt: number;
}

/** Where a run starts and ends, and the checkpoints it found. */
interface RunRange {
  start: number;
  end: number;
  decision: StartDecision;
  cache: CheckpointCache;
}

/** What the fetch step left: the client's figures, the outcome, and the checkpoint it reached. */
interface Fetched {
  client: CursorClient;
  outcome: FetchOutcome;
  complete: boolean;
  checkpoint: number | undefined;
  state: SyncState | undefined;
}

/** What the store step left. */
interface Stored {
  added: NewEvents;
  files: string[];
  links: StoreResult['links'];
  outputs: StoreResult['outputs'];
  /** Every destination stored the events (so the checkpoint goes with them). */
  allStored: boolean;
  failure: string | undefined;
}

/** The rate limit as Cursor counts it: so many requests in any rolling minute. */
export function minuteLimiter(requestsPerMinute: number, clock: Clock, sleep: Sleep): RateLimiter {
  return new RateLimiter(requestsPerMinute, MINUTE, clock, sleep);
}

/** A sleep that ends early, with a 'cancelled' error, when the run is cancelled. */
function cancellable(sleep: Sleep, signal: AbortSignal | undefined): Sleep {
  if (!signal) return sleep;
  return (ms) =>
    new Promise<void>((resolve, reject) => {
      const cancel = () => reject(new CursorApiError('cancelled', 'Cancelled while waiting for the rate limit.'));
      if (signal.aborted) return cancel();
      signal.addEventListener('abort', cancel, { once: true });
      sleep(ms).then(() => {
        signal.removeEventListener('abort', cancel);
        resolve();
      }, reject);
    });
}

/** Writes the job summary; a summary that cannot be written is a warning, never the run's failure. */
async function writeSummary(reporter: Reporter, markdown: () => string): Promise<void> {
  try {
    await reporter.writeSummary(markdown());
  } catch (error) {
    reporter.warning(`Could not write the job summary: ${errorMessage(error)}`);
  }
}

/** Sets the outputs (an output never set reads as an empty string in the workflow) and fails the step if asked. */
function finish(reporter: Reporter, outputs: Outputs, failure?: string): Outputs {
  for (const name of OUTPUT_NAMES) if (outputs[name] !== '') reporter.setOutput(name, outputs[name]);
  if (failure) reporter.setFailed(failure);
  return outputs;
}

/** Runs the action; returns the outputs it set (also when it failed). */
export async function run(deps: RunDeps): Promise<Outputs> {
  const clock = deps.clock ?? realClock;
  const context: RunContext = { deps, reporter: deps.reporter, clock, sleep: cancellable(deps.sleep ?? realSleep, deps.signal), startedAt: clock.now() };
  const rawKey = deps.getInput('api-key').trim();
  for (const form of secretForms(rawKey)) context.reporter.setSecret(form);

  let inputs: Inputs;
  let destinations: Destination[];
  try {
    inputs = parseRunInputs(context);
    if (inputs.mode === 'verify') return await verify(context, inputs);
    destinations = await createDestinations(context, inputs);
  } catch (error) {
    return finish(context.reporter, emptyOutputs(), errorMessage(error));
  }
  const range = await restoreCheckpoints(context, inputs, destinations);
  // Fetched events wait on disk until the destinations read them; removed however the run ends.
  using spool = new EventSpool(deps.env.RUNNER_TEMP || undefined, { start: range.start, end: range.end });
  const fetched = await fetchEvents(context, inputs, range, spool);
  const stored = await storeEvents(context, inputs, destinations, range, fetched, spool);
  if (stored.allStored && fetched.state) await range.cache.save(fetched.state);
  return report(context, inputs, range, fetched, stored);
}

/** Step 1: the inputs, all checked before any request. */
function parseRunInputs(context: RunContext): Inputs {
  const { deps, reporter } = context;
  const inputs = parseInputs(deps.getInput, context.startedAt, deps.env);
  if (inputs.githubToken) reporter.setSecret(inputs.githubToken);
  for (const warning of inputs.warnings) reporter.warning(warning);
  return inputs;
}

/** The destinations, in the order given (each module loaded only when used). */
function createDestinations(context: RunContext, inputs: Inputs): Promise<Destination[]> {
  const { deps, reporter } = context;
  const make = deps.createDestination ?? createDestination;
  return Promise.all(inputs.destinations.map((name) => make(name, inputs, deps.env, reporter, deps.createGitHubClient)));
}

/** `mode: verify`: checks the record and writes nothing (see verify/run-verify.ts). */
async function verify(context: RunContext, inputs: Inputs): Promise<Outputs> {
  const { deps, reporter } = context;
  const { verifyRecord } = await import('./verify/run-verify.ts');
  const verified = await verifyRecord({
    inputs,
    env: deps.env,
    reporter,
    clock: context.clock,
    startedAt: context.startedAt,
    cursorClient: (filters) => cursorClient(context, { ...inputs, ...filters }),
    createGitHubClient: deps.createGitHubClient,
    trustedRoots: deps.trustedRoots,
    signal: deps.signal
  });
  await writeSummary(reporter, () => verified.summary);
  return finish(reporter, verified.outputs, verified.failure);
}

function filtersOf(inputs: Inputs) {
  return { eventTypes: inputs.eventTypes, users: inputs.users };
}

/** Step 2: where to start: the earliest checkpoint among the cache and the destinations. */
async function restoreCheckpoints(context: RunContext, inputs: Inputs, destinations: Destination[]): Promise<RunRange> {
  const { deps, reporter, startedAt } = context;
  const cache = new CheckpointCache({
    cache: typeof deps.cache === 'function' ? await deps.cache() : deps.cache,
    checkpointKey: inputs.checkpointKey,
    stream: streamIdentity({
      baseUrl: inputs.baseUrl,
      apiKey: inputs.apiKey,
      path: inputs.path,
      destinations: inputs.destinations,
      branch: inputs.destinations.includes('pull-request') ? inputs.pullRequestBranch : inputs.branch
    }),
    env: deps.env,
    warn: (message) => reporter.warning(message, 'Checkpoint'),
    info: (message) => reporter.info(message)
  });
  reporter.startGroup('Checkpoint');
  const fromCache = await cache.restore();
  const owners = await destinationCheckpoints(reporter, destinations, fromCache);
  const found = [
    ...(fromCache ? [fromCache] : []),
    ...owners.flatMap((owner) => (owner.checkpoint && owner.checkpoint !== fromCache ? [owner.checkpoint] : []))
  ];
  for (const checkpoint of found) reporter.info(`Found checkpoint ${formatTime(checkpoint.time)} in ${checkpoint.source}.`);
  // Never past the run's start: an end-time in the future would save a checkpoint in the future.
  const end = Math.min(inputs.endTime ?? startedAt, startedAt);
  const decision = decideStart({
    found,
    filters: filtersOf(inputs),
    backfill: inputs.backfill,
    backfillStart: inputs.backfillStart,
    lookbackMs: inputs.lookbackMs,
    now: startedAt,
    owners: destinations.length > 1 ? owners : undefined
  });
  warnIgnoredCheckpoints(reporter, decision);
  const start = decision.start;
  reporter.info(`Start: ${formatTime(start)} (${decision.reason}). End: ${formatTime(end)}${inputs.endTime !== undefined ? ' (end-time)' : ' (now)'}.`);
  reporter.endGroup();
  if (start < startedAt - 30 * DAY) {
    reporter.notice(
      `The start ${formatTime(start)} is more than 30 days ago; Cursor keeps about 30 days of audit logs, so older events may no longer be served.`
    );
  }
  return { start, end, decision, cache };
}

/** Each destination's own checkpoint: its state.json, or for a snapshot (the artifact) the cache's. */
async function destinationCheckpoints(
  reporter: Reporter,
  destinations: Destination[],
  fromCache: FoundCheckpoint | undefined
): Promise<{ name: string; checkpoint: FoundCheckpoint | undefined }[]> {
  const owners: { name: string; checkpoint: FoundCheckpoint | undefined }[] = [];
  for (const destination of destinations) {
    let own: FoundCheckpoint | undefined = destination.keepsRecord ? undefined : fromCache;
    try {
      if (destination.keepsRecord) own = await destination.readCheckpoint();
    } catch (error) {
      reporter.warning(
        `Ignoring the checkpoint of the ${destination.name} destination: ${errorMessage(error)}. Events it already holds are de-duplicated.`,
        'Checkpoint'
      );
    }
    owners.push({ name: destination.name, checkpoint: own });
  }
  return owners;
}

function warnIgnoredCheckpoints(reporter: Reporter, decision: StartDecision): void {
  for (const { checkpoint, reason } of decision.rejected) {
    reporter.warning(
      `Ignoring the checkpoint in ${checkpoint.source}: ${reason}. A checkpoint cannot be in the future (a clock far off, or a hand-edited state.json); it is neither used nor saved again, and this run writes a correct one.`,
      'Checkpoint'
    );
  }
  for (const checkpoint of decision.ignored) {
    reporter.warning(
      `Ignoring the checkpoint in ${checkpoint.source}: it was made with other event-types/users filters, so it may have skipped events this run asks for.`,
      'Checkpoint'
    );
  }
}

/** The Cursor client of a run, with its rate limiter, retries and time budget. */
function cursorClient(context: RunContext, inputs: Inputs): CursorClient {
  const { deps, reporter, clock, startedAt } = context;
  return new CursorClient({
    baseUrl: inputs.baseUrl,
    apiKey: inputs.apiKey,
    pageSize: inputs.pageSize,
    eventTypes: inputs.eventTypes,
    users: inputs.users,
    requestTimeoutMs: inputs.requestTimeoutMs,
    maxRetries: inputs.maxRetries,
    limiter: (deps.createRateLimiter ?? minuteLimiter)(inputs.requestsPerMinute, clock, context.sleep),
    fetch: deps.fetch,
    clock,
    sleep: context.sleep,
    random: deps.random,
    log: (message) => reporter.info(message),
    signal: deps.signal,
    deadline: inputs.timeBudgetMs > 0 ? startedAt + inputs.timeBudgetMs : undefined
  });
}

/** Step 3: fetch, window by window, into the spool. */
async function fetchEvents(context: RunContext, inputs: Inputs, range: RunRange, spool: EventSpool): Promise<Fetched> {
  const { deps, reporter, clock, startedAt } = context;
  const { start, end } = range;
  const client = cursorClient(context, inputs);
  const windows = splitWindows(start, end, inputs.windowDays * DAY);
  reporter.info(
    `Fetching ${formatTime(start)} → ${formatTime(end)} in ${windows.length} window(s) of at most ${inputs.windowDays} day(s), ${inputs.pageSize} events a page, at most ${inputs.requestsPerMinute} requests a minute.`
  );
  const outcome = await fetchWindows({
    client,
    spool,
    windows,
    reporter,
    clock,
    startedAt,
    timeBudgetMs: inputs.timeBudgetMs,
    requestsPerMinute: inputs.requestsPerMinute,
    signal: deps.signal
  });
  if (spool.outside) {
    reporter.warning(
      `Cursor returned ${spool.outside} event(s) with a timestamp outside the range asked for (${formatTime(start)} → ${formatTime(end)}): they are kept, each in the day file of its timestamp.`,
      'Events outside the window'
    );
  }
  const complete = !outcome.failure && !outcome.stoppedByBudget;
  const next = nextCheckpoint({ reached: outcome.completedEnd, floor: range.decision.floor, now: clock.now(), filters: filtersOf(inputs) });
  return { client, outcome, complete, ...next };
}

/** Step 4: store in every destination (or, in a dry run, only count). */
async function storeEvents(
  context: RunContext,
  inputs: Inputs,
  destinations: Destination[],
  range: RunRange,
  fetched: Fetched,
  spool: EventSpool
): Promise<Stored> {
  const { reporter } = context;
  const reached = fetched.outcome.completedEnd;
  let failure = fetched.outcome.failure ? errorMessage(fetched.outcome.failure) : undefined;
  if (context.deps.signal?.aborted) {
    failure = `The run was cancelled (${String(context.deps.signal.reason ?? 'signal')}): the windows fetched completely are stored and checkpointed${reached !== undefined ? ` up to ${formatTime(reached)}` : ''}; the next run continues from there.`;
  }
  const notableTypes = new Set(inputs.notableEventTypes);
  if (inputs.dryRun) {
    const added = new NewEvents(notableTypes);
    for (const file of spool.files()) added.add(spool.read(file));
    reporter.info(`Dry run: ${added.count} distinct event(s) fetched; nothing written, no checkpoint saved.`);
    return { added, files: [], links: [], outputs: {}, allStored: false, failure };
  }
  const render = (template: string, count: number) =>
    template
      .replaceAll('{start}', formatTime(range.start))
      .replaceAll('{end}', formatTime(fetched.checkpoint ?? range.end))
      .replaceAll('{count}', String(count));
  const attester = inputs.attest ? await createAttester(context, inputs) : undefined;
  const ledger = fetched.state && ledgerRecord(context, inputs, range, fetched, fetched.state, attester);
  const stored = await storeEverywhere({ destinations, spool, state: fetched.state, notableTypes, render, reporter, ledger });
  const { succeeded, failed } = stored;
  if (failed.length) {
    const ok = succeeded.length ? ` (${succeeded.join(', ')} stored the events)` : '';
    failure = [failure, `Destination failed${ok}; the checkpoint was not saved, so the next run fetches these events again: ${failed.join('; ')}`]
      .filter(Boolean)
      .join('\n');
  }
  const attested = attester ? await storeAttestations(context, inputs, attester, stored.signed) : { ids: [], failure: undefined, links: [] };
  failure = [failure, attested.failure].filter(Boolean).join('\n') || undefined;
  const outputs = attested.ids.length ? { ...stored.outputs, 'attestation-id': attested.ids.join(',') } : stored.outputs;
  const links = [...stored.links, ...attested.links];
  return { added: stored.added, files: stored.files, links, outputs, allStored: failed.length === 0, failure };
}

/** The attester of a run with `attest`: the GitHub client of the destinations, on the record's repository. */
async function createAttester(context: RunContext, inputs: Inputs): Promise<Attester> {
  const { deps, reporter } = context;
  const [{ createAttester: attester }, { createGitHubClient }] = await Promise.all([import('./attester.ts'), import('./github.ts')]);
  const github = await (deps.createGitHubClient ?? createGitHubClient)({ token: inputs.githubToken, baseUrl: deps.env.GITHUB_API_URL, log: reporter });
  return attester({ token: inputs.githubToken, repository: inputs.repository!, github, serverUrl: deps.env.GITHUB_SERVER_URL || 'https://github.com' });
}

/**
 * Stores each ledger line written, signed, as an attestation; its link goes in the summary. A line
 * whose attestation cannot be stored stays written (the events are in the record) and fails the
 * run; its signed bundle is logged, for a person to store by hand.
 */
async function storeAttestations(
  context: RunContext,
  inputs: Inputs,
  attester: Attester,
  signed: SignedLedgerLine[]
): Promise<{ ids: string[]; failure: string | undefined; links: StoreResult['links'] }> {
  const { reporter } = context;
  const ledger = ledgerPath(inputs.path);
  const ids: string[] = [];
  const links: StoreResult['links'] = [];
  const failures: string[] = [];
  for (const line of signed) {
    try {
      const { id, url } = await attester.store(line, ledger);
      reporter.info(`Attested ${ledger} line ${line.number} (SHA-256 ${line.hash.slice(0, 12)}): attestation ${id}, ${url}`);
      ids.push(id);
      links.push({ label: `Attestation of ${ledger} line ${line.number}`, url });
    } catch (error) {
      reporter.startGroup(`The signed bundle of ${ledger} line ${line.number}, not stored`);
      reporter.info(JSON.stringify({ bundle: line.bundle }));
      reporter.endGroup();
      failures.push(
        `${ledger} line ${line.number} is written, but its attestation was not stored: ${errorMessage(error)} Until it is, mode: verify reports the line as unattested; the log holds its signed bundle as the request body, which \`gh api repos/${attester.repository}/attestations --input <file>\` stores.`
      );
    }
  }
  return { ids, failure: failures.join('\n') || undefined, links };
}

/** What this run's ledger line says in every destination: the run, what it covered and what the API counted. */
function ledgerRecord(context: RunContext, inputs: Inputs, range: RunRange, fetched: Fetched, state: SyncState, attester?: Attester): LedgerRecord {
  const { env } = context.deps;
  const span = (window: { start: number; end: number }) => ({ start: formatTime(window.start), end: formatTime(window.end) });
  // once per message: a branch that moved under the run is read and checked again
  const warned = new Set<string>();
  return {
    run: {
      id: env.GITHUB_RUN_ID ?? '',
      attempt: env.GITHUB_RUN_ATTEMPT ?? '',
      workflow: env.GITHUB_WORKFLOW ?? '',
      ref: env.GITHUB_REF ?? '',
      sha: env.GITHUB_SHA ?? '',
      actor: env.GITHUB_ACTOR ?? '',
      action: ACTION_VERSION
    },
    range: { start: formatTime(range.start), end: state.checkpoint },
    filters: filtersOf(inputs),
    windows: fetched.outcome.windows.map((window) => ({ ...span(window), totalCount: window.totalCount, received: window.received })),
    gaps: fetched.outcome.gaps.map(span),
    fetched: fetched.outcome.fetched,
    attested: attester !== undefined,
    sign: attester && ((appended) => attester.sign(ledgerStatement(attester.repository, inputs.path, appended))),
    warn: (message) => {
      if (warned.has(message)) return;
      warned.add(message);
      context.reporter.warning(message, 'Changed outside the action');
    }
  };
}

/** The log's last lines: what a person reads of the run without opening the job summary. */
function logSummary(inputs: Inputs, range: RunRange, fetched: Fetched, stored: Stored, checkpoint: string, elapsedMs: number): string[] {
  const { added } = stored;
  const { stats } = fetched.client;
  const reached = fetched.outcome.completedEnd;
  const duplicates = fetched.outcome.fetched - added.count;
  const events = added.count
    ? `${count(added.count, 'new event')} (${added.notableCount} notable), ${count(duplicates, 'duplicate')} dropped`
    : `no new events (${count(fetched.outcome.fetched, 'event')} received, all already stored)`;
  const where = inputs.dryRun ? 'dry run: nothing written' : `${count(stored.files.length, 'file')} in ${inputs.destinations.join(', ')}`;
  const status = stored.failure ? 'failed' : fetched.complete ? 'caught up' : 'incomplete, the next run continues';
  const saved = checkpoint ? `checkpoint ${checkpoint}` : 'no checkpoint saved';
  const throttled = stats.http429 ? `, ${stats.http429} answered 429` : '';
  return [
    `Summary: ${formatTime(range.start)} → ${formatTime(reached ?? range.start)}: ${events}; ${where}; ${saved} (${status}).`,
    `Requests: ${count(stats.requests, 'request')} to Cursor (${count(stats.retries, 'retry', 'retries')}${throttled}), ${formatDuration(stats.waitMs)} waiting; done in ${formatDuration(elapsedMs)}.`
  ];
}

/** Step 6: the outputs, the log's last lines and the job summary. */
async function report(context: RunContext, inputs: Inputs, range: RunRange, fetched: Fetched, stored: Stored): Promise<Outputs> {
  const { reporter, clock, startedAt } = context;
  const { added } = stored;
  const { client, outcome } = fetched;
  const reached = outcome.completedEnd;
  if (added.undated) {
    reporter.warning(`${added.undated} new event(s) had no usable timestamp; they are kept in ${inputs.path}/undated.jsonl.`, 'Undated events');
  }
  const outputs = buildOutputs({
    start: range.start,
    reached,
    savedCheckpoint: fetched.state && stored.allStored ? fetched.state.checkpoint : undefined,
    complete: fetched.complete,
    fetched: outcome.fetched,
    added,
    files: stored.files,
    requests: client.stats.requests,
    retries: client.stats.retries,
    destinations: stored.outputs
  });
  for (const line of logSummary(inputs, range, fetched, stored, outputs.checkpoint, clock.now() - startedAt)) reporter.info(line);
  await writeSummary(reporter, () =>
    renderSummary({
      start: range.start,
      end: range.end,
      complete: fetched.complete,
      dryRun: inputs.dryRun,
      fetched: outcome.fetched,
      added,
      checkpoint: outputs.checkpoint,
      stats: client.stats,
      elapsedMs: clock.now() - startedAt,
      destinations: inputs.destinations,
      files: stored.files,
      links: stored.links,
      failure: stored.failure,
      gaps: outcome.gaps
    })
  );
  return finish(reporter, outputs, stored.failure);
}
