// The checkpoint record (`state.json`) and the rules for choosing where a run starts. Pure.
import { formatTime, parseRfc3339 } from './time.ts';

export const STATE_FILE = 'state.json';

export interface Filters {
  eventTypes: string[];
  users: string[];
}

export interface SyncState {
  version: 1;
  checkpoint: string;
  updatedAt: string;
  filters: Filters;
}

/** A checkpoint found somewhere, with where it came from (for the log). */
export interface FoundCheckpoint {
  source: string;
  time: number;
  filters: Filters;
}

export function makeState(checkpoint: number, updatedAt: number, filters: Filters): SyncState {
  return { version: 1, checkpoint: formatTime(checkpoint), updatedAt: formatTime(updatedAt), filters };
}

export function serializeState(state: SyncState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

/** Reads a `state.json`; throws an Error saying what is wrong with it. */
export function parseState(text: string, source: string): FoundCheckpoint {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`${source} is not valid JSON`);
  }
  const time = typeof data?.checkpoint === 'string' ? parseRfc3339(data.checkpoint) : undefined;
  if (data?.version !== 1 || time === undefined) {
    throw new Error(`${source} has no version 1 checkpoint (expected {"version":1,"checkpoint":"<RFC 3339>",…})`);
  }
  const f = (data.filters ?? {}) as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return { source, time, filters: { eventTypes: list(f.eventTypes), users: list(f.users) } };
}

/** Whether a checkpoint made with `stored` filters saw every event the `current` filters ask for. */
export function filtersCover(stored: Filters, current: Filters): boolean {
  const covers = (s: string[], c: string[]) => s.length === 0 || (c.length > 0 && c.every((x) => s.includes(x)));
  return (
    covers(stored.eventTypes, current.eventTypes) &&
    covers(
      stored.users.map((u) => u.toLowerCase()),
      current.users.map((u) => u.toLowerCase())
    )
  );
}

export interface StartDecision {
  start: number;
  /** The latest checkpoint found: a new checkpoint never goes below it. */
  floor: number | undefined;
  reason: string;
  ignored: FoundCheckpoint[];
}

/**
 * Where the run starts: the earliest usable checkpoint minus the lookback, or the backfill start
 * when asked for a backfill or when no checkpoint exists.
 */
export function decideStart(opts: { found: FoundCheckpoint[]; filters: Filters; backfill: boolean; backfillStart: number; lookbackMs: number }): StartDecision {
  const usable = opts.found.filter((c) => filtersCover(c.filters, opts.filters));
  const ignored = opts.found.filter((c) => !usable.includes(c));
  const floor = usable.length ? Math.max(...usable.map((c) => c.time)) : undefined;
  if (opts.backfill) {
    return { start: opts.backfillStart, floor, reason: 'backfill: from backfill-start-time', ignored };
  }
  if (usable.length === 0) {
    return { start: opts.backfillStart, floor, reason: 'no checkpoint: first sync from backfill-start-time', ignored };
  }
  const earliest = usable.reduce((a, b) => (b.time < a.time ? b : a));
  return {
    start: earliest.time - opts.lookbackMs,
    floor,
    reason: `the checkpoint ${formatTime(earliest.time)} of ${earliest.source}, minus the lookback`,
    ignored
  };
}
