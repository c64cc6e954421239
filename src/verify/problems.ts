// What `mode: verify` reports: each check's figures and its problems, each naming the file, the
// line or the commit and what is wrong. Pure.

export const CHECKS = ['layout', 'ledger', 'coverage', 'history', 'reconciliation', 'attestations'] as const;
export type CheckName = (typeof CHECKS)[number];

export interface Problem {
  check: CheckName;
  /** The file (relative to the repository or workspace root) with `:line`, or `commit <sha>`. */
  where: string;
  message: string;
}

/** The most problems a check keeps one by one (it still counts them all). */
export const MAX_KEPT_PER_CHECK = 1000;

/** One check's outcome: its problems (counted, the first kept) and the figures the summary shows. */
export class CheckResult {
  readonly name: CheckName;
  readonly problems: Problem[] = [];
  count = 0;
  /** What the check looked at, for the summary ("365 files, 3,000,000 events"). */
  figures = '';
  /** Said beside the figures: what the check could not look at, or what it listed without failing. */
  notes: string[] = [];

  constructor(name: CheckName) {
    this.name = name;
  }

  add(where: string, message: string): void {
    this.count++;
    if (this.problems.length < MAX_KEPT_PER_CHECK) this.problems.push({ check: this.name, where, message });
  }

  get passed(): boolean {
    return this.count === 0;
  }
}

/** Where a line is: `path/file:line`. */
export function at(path: string, file: string, line?: number): string {
  return `${path}/${file}${line === undefined ? '' : `:${line}`}`;
}

/** A count with thousands separators. */
export function figure(n: number): string {
  return n.toLocaleString('en-US');
}
