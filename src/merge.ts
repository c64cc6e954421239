// Append-only merge of new events into a JSONL file. Pure: text in, text out.
import { type AuditEvent, compareEvents, eventKey, eventTime } from './events.ts';

interface ExistingLine {
  line: string;
  key: string;
  time: number | null;
}

const FAST_HEAD = /^\{"event_id":"([^"\\]*)","timestamp":"([^"\\]*)"/;

/** Key and time of a stored line; a line that is not JSON keeps its place and its hash as key. */
export function readLine(line: string): ExistingLine {
  const fast = FAST_HEAD.exec(line);
  // The fast path only where JSON.parse would agree: no second "event_id" or "timestamp" key.
  if (fast && fast[1] !== '' && line.lastIndexOf('"event_id"') === 1 && line.lastIndexOf('"timestamp"') === fast[0].indexOf('"timestamp"')) {
    return { line, key: fast[1], time: eventTime(fast[2]) };
  }
  try {
    const data = JSON.parse(line) as Record<string, unknown>;
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      return { line, key: eventKey(data, line), time: eventTime(data.timestamp) };
    }
  } catch {
    // kept as it is: never changed, moved or removed
  }
  return { line, key: eventKey({}, line), time: null };
}

export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export interface MergeResult {
  /** The new content, or the old one unchanged when nothing was added. */
  readonly text: string;
  /** The new content in pieces, without one string of the whole file (large files are written from these). */
  chunks(): Iterable<string>;
  added: AuditEvent[];
  duplicates: number;
}

const CHUNK_LINES = 2000;

function result(lines: readonly string[], added: AuditEvent[], duplicates: number): MergeResult {
  return {
    // A file whose last line lacked its newline gets one: the line itself is unchanged.
    get text() {
      return lines.length ? lines.join('\n') + '\n' : '';
    },
    *chunks() {
      for (let i = 0; i < lines.length; i += CHUNK_LINES) yield lines.slice(i, i + CHUNK_LINES).join('\n') + '\n';
    },
    added,
    duplicates
  };
}

/**
 * Inserts the incoming events that the file does not hold yet. Existing lines keep their content
 * and their order; each new event goes before the first existing line that sorts after it, so a
 * sorted file stays sorted and a diff shows only added lines.
 */
export function mergeIntoFile(existing: string | undefined, incoming: readonly AuditEvent[]): MergeResult {
  const old = splitLines(existing ?? '').map(readLine);
  const seen = new Set(old.map((l) => l.key));
  const added: AuditEvent[] = [];
  for (const e of incoming) {
    if (seen.has(e.key)) continue;
    seen.add(e.key);
    added.push(e);
  }
  const duplicates = incoming.length - added.length;
  if (added.length === 0) {
    const text = existing ?? '';
    return { text, chunks: () => [text], added, duplicates };
  }
  added.sort(compareEvents);

  const out: string[] = [];
  let n = 0;
  for (const line of old) {
    if (line.time !== null) {
      while (n < added.length && compareEvents(added[n], line) < 0) out.push(added[n++].line);
    }
    out.push(line.line);
  }
  while (n < added.length) out.push(added[n++].line);
  return result(out, added, duplicates);
}
