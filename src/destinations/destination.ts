// What every destination offers the run: its own checkpoint (if it keeps one) and a store.
import type { SignedLedgerLine } from '../attestation.ts';
import { ActionError } from '../errors.ts';
import type { NewEvents } from '../new-events.ts';
import type { LedgerRecord } from './ledger-keeper.ts';
import type { EventSource } from '../spool.ts';
import type { FoundCheckpoint, SyncState } from '../state.ts';

export interface StoreRequest {
  /** The fetched events, read one file under `path` (`YYYY/MM/YYYY-MM-DD.jsonl`, `undated.jsonl`) at a time. */
  events: EventSource;
  /** A new tally for the events this destination adds. */
  tally: () => NewEvents;
  /** The state.json to write with the events; undefined when no window completed. */
  state: SyncState | undefined;
  /** Fills `{start}`, `{end}` and `{count}` of the commit message and title templates. */
  render: (template: string, count: number) => string;
  /** What this run's ledger line says; undefined when no window completed (nothing to record). */
  ledger?: LedgerRecord;
}

export interface StoreResult {
  /** Events this destination did not hold before. */
  added: NewEvents;
  /** Paths that received events, relative to the repository or workspace root. */
  files: string[];
  /** Outputs this destination sets (commit-sha, pull-request-url, …). */
  outputs: Record<string, string>;
  /** Links for the summary. */
  links: { label: string; url: string }[];
  /** With `attest`: the ledger line this destination wrote, signed, for the run to store as an attestation. */
  signed?: SignedLedgerLine;
}

export interface Destination {
  readonly name: string;
  /**
   * Whether it keeps a record that the run merges into (branch, pull request, workspace), with a
   * `state.json` of its own; false for a snapshot of this run's events (the artifact), whose
   * checkpoint is the one saved in the Actions cache.
   */
  readonly keepsRecord: boolean;
  readCheckpoint(): Promise<FoundCheckpoint | undefined>;
  store(request: StoreRequest): Promise<StoreResult>;
}

/**
 * A destination that stored the events but failed a later step (the pull request that goes with
 * the pushed head): the run counts what it stored and still fails, so the checkpoint is not saved.
 */
export class StoredThenFailed extends ActionError {
  readonly result: StoreResult;
  constructor(message: string, result: StoreResult) {
    super(message);
    this.result = result;
  }
}
