// Check 4, history: no commit since the first ledger line removed or changed a line under `path`
// (state.json aside, which each run rewrites), every ledger line was written on top of a commit
// that is still in the history (a force-pushed rewrite leaves the lines' `base` behind), and a
// ledger line a commit adds names that commit's parent as its base. Pure: the history comes in as
// each commit's changes.
import { lineIdentity } from '../events.ts';
import { formatTime } from '../time.ts';
import { LEDGER_FILE, type LedgerLine, type ReadLine, readLedger } from '../ledger.ts';
import { STATE_FILE } from '../state.ts';
import { at, CheckResult, figure } from './problems.ts';

/** What one commit changed in a file under `path`, against its first parent. */
export interface FileChange {
  /** Relative to `path`. */
  file: string;
  /** Lines the commit took out, with their number in the parent's file. */
  removed: { line: number; text: string }[];
  /** Lines the commit put in. */
  added: string[];
}

/** One commit as the check needs it: the lines it lost under `path` and the ledger lines it added. */
export interface CommitChanges {
  sha: string;
  parents: string[];
  /** Lines taken out and not put back in the same file (state.json aside). */
  lost: { file: string; line: number; text: string }[];
  /** Lines it added to the ledger. */
  ledgerAdded: string[];
}

/** The history as a record source read it. */
export interface History {
  /** Every commit reachable from the head (a ledger line's base must be one of them). */
  reachable: ReadonlySet<string>;
  /** The commits read, newest first: since the first ledger line, or every one that touched `path`. */
  commits: CommitChanges[];
  /** Commits since the first ledger line left unread (past verify-max-commits). */
  unread: number;
  /** Why the history could not be read at all (a shallow clone): a problem. */
  unavailable?: string;
  /** Why there is no history to read (a workspace that is not a git checkout): said, not failed. */
  skipped?: string;
  /** How reading it was paid for, for the summary ("8,850 GitHub API calls"). */
  cost: string;
  /** What to do when commits were left unread. */
  unreadHelp?: string;
}

const short = (sha: string) => sha.slice(0, 12);
/** How a problem names a lost line: its event (id and time), or the start of its bytes when it is not one. */
function lineName(text: string): string {
  const { key, time } = lineIdentity(text);
  if (!key.startsWith('sha256:')) return `the event ${key}${time === null ? '' : ` of ${formatTime(time)}`}`;
  return `a line starting ${JSON.stringify(text.slice(0, 60))}`;
}

/** A commit's file changes reduced to what the check needs (so a source keeps little of a long history). */
export function commitChanges(sha: string, parents: string[], files: FileChange[]): CommitChanges {
  return {
    sha,
    parents,
    lost: files.filter((change) => change.file !== STATE_FILE).flatMap((change) => lostLines(change).map((line) => ({ file: change.file, ...line }))),
    ledgerAdded: files.filter((change) => change.file === LEDGER_FILE).flatMap((change) => change.added)
  };
}

/** The lines a change took out that it did not put back (a line moved within the file is not lost). */
function lostLines(change: FileChange): { line: number; text: string }[] {
  const putBack = new Map<string, number>();
  for (const text of change.added) putBack.set(text, (putBack.get(text) ?? 0) + 1);
  return change.removed.filter(({ text }) => {
    const left = putBack.get(text) ?? 0;
    if (left > 0) putBack.set(text, left - 1);
    return left === 0;
  });
}

/** The oldest commit read that added a ledger line: the history is checked from it on. */
function firstLedgerCommit(commits: CommitChanges[]): number {
  for (let index = commits.length - 1; index >= 0; index--) {
    if (commits[index].ledgerAdded.length > 0) return index;
  }
  return -1;
}

export function historyCheck(history: History, ledger: ReadLine[], path: string): CheckResult {
  const result = new CheckResult('history');
  if (history.unavailable || history.skipped) {
    if (history.unavailable) result.add(path, history.unavailable);
    if (history.skipped) result.notes.push(history.skipped);
    result.figures = 'not read';
    return result;
  }
  const from = firstLedgerCommit(history.commits);
  const checked = history.commits.slice(0, from + 1);
  for (const commit of checked) checkCommit(commit, path, result);
  for (const { line, number } of ledger) {
    if (line?.base && !history.reachable.has(line.base)) {
      result.add(
        `commit ${short(line.base)}`,
        `line ${number} of ${LEDGER_FILE} was written on top of commit ${short(line.base)}, which is not in the history any more: the history was rewritten (a force push)`
      );
    }
  }
  if (history.unread > 0) {
    result.add(
      path,
      `${figure(history.unread)} older commit(s) since the first ledger line were not read${history.unreadHelp ? `: ${history.unreadHelp}` : ''}`
    );
  }
  result.figures = `${figure(checked.length)} commit(s) since the first ledger line read (${history.cost})`;
  return result;
}

function checkCommit(commit: CommitChanges, path: string, result: CheckResult): void {
  const where = `commit ${short(commit.sha)}`;
  for (const { file, line, text } of commit.lost) {
    result.add(where, `removed or changed line ${line} of ${at(path, file)} (${lineName(text)})`);
  }
  // A merge brings in lines written on the merged branch, on top of that branch's own commits.
  if (commit.parents.length !== 1) return;
  for (const read of readLedger(Buffer.from(commit.ledgerAdded.map((text) => `${text}\n`).join('')))) {
    const base = (read.line as LedgerLine | undefined)?.base;
    if (base && base !== commit.parents[0]) {
      result.add(
        where,
        `adds a ledger line written on top of ${short(base)}, but its parent is ${short(commit.parents[0])}: the line was not written by the action on this history`
      );
    }
  }
}
