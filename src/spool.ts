// Fetched events, spooled to disk per day file while the run fetches, so that memory stays
// bounded however many events a backfill brings: a destination reads one day file's events at a
// time. The spool lives in a temporary folder (RUNNER_TEMP on a runner) and is removed at the end.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuditEvent, eventFile, spooledEvent } from './events.ts';
import { splitLines } from './lines.ts';

/** What the destinations read: the fetched events, one file of the layout at a time. */
export interface EventSource {
  /** The layout files (`YYYY/MM/YYYY-MM-DD.jsonl`, `undated.jsonl`) that received events, sorted. */
  files(): string[];
  /** The events for one file, each key once, in the order received. */
  read(file: string): AuditEvent[];
}

/** Flush the buffered lines to disk past this many characters. */
const FLUSH_CHARS = 1024 * 1024;

interface SpoolFile {
  path: string;
  pending: string[];
  /** Bytes written to disk so far: the file's length. */
  bytes: number;
}

/** Where the spool stood (every file's length, the events received), to roll a failed window back. */
export interface SpoolMark {
  sizes: Map<string, number>;
  received: number;
  outside: number;
}

// One spool line per event: time, key and type ahead of the event's own line, so reading back
// needs no JSON parse of the event. The event's line is compact JSON, so it holds no newline; a
// key or type that could break the row (tab, newline, backslash, leading quote) or not survive
// UTF-8 (a surrogate: a lone one would come back as U+FFFD) is JSON-quoted, which escapes it.
const UNSAFE = /[\t\n\r\\\ud800-\udfff]|^"/;

function field(text: string): string {
  return UNSAFE.test(text) ? JSON.stringify(text) : text;
}

function unfield(text: string): string {
  return text.charCodeAt(0) === 0x22 ? (JSON.parse(text) as string) : text;
}

function encode(e: AuditEvent): string {
  return `${e.time ?? ''}\t${field(e.key)}\t${field(e.type)}\t${e.line}\n`;
}

function decode(row: string): AuditEvent {
  const a = row.indexOf('\t');
  // A quoted key or type holds no raw tab (JSON escapes it), so the next tab ends it.
  const b = row.indexOf('\t', a + 1);
  const c = row.indexOf('\t', b + 1);
  const time = a === 0 ? null : Number(row.slice(0, a));
  return spooledEvent(row.slice(c + 1), unfield(row.slice(a + 1, b)), time, unfield(row.slice(b + 1, c)));
}

export class EventSpool implements EventSource, Disposable {
  /** Events added, duplicates included. */
  received = 0;
  /** The range the run asked for: a dated event outside it is counted in `outside` (and kept). */
  private readonly range: { start: number; end: number } | undefined;
  /** Events added with a time outside `range`, duplicates included. */
  outside = 0;
  private readonly dir: string;
  private readonly byFile = new Map<string, SpoolFile>();
  private pendingChars = 0;
  private records = 0;

  constructor(parent: string = tmpdir(), range?: { start: number; end: number }) {
    this.range = range;
    mkdirSync(parent, { recursive: true });
    this.dir = mkdtempSync(join(parent, 'cursor-audit-logs-spool-'));
  }

  add(events: readonly AuditEvent[]): void {
    for (const e of events) {
      const name = eventFile(e.time);
      let file = this.byFile.get(name);
      if (!file) this.byFile.set(name, (file = { path: join(this.dir, `${this.byFile.size}.spool`), pending: [], bytes: 0 }));
      if (this.range && e.time !== null && (e.time < this.range.start || e.time > this.range.end)) this.outside++;
      const row = encode(e);
      file.pending.push(row);
      this.pendingChars += row.length;
    }
    this.received += events.length;
    if (this.pendingChars > FLUSH_CHARS) this.flush();
  }

  /** Where every file stands now: `rollback` returns to it. */
  mark(): SpoolMark {
    this.flush();
    return { sizes: new Map([...this.byFile].map(([name, f]) => [name, f.bytes])), received: this.received, outside: this.outside };
  }

  /** Drops what was added since the mark (a window that failed half-way is not stored). */
  rollback(mark: SpoolMark): void {
    this.flush();
    for (const [name, f] of this.byFile) {
      const keep = mark.sizes.get(name) ?? 0;
      if (f.bytes !== keep) truncateSync(f.path, keep);
      f.bytes = keep;
    }
    for (const name of [...this.byFile.keys()]) if (!mark.sizes.has(name)) this.byFile.delete(name);
    this.received = mark.received;
    this.outside = mark.outside;
  }

  files(): string[] {
    return [...this.byFile.keys()].sort();
  }

  read(name: string): AuditEvent[] {
    this.flush();
    const file = this.byFile.get(name);
    if (!file || file.bytes === 0) return [];
    const seen = new Set<string>();
    const out: AuditEvent[] = [];
    for (const row of splitLines(readFileSync(file.path, 'utf8'))) {
      const e = decode(row);
      if (seen.has(e.key)) continue;
      seen.add(e.key);
      out.push(e);
    }
    return out;
  }

  /**
   * A new record of the keys a destination added, kept on disk in the spool's folder so that a run
   * with several destinations can report their union without holding every new event.
   */
  keyRecord(): KeyRecord {
    return new KeyRecord(join(this.dir, `keys-${this.records++}`));
  }

  /** Removes the spool folder. */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  private flush(): void {
    for (const f of this.byFile.values()) {
      if (f.pending.length === 0) continue;
      const bytes = Buffer.from(f.pending.join(''));
      appendFileSync(f.path, bytes);
      f.bytes += bytes.length;
      f.pending = [];
    }
    this.pendingChars = 0;
  }
}

/** The keys of the events one destination added, by layout file, on disk: one file's keys in memory at a time. */
export class KeyRecord {
  private readonly dir: string;
  private readonly byFile = new Map<string, { path: string; pending: string[] }>();
  private pendingChars = 0;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.dir = dir;
  }

  add(e: AuditEvent): void {
    const name = eventFile(e.time);
    let file = this.byFile.get(name);
    if (!file) this.byFile.set(name, (file = { path: join(this.dir, `${this.byFile.size}.keys`), pending: [] }));
    const row = `${field(e.key)}\n`;
    file.pending.push(row);
    this.pendingChars += row.length;
    if (this.pendingChars > FLUSH_CHARS) this.flush();
  }

  /** The keys recorded for one layout file. */
  keys(name: string): Set<string> {
    this.flush();
    const file = this.byFile.get(name);
    const keys = new Set<string>();
    if (!file) return keys;
    for (const row of splitLines(readFileSync(file.path, 'utf8'))) keys.add(unfield(row));
    return keys;
  }

  private flush(): void {
    for (const f of this.byFile.values()) {
      if (f.pending.length === 0) continue;
      appendFileSync(f.path, f.pending.join(''));
      f.pending = [];
    }
    this.pendingChars = 0;
  }
}
