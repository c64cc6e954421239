// The event model shared by the merge, the destinations and the summary. Each result depends only
// on its arguments; the one state kept is a cache of the UTC days already formatted (`dayOf`).
import { createHash } from 'node:crypto';
import { topLevelRaw } from './raw-json.ts';
import { FIRST_LAYOUT_TIME, LAST_LAYOUT_TIME, parseRfc3339 } from './time.ts';

/** One audit event: its line exactly as served (compact JSON) and what we read from it. */
export interface AuditEvent {
  /** The JSON line as the API served it, without the trailing newline. */
  line: string;
  /** `event_id`, or `sha256:<hex of the line>` for an event without one. */
  key: string;
  /** Milliseconds since the epoch, or null when `timestamp` is missing or not a time. */
  time: number | null;
  type: string;
  /** The parsed object, for the summary. */
  readonly data: Record<string, unknown>;
}

/** The instant of an RFC 3339 `timestamp` (with a zone, leap second allowed); anything else is not a time. */
export function eventTime(timestamp: unknown): number | null {
  if (typeof timestamp !== 'string') return null;
  const time = parseRfc3339(timestamp, { leapSecond: true });
  // A UTC year outside 0001–9999 has no `YYYY/MM/YYYY-MM-DD.jsonl`: the event is kept undated.
  if (time === undefined || time < FIRST_LAYOUT_TIME || time > LAST_LAYOUT_TIME) return null;
  return time;
}

/** `sha256:<hex>` of a line's bytes: the key of an event without `event_id`. */
export function lineHash(line: string | Buffer): string {
  return `sha256:${createHash('sha256').update(line).digest('hex')}`;
}

/**
 * The key of an event: its own top-level `event_id` (the value JSON.parse keeps: the last one),
 * a number as its digits were served (ids beyond 2^53 would collapse as JavaScript numbers), or
 * the SHA-256 of its line. The one place identity is decided: what the API serves and what is
 * read back from a file are keyed alike. `json` is the line's text when `line` is its bytes.
 */
export function eventKey(data: Record<string, unknown>, line: string | Buffer, json: string = typeof line === 'string' ? line : line.toString('utf8')): string {
  const id = data.event_id;
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number') return topLevelRaw(json, 'event_id') ?? String(id);
  return lineHash(line);
}

const FAST_HEAD = /^\{"event_id":"([^"\\]*)","timestamp":"([^"\\]*)"/;
const BOM = '\ufeff';

/**
 * Key and time of a line read back from a file (text, or bytes that are not UTF-8). A line that
 * is not a JSON object is not an event: its key is the hash of its bytes and it has no time. A
 * leading byte order mark is skipped for reading, never removed from the line.
 */
export function lineIdentity(line: string | Buffer): { key: string; time: number | null } {
  let json = typeof line === 'string' ? line : line.toString('utf8');
  if (json.startsWith(BOM)) json = json.slice(1);
  const fast = FAST_HEAD.exec(json);
  // The fast path only where JSON.parse would agree: no second "event_id" or "timestamp" key.
  if (fast && fast[1] !== '' && json.lastIndexOf('"event_id"') === 1 && json.lastIndexOf('"timestamp"') === fast[0].indexOf('"timestamp"')) {
    return { key: fast[1], time: eventTime(fast[2]) };
  }
  try {
    const data = JSON.parse(json) as Record<string, unknown>;
    if (data && typeof data === 'object' && !Array.isArray(data)) return { key: eventKey(data, line, json), time: eventTime(data.timestamp) };
  } catch {
    // kept as it is: never changed, moved or removed
  }
  return { key: lineHash(line), time: null };
}

export function toEvent(line: string, data?: Record<string, unknown>): AuditEvent {
  const obj = data ?? (JSON.parse(line) as Record<string, unknown>);
  return {
    line,
    key: eventKey(obj, line),
    time: eventTime(obj.timestamp),
    type: typeof obj.event_type === 'string' ? obj.event_type : '(none)',
    data: obj
  };
}

/**
 * An event read back from the spool: its object is parsed when asked for (the summary's few
 * notable events), and not kept, so the events a run holds cost their line and little more.
 */
class SpooledEvent implements AuditEvent {
  readonly line: string;
  readonly key: string;
  readonly time: number | null;
  readonly type: string;
  constructor(line: string, key: string, time: number | null, type: string) {
    this.line = line;
    this.key = key;
    this.time = time;
    this.type = type;
  }
  get data(): Record<string, unknown> {
    return JSON.parse(this.line) as Record<string, unknown>;
  }
}

export function spooledEvent(line: string, key: string, time: number | null, type: string): AuditEvent {
  return new SpooledEvent(line, key, time, type);
}

/** Sort order of the files: timestamp, then event key. Undated events sort last. */
export function compareEvents(a: { time: number | null; key: string }, b: { time: number | null; key: string }): number {
  const ta = a.time ?? Infinity,
    tb = b.time ?? Infinity;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export const UNDATED_FILE = 'undated.jsonl';

const days = new Map<number, { day: string; file: string }>();

/** The UTC day of a time and its file (remembered: a run's events fall on few days). */
function dayOf(time: number): { day: string; file: string } {
  const index = Math.floor(time / 86_400_000);
  let found = days.get(index);
  if (found === undefined) {
    if (days.size > 10_000) days.clear();
    const day = new Date(index * 86_400_000).toISOString().slice(0, 10);
    days.set(index, (found = { day, file: `${day.slice(0, 4)}/${day.slice(5, 7)}/${day}.jsonl` }));
  }
  return found;
}

/** `YYYY-MM-DD`, the UTC day of a time. */
export function utcDay(time: number): string {
  return dayOf(time).day;
}

/** `YYYY/MM/YYYY-MM-DD.jsonl` for the UTC day of the event, or `undated.jsonl`. */
export function eventFile(time: number | null): string {
  return time === null ? UNDATED_FILE : dayOf(time).file;
}

/** Whether an event is notable: its type is listed, or it is a failed login and `login:failed` is. */
export function isNotable(event: AuditEvent, notableTypes: ReadonlySet<string>): boolean {
  if (notableTypes.has(event.type)) return true;
  // The line is compact JSON: a failed login holds `"success":false` as such (cheap to rule out
  // before parsing the event, which the merge's events are not otherwise).
  if (event.type === 'login' && notableTypes.has('login:failed') && event.line.includes('"success":false')) {
    const data = event.data.event_data as Record<string, unknown> | undefined;
    return data?.success === false;
  }
  return false;
}
