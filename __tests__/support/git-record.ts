// Reads what a branch of the fake GitHub's bare repository records, with the git CLI: the event ids
// in its day files, ancestry, and what it changes compared with another commit.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { isEventFile } from './event-files.ts';

const exec = promisify(execFile);

export interface GitRecord {
  git(...args: string[]): Promise<string>;
  /** The commit a ref names, or undefined when it does not exist. */
  sha(ref: string): Promise<string | undefined>;
  /** The event ids in the event files (`.jsonl` but the ledger) at `ref`, one per line (a duplicate shows twice), sorted; [] when the ref does not exist. */
  ids(ref: string): Promise<string[]>;
  isAncestor(ancestor: string, descendant: string): Promise<boolean>;
  /** Files whose lines `to` removes compared with `from` (only additions leave this empty). */
  removesLines(from: string, to: string, except?: (file: string) => boolean): Promise<string[]>;
}

export function gitRecord(gitDir: string): GitRecord {
  const git = async (...args: string[]) => (await exec('git', ['--git-dir', gitDir, ...args], { maxBuffer: 256 * 1024 * 1024 })).stdout.trim();
  const sha = (ref: string) => git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`).catch(() => undefined);
  return {
    git,
    sha,
    async ids(ref) {
      // a ref that does not exist fails the listing: no ids
      const listed = await git('ls-tree', '-r', '--name-only', `${ref}^{commit}`).catch(() => undefined);
      if (listed === undefined) return [];
      const files = listed.split('\n').filter(isEventFile);
      if (!files.length) return [];
      const text = await git('show', ...files.map((f) => `${ref}:${f}`));
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => String(JSON.parse(line).event_id))
        .sort();
    },
    async isAncestor(ancestor, descendant) {
      return exec('git', ['--git-dir', gitDir, 'merge-base', '--is-ancestor', ancestor, descendant]).then(
        () => true,
        () => false
      );
    },
    async removesLines(from, to, except = () => false) {
      const rows = (await git('diff', '--numstat', from, to)).split('\n').filter(Boolean);
      return rows
        .map((row) => row.split('\t'))
        .filter(([, deleted, file]) => deleted !== '0' && !except(file as string))
        .map(([, , file]) => file as string);
    }
  };
}

/** The ids that occur more than once. */
export function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
}
