// Append-only merge of new events into a JSONL file. Pure: bytes in, bytes out. Every stored line
// keeps its bytes (not UTF-8, a byte order mark, a carriage return, not an event: all kept as
// they are); only whole new lines are inserted.
import { isUtf8 } from 'node:buffer';
import { type AuditEvent, compareEvents, lineIdentity, UNDATED_FILE } from './events.ts';

interface ExistingLine {
  key: string;
  time: number | null;
}

/** Key and time of a stored line; a line that is not an event keeps its place and its hash as key. */
export function readLine(line: string | Buffer): ExistingLine {
  return lineIdentity(line);
}

/** The lines of a file's bytes, each without its `\n` (a `\r` before it stays in the line). */
export function splitLineBytes(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let from = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, from)) {
    lines.push(bytes.subarray(from, i));
    from = i + 1;
  }
  if (from < bytes.length) lines.push(bytes.subarray(from));
  return lines;
}

export interface MergeResult {
  /** The new content as text (lossy where the file holds bytes that are not UTF-8: write `bytes()`). */
  readonly text: string;
  /** The new content, or the old one unchanged when nothing was added. */
  bytes(): Buffer;
  /** The new content in pieces, without one buffer of the whole file (large files are written from these). */
  chunks(): Iterable<Buffer>;
  added: AuditEvent[];
  duplicates: number;
  /** Whether the merged file holds an event with this key. */
  holds(key: string): boolean;
}

const CHUNK_LINES = 2000;
const NEWLINE = Buffer.from('\n');

function result(lines: readonly Buffer[], added: AuditEvent[], duplicates: number, seen: ReadonlySet<string>): MergeResult {
  const chunks = function* () {
    // A file whose last line lacked its newline gets one: the line itself is unchanged.
    for (let i = 0; i < lines.length; i += CHUNK_LINES) {
      const part: Buffer[] = [];
      for (const line of lines.slice(i, i + CHUNK_LINES)) part.push(line, NEWLINE);
      yield Buffer.concat(part);
    }
  };
  const bytes = () => Buffer.concat([...chunks()]);
  return {
    get text() {
      return bytes().toString('utf8');
    },
    bytes,
    chunks,
    added,
    duplicates,
    holds: (key) => seen.has(key)
  };
}

export interface MergeOptions {
  /** Keys held elsewhere in the tree: incoming events with them are duplicates here too. */
  elsewhere?: ReadonlySet<string>;
}

/**
 * Inserts the incoming events that the file does not hold yet. Existing lines keep their bytes
 * and their order; each new event goes before the first existing event that sorts after it, so a
 * sorted file stays sorted and a diff shows only added lines.
 */
export function mergeIntoFile(existing: string | Buffer | undefined, incoming: readonly AuditEvent[], options: MergeOptions = {}): MergeResult {
  const raw = existing === undefined ? Buffer.alloc(0) : typeof existing === 'string' ? Buffer.from(existing) : existing;
  const lines = splitLineBytes(raw);
  // The whole file decoded once when it is UTF-8 (a `\n` is never inside a UTF-8 sequence, so the
  // lines match); otherwise line by line, each line's bytes still written back as they were.
  const text = isUtf8(raw) ? raw.toString('utf8') : undefined;
  const texts = text === undefined ? undefined : text.split('\n');
  const old = lines.map((line, i) => lineIdentity(texts ? texts[i] : line));
  const seen = new Set(old.map((l) => l.key));
  const added: AuditEvent[] = [];
  for (const e of incoming) {
    if (seen.has(e.key) || options.elsewhere?.has(e.key)) continue;
    seen.add(e.key);
    added.push(e);
  }
  const duplicates = incoming.length - added.length;
  if (added.length === 0) {
    return { text: raw.toString('utf8'), bytes: () => raw, chunks: () => [raw], added, duplicates, holds: (key) => seen.has(key) };
  }
  added.sort(compareEvents);

  const out: Buffer[] = [];
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    if (old[i].time !== null) {
      while (n < added.length && compareEvents(added[n], old[i]) < 0) out.push(Buffer.from(added[n++].line));
    }
    out.push(lines[i]);
  }
  while (n < added.length) out.push(Buffer.from(added[n++].line));
  return result(out, added, duplicates, seen);
}

/** Where a layout merge reads: the fetched events and the stored files of one destination. */
export interface LayoutSource {
  /** The layout files that received events (`YYYY/MM/YYYY-MM-DD.jsonl`, `undated.jsonl`), sorted. */
  incoming: readonly string[];
  /** The fetched events of one file. */
  read(file: string): AuditEvent[] | Promise<AuditEvent[]>;
  /** A stored file's bytes, or undefined when it does not exist. */
  stored(file: string): Promise<Buffer | undefined>;
  /** Every day file stored (relative to `path`), or undefined when that cannot be known. */
  storedDayFiles(): Promise<readonly string[] | undefined>;
}

/**
 * Merges every file that received events, keeping each `event_id` at most once in the whole
 * tree: an event stored in `undated.jsonl` (served once without a timestamp) is not added again
 * to a day file, and an undated event already in a day file (or arriving dated in this run) is
 * not added to `undated.jsonl`. Yields each file that gains events, one at a time.
 */
export async function* mergeLayout(source: LayoutSource): AsyncGenerator<{ file: string; merged: MergeResult }> {
  const undatedIncoming = source.incoming.includes(UNDATED_FILE) ? await source.read(UNDATED_FILE) : [];
  const dayFiles = source.incoming.filter((f) => f !== UNDATED_FILE);
  const undatedStored = dayFiles.length || undatedIncoming.length ? await source.stored(UNDATED_FILE) : undefined;
  const undatedKeys = new Set<string>();
  if (undatedStored) for (const line of splitLineBytes(undatedStored)) undatedKeys.add(lineIdentity(line).key);
  // Undated events with an id of their own, not yet in undated.jsonl: are they dated somewhere?
  const pending = new Set(undatedIncoming.filter((e) => !e.key.startsWith('sha256:') && !undatedKeys.has(e.key)).map((e) => e.key));
  const dated = new Set<string>();
  const elsewhere = undatedKeys.size ? undatedKeys : undefined;
  for (const file of dayFiles) {
    const merged = mergeIntoFile(await source.stored(file), await source.read(file), { elsewhere });
    for (const key of pending) if (merged.holds(key)) dated.add(key);
    for (const key of dated) pending.delete(key);
    if (merged.added.length) yield { file, merged };
  }
  if (pending.size) {
    const others = (await source.storedDayFiles()) ?? [];
    for (const file of others) {
      if (pending.size === 0) break;
      if (dayFiles.includes(file)) continue;
      const bytes = await source.stored(file);
      if (!bytes) continue;
      for (const line of splitLineBytes(bytes)) {
        const { key } = lineIdentity(line);
        if (pending.delete(key)) dated.add(key);
      }
    }
  }
  if (undatedIncoming.length) {
    const merged = mergeIntoFile(undatedStored, undatedIncoming, { elsewhere: dated });
    if (merged.added.length) yield { file: UNDATED_FILE, merged };
  }
}
