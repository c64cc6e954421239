// The one merge loop of every destination: for each layout file that receives events, read the
// copy the destination holds, merge the new events into it append-only, skip it when nothing is
// new, write it, and count the added events and the file. One file at a time, keeping no events.
// A destination supplies only how it reads and writes a file.
import type { AuditEvent } from '../events.ts';
import { type MergeResult, mergeIntoFile, mergeLayout } from '../merge.ts';
import type { NewEvents } from '../new-events.ts';

/** The events to merge, one layout file at a time (the run's `EventSource` is one). */
export interface IncomingEvents {
  /** The layout files that receive events (`YYYY/MM/YYYY-MM-DD.jsonl`, `undated.jsonl`), sorted. */
  files(): readonly string[];
  /** The events of one file. */
  read(file: string): AuditEvent[] | Promise<AuditEvent[]>;
}

/** The copy of the layout a destination keeps, which the new events merge into. */
export interface StoredLayout {
  /** A stored file's bytes (relative to `path`), or undefined when it does not exist. */
  read(file: string): Promise<Buffer | undefined>;
  /** Every day file stored (relative to `path`), or undefined when that cannot be known. */
  dayFiles(): Promise<readonly string[] | undefined>;
}

/** Where a destination's merged files go. */
export interface MergeTarget {
  /** The folder the layout lives in (`path`): the files the loop returns are named under it. */
  path: string;
  /**
   * What the destination holds already; undefined for one that keeps no record (`keepsRecord`
   * false: the artifact), whose files hold this run's events alone, each file by itself.
   */
  stored: StoredLayout | undefined;
  /** Writes one merged file (relative to `path`). */
  write(file: string, merged: MergeResult): Promise<void>;
}

/** What watches a merge (a destination's ledger): checks each stored file read, and hears of each file written. */
export interface MergeWatch {
  /** The stored layout as the merge reads it, each file checked as it is read. */
  checking?(stored: StoredLayout): StoredLayout;
  wrote(file: string, merged: MergeResult): void;
}

/** Each file's events alone, as a destination that keeps no record holds them. */
async function* eachFileAlone(incoming: IncomingEvents): AsyncGenerator<{ file: string; merged: MergeResult }> {
  for (const file of incoming.files()) {
    const events = await incoming.read(file);
    if (events.length === 0) continue;
    yield { file, merged: mergeIntoFile(undefined, events) };
  }
}

/**
 * Merges the incoming events into the target's files and writes each file that gains events;
 * `added` (when given) counts the events the target did not hold; `watch` (when given) checks
 * each stored file read and hears of each file written. Returns the files written, as `path/file`.
 */
export async function mergeInto(incoming: IncomingEvents, target: MergeTarget, added?: NewEvents, watch?: MergeWatch): Promise<string[]> {
  const stored = target.stored && watch?.checking ? watch.checking(target.stored) : target.stored;
  const merges = stored
    ? mergeLayout({
        incoming: incoming.files(),
        read: (file) => incoming.read(file),
        stored: (file) => stored.read(file),
        storedDayFiles: () => stored.dayFiles()
      })
    : eachFileAlone(incoming);
  const files: string[] = [];
  for await (const { file, merged } of merges) {
    await target.write(file, merged);
    watch?.wrote(file, merged);
    added?.add(merged.added);
    files.push(`${target.path}/${file}`);
  }
  return files;
}
