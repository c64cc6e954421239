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
  /** When the record was written, if it says so. */
  updatedAt?: number;
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
  const expected = '(expected {"version":1,"checkpoint":"<RFC 3339>",…})';
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${source} has no version 1 checkpoint: it is not a JSON object ${expected}`);
  if (data.version !== 1) {
    const v = data.version === undefined ? 'no version' : `version ${JSON.stringify(data.version)}, which this action does not know`;
    throw new Error(`${source} has no version 1 checkpoint: it has ${v} ${expected}`);
  }
  const time = typeof data.checkpoint === 'string' ? parseRfc3339(data.checkpoint) : undefined;
  if (time === undefined) {
    throw new Error(
      `${source} has no version 1 checkpoint: its checkpoint ${JSON.stringify(data.checkpoint) ?? '(missing)'} is not an RFC 3339 time ${expected}`
    );
  }
  let updatedAt: number | undefined;
  if (data.updatedAt !== undefined) {
    updatedAt = typeof data.updatedAt === 'string' ? parseRfc3339(data.updatedAt) : undefined;
    if (updatedAt === undefined) throw new Error(`${source} has an updatedAt ${JSON.stringify(data.updatedAt)} that is not an RFC 3339 time`);
  }
  const f = (data.filters ?? {}) as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return { source, time, ...(updatedAt === undefined ? {} : { updatedAt }), filters: { eventTypes: list(f.eventTypes), users: list(f.users) } };
}

/**
 * Why a checkpoint cannot be trusted, or undefined when it can: one later than the run's start,
 * or written after it, would make the run skip what happened since, and saving it would make
 * every later run skip it too. (One later than `end-time` but not in the future is trusted: it
 * is beyond what this run fetches, and it keeps the checkpoint from moving back.)
 */
export function untrusted(c: FoundCheckpoint, now: number): string | undefined {
  if (c.time > now) return `its checkpoint ${formatTime(c.time)} is later than the start of this run (${formatTime(now)})`;
  if (c.updatedAt !== undefined && c.updatedAt > now)
    return `its updatedAt ${formatTime(c.updatedAt)} is later than the start of this run (${formatTime(now)})`;
  return undefined;
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
  /** Checkpoints not trusted (in the future): neither a start nor a floor, never saved. */
  rejected: { checkpoint: FoundCheckpoint; reason: string }[];
}

/**
 * Where the run starts: the earliest usable checkpoint minus the lookback, or the backfill start
 * when asked for a backfill or when no checkpoint exists.
 */
export function decideStart(opts: {
  found: FoundCheckpoint[];
  filters: Filters;
  backfill: boolean;
  backfillStart: number;
  lookbackMs: number;
  /** The run's start: a checkpoint after it is not trusted. */
  now: number;
  /**
   * With several destinations, each one's own checkpoint (the artifact's is the cache's): one
   * without a usable checkpoint of its own pulls the start back to the backfill start, so it gets
   * every event since its last success.
   */
  owners?: { name: string; checkpoint: FoundCheckpoint | undefined }[];
}): StartDecision {
  const rejected: StartDecision['rejected'] = [];
  const trusted = opts.found.filter((c) => {
    const reason = untrusted(c, opts.now);
    if (reason) rejected.push({ checkpoint: c, reason });
    return reason === undefined;
  });
  const usable = trusted.filter((c) => filtersCover(c.filters, opts.filters));
  const ignored = trusted.filter((c) => !usable.includes(c));
  const floor = usable.length ? Math.max(...usable.map((c) => c.time)) : undefined;
  if (opts.backfill) {
    return { start: opts.backfillStart, floor, reason: 'backfill: from backfill-start-time', ignored, rejected };
  }
  if (usable.length === 0) {
    return { start: opts.backfillStart, floor, reason: 'no checkpoint: first sync from backfill-start-time', ignored, rejected };
  }
  const without = (opts.owners ?? []).filter((owner) => !owner.checkpoint || !usable.includes(owner.checkpoint)).map((owner) => owner.name);
  if (without.length) {
    const who = without.length === 1 ? `the ${without[0]} destination holds` : `the ${without.join(', ')} destinations hold`;
    return {
      start: opts.backfillStart,
      floor,
      reason: `${who} no usable checkpoint of its own: from backfill-start-time, so it gets every event`,
      ignored,
      rejected
    };
  }
  const earliest = usable.reduce((a, b) => (b.time < a.time ? b : a));
  return {
    start: earliest.time - opts.lookbackMs,
    floor,
    reason: `the checkpoint ${formatTime(earliest.time)} of ${earliest.source}, minus the lookback`,
    ignored,
    rejected
  };
}

/**
 * The checkpoint this run may save: the end of the last window fetched completely, never below the
 * latest trusted checkpoint found (`floor`), so a bounded backfill never moves the stream back.
 * With no window complete it stays at the floor (for the templates' `{end}`), and no state is saved.
 */
export function nextCheckpoint(run: { reached: number | undefined; floor: number | undefined; now: number; filters: Filters }): {
  checkpoint: number | undefined;
  state: SyncState | undefined;
} {
  if (run.reached === undefined) return { checkpoint: run.floor, state: undefined };
  const checkpoint = Math.max(run.reached, run.floor ?? -Infinity);
  return { checkpoint, state: makeState(checkpoint, run.now, run.filters) };
}

/**
 * How old a destination's stored checkpoint may grow before a run without new events writes
 * `state.json` alone. A destination that commits (the branch) makes no commit for a quiet hour;
 * its checkpoint would then age until it is the earliest and every run re-reads from it, and past
 * Cursor's 30 days each run reports a gap. Three days keeps every start well inside the 30 days
 * (and one window), costs about ten commits a month on a quiet stream, and bounds what a run
 * re-reads to three days.
 */
export const STATE_REFRESH_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * Why the stored `state.json` (its text, or undefined when missing) should be replaced by `next`
 * even though no event is added, or undefined when it can stay.
 */
export function stateNeedsRefresh(stored: string | undefined, next: SyncState): string | undefined {
  if (stored === undefined) return 'it holds no state.json';
  let found: FoundCheckpoint;
  try {
    found = parseState(stored, 'state.json');
  } catch (error) {
    return (error as Error).message;
  }
  const checkpoint = parseRfc3339(next.checkpoint)!;
  const updatedAt = parseRfc3339(next.updatedAt)!;
  if (found.time > checkpoint) return `its checkpoint ${formatTime(found.time)} is later than this run's ${next.checkpoint}`;
  if (found.updatedAt !== undefined && found.updatedAt > updatedAt) return `its updatedAt ${formatTime(found.updatedAt)} is later than this run's`;
  if (JSON.stringify(found.filters) !== JSON.stringify(next.filters)) return 'its state.json was made with other filters';
  if (checkpoint - found.time > STATE_REFRESH_MS) return `its checkpoint ${formatTime(found.time)} is more than 3 days old`;
  return undefined;
}
