// Storing the fetched events in every destination, one after another, and what they added in all:
// a failed destination does not stop the others, and each gets every event fetched (a snapshot such
// as the artifact all of them: it holds what is new since the checkpoint last saved). What the run
// reports is what is new to the record: the union of what the destinations that keep one added, or
// with none of them stored, what the snapshots hold. With several destinations, the keys each one
// added are recorded on disk beside the spool, one layout file at a time, so the union never needs
// every new event of a backfill in memory.
import { type Destination, type StoreResult, StoredThenFailed } from './destinations/destination.ts';
import { type AuditEvent, eventFile } from './events.ts';
import { NewEvents } from './new-events.ts';
import type { Reporter } from './reporter.ts';
import type { EventSpool, KeyRecord } from './spool.ts';
import type { SyncState } from './state.ts';

export interface StoreAllOptions {
  destinations: Destination[];
  spool: EventSpool;
  state: SyncState | undefined;
  notableTypes: ReadonlySet<string>;
  render: (template: string, count: number) => string;
  reporter: Pick<Reporter, 'info' | 'error' | 'startGroup' | 'endGroup'>;
  describe: (error: unknown) => string;
}

export interface StoreAllResult {
  /** The events new to at least one record (branch, pull request, workspace) that succeeded, each once; with none, what the snapshots hold. */
  added: NewEvents;
  files: string[];
  links: StoreResult['links'];
  outputs: StoreResult['outputs'];
  succeeded: string[];
  /** `name: message` of each destination that failed. */
  failed: string[];
}

/** The keys that the records of the destinations stored so far hold for one file, the last file's cached. */
class StoredKeys {
  readonly records: KeyRecord[] = [];
  private file: string | undefined;
  private keys = new Set<string>();

  of(file: string): ReadonlySet<string> {
    if (file !== this.file) {
      this.file = file;
      this.keys = new Set();
      for (const record of this.records) for (const key of record.keys(file)) this.keys.add(key);
    }
    return this.keys;
  }

  has(e: AuditEvent): boolean {
    return this.records.length > 0 && this.of(eventFile(e.time)).has(e.key);
  }

  push(record: KeyRecord): void {
    this.records.push(record);
    this.file = undefined;
  }
}

export async function storeEverywhere(o: StoreAllOptions): Promise<StoreAllResult> {
  const r = o.reporter;
  const several = o.destinations.length > 1;
  const out: StoreAllResult = { added: new NewEvents(o.notableTypes), files: [], links: [], outputs: {}, succeeded: [], failed: [] };
  const stored = new StoredKeys();
  let snapshot: NewEvents | undefined;
  for (const d of o.destinations) {
    r.startGroup(`Destination: ${d.name}`);
    // What this destination adds that the records before it did not: its share of the union. A
    // destination that starts over (a new tally) starts its share over too.
    const counted = several && d.keepsRecord;
    let record: KeyRecord | undefined;
    let share = new NewEvents(o.notableTypes);
    const tally = () => {
      if (!counted) return new NewEvents(o.notableTypes);
      const mine = (record = o.spool.keyRecord());
      share = new NewEvents(o.notableTypes);
      return new NewEvents(o.notableTypes, (e) => {
        mine.add(e);
        if (!stored.has(e)) share.add([e]);
      });
    };
    const keep = (result: StoreResult) => {
      if (!several) out.added = result.added;
      else if (counted) out.added.absorb(share);
      else snapshot ??= result.added;
      if (record) stored.push(record);
      out.files.push(...result.files.filter((f) => !out.files.includes(f)));
      out.links.push(...result.links);
      Object.assign(out.outputs, result.outputs);
      r.info(`${d.name}: ${result.added.count} new event(s) in ${result.files.length} file(s).`);
    };
    try {
      keep(await d.store({ events: o.spool, tally, state: o.state, render: o.render }));
      out.succeeded.push(d.name);
    } catch (error) {
      // Stored, then a later step failed: what it stored counts, and the run still fails.
      if (error instanceof StoredThenFailed) keep(error.result);
      out.failed.push(`${d.name}: ${o.describe(error)}`);
      r.error(`The ${d.name} destination failed: ${o.describe(error)}`);
    } finally {
      r.endGroup();
    }
  }
  if (several && stored.records.length === 0 && snapshot) out.added = snapshot;
  return out;
}
