// Which files of the layout hold events: every `.jsonl` file under `path` but the ledger
// (`ledger.jsonl`, one line per run, described in CONTRACT.md's Ledger section).
import { LEDGER_FILE } from '../../src/ledger.ts';

/** Whether a path (relative to `path`, to the repository or to the workspace) is an event file: a `.jsonl` file that is not `ledger.jsonl`. */
export function isEventFile(path: string): boolean {
  return path.endsWith('.jsonl') && path !== LEDGER_FILE && !path.endsWith(`/${LEDGER_FILE}`);
}
