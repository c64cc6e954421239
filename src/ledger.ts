// The ledger (`ledger.jsonl`): one line per run that stored events, chained by the SHA-256 of the
// line before, recording what the run covered and each file it changed with the file's SHA-256
// after the change. Reading it back is as untrusted as any file: a line that is not a ledger line,
// a broken chain or a file whose bytes differ from its last recorded hash is a finding, never an
// error that stops a sync. Pure: no I/O.
import { createHash } from 'node:crypto';
import { type Filters, STATE_FILE } from './state.ts';

export const LEDGER_FILE = 'ledger.jsonl';
export const LEDGER_VERSION = 1;

/** The run that wrote a line, from the runner's environment. */
export interface LedgerRun {
  id: string;
  attempt: string;
  workflow: string;
  ref: string;
  sha: string;
  actor: string;
  /** The action's version. */
  action: string;
}

export interface LedgerWindow {
  start: string;
  end: string;
  /** As the API reported it for the window (the largest of its reads); -1 when it did not say. */
  totalCount: number;
  /** Events received for the window, duplicates included. */
  received: number;
}

export interface LedgerLine {
  version: 1;
  run: LedgerRun;
  range: { start: string; end: string };
  filters: Filters;
  windows: LedgerWindow[];
  added: number;
  duplicates: number;
  /** Each file (relative to `path`) the run changed, to its SHA-256 after the change. */
  files: Record<string, string>;
  /** Ranges the run could not fetch (older than Cursor keeps). */
  gaps: { start: string; end: string }[];
  /** On a branch: the commit the run wrote on top of ('' for a new branch or elsewhere). */
  base: string;
  /** SHA-256 of the previous line ('' on the first). */
  prev: string;
  attested: boolean;
  /** True on the first line written over files that existed before the ledger: it records them all. */
  baseline?: boolean;
}

/** SHA-256 of bytes, as lowercase hex. */
export function sha256(bytes: string | Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** SHA-256 of bytes given in pieces (a large file without one buffer of it), as lowercase hex. */
export function sha256OfChunks(chunks: Iterable<Buffer>): string {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}

/** The line's text (compact JSON, no newline): what `prev` of the next line hashes. */
export function ledgerLineText(line: LedgerLine): string {
  return JSON.stringify(line);
}

/** The files a ledger records: the event files, not `state.json` (refreshed alone) nor the ledger itself. */
export function isLedgerRecorded(relative: string): boolean {
  return relative !== STATE_FILE && relative !== LEDGER_FILE;
}

/** One line of a ledger as read back. */
export interface ReadLine {
  /** 1-based line number. */
  number: number;
  /** SHA-256 of the line's bytes (without its newline). */
  hash: string;
  /** The parsed line, or undefined when it is not one. */
  line: LedgerLine | undefined;
  /** What is wrong with it, when it is not a ledger line. */
  problem?: string;
}

/** A SHA-256 as lowercase hex. */
export const HEX64 = /^[0-9a-f]{64}$/;

/** Whether a parsed JSON value is an object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why a parsed value is not a ledger line, or undefined when it is one. */
function lineProblem(data: unknown): string | undefined {
  if (!isRecord(data)) return 'it is not a JSON object';
  if (data.version !== LEDGER_VERSION) return `its version ${JSON.stringify(data.version)} is not ${LEDGER_VERSION}`;
  if (typeof data.prev !== 'string' || (data.prev !== '' && !HEX64.test(data.prev))) return 'its prev is not a SHA-256';
  if (!isRecord(data.files) || Object.values(data.files).some((h) => typeof h !== 'string' || !HEX64.test(h))) return 'its files are not paths to SHA-256s';
  if (!isRecord(data.range) || typeof data.range.start !== 'string' || typeof data.range.end !== 'string') return 'it has no range';
  if (!Array.isArray(data.windows) || !Array.isArray(data.gaps)) return 'it has no windows or gaps';
  return undefined;
}

/** Reads a ledger's bytes line by line; never throws. */
export function readLedger(bytes: Buffer | undefined): ReadLine[] {
  if (!bytes || bytes.length === 0) return [];
  const text = bytes.toString('utf8');
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((raw, index) => {
    const number = index + 1;
    const hash = sha256(raw);
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return { number, hash, line: undefined, problem: 'it is not JSON' };
    }
    const problem = lineProblem(data);
    return problem ? { number, hash, line: undefined, problem } : { number, hash, line: data as LedgerLine };
  });
}

/** A finding about the ledger or a file it records, naming what and where. */
export interface LedgerFinding {
  /** The file (relative to `path`) the finding is about. */
  file: string;
  /** The ledger line, when the finding is about one. */
  line?: number;
  message: string;
}

/** The chain's breaks: a line that is not a ledger line, or whose `prev` is not the hash of the line before it. */
export function chainFindings(lines: ReadLine[]): LedgerFinding[] {
  const findings: LedgerFinding[] = [];
  let previous = '';
  for (const read of lines) {
    if (!read.line) findings.push({ file: LEDGER_FILE, line: read.number, message: `line ${read.number} is not a ledger line: ${read.problem}` });
    else if (read.line.prev !== previous) {
      const expected = previous === '' ? 'empty (the first line)' : previous.slice(0, 12);
      findings.push({
        file: LEDGER_FILE,
        line: read.number,
        message: `line ${read.number} does not follow the line before it: its prev is ${read.line.prev.slice(0, 12) || 'empty'}, the line before hashes to ${expected}`
      });
    }
    previous = read.hash;
  }
  return findings;
}

/** The last hash the ledger recorded for each file. */
export function recordedHashes(lines: ReadLine[]): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const read of lines) if (read.line) for (const [file, hash] of Object.entries(read.line.files)) hashes.set(file, hash);
  return hashes;
}

/** What a sync knows of a destination's ledger before it writes: the chain's end and the hashes to check files against. */
export class LedgerState {
  readonly lines: ReadLine[];
  readonly recorded: Map<string, string>;
  /** The hash of the last line: the next line's `prev`. */
  readonly last: string;

  constructor(bytes: Buffer | undefined) {
    this.lines = readLedger(bytes);
    this.recorded = recordedHashes(this.lines);
    this.last = this.lines.length ? this.lines[this.lines.length - 1].hash : '';
  }

  /** Whether the ledger exists yet (a first line over existing files is a baseline). */
  get empty(): boolean {
    return this.lines.length === 0;
  }

  /** How a file's current bytes (undefined: missing) stand against the last hash recorded for it; undefined when they agree or it was never recorded. */
  fileFinding(file: string, current: Buffer | undefined): LedgerFinding | undefined {
    const recorded = this.recorded.get(file);
    if (recorded === undefined) return undefined;
    if (current === undefined) return { file, message: `${file} is missing, though the ledger recorded it (SHA-256 ${recorded.slice(0, 12)})` };
    const hash = sha256(current);
    if (hash !== recorded) return { file, message: `${file} has SHA-256 ${hash.slice(0, 12)}, not ${recorded.slice(0, 12)} as the ledger last recorded it` };
    return undefined;
  }
}

/** The ledger's bytes with one more line. */
export function appendLedgerLine(stored: Buffer | undefined, line: LedgerLine): Buffer {
  const text = `${ledgerLineText(line)}\n`;
  if (!stored || stored.length === 0) return Buffer.from(text);
  const separator = stored[stored.length - 1] === 0x0a ? '' : '\n';
  return Buffer.concat([stored, Buffer.from(separator + text)]);
}
