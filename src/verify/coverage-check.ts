// Check 3, coverage: the ledger's ranges join from the first start to the checkpoint, with holes
// only where a gap is declared, and each window holds at least the events the API counted for it
// (`totalCount`). Pure.
import { type LedgerLine, LEDGER_FILE, type ReadLine } from '../ledger.ts';
import { formatTime, parseRfc3339 } from '../time.ts';
import type { RecordScan } from './layout-check.ts';
import { at, CheckResult, figure } from './problems.ts';

interface Span {
  start: number;
  end: number;
}

function span(range: { start: string; end: string }): Span | undefined {
  const start = parseRfc3339(range.start);
  const end = parseRfc3339(range.end);
  return start === undefined || end === undefined ? undefined : { start, end };
}

/** Whether the declared gaps together cover `[from, to]`. */
function declared(gaps: Span[], from: number, to: number): boolean {
  let reached = from;
  for (const gap of [...gaps].sort((a, b) => a.start - b.start)) {
    if (gap.start > reached) break;
    reached = Math.max(reached, gap.end);
  }
  return reached >= to;
}

export function coverageCheck(scan: RecordScan, lines: ReadLine[], path: string): CheckResult {
  const result = new CheckResult('coverage');
  const ledger = at(path, LEDGER_FILE);
  const read = lines.filter((line): line is ReadLine & { line: LedgerLine } => line.line !== undefined);
  const gaps = read.flatMap((line) => line.line.gaps.map(span).filter((gap): gap is Span => gap !== undefined));
  let first: number | undefined;
  let reached: number | undefined;
  let windows = 0;
  for (const { line, number } of read) {
    const range = span(line.range);
    if (!range) {
      result.add(`${ledger}:${number}`, `line ${number} of the ledger has a range that is not RFC 3339 times`);
      continue;
    }
    if (reached !== undefined && range.start > reached && !declared(gaps, reached, range.start)) {
      result.add(
        `${ledger}:${number}`,
        `nothing covers ${formatTime(reached)} → ${formatTime(range.start)}: line ${number} starts after every line before it ended, and no gap is declared there`
      );
    }
    first ??= range.start;
    reached = Math.max(reached ?? range.end, range.end);
    windows += windowCounts(scan, line, number, ledger, result);
  }
  const checkpoint = scan.state?.time;
  if (reached !== undefined && checkpoint !== undefined && checkpoint > reached && !declared(gaps, reached, checkpoint)) {
    result.add(
      at(path, 'state.json'),
      `the checkpoint ${formatTime(checkpoint)} is after the ledger's last end ${formatTime(reached)}: nothing records what was fetched between them`
    );
  }
  result.figures =
    first === undefined
      ? 'no ledger ranges'
      : `${formatTime(first)} → ${formatTime(reached as number)}, ${figure(windows)} windows, ${figure(gaps.length)} declared gap(s)`;
  return result;
}

/**
 * Each window of a line against the events the record holds in it. Undated events count for every
 * window (the API counted them somewhere), so an undated event never makes a window look short.
 */
function windowCounts(scan: RecordScan, line: LedgerLine, number: number, ledger: string, result: CheckResult): number {
  for (const window of line.windows) {
    const range = span(window);
    if (!range || typeof window.totalCount !== 'number' || window.totalCount < 0) continue;
    const held = scan.eventsBetween(range.start, range.end) + scan.undated;
    if (held < window.totalCount) {
      result.add(
        `${ledger}:${number}`,
        `the window ${window.start} → ${window.end} of line ${number}: the API counted ${figure(window.totalCount)} events, the record holds ${figure(held)}`
      );
    }
  }
  return line.windows.length;
}
