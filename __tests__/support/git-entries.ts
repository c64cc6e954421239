// Writes arbitrary tree entries (bytes that are not UTF-8, symbolic links, submodules) straight
// into the fake GitHub's bare repository with the git CLI, as a writer with push access could.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type RawEntry = { path: string; content: Buffer | string; mode?: '100644' | '120000' } | { path: string; submodule: string };

function git(gitDir: string, args: string[], opts: { input?: Buffer | string; env?: Record<string, string> } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', ['--git-dir', gitDir, ...args], { env: { ...process.env, ...opts.env }, encoding: 'buffer' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args.join(' ')}: ${stderr.toString()}`));
      else resolve(stdout.toString().trim());
    });
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}

/** Commits the entries on top of `branch` in the bare repository; returns the new commit's sha. */
export async function commitRaw(gitDir: string, branch: string, entries: RawEntry[], message = 'hand-made entries'): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'git-entries-'));
  const env = {
    GIT_INDEX_FILE: join(scratch, 'index'),
    GIT_AUTHOR_NAME: 'Mallory',
    GIT_AUTHOR_EMAIL: 'mallory@example.com',
    GIT_COMMITTER_NAME: 'Mallory',
    GIT_COMMITTER_EMAIL: 'mallory@example.com'
  };
  try {
    const parent = await git(gitDir, ['rev-parse', '--verify', '-q', `refs/heads/${branch}`]).catch(() => '');
    if (parent) await git(gitDir, ['read-tree', parent], { env });
    for (const e of entries) {
      if ('submodule' in e) {
        await git(gitDir, ['update-index', '--add', '--cacheinfo', `160000,${e.submodule},${e.path}`], { env });
      } else {
        const sha = await git(gitDir, ['hash-object', '-w', '--stdin'], { input: e.content, env });
        await git(gitDir, ['update-index', '--add', '--cacheinfo', `${e.mode ?? '100644'},${sha},${e.path}`], { env });
      }
    }
    const tree = await git(gitDir, ['write-tree'], { env });
    const commit = await git(gitDir, ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message], { env });
    await git(gitDir, ['update-ref', `refs/heads/${branch}`, commit], { env });
    return commit;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The bytes of a file at a ref. */
export async function showRaw(gitDir: string, ref: string, path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', ['--git-dir', gitDir, 'cat-file', 'blob', `${ref}:${path}`], { encoding: 'buffer', maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
      if (error) reject(new Error(stderr.toString()));
      else resolve(stdout);
    });
  });
}
