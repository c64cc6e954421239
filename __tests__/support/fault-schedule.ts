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
import { createRng, EVENT_TYPES, generateEvents, makeEvent, type Rng, uuidFromRng } from '../../fake/events.ts';
import { secretForms } from '../../src/key-forms.ts';
import { run } from '../../src/run.ts';
import { virtualClock } from './clock.ts';
import { fakeCache } from './fake-cache.ts';
import { recorder } from './recorder.ts';
import { readTree } from './harness.ts';

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
// The seed

export async function runSeed(seed: number, options: RunSeedOptions = {}): Promise<SeedResult> {
  const t0 = performance.now();
  const rng = createRng(seed ^ 0x5eed5eed);
  const sub = (): number => Math.floor(rng() * 2 ** 32);
  const faultRng = createRng(sub());
  const eventRng = createRng(sub());
  const clientRng = createRng(sub());

  // Dataset.
  const days = int(rng, 1, MAX_DAYS);
  // Skewed to small datasets (mean about a quarter of MAX_EVENTS) so 200 seeds stay fast; one seed
  // in eight still has more than 1000 events.
  const count = rng() < 0.06 ? 0 : Math.floor((MAX_EVENTS + 1) * rng() ** 3);
  const dataStart = NOW - days * DAY;
  const initial = generateEvents({ start: dataStart, end: NOW - MINUTE, count, seed: sub() });

  // Inputs; backfill-start-time covers the dataset in one of the accepted forms.
  let backfillStartTime: string;
  let rangeStart: number;
  switch (int(rng, 0, 3)) {
    case 0:
      rangeStart = dataStart - int(rng, 0, 6 * 3600) * SECOND;
      backfillStartTime = iso(rangeStart);
      break;
    case 1:
      rangeStart = Date.parse(iso(dataStart).slice(0, 10));
      backfillStartTime = iso(rangeStart).slice(0, 10);
      break;
    case 2:
      rangeStart = dataStart;
      backfillStartTime = rng() < 0.5 ? `${days}d` : `${days * 24}h`;
      break;
    default:
      rangeStart = dataStart - int(rng, 0, 3600) * SECOND - int(rng, 0, 999);
      backfillStartTime = withOffset(rangeStart);
  }
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

  const known = new Map<string, Known>();
  for (const e of initial) known.set(e.event_id as string, { raw: JSON.stringify(e), time: Date.parse(e.timestamp as string), addedAt: -1 });

  const faults: Record<string, number> = {};
  const observed: Record<string, number> = {};
  const violations: string[] = [];
  const violate = (message: string): void => {
    if (violations.length < MAX_VIOLATIONS) violations.push(message);
    else if (violations.length === MAX_VIOLATIONS) violations.push('… more violations left out');
  };

  // The fault schedule, consulted by the fake for every request that passed auth and its rate limit.
  let faultsOn = true;
  let faultRequests = 0;
  const queue: Array<{ label: string; make: (rec: RecordedRequest) => Fault }> = [];
  // eslint-disable-next-line prefer-const -- assigned once below, after the closures that read it
  let api: FakeCursorApi | undefined;
  const clock = virtualClock(NOW);

  const addEvents = (label: string, times: number[]): void => {
    const list = times.map((t) => makeEvent(pick(eventRng, EVENT_TYPES), t, { event_id: uuidFromRng(eventRng) }));
    const at = api!.requests.length - 1; // the request being answered already sees them
    for (const e of list) known.set(e.event_id as string, { raw: JSON.stringify(e), time: Date.parse(e.timestamp as string), addedAt: at });
    api!.addEvents(list);
    bump(faults, label, list.length);
  };

  const insert = (rec: RecordedRequest): void => {
    const ws = Date.parse(rec.query.startTime ?? '');
    const we = Date.parse(rec.query.endTime ?? '');
    if (!Number.isFinite(ws) || !Number.isFinite(we)) return;
    if (faultRng() < 0.6) {
      // New events inside the window being paged: mostly the newest, so the newest-first pages shift.
      const times: number[] = [];
      for (let n = int(faultRng, 1, 3); n > 0; n--) {
        const r = faultRng();
        if (r < 0.45) times.push(we - int(faultRng, 0, Math.min(we - ws, 10 * MINUTE)));
        else if (r < 0.55) times.push(faultRng() < 0.5 ? we : ws);
        else if (r < 0.75) {
          const inside = [...known.values()].filter((k) => k.time >= ws && k.time <= we);
          times.push(inside.length ? pick(faultRng, inside).time : ws + Math.floor(faultRng() * (we - ws)));
        } else times.push(ws + Math.floor(faultRng() * (we - ws + 1)));
      }
      addEvents('new event in the window being paged', times);
    } else {
      // Late events with old timestamps: before the window being paged when there is room.
      const hi = Math.min(ws > rangeStart ? ws : NOW - MINUTE, NOW - MINUTE);
      const times = Array.from({ length: int(faultRng, 1, 2) }, () => rangeStart + Math.floor(faultRng() * Math.max(1, hi - rangeStart)));
      addEvents('late event with an old timestamp', times);
    }
  };

  const nextFault = (rec: RecordedRequest): { label: string; fault: Fault } | undefined => {
    const i = faultRequests++;
    if (i === slowAt) return { label: 'slow past request-timeout', fault: { kind: 'slow', delayMs: SLOW_DELAY_MS } };
    const queued = queue.shift();
    if (queued) return { label: queued.label, fault: queued.make(rec) };
    if (faultRng() < insertRate) insert(rec);
    if (!(faultRng() < faultRate)) return undefined;
    const kind: FaultKind = pick(faultRng, kinds);
    const page = Number(rec.query.page ?? '1');
    switch (kind) {
      case '429-storm': {
        const length = faultRng() < 0.1 ? maxRetries + 1 : int(faultRng, 1, 3);
        for (let n = 0; n < length; n++) {
          const form = int(faultRng, 0, 2);
          const seconds = faultRng() < 0.1 ? 0 : int(faultRng, 1, 120);
          if (form === 0) queue.push({ label: '429 without Retry-After', make: () => ({ kind: 'status', status: 429 }) });
          else if (form === 1)
            queue.push({ label: '429 Retry-After seconds', make: () => ({ kind: 'status', status: 429, headers: { 'Retry-After': String(seconds) } }) });
          else {
            queue.push({
              label: '429 Retry-After HTTP-date',
              make: (r) => ({ kind: 'status', status: 429, headers: { 'Retry-After': new Date(r.at + seconds * SECOND).toUTCString() } })
            });
          }
        }
        break;
      }
      case '5xx-burst': {
        const length = faultRng() < 0.08 ? maxRetries + 1 : int(faultRng, 1, 3);
        for (let n = 0; n < length; n++) {
          const status = pick(faultRng, [500, 502, 503]);
          queue.push({ label: String(status), make: () => ({ kind: 'status', status }) });
        }
        break;
      }
      case 'empty-page':
        for (let n = int(faultRng, 1, 2); n > 0; n--) queue.push({ label: 'empty page claiming a next page', make: () => ({ kind: 'empty-page' }) });
        break;
      case 'wrong-total-pages': {
        const totalPages = pick(faultRng, [0, 1, Math.max(0, page - 1), page, page + 1, page + 7, 1000]);
        queue.push({ label: 'wrong totalPages', make: () => ({ kind: 'wrong-total-pages', totalPages }) });
        break;
      }
      default:
        queue.push({ label: kind, make: () => ({ kind }) as Fault });
    }
    const first = queue.shift()!;
    return { label: first.label, fault: first.make(rec) };
  };

  api = await startFakeCursorApi({
    now: clock.now,
    events: initial,
    rateLimit: { limit: 20, windowMs: 60_000 },
    onRequest: (rec) => {
      if (!faultsOn) return undefined;
      const next = nextFault(rec);
      if (!next) return undefined;
      bump(faults, next.label);
      return next.fault;
    }
  });

  // What the client received: every 200 page it could read, and the same event on two pages of a pass.
  const served: Served[] = [];
  const bodies: Promise<void>[] = [];
  let currentRun = 0;
  let passIds = new Set<string>();
  const recordingFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (res.status === 200) {
      const url = new URL(String(input));
      const runAt = currentRun;
      bodies.push(
        res
          .clone()
          .text()
          .then((text) => {
            const data = JSON.parse(text) as { events?: Array<{ event_id?: string }> };
            if (!Array.isArray(data.events)) return;
            const ids = data.events.map((e) => String(e.event_id));
            if ((url.searchParams.get('page') ?? '1') === '1') passIds = new Set();
            for (const id of ids) {
              if (passIds.has(id)) bump(observed, 'same event on two pages of a pass');
              passIds.add(id);
            }
            served.push({ run: runAt, start: Date.parse(url.searchParams.get('startTime')!), end: Date.parse(url.searchParams.get('endTime')!), ids });
          })
          .catch(() => undefined)
      );
    }
    return res;
  };

  const root = await mkdtemp(join(tmpdir(), 'cal-seed-'));
  const workspace = join(root, 'workspace');
  const home = join(root, 'home'); // the runner's home: the checkpoint folder the cache saves
  const checkpointKey = `fault-schedule-${seed}`;
  const cache = fakeCache(join(root, 'cache-service'), home);
  const runs: RunInfo[] = [];
  const runFailures: string[] = [];
  const logs: string[] = [];
  let lastCheckpoint: number | undefined;
  let tree = new Map<string, string>();
  let finalOk = false;
  let required = 0;

  try {
    for (let k = 1; k <= MAX_RUNS; k++) {
      faultsOn = k === 1;
      currentRun = k;
      if (k > 1) clock.advance(int(rng, 1, 30) * MINUTE);
      const before = tree;
      const hadCheckpoint = before.has(`${PATH}/state.json`);
      const end = clock.now();
      const from = api.requests.length;
      const values: Record<string, string> = {
        'api-key': KEY,
        'base-url': api.url,
        destination: 'workspace',
        'requests-per-minute': '20',
        'backfill-start-time': backfillStartTime,
        'page-size': String(pageSize),
        'window-days': String(windowDays),
        'max-retries': String(maxRetries),
        'request-timeout': requestTimeout,
        'checkpoint-key': checkpointKey,
        lookback
      };
      const rec = recorder();
      const outputs = await run({
        getInput: (n) => (values[n] ?? '').trim(),
        reporter: rec,
        cache,
        clock,
        sleep: clock.sleep,
        random: clientRng,
        fetch: recordingFetch,
        spaceGitHubWrites: false,
        env: { HOME: home, GITHUB_WORKSPACE: workspace, GITHUB_RUN_ID: String(1000 + k), GITHUB_RUN_ATTEMPT: '1' }
      });
      await Promise.all(bodies.splice(0));
      const failed = rec.rec.failed;
      if (failed !== undefined) runFailures.push(`run ${k}: ${failed}`);
      if (options.keepLog) logs.push(`===== run ${k} =====\n${rec.text()}`);
      const info: RunInfo = {
        run: k,
        from,
        to: api.requests.length,
        reached: outputs['window-end'] ? Date.parse(outputs['window-end']) : undefined,
        start: outputs['window-start'] ? Date.parse(outputs['window-start']) : undefined,
        hadCheckpoint
      };
      runs.push(info);
      const after = (tree = await readTree(workspace));
      const where = `run ${k}${k === 1 ? ' (faults on)' : ' (faults off)'}`;

      if (k === 1 && info.start !== rangeStart)
        violate(`${where}: window-start ${outputs['window-start']} is not backfill-start-time ${backfillStartTime} (${iso(rangeStart)})`);

      // Key leaks.
      const texts = [rec.text(), ...after.keys(), ...after.values()];
      for (const form of secretForms(KEY)) if (texts.some((t) => t.includes(form))) violate(`${where}: the API key leaked (a form of length ${form.length})`);

      // Client-side rate limit: never more than 20 requests in any rolling 60 s, retries included.
      const at = api.requests.slice(from).map((r) => r.at);
      for (let i = 20; i < at.length; i++) {
        if (at[i]! - at[i - 20]! < 60_000) {
          violate(`${where}: 21 requests within ${at[i]! - at[i - 20]!} ms (requests ${from + i - 20}..${from + i})`);
          break;
        }
      }

      // Files: valid JSONL, sorted, each event in its day's file, each line the API's text, once in the tree.
      const ids = new Map<string, string>();
      let lines = 0;
      for (const [file, text] of after) {
        if (!file.startsWith(`${PATH}/`)) {
          violate(`${where}: unexpected file ${file} outside ${PATH}/`);
          continue;
        }
        const name = file.slice(PATH.length + 1);
        if (name === 'state.json') continue;
        if (!name.endsWith('.jsonl')) {
          violate(`${where}: unexpected file ${file}`);
          continue;
        }
        if (text !== '' && !text.endsWith('\n')) violate(`${where}: ${file} does not end with a newline`);
        if (text === '') violate(`${where}: ${file} is empty`);
        let prev: { time: number; id: string } | undefined;
        for (const [n, line] of jsonlLines(text).entries()) {
          lines++;
          let obj: Record<string, unknown>;
          try {
            obj = JSON.parse(line) as Record<string, unknown>;
          } catch {
            violate(`${where}: ${file}:${n + 1} is not JSON: ${line.slice(0, 80)}`);
            continue;
          }
          if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
            violate(`${where}: ${file}:${n + 1} is not one JSON object`);
            continue;
          }
          const id = String(obj.event_id);
          const time = Date.parse(String(obj.timestamp));
          const k2 = known.get(id);
          if (!k2) violate(`${where}: ${file}:${n + 1} holds ${id}, an event the API never had`);
          else if (k2.raw !== line) violate(`${where}: ${file}:${n + 1} is not the API's text of ${id}`);
          if (ids.has(id)) violate(`${where}: ${id} is stored twice (${ids.get(id)} and ${file}:${n + 1})`);
          else ids.set(id, `${file}:${n + 1}`);
          if (!Number.isFinite(time)) {
            if (name !== 'undated.jsonl') violate(`${where}: ${file}:${n + 1} has no usable timestamp`);
            continue;
          }
          const day = dayFile(String(obj.timestamp), time);
          if (day !== name) violate(`${where}: ${id} (${obj.timestamp}) is in ${file}, not ${PATH}/${day}`);
          if (prev && (time < prev.time || (time === prev.time && id <= prev.id))) {
            violate(`${where}: ${file}:${n + 1} (${obj.timestamp} ${id}) is out of order after ${iso(prev.time)} ${prev.id}`);
          }
          prev = { time, id };
        }
      }

      // Append-only: every line a file held is still there, in the same order.
      let linesBefore = 0;
      for (const [file, text] of before) {
        if (!file.endsWith('.jsonl')) continue;
        const old = jsonlLines(text);
        linesBefore += old.length;
        const now = jsonlLines(after.get(file) ?? '');
        let j = 0;
        for (const line of now) if (j < old.length && line === old[j]) j++;
        if (j < old.length) violate(`${where}: ${file} lost or reordered line ${j + 1} it held before: ${old[j]!.slice(0, 80)}`);
      }
      if (outputs['events-count'] !== String(lines - linesBefore)) {
        violate(`${where}: events-count is ${outputs['events-count']} but ${lines - linesBefore} line(s) were added`);
      }

      // The checkpoint: never backwards, never past the run's end, never past an event not stored.
      const stateText = after.get(`${PATH}/state.json`);
      let checkpoint: number | undefined;
      if (stateText !== undefined) {
        try {
          const state = JSON.parse(stateText) as { version?: number; checkpoint?: string };
          checkpoint = Date.parse(state.checkpoint ?? '');
          if (state.version !== 1 || !Number.isFinite(checkpoint)) violate(`${where}: state.json has no version 1 checkpoint: ${stateText.slice(0, 120)}`);
        } catch {
          violate(`${where}: state.json is not JSON`);
        }
      }
      if (checkpoint !== undefined && Number.isFinite(checkpoint)) {
        if (lastCheckpoint !== undefined && checkpoint < lastCheckpoint)
          violate(`${where}: the checkpoint moved back from ${iso(lastCheckpoint)} to ${iso(checkpoint)}`);
        if (checkpoint > end) violate(`${where}: the checkpoint ${iso(checkpoint)} is after the run's end ${iso(end)}`);
        if (outputs.checkpoint && Date.parse(outputs.checkpoint) !== checkpoint)
          violate(`${where}: output checkpoint ${outputs.checkpoint} differs from state.json ${iso(checkpoint)}`);
        lastCheckpoint = checkpoint;

        // The range the runs covered: from the start of the latest run without a checkpoint.
        const fresh = [...runs].reverse().find((r) => !r.hadCheckpoint);
        const coveredFrom = fresh?.start ?? rangeStart;
        const complete = completedWindows(api, runs);
        const gap = firstGap(complete, coveredFrom, checkpoint);
        if (gap !== undefined) violate(`${where}: the checkpoint ${iso(checkpoint)} passes ${iso(gap)}, which no completed window covered`);
        const servedDone = new Set<string>();
        for (const s of served) {
          const r = runs.find((x) => x.run === s.run);
          if (r?.reached !== undefined && s.end <= r.reached) for (const id of s.ids) servedDone.add(id);
        }
        let missing = 0;
        required = 0;
        for (const [id, e] of known) {
          if (e.time < coveredFrom || e.time > checkpoint) continue;
          const must = e.addedAt < 0 || servedDone.has(id) || complete.some((w) => w.index >= e.addedAt && w.start <= e.time && e.time <= w.end);
          if (!must) continue;
          required++;
          if (!ids.has(id)) {
            missing++;
            const why = e.addedAt < 0 ? 'in the dataset from the start' : `added at request ${e.addedAt}${servedDone.has(id) ? ', served' : ''}`;
            violate(`${where}: ${id} (${iso(e.time)}, ${why}) is not stored, yet the checkpoint is ${iso(checkpoint)}`);
          }
        }
        if (missing > 0) bump(observed, 'missing events', missing);
      }

      if (!failed) {
        if (outputs.complete !== 'true') violate(`${where}: succeeded with complete=${outputs.complete}`);
        finalOk = true;
        break;
      }
      bump(observed, `run ${k} failed`);
    }
    if (!finalOk) violate(`still failing after ${MAX_RUNS} runs: ${runFailures[runFailures.length - 1] ?? ''}`);
    else if (lastCheckpoint === undefined) violate('no state.json after a successful run');
  } catch (error) {
    violate(`threw: ${(error as Error)?.stack ?? String(error)}`);
  } finally {
    await api.close();
    await Promise.allSettled(bodies);
  }

  let stored = 0;
  for (const [f, t] of tree) if (f.endsWith('.jsonl')) stored += jsonlLines(t).length;
  await rm(root, { recursive: true, force: true });

  return {
    seed,
    params,
    runs: runs.length,
    events: count,
    addedEvents: known.size - count,
    stored,
    required,
    requests: api.requests.length,
    faults,
    observed,
    runFailures,
    violations,
    ms: Math.round(performance.now() - t0),
    ...(options.keepLog && violations.length ? { log: logs.join('\n') } : {})
  };
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
