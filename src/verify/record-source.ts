// Where `mode: verify` reads a record: the branch through the GitHub API, or a workspace with its
// git history. Each reads the files into a RecordScan and the history as each commit's changes.
import type { ReadLine } from '../ledger.ts';
import type { History } from './history-check.ts';
import type { RecordScan } from './layout-check.ts';

export interface RecordSource {
  /** How the log and the summary name the record ("branch x of owner/repo"). */
  readonly name: string;
  /** Reads every entry under `path` into the scan, one file at a time. */
  scan(scan: RecordScan): Promise<void>;
  /** The history since the first ledger line (its `base` tells a source where that is). */
  history(ledger: ReadLine[]): Promise<History>;
}
