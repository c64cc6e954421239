// One run of the action: inputs → checkpoint → fetch → store → checkpoint → outputs and summary.
// Every effect comes in through RunDeps, so tests run it with fakes and a virtual clock.
import { type CacheApi, CheckpointCache, streamIdentity } from './checkpoint-cache.ts';
import { CursorApiError, CursorClient } from './cursor-client.ts';
import type { Destination, StoreResult } from './destinations/destination.ts';
import { createDestination } from './destinations/index.ts';
import { NewEvents } from './new-events.ts';
import { secretForms } from './key-forms.ts';
import { type GetInput, type Inputs, parseInputs } from './inputs.ts';
import { type Clock, realClock, realSleep, type Sleep } from './clock.ts';
import type { Reporter } from './reporter.ts';
import { decideStart, type FoundCheckpoint, makeState } from './state.ts';
import { renderSummary } from './summary.ts';
import { EventSpool } from './spool.ts';
import { storeEverywhere } from './store.ts';
import { fetchWindows } from './sync.ts';
import { DAY, formatDuration, formatTime } from './time.ts';
import { splitWindows } from './windows.ts';

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
  /** The rate limiter's window (60 s); benchmarks scale it. */
  rateWindowMs?: number;
  createDestination?: typeof createDestination;
  /** False skips the second GitHub asks for between writes (tests on loopback). */
  spaceGitHubWrites?: boolean;
  /** Aborted when the run is cancelled (SIGINT/SIGTERM): stop at the next safe point. */
  signal?: AbortSignal;
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

export const OUTPUT_NAMES = [
  'events-count',
  'fetched-count',
  'duplicates-count',
  'window-start',
  'window-end',
  'checkpoint',
  'complete',
  'files',
  'commit-sha',
  'pull-request-number',
  'pull-request-url',
  'artifact-id',
  'requests',
  'retries',
  'notable-count',
  'notable-events'
] as const;
export type Outputs = Record<(typeof OUTPUT_NAMES)[number], string>;

const MAX_NOTABLE_OUTPUT = 100;

function describe(error: unknown): string {
  return (error as Error)?.message ?? String(error);
}

/** Runs the action; returns the outputs it set (also when it failed). */
export async function run(deps: RunDeps): Promise<Outputs> {
  const clock = deps.clock ?? realClock;
  const sleep = cancellable(deps.sleep ?? realSleep, deps.signal);
  const r = deps.reporter;
  const startedAt = clock.now();
  const outputs = Object.fromEntries(OUTPUT_NAMES.map((n) => [n, ''])) as Outputs;
  const finish = (failure?: string) => {
    // An output never set reads as an empty string in the workflow, as the contract wants.
    for (const name of OUTPUT_NAMES) if (outputs[name] !== '') r.setOutput(name, outputs[name]);
    if (failure) r.setFailed(failure);
    return outputs;
  };

  const rawKey = deps.getInput('api-key').trim();
  if (rawKey) for (const form of secretForms(rawKey)) r.setSecret(form);

  // 1. Inputs and destinations, all checked before any request.
  let inputs: Inputs;
  let destinations: Destination[];
  try {
    inputs = parseInputs(deps.getInput, startedAt, deps.env);
    const make = deps.createDestination ?? createDestination;
    destinations = await Promise.all(inputs.destinations.map((name) => make(name, inputs, deps.env, r, { spaceGitHubWrites: deps.spaceGitHubWrites })));
  } catch (error) {
    return finish(describe(error));
  }
  if (inputs.githubToken) r.setSecret(inputs.githubToken);
  for (const w of inputs.warnings) r.warning(w);
  const filters = { eventTypes: inputs.eventTypes, users: inputs.users };

  // 2. Where to start: the earliest checkpoint among the cache and the destinations.
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
    warn: (m) => r.warning(m, 'Checkpoint'),
    info: (m) => r.info(m)
  });
  r.startGroup('Checkpoint');
  const found: FoundCheckpoint[] = [];
  const fromCache = await cache.restore();
  if (fromCache) found.push(fromCache);
  // Each destination's own checkpoint: its state.json, or for a snapshot (the artifact) the cache's.
  const owners: { name: string; checkpoint: FoundCheckpoint | undefined }[] = [];
  for (const d of destinations) {
    let own: FoundCheckpoint | undefined = d.keepsRecord ? undefined : fromCache;
    try {
      if (d.keepsRecord) own = await d.readCheckpoint();
      if (own && own !== fromCache) found.push(own);
    } catch (error) {
      r.warning(`Ignoring the checkpoint of the ${d.name} destination: ${describe(error)}. Events it already holds are de-duplicated.`, 'Checkpoint');
    }
    owners.push({ name: d.name, checkpoint: own });
  }
  for (const c of found) r.info(`Found checkpoint ${formatTime(c.time)} in ${c.source}.`);
  // Never past the run's start: an end-time in the future would save a checkpoint in the future.
  const end = Math.min(inputs.endTime ?? startedAt, startedAt);
  const decision = decideStart({
    found,
    filters,
    backfill: inputs.backfill,
    backfillStart: inputs.backfillStart,
    lookbackMs: inputs.lookbackMs,
    now: startedAt,
    owners: destinations.length > 1 ? owners : undefined
  });
  for (const { checkpoint: c, reason } of decision.rejected) {
    r.warning(
      `Ignoring the checkpoint in ${c.source}: ${reason}. A checkpoint cannot be in the future (a clock far off, or a hand-edited state.json); it is neither used nor saved again, and this run writes a correct one.`,
      'Checkpoint'
    );
  }
  for (const c of decision.ignored) {
    r.warning(
      `Ignoring the checkpoint in ${c.source}: it was made with other event-types/users filters, so it may have skipped events this run asks for.`,
      'Checkpoint'
    );
  }
  const start = decision.start;
  r.info(`Start: ${formatTime(start)} (${decision.reason}). End: ${formatTime(end)}${inputs.endTime !== undefined ? ' (end-time)' : ' (now)'}.`);
  r.endGroup();
  if (start < startedAt - 30 * DAY) {
    r.notice(`The start ${formatTime(start)} is more than 30 days ago; Cursor keeps about 30 days of audit logs, so older events may no longer be served.`);
  }

  // 3. Fetch, window by window.
  const client = new CursorClient({
    baseUrl: inputs.baseUrl,
    apiKey: inputs.apiKey,
    pageSize: inputs.pageSize,
    eventTypes: inputs.eventTypes,
    users: inputs.users,
    requestTimeoutMs: inputs.requestTimeoutMs,
    maxRetries: inputs.maxRetries,
    requestsPerMinute: inputs.requestsPerMinute,
    rateWindowMs: deps.rateWindowMs,
    fetch: deps.fetch,
    clock,
    sleep,
    random: deps.random,
    log: (m) => r.info(m),
    warn: (m) => r.warning(m, 'Pagination'),
    signal: deps.signal,
    deadline: inputs.timeBudgetMs > 0 ? startedAt + inputs.timeBudgetMs : undefined
  });
  const windows = splitWindows(start, end, inputs.windowDays * DAY);
  r.info(
    `Fetching ${formatTime(start)} → ${formatTime(end)} in ${windows.length} window(s) of at most ${inputs.windowDays} day(s), ${inputs.pageSize} events a page, at most ${inputs.requestsPerMinute} requests a minute.`
  );
  // Fetched events wait on disk until the destinations read them; removed however the run ends.
  using spool = new EventSpool(deps.env.RUNNER_TEMP || undefined);
  spool.range = { start, end };
  const outcome = await fetchWindows({
    client,
    spool,
    windows,
    reporter: r,
    clock,
    startedAt,
    timeBudgetMs: inputs.timeBudgetMs,
    requestsPerMinute: inputs.requestsPerMinute,
    signal: deps.signal
  });
  if (spool.outside) {
    r.warning(
      `Cursor returned ${spool.outside} event(s) with a timestamp outside the range asked for (${formatTime(start)} → ${formatTime(end)}): they are kept, each in the day file of its timestamp.`,
      'Events outside the window'
    );
  }
  const complete = !outcome.failure && !outcome.stoppedByBudget;
  const reached = outcome.completedEnd;
  const checkpoint = reached === undefined ? decision.floor : Math.max(reached, decision.floor ?? -Infinity);
  const state = checkpoint === undefined || reached === undefined ? undefined : makeState(checkpoint, clock.now(), filters);

  // 4. Store in every destination, then the checkpoint.
  let failure = outcome.failure ? describe(outcome.failure) : undefined;
  if (deps.signal?.aborted) {
    failure = `The run was cancelled (${String(deps.signal.reason ?? 'signal')}): the windows fetched completely are stored and checkpointed${reached !== undefined ? ` up to ${formatTime(reached)}` : ''}; the next run continues from there.`;
  }
  const notableTypes = new Set(inputs.notableEventTypes);
  let added = new NewEvents(notableTypes);
  /** Whether every destination stored the events (and so the checkpoint went with them). */
  let saved = false;
  const files: string[] = [];
  const links: StoreResult['links'] = [];
  if (inputs.dryRun) {
    for (const file of spool.files()) added.add(spool.read(file));
    r.info(`Dry run: ${added.count} distinct event(s) fetched; nothing written, no checkpoint saved.`);
  } else {
    const render = (template: string, count: number) =>
      template
        .replaceAll('{start}', formatTime(start))
        .replaceAll('{end}', formatTime(checkpoint ?? end))
        .replaceAll('{count}', String(count));
    const stored = await storeEverywhere({ destinations, spool, state, notableTypes, render, reporter: r, describe });
    const { succeeded, failed } = stored;
    added = stored.added;
    files.push(...stored.files);
    links.push(...stored.links);
    Object.assign(outputs, stored.outputs);
    if (failed.length) {
      const ok = succeeded.length ? ` (${succeeded.join(', ')} stored the events)` : '';
      failure = [failure, `Destination failed${ok}; the checkpoint was not saved, so the next run fetches these events again: ${failed.join('; ')}`]
        .filter(Boolean)
        .join('\n');
    } else if (state) {
      await cache.save(state);
    }
    saved = failed.length === 0;
  }

  // 5. Outputs and summary.
  const undated = added.undated;
  if (undated) r.warning(`${undated} new event(s) had no usable timestamp; they are kept in ${inputs.path}/undated.jsonl.`, 'Undated events');
  if (added.count === 0) r.info(`No new audit events between ${formatTime(start)} and ${formatTime(reached ?? start)}.`);
  else r.info(`${added.count} new event(s), ${added.notableCount} notable.`);
  Object.assign(outputs, {
    'events-count': String(added.count),
    'fetched-count': String(outcome.fetched),
    'duplicates-count': String(outcome.fetched - added.count),
    'window-start': formatTime(start),
    'window-end': reached === undefined ? '' : formatTime(reached),
    checkpoint: state && saved ? state.checkpoint : '',
    complete: String(complete),
    files: JSON.stringify(files),
    requests: String(client.stats.requests),
    retries: String(client.stats.retries),
    'notable-count': String(added.notableCount),
    'notable-events': `[${added.notable
      .slice(0, MAX_NOTABLE_OUTPUT)
      .map((e) => e.line)
      .join(',')}]`
  });
  r.info(
    `Done in ${formatDuration(clock.now() - startedAt)}: ${client.stats.requests} request(s), ${client.stats.retries} retry(ies), ${formatDuration(client.stats.waitMs)} waiting.`
  );
  try {
    await r.writeSummary(
      renderSummary({
        start,
        end,
        complete,
        dryRun: inputs.dryRun,
        fetched: outcome.fetched,
        added,
        checkpoint: outputs.checkpoint,
        stats: client.stats,
        elapsedMs: clock.now() - startedAt,
        destinations: inputs.destinations,
        files,
        links,
        failure,
        gaps: outcome.gaps
      })
    );
  } catch (error) {
    r.warning(`Could not write the job summary: ${describe(error)}`);
  }
  return finish(failure);
}
