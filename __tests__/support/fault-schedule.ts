// A seeded fault schedule: one seed gives one dataset, one set of inputs and one mix of faults the
// fake Cursor API injects while the action syncs; then the files and the checkpoint are checked
// against what the API held. No Jest here: the Jest suite and `node scripts/soak.ts` both use it.
//
// What must be stored: every event whose timestamp lies within what the runs fetched up to the
// checkpoint, unless it arrived too late to be seen: an event added while the action was running
// is only required when a window covering its timestamp was (re)started after it arrived and that
// window completed, or when a completed window served it. Events already stored are never
// required to change; every stored line must be exactly the API's text, at most once in the tree.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_API_KEY, type Fault, type FakeCursorApi, type RecordedRequest, startFakeCursorApi } from '../../fake/cursor-api.ts';
import { type AuditEventObject, createRng, EVENT_TYPES, generateEvents, makeEvent, type Rng, uuidFromRng } from '../../fake/events.ts';
import { secretForms } from '../../src/key-forms.ts';
import { chainFindings, LEDGER_FILE, readLedger, recordedHashes, sha256 } from '../../src/ledger.ts';
import { run } from '../../src/run.ts';
import { type VirtualClock, virtualClock } from './clock.ts';
import { type FakeCache, fakeCache } from './fake-cache.ts';
import { recorder } from './recorder.ts';
import { isEventFile } from './event-files.ts';
import { readTree } from './harness.ts';
import { loopbackGitHubClient } from './loopback-github.ts';

export const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const KEY = DEFAULT_API_KEY;
const PATH = 'cursor-audit-logs';
const MAX_RUNS = 3;
const MAX_VIOLATIONS = 25;

/**
 * Dataset sizes: 0..MAX_EVENTS events over 1..MAX_DAYS days. At most 28 days: the fake keeps 30
 * (its retention, on by default, as Cursor's), the client never asks for older, and a start rounded
 * down to its UTC day plus a run's virtual time must stay inside.
 */
const MAX_EVENTS = 1500;
const MAX_DAYS = 28;
/** Share of seeds with one request slower than request-timeout (1 s of real time each). */
const SLOW_SEED_SHARE = 0.02;
const SLOW_DELAY_MS = 1100;

export const FAULT_KINDS = ['429-storm', '5xx-burst', 'reset', 'truncate', 'truncate-abort', 'nonjson', 'empty-page', 'wrong-total-pages'] as const;
type FaultKind = (typeof FAULT_KINDS)[number];

export interface SeedParams {
  events: number;
  days: number;
  backfillStartTime: string;
  pageSize: number;
  windowDays: number;
  maxRetries: number;
  lookback: string;
  requestTimeout: string;
  faultRate: number;
  insertRate: number;
  kinds: string[];
  slow: boolean;
}

export interface SeedResult {
  seed: number;
  params: SeedParams;
  /** Runs made: the faulty one, then reruns with the faults off while a run fails. */
  runs: number;
  /** Events in the dataset at the start. */
  events: number;
  /** Events the schedule added while the action ran (in the window being paged, or late with old timestamps). */
  addedEvents: number;
  /** Lines in the tree at the end. */
  stored: number;
  /** Events that had to be stored at the end. */
  required: number;
  requests: number;
  /** Faults and data changes injected, by kind. */
  faults: Record<string, number>;
  /** Things seen happen: the same event served on two pages of one pass, runs that failed. */
  observed: Record<string, number>;
  /** The failure message of each run that failed. */
  runFailures: string[];
  violations: string[];
  ms: number;
  /** The logs of the runs, only with `keepLog` and only when there are violations. */
  log?: string;
}

export interface RunSeedOptions {
  /** Keep the runs' logs in the result when the seed has violations. */
  keepLog?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const iso = (ms: number): string => new Date(ms).toISOString();
const bump = (m: Record<string, number>, k: string, by = 1): void => {
  m[k] = (m[k] ?? 0) + by;
};

function jsonlLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** `YYYY/MM/YYYY-MM-DD.jsonl` of a timestamp's UTC day. */
function dayFile(timestamp: string, ms: number): string {
  const d = /^\d{4}-\d{2}-\d{2}T[^+-]*Z$/.test(timestamp) ? timestamp.slice(0, 10) : iso(ms).slice(0, 10);
  return `${d.slice(0, 4)}/${d.slice(5, 7)}/${d}.jsonl`;
}

/** An RFC 3339 text of `ms` in the +02:00 offset. */
function withOffset(ms: number): string {
  const local = new Date(ms + 2 * HOUR).toISOString().slice(0, 23);
  return `${local}+02:00`;
}

interface Known {
  raw: string;
  time: number;
  /** Index in api.requests from which the fake held it; -1 for the initial dataset. */
  addedAt: number;
}

interface Served {
  run: number;
  start: number;
  end: number;
  ids: string[];
}

interface RunInfo {
  run: number;
  from: number;
  to: number;
  /** End of the last window the run completed (output window-end). */
  reached: number | undefined;
  /** Start of the range the run fetched (output window-start). */
  start: number | undefined;
  /** Whether the run found a checkpoint in the workspace before it started. */
  hadCheckpoint: boolean;
}

/** Runs the seeds, `concurrency` at a time (each has its own fake API, clock and folders). */
export async function runSeeds(seeds: number[], concurrency: number, onResult: (r: SeedResult) => void, options: RunSeedOptions = {}): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < seeds.length) {
      const seed = seeds[next++]!;
      onResult(await runSeed(seed, options));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}

// ---------------------------------------------------------------------------------------------
// The seed: its plan, its world, its runs with the checks after each, the final checks

export async function runSeed(seed: number, options: RunSeedOptions = {}): Promise<SeedResult> {
  const t0 = performance.now();
  const plan = planSeed(seed);
  const world = await startWorld(plan);
  const progress: SeedProgress = { runs: [], runFailures: [], logs: [], lastCheckpoint: undefined, tree: new Map(), required: 0, finalOk: false };
  try {
    await runSchedule(world, progress, options);
  } catch (error) {
    world.violations.add(`threw: ${(error as Error)?.stack ?? String(error)}`);
  } finally {
    await world.api.close();
    await Promise.allSettled(world.served.bodies);
  }
  return finishSeed(world, progress, options, t0);
}

// ---------------------------------------------------------------------------------------------
// The plan: the dataset, the inputs and the mix of faults, all drawn from the seed

interface SeedPlan {
  seed: number;
  params: SeedParams;
  /** The seed's own stream; after the plan it draws the pause before each rerun. */
  rng: Rng;
  /** Draws the faults and the events added while the action runs. */
  faultRng: Rng;
  /** Draws the added events' types and ids. */
  eventRng: Rng;
  /** The client's `random`. */
  clientRng: Rng;
  /** The dataset the fake holds at the start. */
  initial: AuditEventObject[];
  /** The instant backfill-start-time stands for. */
  rangeStart: number;
  /** The chance that a request gets a new fault; params has it rounded. */
  faultRate: number;
  /** The chance that a request adds events first; params has it rounded. */
  insertRate: number;
  kinds: FaultKind[];
  /** The index of the request slowed past request-timeout; -1 for none. */
  slowAt: number;
}

function planSeed(seed: number): SeedPlan {
  const rng = createRng(seed ^ 0x5eed5eed);
  const sub = (): number => Math.floor(rng() * 2 ** 32);
  const faultRng = createRng(sub());
  const eventRng = createRng(sub());
  const clientRng = createRng(sub());
  const { days, count, dataStart, initial } = drawDataset(rng, sub);
  const { backfillStartTime, rangeStart } = drawBackfillStart(rng, dataStart, days);
  const pageSize = Math.round(50 * 10 ** rng()); // log-uniform 50..500: more pages
  const windowDays = int(rng, 1, 30);
  const maxRetries = int(rng, 3, 8);
  const lookback = pick(rng, ['10m', '10m', '10m', '0', '2m', '1h']);
  const faultRate = rng() < 0.06 ? 0 : 0.05 + rng() * 0.4;
  const insertRate = rng() < 0.25 ? 0 : rng() * 0.3;
  let kinds = FAULT_KINDS.filter(() => rng() < 0.55);
  if (kinds.length === 0) kinds = [...FAULT_KINDS];
  const slow = rng() < SLOW_SEED_SHARE;
  const slowAt = slow ? int(rng, 0, 1) : -1;
  const requestTimeout = slow ? '1s' : '30s';
  const params: SeedParams = {
    events: count,
    days,
    backfillStartTime,
    pageSize,
    windowDays,
    maxRetries,
    lookback,
    requestTimeout,
    faultRate: Math.round(faultRate * 1000) / 1000,
    insertRate: Math.round(insertRate * 1000) / 1000,
    kinds,
    slow
  };
  return { seed, params, rng, faultRng, eventRng, clientRng, initial, rangeStart, faultRate, insertRate, kinds, slowAt };
}

function drawDataset(rng: Rng, sub: () => number): { days: number; count: number; dataStart: number; initial: AuditEventObject[] } {
  const days = int(rng, 1, MAX_DAYS);
  // Skewed to small datasets (mean about a quarter of MAX_EVENTS) so 200 seeds stay fast; one seed
  // in eight still has more than 1000 events.
  const count = rng() < 0.06 ? 0 : Math.floor((MAX_EVENTS + 1) * rng() ** 3);
  const dataStart = NOW - days * DAY;
  const initial = generateEvents({ start: dataStart, end: NOW - MINUTE, count, seed: sub() });
  return { days, count, dataStart, initial };
}

/** A backfill-start-time covering the dataset, in one of the accepted forms, and the instant it stands for. */
function drawBackfillStart(rng: Rng, dataStart: number, days: number): { backfillStartTime: string; rangeStart: number } {
  switch (int(rng, 0, 3)) {
    case 0: {
      const rangeStart = dataStart - int(rng, 0, 6 * 3600) * SECOND;
      return { backfillStartTime: iso(rangeStart), rangeStart };
    }
    case 1: {
      const rangeStart = Date.parse(iso(dataStart).slice(0, 10));
      return { backfillStartTime: iso(rangeStart).slice(0, 10), rangeStart };
    }
    case 2:
      return { backfillStartTime: rng() < 0.5 ? `${days}d` : `${days * 24}h`, rangeStart: dataStart };
    default: {
      const rangeStart = dataStart - int(rng, 0, 3600) * SECOND - int(rng, 0, 999);
      return { backfillStartTime: withOffset(rangeStart), rangeStart };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The fault schedule

interface QueuedFault {
  label: string;
  make: (rec: RecordedRequest) => Fault;
}

/**
 * The fault schedule, consulted by the fake for every request that passed auth and its rate limit:
 * the slow request, queued faults (storms and bursts go out one per request), events added while
 * the window is paged or late with old timestamps, and new faults drawn at the plan's rates.
 */
class FaultSchedule {
  /** Faults and added events on (the first run) or off (the reruns). */
  on = true;
  /** Faults and data changes injected, by kind. */
  readonly injected: Record<string, number> = {};
  /** Every event the API held, by event_id. */
  readonly known = new Map<string, Known>();
  private readonly plan: SeedPlan;
  private readonly queue: QueuedFault[] = [];
  private requests = 0;
  private api: FakeCursorApi | undefined;

  constructor(plan: SeedPlan) {
    this.plan = plan;
    for (const e of plan.initial) this.known.set(e.event_id as string, { raw: JSON.stringify(e), time: Date.parse(e.timestamp as string), addedAt: -1 });
  }

  /** The fake the schedule adds events to (started with `onRequest` below, so set afterwards). */
  attach(api: FakeCursorApi): void {
    this.api = api;
  }

  onRequest(rec: RecordedRequest): Fault | undefined {
    if (!this.on) return undefined;
    const next = this.nextFault(rec);
    if (!next) return undefined;
    bump(this.injected, next.label);
    return next.fault;
  }

  private nextFault(rec: RecordedRequest): { label: string; fault: Fault } | undefined {
    const { faultRng, slowAt, insertRate, faultRate, kinds } = this.plan;
    const i = this.requests++;
    if (i === slowAt) return { label: 'slow past request-timeout', fault: { kind: 'slow', delayMs: SLOW_DELAY_MS } };
    const queued = this.queue.shift();
    if (queued) return { label: queued.label, fault: queued.make(rec) };
    if (faultRng() < insertRate) this.insert(rec);
    if (!(faultRng() < faultRate)) return undefined;
    this.queueFaults(pick(faultRng, kinds), rec);
    const first = this.queue.shift()!;
    return { label: first.label, fault: first.make(rec) };
  }

  /** Queues the faults of one drawn kind: one, or a run of them. */
  private queueFaults(kind: FaultKind, rec: RecordedRequest): void {
    const { faultRng } = this.plan;
    const page = Number(rec.query.page ?? '1');
    switch (kind) {
      case '429-storm':
        return this.queue429Storm();
      case '5xx-burst':
        return this.queue5xxBurst();
      case 'empty-page':
        for (let n = int(faultRng, 1, 2); n > 0; n--) this.queue.push({ label: 'empty page claiming a next page', make: () => ({ kind: 'empty-page' }) });
        return;
      case 'wrong-total-pages': {
        const totalPages = pick(faultRng, [0, 1, Math.max(0, page - 1), page, page + 1, page + 7, 1000]);
        this.queue.push({ label: 'wrong totalPages', make: () => ({ kind: 'wrong-total-pages', totalPages }) });
        return;
      }
      default:
        this.queue.push({ label: kind, make: () => ({ kind }) as Fault });
    }
  }

  /** 429s in the three forms; one storm in ten is longer than max-retries. */
  private queue429Storm(): void {
    const { faultRng, params } = this.plan;
    const length = faultRng() < 0.1 ? params.maxRetries + 1 : int(faultRng, 1, 3);
    for (let n = 0; n < length; n++) {
      const form = int(faultRng, 0, 2);
      const seconds = faultRng() < 0.1 ? 0 : int(faultRng, 1, 120);
      if (form === 0) this.queue.push({ label: '429 without Retry-After', make: () => ({ kind: 'status', status: 429 }) });
      else if (form === 1)
        this.queue.push({ label: '429 Retry-After seconds', make: () => ({ kind: 'status', status: 429, headers: { 'Retry-After': String(seconds) } }) });
      else {
        this.queue.push({
          label: '429 Retry-After HTTP-date',
          make: (r) => ({ kind: 'status', status: 429, headers: { 'Retry-After': new Date(r.at + seconds * SECOND).toUTCString() } })
        });
      }
    }
  }

  /** 500, 502 and 503s; a few bursts are longer than max-retries. */
  private queue5xxBurst(): void {
    const { faultRng, params } = this.plan;
    const length = faultRng() < 0.08 ? params.maxRetries + 1 : int(faultRng, 1, 3);
    for (let n = 0; n < length; n++) {
      const status = pick(faultRng, [500, 502, 503]);
      this.queue.push({ label: String(status), make: () => ({ kind: 'status', status }) });
    }
  }

  private insert(rec: RecordedRequest): void {
    const { faultRng, rangeStart } = this.plan;
    const ws = Date.parse(rec.query.startTime ?? '');
    const we = Date.parse(rec.query.endTime ?? '');
    if (!Number.isFinite(ws) || !Number.isFinite(we)) return;
    if (faultRng() < 0.6) {
      this.addEvents('new event in the window being paged', this.timesInWindow(ws, we));
    } else {
      // Late events with old timestamps: before the window being paged when there is room.
      const hi = Math.min(ws > rangeStart ? ws : NOW - MINUTE, NOW - MINUTE);
      const times = Array.from({ length: int(faultRng, 1, 2) }, () => rangeStart + Math.floor(faultRng() * Math.max(1, hi - rangeStart)));
      this.addEvents('late event with an old timestamp', times);
    }
  }

  /** New events inside the window being paged: mostly the newest, so the newest-first pages shift. */
  private timesInWindow(ws: number, we: number): number[] {
    const { faultRng } = this.plan;
    const times: number[] = [];
    for (let n = int(faultRng, 1, 3); n > 0; n--) {
      const r = faultRng();
      if (r < 0.45) times.push(we - int(faultRng, 0, Math.min(we - ws, 10 * MINUTE)));
      else if (r < 0.55) times.push(faultRng() < 0.5 ? we : ws);
      else if (r < 0.75) {
        const inside = [...this.known.values()].filter((k) => k.time >= ws && k.time <= we);
        times.push(inside.length ? pick(faultRng, inside).time : ws + Math.floor(faultRng() * (we - ws)));
      } else times.push(ws + Math.floor(faultRng() * (we - ws + 1)));
    }
    return times;
  }

  private addEvents(label: string, times: number[]): void {
    const { eventRng } = this.plan;
    const api = this.api!;
    const list = times.map((t) => makeEvent(pick(eventRng, EVENT_TYPES), t, { event_id: uuidFromRng(eventRng) }));
    const at = api.requests.length - 1; // the request being answered already sees them
    for (const e of list) this.known.set(e.event_id as string, { raw: JSON.stringify(e), time: Date.parse(e.timestamp as string), addedAt: at });
    api.addEvents(list);
    bump(this.injected, label, list.length);
  }
}

// ---------------------------------------------------------------------------------------------
// What the client received

/** Every 200 page the client could read, by run; counts the same event on two pages of a pass. */
class ServedPages {
  readonly pages: Served[] = [];
  /** The reads of the pages' bodies, pending. */
  readonly bodies: Promise<void>[] = [];
  /** The run under way. */
  run = 0;
  private passIds = new Set<string>();
  private readonly observed: Record<string, number>;

  constructor(observed: Record<string, number>) {
    this.observed = observed;
  }

  /** The client's fetch: the real one, with a copy of each 200 body read on the side. */
  readonly fetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (res.status === 200) {
      const url = new URL(String(input));
      const runAt = this.run;
      this.bodies.push(
        res
          .clone()
          .text()
          .then((text) => this.record(url, runAt, text))
          .catch(() => undefined)
      );
    }
    return res;
  };

  private record(url: URL, run: number, text: string): void {
    const data = JSON.parse(text) as { events?: Array<{ event_id?: string }> };
    if (!Array.isArray(data.events)) return;
    const ids = data.events.map((e) => String(e.event_id));
    if ((url.searchParams.get('page') ?? '1') === '1') this.passIds = new Set();
    for (const id of ids) {
      if (this.passIds.has(id)) bump(this.observed, 'same event on two pages of a pass');
      this.passIds.add(id);
    }
    this.pages.push({ run, start: Date.parse(url.searchParams.get('startTime')!), end: Date.parse(url.searchParams.get('endTime')!), ids });
  }
}

// ---------------------------------------------------------------------------------------------
// The seed's world

/** The first MAX_VIOLATIONS violations, then a line saying more were left out. */
class Violations {
  readonly list: string[] = [];
  readonly add = (message: string): void => {
    if (this.list.length < MAX_VIOLATIONS) this.list.push(message);
    else if (this.list.length === MAX_VIOLATIONS) this.list.push('… more violations left out');
  };
}

type Violate = (message: string) => void;

/** What a seed's runs share: the fake API and its schedule, the clock, the folders, what was seen. */
interface SeedWorld {
  plan: SeedPlan;
  api: FakeCursorApi;
  clock: VirtualClock;
  schedule: FaultSchedule;
  served: ServedPages;
  /** The seed's temporary folder, holding the workspace, the runner's home and the cache service. */
  root: string;
  workspace: string;
  home: string;
  cache: FakeCache;
  observed: Record<string, number>;
  violations: Violations;
}

/** What the runs have left so far, for the next run's checks and the result. */
interface SeedProgress {
  runs: RunInfo[];
  runFailures: string[];
  logs: string[];
  /** The checkpoint after the latest run that left a readable one. */
  lastCheckpoint: number | undefined;
  /** The workspace's files after the latest run. */
  tree: Map<string, string>;
  /** Events that had to be stored, as of the latest readable checkpoint. */
  required: number;
  /** A run succeeded. */
  finalOk: boolean;
}

async function startWorld(plan: SeedPlan): Promise<SeedWorld> {
  const clock = virtualClock(NOW);
  const schedule = new FaultSchedule(plan);
  const api = await startFakeCursorApi({
    now: clock.now,
    events: plan.initial,
    rateLimit: { limit: 20, windowMs: 60_000 },
    onRequest: (rec) => schedule.onRequest(rec)
  });
  schedule.attach(api);
  const observed: Record<string, number> = {};
  const served = new ServedPages(observed);
  const root = await mkdtemp(join(tmpdir(), 'cal-seed-'));
  const home = join(root, 'home'); // the runner's home: the checkpoint folder the cache saves
  const cache = fakeCache(join(root, 'cache-service'), home);
  return { plan, api, clock, schedule, served, root, workspace: join(root, 'workspace'), home, cache, observed, violations: new Violations() };
}

async function finishSeed(world: SeedWorld, progress: SeedProgress, options: RunSeedOptions, t0: number): Promise<SeedResult> {
  const { plan, api, schedule, observed, violations } = world;
  let stored = 0;
  for (const [f, t] of progress.tree) if (isEventFile(f)) stored += jsonlLines(t).length;
  await rm(world.root, { recursive: true, force: true });
  return {
    seed: plan.seed,
    params: plan.params,
    runs: progress.runs.length,
    events: plan.params.events,
    addedEvents: schedule.known.size - plan.params.events,
    stored,
    required: progress.required,
    requests: api.requests.length,
    faults: schedule.injected,
    observed,
    runFailures: progress.runFailures,
    violations: violations.list,
    ms: Math.round(performance.now() - t0),
    ...(options.keepLog && violations.list.length ? { log: progress.logs.join('\n') } : {})
  };
}

// ---------------------------------------------------------------------------------------------
// The runs

/** One run of the action and what it left. */
interface RunResult {
  run: number;
  /** `run N (faults on|off)`, the start of its violations. */
  where: string;
  /** The workspace's files before and after the run. */
  before: Map<string, string>;
  after: Map<string, string>;
  /** The clock when the run started: no checkpoint may pass it. */
  end: number;
  outputs: Awaited<ReturnType<typeof run>>;
  /** Everything the run showed. */
  log: string;
  failed: string | undefined;
  info: RunInfo;
}

/** The faulty run, then reruns with the faults off while a run fails; the checks after each; the final checks. */
async function runSchedule(world: SeedWorld, progress: SeedProgress, options: RunSeedOptions): Promise<void> {
  const violate = world.violations.add;
  for (let k = 1; k <= MAX_RUNS; k++) {
    const result = await runAction(world, progress, k, options);
    checkRun(world, progress, result);
    if (!result.failed) {
      if (result.outputs.complete !== 'true') violate(`${result.where}: succeeded with complete=${result.outputs.complete}`);
      progress.finalOk = true;
      break;
    }
    bump(world.observed, `run ${k} failed`);
  }
  if (!progress.finalOk) violate(`still failing after ${MAX_RUNS} runs: ${progress.runFailures[progress.runFailures.length - 1] ?? ''}`);
  else if (progress.lastCheckpoint === undefined) violate('no state.json after a successful run');
}

function actionInputs(world: SeedWorld): Record<string, string> {
  const { params } = world.plan;
  return {
    'api-key': KEY,
    'base-url': world.api.url,
    destination: 'workspace',
    'requests-per-minute': '20',
    'backfill-start-time': params.backfillStartTime,
    'page-size': String(params.pageSize),
    'window-days': String(params.windowDays),
    'max-retries': String(params.maxRetries),
    'request-timeout': params.requestTimeout,
    'checkpoint-key': `fault-schedule-${world.plan.seed}`,
    lookback: params.lookback
  };
}

/** Run `k` of the action (faults on for the first only; a pause of 1..30 minutes before each rerun). */
async function runAction(world: SeedWorld, progress: SeedProgress, k: number, options: RunSeedOptions): Promise<RunResult> {
  const { api, clock, served } = world;
  world.schedule.on = k === 1;
  served.run = k;
  if (k > 1) clock.advance(int(world.plan.rng, 1, 30) * MINUTE);
  const before = progress.tree;
  const hadCheckpoint = before.has(`${PATH}/state.json`);
  const end = clock.now();
  const from = api.requests.length;
  const values = actionInputs(world);
  const reporter = recorder();
  const outputs = await run({
    getInput: (n) => (values[n] ?? '').trim(),
    reporter,
    cache: world.cache,
    clock,
    sleep: clock.sleep,
    random: world.plan.clientRng,
    fetch: served.fetch,
    createGitHubClient: loopbackGitHubClient,
    env: { HOME: world.home, GITHUB_WORKSPACE: world.workspace, GITHUB_RUN_ID: String(1000 + k), GITHUB_RUN_ATTEMPT: '1' }
  });
  await Promise.all(served.bodies.splice(0));
  const failed = reporter.rec.failed;
  if (failed !== undefined) progress.runFailures.push(`run ${k}: ${failed}`);
  if (options.keepLog) progress.logs.push(`===== run ${k} =====\n${reporter.text()}`);
  const info: RunInfo = {
    run: k,
    from,
    to: api.requests.length,
    reached: outputs['window-end'] ? Date.parse(outputs['window-end']) : undefined,
    start: outputs['window-start'] ? Date.parse(outputs['window-start']) : undefined,
    hadCheckpoint
  };
  progress.runs.push(info);
  const after = (progress.tree = await readTree(world.workspace));
  const where = `run ${k}${k === 1 ? ' (faults on)' : ' (faults off)'}`;
  return { run: k, where, before, after, end, outputs, log: reporter.text(), failed, info };
}

// ---------------------------------------------------------------------------------------------
// The checks after each run

/** Every check, in this order (the first MAX_VIOLATIONS violations are kept). */
function checkRun(world: SeedWorld, progress: SeedProgress, result: RunResult): void {
  const violate = world.violations.add;
  const { where, outputs } = result;
  const { rangeStart, params } = world.plan;
  if (result.run === 1 && result.info.start !== rangeStart)
    violate(`${where}: window-start ${outputs['window-start']} is not backfill-start-time ${params.backfillStartTime} (${iso(rangeStart)})`);
  checkKeyLeaks(result, violate);
  checkRateLimit(world.api, result, violate);
  const { ids, lines } = checkFiles(result, world.schedule.known, violate);
  const linesBefore = checkAppendOnly(result, violate);
  if (outputs['events-count'] !== String(lines - linesBefore)) {
    violate(`${where}: events-count is ${outputs['events-count']} but ${lines - linesBefore} line(s) were added`);
  }
  checkLedger(result, violate);
  checkCheckpoint(world, progress, result, ids);
}

function checkKeyLeaks({ where, log, after }: RunResult, violate: Violate): void {
  const texts = [log, ...after.keys(), ...after.values()];
  for (const form of secretForms(KEY)) if (texts.some((t) => t.includes(form))) violate(`${where}: the API key leaked (a form of length ${form.length})`);
}

/** The client's own rate limit: never more than 20 requests in any rolling 60 s, retries included. */
function checkRateLimit(api: FakeCursorApi, { where, info }: RunResult, violate: Violate): void {
  const from = info.from;
  const at = api.requests.slice(from).map((r) => r.at);
  for (let i = 20; i < at.length; i++) {
    if (at[i]! - at[i - 20]! < 60_000) {
      violate(`${where}: 21 requests within ${at[i]! - at[i - 20]!} ms (requests ${from + i - 20}..${from + i})`);
      break;
    }
  }
}

/**
 * The files: valid JSONL, sorted, each event in its day's file, each line the API's text, once in
 * the tree. Returns where each stored event is and the number of lines.
 */
function checkFiles(result: RunResult, known: Map<string, Known>, violate: Violate): { ids: Map<string, string>; lines: number } {
  const { where } = result;
  const ids = new Map<string, string>();
  let lines = 0;
  for (const [file, text] of result.after) {
    if (!file.startsWith(`${PATH}/`)) {
      violate(`${where}: unexpected file ${file} outside ${PATH}/`);
      continue;
    }
    const name = file.slice(PATH.length + 1);
    if (name === 'state.json' || name === LEDGER_FILE) continue; // the ledger: checkLedger
    if (!name.endsWith('.jsonl')) {
      violate(`${where}: unexpected file ${file}`);
      continue;
    }
    if (text !== '' && !text.endsWith('\n')) violate(`${where}: ${file} does not end with a newline`);
    if (text === '') violate(`${where}: ${file} is empty`);
    const fileLines = jsonlLines(text);
    lines += fileLines.length;
    let prev: { time: number; id: string } | undefined;
    for (const [n, line] of fileLines.entries()) prev = checkLine({ where, file, name, n, line, prev, known, ids }, violate) ?? prev;
  }
  return { ids, lines };
}

interface StoredLine {
  where: string;
  file: string;
  /** The file's path under PATH. */
  name: string;
  /** The line's index in the file. */
  n: number;
  line: string;
  /** The dated line before it in the file. */
  prev: { time: number; id: string } | undefined;
  known: Map<string, Known>;
  /** Where each event seen so far is stored; this line's is added. */
  ids: Map<string, string>;
}

/** One line of a day file; returns its time and id when it is a dated event (the next line's `prev`). */
function checkLine({ where, file, name, n, line, prev, known, ids }: StoredLine, violate: Violate): { time: number; id: string } | undefined {
  let obj: Record<string, unknown>;
  try {
    obj = JSON.parse(line) as Record<string, unknown>;
  } catch {
    violate(`${where}: ${file}:${n + 1} is not JSON: ${line.slice(0, 80)}`);
    return undefined;
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
    violate(`${where}: ${file}:${n + 1} is not one JSON object`);
    return undefined;
  }
  const id = String(obj.event_id);
  const time = Date.parse(String(obj.timestamp));
  const knownEvent = known.get(id);
  if (!knownEvent) violate(`${where}: ${file}:${n + 1} holds ${id}, an event the API never had`);
  else if (knownEvent.raw !== line) violate(`${where}: ${file}:${n + 1} is not the API's text of ${id}`);
  if (ids.has(id)) violate(`${where}: ${id} is stored twice (${ids.get(id)} and ${file}:${n + 1})`);
  else ids.set(id, `${file}:${n + 1}`);
  if (!Number.isFinite(time)) {
    if (name !== 'undated.jsonl') violate(`${where}: ${file}:${n + 1} has no usable timestamp`);
    return undefined;
  }
  const day = dayFile(String(obj.timestamp), time);
  if (day !== name) violate(`${where}: ${id} (${obj.timestamp}) is in ${file}, not ${PATH}/${day}`);
  if (prev && (time < prev.time || (time === prev.time && id <= prev.id))) {
    violate(`${where}: ${file}:${n + 1} (${obj.timestamp} ${id}) is out of order after ${iso(prev.time)} ${prev.id}`);
  }
  return { time, id };
}

/** Append-only: every line a file (the ledger too) held is still there, in the same order. Returns the event lines held before. */
function checkAppendOnly({ where, before, after }: RunResult, violate: Violate): number {
  let linesBefore = 0;
  for (const [file, text] of before) {
    if (!file.endsWith('.jsonl')) continue;
    const old = jsonlLines(text);
    if (isEventFile(file)) linesBefore += old.length;
    const now = jsonlLines(after.get(file) ?? '');
    let j = 0;
    for (const line of now) if (j < old.length && line === old[j]) j++;
    if (j < old.length) violate(`${where}: ${file} lost or reordered line ${j + 1} it held before: ${old[j]!.slice(0, 80)}`);
  }
  return linesBefore;
}

/**
 * The ledger: an unbroken chain of ledger lines, one more for each run that stored (its state.json
 * changed), recording every event file with the SHA-256 the file has.
 */
function checkLedger({ where, before, after }: RunResult, violate: Violate): void {
  const ledgerPath = `${PATH}/${LEDGER_FILE}`;
  const lines = readLedger(after.has(ledgerPath) ? Buffer.from(after.get(ledgerPath)!) : undefined);
  const linesBefore = readLedger(before.has(ledgerPath) ? Buffer.from(before.get(ledgerPath)!) : undefined).length;
  const stored = after.get(`${PATH}/state.json`) !== before.get(`${PATH}/state.json`);
  if (lines.length !== linesBefore + (stored ? 1 : 0))
    violate(`${where}: the ledger went from ${linesBefore} to ${lines.length} line(s) over a run that ${stored ? 'stored' : 'did not store'}`);
  for (const finding of chainFindings(lines)) violate(`${where}: ${ledgerPath}: ${finding.message}`);
  const recorded = recordedHashes(lines);
  for (const [file, text] of after) {
    if (!isEventFile(file)) continue;
    const hash = recorded.get(file.slice(PATH.length + 1));
    if (hash === undefined) violate(`${where}: the ledger never recorded ${file}`);
    else if (hash !== sha256(text)) violate(`${where}: ${file} has SHA-256 ${sha256(text).slice(0, 12)}, the ledger recorded ${hash.slice(0, 12)}`);
  }
  for (const file of recorded.keys()) if (!after.has(`${PATH}/${file}`)) violate(`${where}: the ledger records ${PATH}/${file}, which is missing`);
}

/** The checkpoint: never backwards, never past the run's end, never past an event not stored. */
function checkCheckpoint(world: SeedWorld, progress: SeedProgress, result: RunResult, ids: Map<string, string>): void {
  const violate = world.violations.add;
  const { where, end, outputs } = result;
  const checkpoint = readCheckpoint(result, violate);
  if (checkpoint === undefined || !Number.isFinite(checkpoint)) return;
  const { lastCheckpoint } = progress;
  if (lastCheckpoint !== undefined && checkpoint < lastCheckpoint)
    violate(`${where}: the checkpoint moved back from ${iso(lastCheckpoint)} to ${iso(checkpoint)}`);
  if (checkpoint > end) violate(`${where}: the checkpoint ${iso(checkpoint)} is after the run's end ${iso(end)}`);
  if (outputs.checkpoint && Date.parse(outputs.checkpoint) !== checkpoint)
    violate(`${where}: output checkpoint ${outputs.checkpoint} differs from state.json ${iso(checkpoint)}`);
  progress.lastCheckpoint = checkpoint;
  checkCoverage(world, progress, result, checkpoint, ids);
}

/** The checkpoint in state.json (NaN when unreadable), or undefined when there is none or it is not JSON. */
function readCheckpoint({ where, after }: RunResult, violate: Violate): number | undefined {
  const stateText = after.get(`${PATH}/state.json`);
  if (stateText === undefined) return undefined;
  try {
    const state = JSON.parse(stateText) as { version?: number; checkpoint?: string };
    const checkpoint = Date.parse(state.checkpoint ?? '');
    if (state.version !== 1 || !Number.isFinite(checkpoint)) violate(`${where}: state.json has no version 1 checkpoint: ${stateText.slice(0, 120)}`);
    return checkpoint;
  } catch {
    violate(`${where}: state.json is not JSON`);
    return undefined;
  }
}

/**
 * Up to the checkpoint, from the start of the latest run without a checkpoint: completed windows
 * cover every instant, and every event that had to be seen is stored (see the top of this file).
 */
function checkCoverage(world: SeedWorld, progress: SeedProgress, result: RunResult, checkpoint: number, ids: Map<string, string>): void {
  const violate = world.violations.add;
  const { where } = result;
  const { runs } = progress;
  const fresh = [...runs].reverse().find((r) => !r.hadCheckpoint);
  const coveredFrom = fresh?.start ?? world.plan.rangeStart;
  const complete = completedWindows(world.api, runs);
  const gap = firstGap(complete, coveredFrom, checkpoint);
  if (gap !== undefined) violate(`${where}: the checkpoint ${iso(checkpoint)} passes ${iso(gap)}, which no completed window covered`);
  const servedDone = servedInCompletedWindows(world.served.pages, runs);
  let missing = 0;
  progress.required = 0;
  for (const [id, e] of world.schedule.known) {
    if (e.time < coveredFrom || e.time > checkpoint) continue;
    const must = e.addedAt < 0 || servedDone.has(id) || complete.some((w) => w.index >= e.addedAt && w.start <= e.time && e.time <= w.end);
    if (!must) continue;
    progress.required++;
    if (!ids.has(id)) {
      missing++;
      const why = e.addedAt < 0 ? 'in the dataset from the start' : `added at request ${e.addedAt}${servedDone.has(id) ? ', served' : ''}`;
      violate(`${where}: ${id} (${iso(e.time)}, ${why}) is not stored, yet the checkpoint is ${iso(checkpoint)}`);
    }
  }
  if (missing > 0) bump(world.observed, 'missing events', missing);
}

/** The ids served on pages of windows their run completed. */
function servedInCompletedWindows(pages: Served[], runs: RunInfo[]): Set<string> {
  const servedDone = new Set<string>();
  for (const s of pages) {
    const r = runs.find((x) => x.run === s.run);
    if (r?.reached !== undefined && s.end <= r.reached) for (const id of s.ids) servedDone.add(id);
  }
  return servedDone;
}

interface CompletedWindow {
  /** Index of a page-1 request of the window. */
  index: number;
  start: number;
  end: number;
}

/** The page-1 requests of windows that their run completed (window end at or before its window-end). */
function completedWindows(api: FakeCursorApi, runs: RunInfo[]): CompletedWindow[] {
  const out: CompletedWindow[] = [];
  for (const r of runs) {
    if (r.reached === undefined) continue;
    for (let i = r.from; i < r.to; i++) {
      const q = api.requests[i]!.query;
      if ((q.page ?? '1') !== '1') continue;
      const start = Date.parse(q.startTime ?? '');
      const end = Date.parse(q.endTime ?? '');
      if (Number.isFinite(start) && Number.isFinite(end) && end <= r.reached) out.push({ index: i, start, end });
    }
  }
  return out;
}

/** The first instant of [from, to] that no window covers, or undefined. */
function firstGap(windows: CompletedWindow[], from: number, to: number): number | undefined {
  let reached = from;
  for (const w of [...windows].sort((a, b) => a.start - b.start)) {
    if (w.start > reached) break;
    if (w.end > reached) reached = w.end;
  }
  return reached >= to ? undefined : reached;
}

// ---------------------------------------------------------------------------------------------
// Totals over many seeds

export interface Totals {
  seeds: number;
  failedSeeds: number[];
  runs: number;
  events: number;
  addedEvents: number;
  requests: number;
  firstRunsFailed: number;
  slowSeeds: number;
  faults: Record<string, number>;
  observed: Record<string, number>;
  ms: number;
}

export function emptyTotals(): Totals {
  return { seeds: 0, failedSeeds: [], runs: 0, events: 0, addedEvents: 0, requests: 0, firstRunsFailed: 0, slowSeeds: 0, faults: {}, observed: {}, ms: 0 };
}

export function addToTotals(t: Totals, r: SeedResult): void {
  t.seeds++;
  if (r.violations.length) {
    t.failedSeeds.push(r.seed);
    t.failedSeeds.sort((a, b) => a - b);
  }
  t.runs += r.runs;
  t.events += r.events;
  t.addedEvents += r.addedEvents;
  t.requests += r.requests;
  if (r.runs > 1) t.firstRunsFailed++;
  if (r.params.slow) t.slowSeeds++;
  for (const [k, v] of Object.entries(r.faults)) bump(t.faults, k, v);
  for (const [k, v] of Object.entries(r.observed)) bump(t.observed, k, v);
  t.ms += r.ms;
}

export function formatTotals(t: Totals): string {
  const table = (m: Record<string, number>) =>
    Object.entries(m)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `  ${k.padEnd(40)} ${v}`)
      .join('\n');
  return [
    `seeds: ${t.seeds} (${t.seeds - t.failedSeeds.length} passed, ${t.failedSeeds.length} failed${t.failedSeeds.length ? `: ${t.failedSeeds.slice(0, 50).join(', ')}${t.failedSeeds.length > 50 ? ', …' : ''}` : ''})`,
    `runs: ${t.runs} (${t.firstRunsFailed} seed(s) needed a rerun), requests: ${t.requests}, events: ${t.events} + ${t.addedEvents} added while running, slow seeds: ${t.slowSeeds}, seed times summed: ${(t.ms / 1000).toFixed(1)} s`,
    'faults injected, by kind:',
    table(t.faults),
    'observed:',
    table(t.observed)
  ].join('\n');
}
