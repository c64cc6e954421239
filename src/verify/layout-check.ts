// Check 1, the layout: every file one the contract allows, every line an event on its own UTC day
// (or undated in `undated.jsonl`), sorted by timestamp then id, each id once in the tree. Reads each
// file once and keeps what the other checks need: each file's SHA-256, every event's key and time.
// Pure: the files come in as bytes.
import { compareEvents, eventFile, lineIdentity, UNDATED_FILE } from '../events.ts';
import { LEDGER_FILE, sha256 } from '../ledger.ts';
import { splitLineBytes } from '../merge.ts';
import { type FoundCheckpoint, parseState, STATE_FILE } from '../state.ts';
import { at, CheckResult, figure } from './problems.ts';

const DAY_FILE = /^(\d{4})\/(\d{2})\/(\d{4})-(\d{2})-\d{2}\.jsonl$/;

/** Whether a path (relative to `path`) is one the contract allows. */
export function isContractFile(file: string): boolean {
  if (file === UNDATED_FILE || file === STATE_FILE || file === LEDGER_FILE) return true;
  const day = DAY_FILE.exec(file);
  return day !== null && day[1] === day[3] && day[2] === day[4];
}

/** The record as one read of it left it: for the ledger, coverage and reconciliation checks. */
export class RecordScan {
  readonly layout = new CheckResult('layout');
  /** Each file's SHA-256, relative to `path` (state.json and the ledger too). */
  readonly hashes = new Map<string, string>();
  /** Each event's key, to the file (relative to `path`) that holds it first. */
  readonly keys = new Map<string, string>();
  /** The dated events from `recentFrom` on (key to time): what reconciliation sets against the API. */
  readonly recent = new Map<string, number>();
  /** The ledger's bytes, when there is one. */
  ledger: Buffer | undefined;
  /** state.json as read, or undefined (missing or not readable: a layout problem). */
  state: FoundCheckpoint | undefined;
  undated = 0;
  events = 0;
  private readonly path: string;
  private readonly recentFrom: number;
  private times: number[] = [];
  private sorted: Float64Array | undefined;

  constructor(path: string, recentFrom: number) {
    this.path = path;
    this.recentFrom = recentFrom;
  }

  /** An entry under `path` that is not a plain file (a symbolic link, a submodule…). */
  notAFile(file: string, what: string): void {
    this.layout.add(at(this.path, file), `${file} is ${what}, not a plain file`);
  }

  /** Reads one file of the record. */
  addFile(file: string, bytes: Buffer): void {
    this.hashes.set(file, sha256(bytes));
    if (file === LEDGER_FILE) this.ledger = bytes;
    else if (file === STATE_FILE) this.readState(bytes);
    else if (!isContractFile(file))
      this.layout.add(at(this.path, file), `${file} is not a file of the layout (day files, undated.jsonl, state.json, ledger.jsonl)`);
    else this.scanEvents(file, bytes);
  }

  private readState(bytes: Buffer): void {
    try {
      this.state = parseState(bytes.toString('utf8'), `${this.path}/${STATE_FILE}`);
    } catch (error) {
      this.layout.add(at(this.path, STATE_FILE), `state.json cannot be read: ${(error as Error).message}`);
    }
  }

  private scanEvents(file: string, bytes: Buffer): void {
    const where = (line: number) => at(this.path, file, line);
    const lines = splitLineBytes(bytes);
    if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) this.layout.add(where(lines.length), `the last line of ${file} does not end in a newline`);
    let previous: { key: string; time: number | null } | undefined;
    lines.forEach((raw, index) => {
      const number = index + 1;
      const line = lineIdentity(raw);
      if (line.time === null && !isEventObject(raw)) {
        this.layout.add(where(number), `line ${number} of ${file} is not an event (not a JSON object)`);
        return;
      }
      const belongs = eventFile(line.time);
      if (belongs !== file) this.layout.add(where(number), `the event ${line.key} at line ${number} belongs in ${belongs}, not ${file}`);
      if (previous && compareEvents(previous, line) > 0) this.layout.add(where(number), `line ${number} of ${file} is out of order (timestamp, then event_id)`);
      const first = this.keys.get(line.key);
      if (first !== undefined) this.layout.add(where(number), `the event ${line.key} at line ${number} is also in ${first}: each id once in the tree`);
      else this.keys.set(line.key, file);
      if (line.time === null) this.undated++;
      else {
        this.times.push(line.time);
        if (line.time >= this.recentFrom) this.recent.set(line.key, line.time);
      }
      this.events++;
      previous = line;
    });
  }

  /** Dated events with a time in `[start, end]`. */
  eventsBetween(start: number, end: number): number {
    const times = this.sortedTimes();
    return lowerBound(times, end + 1) - lowerBound(times, start);
  }

  private sortedTimes(): Float64Array {
    if (!this.sorted) {
      this.sorted = Float64Array.from(this.times).sort();
      this.times = [];
    }
    return this.sorted;
  }

  /** What the layout check says it looked at. */
  finish(): CheckResult {
    this.layout.figures = `${figure(this.hashes.size)} files, ${figure(this.events)} events${this.undated ? ` (${figure(this.undated)} undated)` : ''}`;
    if (!this.state && !this.layout.problems.some((p) => p.where.endsWith(STATE_FILE))) {
      this.layout.add(at(this.path, STATE_FILE), 'state.json is missing: the record has no checkpoint');
    }
    return this.layout;
  }
}

/** Whether a line parses as a JSON object (an event without a usable timestamp still is one). */
function isEventObject(raw: Buffer): boolean {
  try {
    const data: unknown = JSON.parse(raw.toString('utf8').replace(/^\ufeff/, ''));
    return typeof data === 'object' && data !== null && !Array.isArray(data);
  } catch {
    return false;
  }
}

/** The first index whose value is at least `value`. */
function lowerBound(values: Float64Array, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (values[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
