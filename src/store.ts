// Storing the fetched events in every destination, one after another, and what they added in all:
// a failed destination does not stop the others, and each gets every event fetched (a snapshot such
// as the artifact all of them: it holds what is new since the checkpoint last saved). What the run
// reports is what is new to the record: the union of what the destinations that keep one added, or
// with none of them stored, what the snapshots hold. With several destinations, the keys each one
// added are recorded on disk beside the spool, one layout file at a time, so the union never needs
// every new event of a backfill in memory.
import type { SignedLedgerLine } from './attestation.ts';
import { type Destination, type StoreResult, StoredThenFailed } from './destinations/destination.ts';
import type { LedgerRecord } from './destinations/ledger-keeper.ts';
import { errorMessage } from './errors.ts';
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
  /** What each destination's ledger line says; undefined when nothing is recorded. */
  ledger?: LedgerRecord;
  reporter: Pick<Reporter, 'info' | 'error' | 'startGroup' | 'endGroup'>;
}

export interface StoreAllResult {
  /** The events new to at least one record (branch, pull request, workspace) that succeeded, each once; with none, what the snapshots hold. */
  added: NewEvents;
  files: string[];
  links: StoreResult['links'];
  outputs: StoreResult['outputs'];
  /** With `attest`: the ledger lines written, signed, to store as attestations. */
  signed: SignedLedgerLine[];
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

export async function storeEverywhere(options: StoreAllOptions): Promise<StoreAllResult> {
  const reporter = options.reporter;
  const several = options.destinations.length > 1;
  const out: StoreAllResult = { added: new NewEvents(options.notableTypes), files: [], links: [], outputs: {}, signed: [], succeeded: [], failed: [] };
  const stored = new StoredKeys();
  let snapshot: NewEvents | undefined;
  for (const destination of options.destinations) {
    reporter.startGroup(`Destination: ${destination.name}`);
    // What this destination adds that the records before it did not: its share of the union. A
    // destination that starts over (a new tally) starts its share over too.
    const counted = several && destination.keepsRecord;
    let record: KeyRecord | undefined;
    let share = new NewEvents(options.notableTypes);
    const tally = () => {
      if (!counted) return new NewEvents(options.notableTypes);
      const mine = (record = options.spool.keyRecord());
      share = new NewEvents(options.notableTypes);
      return new NewEvents(options.notableTypes, (e) => {
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
      if (result.signed) out.signed.push(result.signed);
      reporter.info(`${destination.name}: ${result.added.count} new event(s) in ${result.files.length} file(s).`);
    };
    try {
      keep(await destination.store({ events: options.spool, tally, state: options.state, render: options.render, ledger: options.ledger }));
      out.succeeded.push(destination.name);
    } catch (error) {
      // Stored, then a later step failed: what it stored counts, and the run still fails.
      if (error instanceof StoredThenFailed) keep(error.result);
      out.failed.push(`${destination.name}: ${errorMessage(error)}`);
      reporter.error(`The ${destination.name} destination failed: ${errorMessage(error)}`);
    } finally {
      reporter.endGroup();
    }
  }
  if (several && stored.records.length === 0 && snapshot) out.added = snapshot;
  return out;
}
