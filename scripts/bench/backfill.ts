// Part 1, backfill: dist/index.js fetches 27 days (three 9-day windows: `window-days: 9`, inside
// the 30 days Cursor keeps, which the client never asks beyond) from the fake Cursor API
// under its rolling rate limit, scaled in time so a "minute" lasts MINUTE_MS. Measured: the wall
// time against the least time any sequential client could take (the floor), the requests against
// the least number the data needs, the 429s. The reference strategy (reference.ts, in a worker
// thread: reference-worker.ts) runs the same fetch at the same time against its own fake, so the
// two don't share a limit.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type FakeCursorApi, startFakeCursorApi } from '../../fake/cursor-api.ts';
import { type AuditEventObject, generateEvents } from '../../fake/events.ts';
import { median, round, runAction, tail } from './process.ts';

/** W: the scaled minute, for the fake's rolling window and the action's limiter alike. */
export const MINUTE_MS = 10_000;
/** L: requests allowed in any W, Cursor's 20 a minute (the fake's limit and `requests-per-minute`). */
export const LIMIT = 20;
export const PAGE_SIZE = 500;
/** Events in each window, oldest first: uneven, 40 + 25 + 15 = 80 pages of 500. */
export const WINDOW_EVENTS = [19_730, 12_215, 7_160];
const WINDOW_DAYS = 9;
/** The fake serves this far back, as Cursor does (docs/cursor-api.md § Retention). */
const RETENTION_DAYS = 30;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A sub-millisecond wall clock for the fakes, so service times of a few ms are measurable. */
const preciseNow = () => performance.timeOrigin + performance.now();

export interface Window {
  start: number;
  end: number;
}

/** The action's split (src/windows.ts): windows of at most `maxMs`, sharing their boundaries. */
export function splitWindows(start: number, end: number, maxMs: number): Window[] {
  const windows: Window[] = [];
  for (let s = start; s < end; s += maxMs) windows.push({ start: s, end: Math.min(s + maxMs, end) });
  return windows;
}

export interface Dataset {
  start: number;
  end: number;
  windows: Window[];
  events: AuditEventObject[];
  ids: Set<string>;
}

/**
 * Events in three consecutive 30-day windows ending an hour ago (rounded down to the hour). Each
 * window's events lie strictly inside it, so none sits on a boundary two windows share.
 */
export function makeDataset(now = Date.now()): Dataset {
  const end = Math.floor(now / HOUR) * HOUR - HOUR;
  const start = end - WINDOW_EVENTS.length * WINDOW_DAYS * DAY;
  const windows = splitWindows(start, end, WINDOW_DAYS * DAY);
  if (windows.length !== WINDOW_EVENTS.length) throw new Error(`expected ${WINDOW_EVENTS.length} windows, the split gave ${windows.length}`);
  const events = windows.flatMap((w, i) => generateEvents({ start: w.start + 1, end: w.end, count: WINDOW_EVENTS[i] as number, seed: 601 + i }));
  return { start, end, windows, events, ids: new Set(events.map((e) => e.event_id as string)) };
}

/**
 * The fewest requests that can fetch the data: per window, ceil(events / page size) pages, and one
 * request for an empty window. The fake's bounds are inclusive, so an event on a shared boundary
 * would be served twice; the dataset has none, and this refuses one rather than miscount.
 */
export function minimumRequests(d: Dataset, pageSize = PAGE_SIZE): number {
  const times = d.events.map((e) => Date.parse(e.timestamp as string));
  let total = 0;
  for (const w of d.windows) {
    const inWindow = times.filter((t) => t >= w.start && t <= w.end).length;
    total += Math.max(1, Math.ceil(inWindow / pageSize));
  }
  const onBoundary = times.filter((t) => d.windows.some((w, i) => i > 0 && t === w.start)).length;
  if (onBoundary) throw new Error(`${onBoundary} event(s) sit exactly on a window boundary: the dataset must not have any`);
  return total;
}

/**
 * The least time (ms) any sequential client needs for `n` requests when the server accepts at most
 * `limit` arrivals in any `windowMs` and each request takes `serviceMs` from arrival to answer:
 * s_1 = 0, s_i = max(s_{i-1} + d, s_{i-L} + W), finish = s_n + d.
 */
export function floorMs(n: number, limit: number, windowMs: number, serviceMs: number): number {
  const s: number[] = [];
  for (let i = 0; i < n; i++) {
    const afterPrevious = i === 0 ? 0 : (s[i - 1] as number) + serviceMs;
    s.push(i >= limit ? Math.max(afterPrevious, (s[i - limit] as number) + windowMs) : afterPrevious);
  }
  return n === 0 ? 0 : (s[n - 1] as number) + serviceMs;
}

/** Every event_id in the event files under `dir` (the JSONL files but the ledger), and the number of lines. */
async function readStoredIds(dir: string): Promise<{ lines: number; ids: Set<string>; files: number }> {
  const ids = new Set<string>();
  let lines = 0;
  let files = 0;
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.jsonl') || e.name === 'ledger.jsonl') continue;
    files++;
    for (const line of (await readFile(join(e.parentPath, e.name), 'utf8')).split('\n')) {
      if (line === '') continue;
      lines++;
      ids.add((JSON.parse(line) as { event_id: string }).event_id);
    }
  }
  return { lines, ids, files };
}

/** Fails loudly unless the files hold exactly the dataset's distinct events, one line each. */
export function checkStored(stored: { lines: number; ids: Set<string> }, expected: Set<string>, who: string): void {
  const missing = [...expected].filter((id) => !stored.ids.has(id));
  const extra = [...stored.ids].filter((id) => !expected.has(id));
  if (stored.lines !== expected.size || missing.length || extra.length) {
    throw new Error(
      `backfill data check failed: ${who} holds ${stored.lines} line(s) with ${stored.ids.size} distinct event_id(s), ` +
        `the dataset has ${expected.size} distinct events; ${missing.length} missing (e.g. ${missing.slice(0, 3).join(', ') || '-'}), ` +
        `${extra.length} unexpected (e.g. ${extra.slice(0, 3).join(', ') || '-'})`
    );
  }
}

export interface ActionFigures {
  requests: number;
  minimumRequests: number;
  http429: number;
  wallSeconds: number;
  floorSeconds: number;
  ratio: number;
  /** First request's arrival to the last answer, on the fake. */
  fetchSeconds: number;
  /** Spawn to the first request's arrival (start-up, inputs, checkpoint). */
  startupSeconds: number;
  /** Last answer to the exit (merge, files, summary). */
  storeSeconds: number;
  /** Median time from a request's arrival to its answer on the fake (d in the floor). */
  serviceMs: number;
  /** What the action says it sent (its `requests` output), to compare with the fake's count. */
  reportedRequests: number;
  /** Other statuses than 200 and 429, by status. */
  otherStatuses: Record<string, number>;
  events: number;
  files: number;
}

export interface ReferenceFigures {
  referenceWallSeconds: number;
  referenceHttp429: number;
  referenceRequests: number;
  referenceExecutions: number;
}

export interface BackfillRun {
  dataset: Dataset;
  /** The action's figures, once it exited and its files were checked. */
  action: Promise<ActionFigures>;
  /** The reference's figures, once it fetched every page (about two minutes more). */
  reference: Promise<ReferenceFigures>;
}

export const fakeOptions = (events: AuditEventObject[]) => ({
  events,
  rateLimit: { limit: LIMIT, windowMs: MINUTE_MS },
  retentionDays: RETENTION_DAYS,
  now: preciseNow
});

async function actionPart(api: FakeCursorApi, d: Dataset, workDir: string): Promise<ActionFigures> {
  try {
    const minimum = minimumRequests(d);
    const run = await runAction(
      workDir,
      {
        'api-key': api.apiKey,
        'base-url': api.url,
        destination: 'workspace',
        'backfill-start-time': new Date(d.start).toISOString(),
        'end-time': new Date(d.end).toISOString(),
        'page-size': String(PAGE_SIZE),
        'window-days': String(WINDOW_DAYS),
        'requests-per-minute': String(LIMIT)
      },
      { CURSOR_AUDIT_LOGS_RATE_WINDOW_MS: String(MINUTE_MS) }
    );
    if (run.code !== 0)
      throw new Error(
        `the backfill run of dist/index.js exited with ${run.code}${run.signal ? ` (${run.signal})` : ''}:\n${tail(run.stdout)}\n${tail(run.stderr)}`
      );
    const stored = await readStoredIds(join(workDir, 'workspace', 'cursor-audit-logs'));
    checkStored(stored, d.ids, 'the workspace the action wrote');

    const log = api.requests;
    const answered = log.filter((r) => r.status === 200 && r.answeredAt !== undefined);
    if (answered.length === 0) throw new Error('the fake Cursor API recorded no answered request');
    const serviceMs = median(answered.map((r) => (r.answeredAt as number) - r.at));
    const floor = floorMs(minimum, LIMIT, MINUTE_MS, serviceMs) / 1000;
    const otherStatuses: Record<string, number> = {};
    for (const r of log) if (r.status !== 200 && r.status !== 429) otherStatuses[r.status] = (otherStatuses[r.status] ?? 0) + 1;
    const lastAnswer = Math.max(...log.map((r) => r.answeredAt ?? r.at));
    const firstArrival = log[0]?.at ?? lastAnswer;
    return {
      requests: log.length,
      minimumRequests: minimum,
      http429: log.filter((r) => r.status === 429).length,
      wallSeconds: round(run.seconds, 3),
      floorSeconds: round(floor, 3),
      ratio: round(run.seconds / floor, 3),
      fetchSeconds: round((lastAnswer - firstArrival) / 1000, 3),
      startupSeconds: round((firstArrival - run.spawnedAt) / 1000, 3),
      storeSeconds: round((run.exitedAt - lastAnswer) / 1000, 3),
      serviceMs: round(serviceMs, 3),
      reportedRequests: Number(run.outputs.requests ?? NaN),
      otherStatuses,
      events: stored.lines,
      files: stored.files
    };
  } finally {
    await api.close();
  }
}

/**
 * The reference runs in a worker thread with its own fake, so its requests and its fake's work
 * don't queue behind the action's fake on this thread's event loop. It answers `ready` once its
 * data and fake are up, starts on `go`, and answers with its figures or an error message.
 */
function startReferenceWorker(now: number): { ready: Promise<void>; go(): void; result: Promise<ReferenceFigures> } {
  const worker = new Worker(new URL('./reference-worker.ts', import.meta.url), { workerData: { now } });
  let ready!: () => void;
  const readyP = new Promise<void>((resolve) => (ready = resolve));
  const result = new Promise<ReferenceFigures>((resolve, reject) => {
    worker.on('message', (m: { kind: 'ready' } | { kind: 'done'; figures: ReferenceFigures } | { kind: 'failed'; message: string }) => {
      if (m.kind === 'ready') return ready();
      if (m.kind === 'done') resolve(m.figures);
      else reject(new Error(m.message));
      void worker.terminate();
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the reference worker exited (${code}) before it reported`)));
  });
  return { ready: readyP, go: () => worker.postMessage('go'), result };
}

/** Starts the action and the reference at the same moment, each against its own fake. */
export async function startBackfill(workDir: string): Promise<BackfillRun> {
  const now = Date.now();
  const dataset = makeDataset(now);
  const worker = startReferenceWorker(now);
  // A worker that fails while starting rejects `result` before it is ready: stop here then.
  const [actionApi] = await Promise.all([startFakeCursorApi(fakeOptions(dataset.events)), Promise.race([worker.ready, worker.result])]);
  worker.go();
  const action = actionPart(actionApi, dataset, workDir);
  // Awaited later; until then a failure must not count as unhandled.
  worker.result.catch(() => undefined);
  action.catch(() => undefined);
  return { dataset, action, reference: worker.result };
}
