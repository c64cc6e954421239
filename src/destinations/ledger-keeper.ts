// A destination's ledger during one store: the tamper alarm (each file read before a merge is
// checked against the hash the ledger last recorded for it; a broken chain or a missing file is
// named too), the hashes of the files written, and the new line appended to `ledger.jsonl`.
// Whatever it finds, it only warns: the run still appends, and never rewrites what it found.
import {
  chainFindings,
  appendLedgerLine,
  isLedgerRecorded,
  type LedgerFinding,
  type LedgerLine,
  LedgerState,
  type LedgerRun,
  type LedgerWindow,
  sha256
} from '../ledger.ts';
import type { MergeResult } from '../merge.ts';
import type { Filters } from '../state.ts';
import type { StoredLayout } from './merge-loop.ts';

/** What the run tells each destination for its ledger line. */
export interface LedgerRecord {
  run: LedgerRun;
  /** From the run's start to the checkpoint it saves. */
  range: { start: string; end: string };
  filters: Filters;
  windows: LedgerWindow[];
  gaps: { start: string; end: string }[];
  /** Events received, duplicates included. */
  fetched: number;
  attested: boolean;
  /** A warning annotation: "changed outside the action". */
  warn: (message: string) => void;
}

export class LedgerKeeper {
  private readonly record: LedgerRecord;
  private readonly state: LedgerState;
  private readonly where: string;
  private readonly changed = new Map<string, string>();
  private readonly checked = new Set<string>();
  private readonly stored: Buffer | undefined;

  /** `stored`: the ledger's bytes as the destination holds them; `where`: how the log names the destination ("on branch x"). */
  constructor(record: LedgerRecord, stored: Buffer | undefined, where: string) {
    this.record = record;
    this.stored = stored;
    this.state = new LedgerState(stored);
    this.where = where;
    for (const finding of chainFindings(this.state.lines)) this.warn(finding);
  }

  private warn(finding: LedgerFinding): void {
    this.record.warn(
      `${finding.file} ${this.where} was changed outside the action: ${finding.message}. This run only appends to what it found; run the action with mode: verify to see every change.`
    );
  }

  /** The stored layout, each file read checked against the ledger before it is merged into. */
  checking(stored: StoredLayout): StoredLayout {
    return {
      read: async (file) => {
        const bytes = await stored.read(file);
        if (!this.checked.has(file)) {
          this.checked.add(file);
          const finding = this.state.fileFinding(file, bytes);
          if (finding) this.warn(finding);
        }
        return bytes;
      },
      dayFiles: () => stored.dayFiles()
    };
  }

  /** A file written with this merged content. */
  wrote(file: string, merged: MergeResult): void {
    this.changed.set(file, sha256(Buffer.concat([...merged.chunks()])));
  }

  /**
   * The ledger with this run's line. `files` lists every file the destination holds under `path`
   * (relative to it): a recorded file missing from it is named; on a ledger's first line, every
   * file in it not written by this run is read and recorded (the baseline).
   */
  async append(o: { added: number; base: string; files: readonly string[]; read: (file: string) => Promise<Buffer | undefined> }): Promise<Buffer> {
    const present = new Set(o.files);
    for (const file of this.state.recorded.keys()) {
      if (!present.has(file) && !this.changed.has(file)) this.warn({ file, message: `${file} is missing, though the ledger recorded it` });
    }
    const files: Record<string, string> = {};
    const baseline = this.state.empty && o.files.some((file) => isLedgerRecorded(file) && !this.changed.has(file));
    if (baseline) {
      for (const file of [...o.files].sort()) {
        if (!isLedgerRecorded(file) || this.changed.has(file)) continue;
        const bytes = await o.read(file);
        if (bytes) files[file] = sha256(bytes);
      }
    }
    for (const [file, hash] of [...this.changed].sort(([a], [b]) => (a < b ? -1 : 1))) files[file] = hash;
    const { record } = this;
    const line: LedgerLine = {
      version: 1,
      run: record.run,
      range: record.range,
      filters: record.filters,
      windows: record.windows,
      added: o.added,
      duplicates: Math.max(0, record.fetched - o.added),
      files,
      gaps: record.gaps,
      base: o.base,
      prev: this.state.last,
      attested: record.attested,
      ...(baseline ? { baseline: true } : {})
    };
    return appendLedgerLine(this.stored, line);
  }
}
