// The workspace as `mode: verify` reads it: the files under `$GITHUB_WORKSPACE/{path}`, and when it
// is a git checkout, its history (`git log -p`, read as it streams: no API calls, any length). A
// shallow clone cannot show its history: that is said, and fails the check.
import { spawn, execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { ActionError } from '../errors.ts';
import type { ReadLine } from '../ledger.ts';
import { commitChanges, type CommitChanges, type FileChange, type History } from './history-check.ts';
import type { RecordScan } from './layout-check.ts';
import type { RecordSource } from './record-source.ts';
import { changeFromPatch } from './unified-diff.ts';

const run = promisify(execFile);

export class WorkspaceRecord implements RecordSource {
  readonly name: string;
  private readonly root: string;
  private readonly path: string;

  constructor(workspaceRoot: string, path: string) {
    this.root = resolve(workspaceRoot);
    this.path = path;
    this.name = `the workspace (${path})`;
  }

  async scan(scan: RecordScan): Promise<void> {
    const base = join(this.root, this.path);
    let entries;
    try {
      entries = await readdir(base, { withFileTypes: true, recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const files: string[] = [];
    for (const entry of entries) {
      const file = relative(base, join(entry.parentPath, entry.name)).split(sep).join('/');
      if (entry.isFile()) files.push(file);
      else if (!entry.isDirectory()) scan.notAFile(file, entry.isSymbolicLink() ? 'a symbolic link' : 'neither a file nor a folder');
    }
    for (const file of files.sort()) scan.addFile(file, await readFile(join(base, file)));
  }

  async history(_ledger: ReadLine[]): Promise<History> {
    const none = (why: Pick<History, 'unavailable' | 'skipped'>): History => ({ reachable: new Set(), commits: [], unread: 0, cost: 'none', ...why });
    const git = (args: string[]) => run('git', ['-C', this.root, ...args], { maxBuffer: 1 << 30 }).then((out) => out.stdout.trim());
    let top: string;
    try {
      top = await git(['rev-parse', '--show-toplevel']);
    } catch {
      return none({
        skipped: `the workspace is not a git checkout, so there is no history to check (check the branch out with actions/checkout and fetch-depth: 0 to check it)`
      });
    }
    if ((await git(['rev-parse', '--is-shallow-repository'])) === 'true') {
      return none({
        unavailable: `the workspace is a shallow clone, so its history cannot be checked: check the branch out with actions/checkout and fetch-depth: 0`
      });
    }
    const where = relative(top, join(this.root, this.path)).split(sep).join('/');
    const reachable = new Set((await git(['rev-list', 'HEAD'])).split('\n').filter(Boolean));
    const commits = await this.changes(top, where);
    return { reachable, commits, unread: 0, cost: 'git history, no API calls' };
  }

  /** Every commit that touched `path`, newest first, each reduced as it streams by. */
  private async changes(top: string, where: string): Promise<CommitChanges[]> {
    const child = spawn(
      'git',
      [
        '-C',
        top,
        '-c',
        'core.quotePath=false',
        'log',
        '--format=%x01%H %P',
        '-p',
        '-U0',
        '--no-renames',
        '--no-color',
        '--no-ext-diff',
        '--diff-merges=first-parent',
        'HEAD',
        '--',
        where
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number>((done) => child.on('close', (code) => done(code ?? 1)));
    const parser = new LogParser(`${where}/`);
    for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) parser.line(line);
    if ((await exited) !== 0)
      throw new ActionError(
        `Could not read the history of ${top} with git log (${stderr.trim()}): check that the workspace is a checkout git can read, or verify the branch through the API (destination: branch).`
      );
    return parser.end();
  }
}

/** `git log -p` read line by line: commits, their files, and each file's hunks. */
class LogParser {
  private readonly prefix: string;
  private readonly commits: CommitChanges[] = [];
  private commit: { sha: string; parents: string[]; files: FileChange[] } | undefined;
  private file: { name: string; header: boolean; patch: string[] } | undefined;

  constructor(prefix: string) {
    this.prefix = prefix;
  }

  line(text: string): void {
    if (text.startsWith('\u0001')) {
      this.endCommit();
      const [sha, ...parents] = text.slice(1).split(' ').filter(Boolean);
      this.commit = { sha, parents, files: [] };
    } else if (text.startsWith('diff --git ')) {
      this.endFile();
      this.file = { name: '', header: true, patch: [] };
    } else if (this.file?.header) {
      if (text.startsWith('@@')) {
        this.file.header = false;
        this.file.patch.push(text);
      } else if (text.startsWith('--- a/') || text.startsWith('+++ b/')) this.file.name = text.slice(6);
    } else if (this.file) this.file.patch.push(text);
  }

  private endFile(): void {
    const file = this.file;
    this.file = undefined;
    if (!file || !this.commit || !file.name.startsWith(this.prefix)) return;
    this.commit.files.push(changeFromPatch(file.name.slice(this.prefix.length), file.patch.join('\n')));
  }

  private endCommit(): void {
    this.endFile();
    if (this.commit) this.commits.push(commitChanges(this.commit.sha, this.commit.parents, this.commit.files));
    this.commit = undefined;
  }

  end(): CommitChanges[] {
    this.endCommit();
    return this.commits;
  }
}
