// The event model shared by the merge, the destinations and the summary. Pure.
import { createHash } from 'node:crypto';
import { parseRfc3339 } from './time.ts';

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
  data: Record<string, unknown>;
}

/** The instant of an RFC 3339 `timestamp` (with a zone); anything else is not a time. */
export function eventTime(timestamp: unknown): number | null {
  if (typeof timestamp !== 'string') return null;
  return parseRfc3339(timestamp) ?? null;
}

export function eventKey(data: Record<string, unknown>, line: string): string {
  const id = data.event_id;
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number') {
    // The digits as served: ids beyond 2^53 would collapse as JavaScript numbers.
    const raw = /"event_id"\s*:\s*(-?[0-9][0-9.eE+-]*)/.exec(line);
    return raw ? raw[1] : String(id);
  }
  return `sha256:${createHash('sha256').update(line).digest('hex')}`;
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

/** Sort order of the files: timestamp, then event key. Undated events sort last. */
export function compareEvents(a: { time: number | null; key: string }, b: { time: number | null; key: string }): number {
  const ta = a.time ?? Infinity, tb = b.time ?? Infinity;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export const UNDATED_FILE = 'undated.jsonl';

/** `YYYY/MM/YYYY-MM-DD.jsonl` for the UTC day of the event, or `undated.jsonl`. */
export function eventFile(time: number | null): string {
  if (time === null) return UNDATED_FILE;
  const day = new Date(time).toISOString().slice(0, 10);
  return `${day.slice(0, 4)}/${day.slice(5, 7)}/${day}.jsonl`;
}

/** Whether an event is notable: its type is listed, or it is a failed login and `login:failed` is. */
export function isNotable(event: AuditEvent, notableTypes: ReadonlySet<string>): boolean {
  if (notableTypes.has(event.type)) return true;
  if (event.type === 'login' && notableTypes.has('login:failed')) {
    const data = event.data.event_data as Record<string, unknown> | undefined;
    return data?.success === false;
  }
  return false;
}

/** Groups events by the file they belong to. */
export function groupByFile(events: Iterable<AuditEvent>): Map<string, AuditEvent[]> {
  const groups = new Map<string, AuditEvent[]>();
  for (const e of events) {
    const file = eventFile(e.time);
    let group = groups.get(file);
    if (!group) groups.set(file, (group = []));
    group.push(e);
  }
  return groups;
}
