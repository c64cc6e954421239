// Check 2, the ledger: the chain unbroken, each file's SHA-256 equal to the last one the ledger
// recorded for it, no file the ledger never recorded, no recorded file missing. Pure.
import { chainFindings, isLedgerRecorded, LEDGER_FILE, LedgerState, type ReadLine } from '../ledger.ts';
import { at, CheckResult, figure } from './problems.ts';
import type { RecordScan } from './layout-check.ts';

export function ledgerCheck(scan: RecordScan, path: string): { result: CheckResult; lines: ReadLine[] } {
  const result = new CheckResult('ledger');
  // the ledger as a sync reads it: its lines and the last hash recorded for each file
  const { lines, recorded } = new LedgerState(scan.ledger);
  const files = [...scan.hashes.keys()].filter(isLedgerRecorded);
  if (lines.length === 0) {
    if (files.length)
      result.add(
        at(path, LEDGER_FILE),
        `${LEDGER_FILE} is missing or empty, though ${figure(files.length)} file(s) hold events: nothing proves who wrote them`
      );
    result.figures = 'no ledger';
    return { result, lines };
  }
  const breaks = chainFindings(lines);
  for (const finding of breaks) result.add(at(path, finding.file, finding.line), finding.message);
  for (const file of files) {
    const hash = scan.hashes.get(file) as string;
    const last = recorded.get(file);
    if (last === undefined) result.add(at(path, file), `never recorded by the ledger: added outside the action`);
    else if (last !== hash) {
      result.add(at(path, file), `has SHA-256 ${hash.slice(0, 12)}, not ${last.slice(0, 12)} as the ledger last recorded it: changed outside the action`);
    }
  }
  for (const file of recorded.keys()) {
    if (!scan.hashes.has(file)) result.add(at(path, file), `missing, though the ledger recorded it (SHA-256 ${recorded.get(file)?.slice(0, 12)})`);
  }
  result.figures = `${figure(lines.length)} lines, chain ${breaks.length ? 'broken' : 'intact'}, ${figure(recorded.size)} files recorded`;
  return { result, lines };
}
