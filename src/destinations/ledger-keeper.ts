// A destination's ledger during one store: the tamper alarm (each file read before a merge is
// checked against the hash the ledger last recorded for it; a broken chain or a missing file is
// named too), the hashes of the files written, and the new line appended to `ledger.jsonl`.
// Whatever it finds, it only warns: the run still appends, and never rewrites what it found.
import type { AppendedLine, SignedLedgerLine } from '../attestation.ts';
import {
  appendLedgerLine,
  chainFindings,
  isLedgerRecorded,
  type LedgerFinding,
  type LedgerLine,
  type LedgerRun,
  ledgerLineText,
  LedgerState,
  type LedgerWindow,
  sha256,
  sha256OfChunks
} from '../ledger.ts';
import type { MergeResult } from '../merge.ts';
import type { Filters } from '../state.ts';
import type { MergeWatch, StoredLayout } from './merge-loop.ts';

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
  /** With `attest`: signs the line (before the destination writes it), returning the Sigstore bundle. */
  sign?: (appended: AppendedLine) => Promise<SignedLedgerLine['bundle']>;
  /** A warning annotation: "changed outside the action". */
  warn: (message: string) => void;
}

/** Where a destination keeps its ledger, and what it holds of it. */
export interface LedgerPlace {
  /** The ledger's bytes as the destination holds them (undefined: none yet). */
  stored: Buffer | undefined;
  /** The layout folder (`path`), which the warnings name files under. */
  path: string;
  /** How the log names the destination ("on branch x", "in the workspace"). */
  where: string;
}

/** What the destination holds when the line is written. */
export interface LedgerAppend {
  /** Events this run added to the destination. */
  added: number;
  /** On a branch, the commit the run wrote on top of; '' elsewhere. */
  base: string;
  /** Every file the destination holds under `path` (relative to it). */
  files: readonly string[];
  read: (file: string) => Promise<Buffer | undefined>;
}

export class LedgerKeeper implements MergeWatch {
  private readonly record: LedgerRecord;
  private readonly place: LedgerPlace;
  private readonly state: LedgerState;
  private readonly changed = new Map<string, string>();
  private readonly checked = new Set<string>();
  private signedLine: SignedLedgerLine | undefined;

  constructor(record: LedgerRecord, place: LedgerPlace) {
    this.record = record;
    this.place = place;
    this.state = new LedgerState(place.stored);
    for (const finding of chainFindings(this.state.lines)) this.warn(finding);
  }

  private warn(finding: LedgerFinding): void {
    const { path, where } = this.place;
    this.record.warn(
      `${path}/${finding.file} ${where} was changed outside the action: ${finding.message}. This run only appends to what it found; run the action with mode: verify to see every change.`
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

  /** The line appended and its signature (with `attest`), once `append` ran. */
  get signed(): SignedLedgerLine | undefined {
    return this.signedLine;
  }

  /** How many files this run wrote so far (a pull request head's join, then the run's merge). */
  get written(): number {
    return this.changed.size;
  }

  /** A file written with this merged content. */
  wrote(file: string, merged: MergeResult): void {
    this.changed.set(file, sha256OfChunks(merged.chunks()));
  }

  /** Each recorded file the destination no longer holds (and this run did not write) is named. */
  private missing(present: ReadonlySet<string>): void {
    for (const file of this.state.recorded.keys()) {
      if (!present.has(file) && !this.changed.has(file)) this.warn({ file, message: `${file} is missing, though the ledger recorded it` });
    }
  }

  /** On a ledger's first line over files that existed before it, every such file's hash (the baseline); else none. */
  private async baseline(held: LedgerAppend): Promise<Record<string, string> | undefined> {
    const before = [...held.files].filter((file) => isLedgerRecorded(file) && !this.changed.has(file)).sort();
    if (!this.state.empty || before.length === 0) return undefined;
    const files: Record<string, string> = {};
    for (const file of before) {
      const bytes = await held.read(file);
      if (bytes) files[file] = sha256(bytes);
    }
    return files;
  }

  /**
   * The ledger with this run's line. A recorded file missing from `held.files` is named; on a
   * ledger's first line, every file in it not written by this run is read and recorded (the baseline).
   */
  async append(held: LedgerAppend): Promise<Buffer> {
    this.missing(new Set(held.files));
    const baseline = await this.baseline(held);
    const hashes = new Map([...Object.entries(baseline ?? {}), ...this.changed]);
    const files = Object.fromEntries([...hashes].sort(([a], [b]) => (a < b ? -1 : 1)));
    const { record } = this;
    const line: LedgerLine = {
      version: 1,
      run: record.run,
      range: record.range,
      filters: record.filters,
      windows: record.windows,
      added: held.added,
      duplicates: Math.max(0, record.fetched - held.added),
      files,
      gaps: record.gaps,
      base: held.base,
      prev: this.state.last,
      attested: record.attested,
      ...(baseline ? { baseline: true } : {})
    };
    if (record.sign) {
      const appended = { number: this.state.lines.length + 1, hash: sha256(ledgerLineText(line)), line };
      this.signedLine = { ...appended, bundle: await record.sign(appended) };
    }
    return appendLedgerLine(this.place.stored, line);
  }
}
