// What the verify tests share: the record's names, reading the branch with git, and the problems output.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { showRaw } from './git-entries.ts';

export const exec = promisify(execFile);
export const NOW = Date.parse('2026-11-25T12:00:00.000Z');
export const DIR = 'cursor-audit-logs';
export const TOKEN = 'ghs_verify_test_token';
export const BRANCH = 'cursor-audit-logs';

export interface Problem {
  check: string;
  where: string;
  message: string;
}

/** git in a repository (bare or a checkout's .git), its output trimmed. */
export const git = async (gitDir: string, ...args: string[]) => (await exec('git', ['--git-dir', gitDir, ...args])).stdout.trim();

/** A file of the record (relative to `path`) on the branch. */
export const read = async (gitDir: string, file: string) => (await showRaw(gitDir, BRANCH, `${DIR}/${file}`)).toString('utf8');

/** The `problems` output. */
export function problemsOf(outputs: Record<string, string>): Problem[] {
  return JSON.parse(outputs.problems ?? '[]') as Problem[];
}
