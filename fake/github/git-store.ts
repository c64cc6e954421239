/**
 * The fake GitHub's repository: a real bare git repository, read through one long-lived
 * `git cat-file --batch-command` and the ref files, written with git plumbing (objects by
 * `hash-object`, trees through a temporary index, refs by `update-ref` with the old value), and
 * the git side of the merge button (a merge's tree, a rebase in a temporary worktree).
 *
 * One lock serializes everything that mutates the repository (or the pull requests kept beside it).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Identity, type NewCommit, type ParsedCommit, WEB_FLOW, commitText, parseCommit } from './commits.ts';
import { EMPTY_TREE, SHA_RE, ZERO_SHA, validBranchName } from './git-names.ts';
import { type GitOptions, type GitResult, ObjectReader, baseEnv, memoKey, runGit } from './git-process.ts';

/** One change to a tree: a path's new blob (by sha or content), a subtree, a submodule, or its removal. */
export interface TreeChange {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  /** null deletes the path. */
  sha?: string | null;
  content?: Buffer;
}

/** One line of `git ls-tree -l`. */
export interface LsEntry {
  mode: string;
  type: string;
  sha: string;
  size: number | undefined;
  path: string;
}

/** One changed file of a diff, as `--numstat` counts it (binary files count 0). */
export interface FileStat {
  path: string;
  additions: number;
  deletions: number;
}

/**
 * One file a commit changes, as `git diff-tree -r --no-renames --raw -p` gives it: the raw line's
 * letter (A added, D deleted, M modified, T type changed), modes and blobs, the lines the patch adds
 * and removes (binary files count 0, as `--numstat` does), and the patch's hunks.
 */
export interface FileDiff {
  path: string;
  status: string;
  oldMode: string;
  newMode: string;
  /** The zero sha when the file is added. */
  oldSha: string;
  /** The zero sha when the file is deleted. */
  newSha: string;
  additions: number;
  deletions: number;
  /**
   * The unified diff from the first hunk header (`@@ -a,b +c,d @@`) on, without the `diff --git`,
   * `index`, `---` and `+++` lines nor the final newline; undefined when git gives no hunk (a binary
   * file, an empty file added or removed, a change of mode alone).
   */
  patch: string | undefined;
}

export interface GitStoreOptions {
  /** Path of the bare repository to create (must be missing or empty). Default: a new temp dir. */
  dir?: string;
  /** The repository's name (the temp dir's `<repo>.git`). */
  repo: string;
  defaultBranch: string;
}

export class GitStore {
  readonly gitDir: string;
  private readonly tempRoot: string | undefined;
  private readonly scratchRoot: string;
  private readonly objects: ObjectReader;
  // Git objects never change: a read that names only object ids (no ref, no index) gives the same
  // answer every time, so it is kept rather than asked of git again (one process less per request).
  private readonly reads = new Map<string, GitResult>();
  private tail: Promise<void> = Promise.resolve();

  private constructor(gitDir: string, tempRoot: string | undefined, scratchRoot: string) {
    this.gitDir = gitDir;
    this.tempRoot = tempRoot;
    this.scratchRoot = scratchRoot;
    this.objects = new ObjectReader(gitDir);
  }

  /** Creates the bare repository (no commit yet) and starts its object reader. */
  static async create(options: GitStoreOptions): Promise<GitStore> {
    let tempRoot: string | undefined;
    let gitDir: string;
    if (options.dir) {
      gitDir = path.resolve(options.dir);
      await mkdir(gitDir, { recursive: true });
      if ((await readdir(gitDir)).length > 0) throw new Error(`startFakeGitHub: ${gitDir} is not empty`);
    } else {
      tempRoot = await mkdtemp(path.join(os.tmpdir(), 'fake-github-'));
      gitDir = path.join(tempRoot, `${options.repo}.git`);
      await mkdir(gitDir);
    }
    const scratchRoot = await mkdtemp(path.join(os.tmpdir(), 'fake-github-scratch-'));
    await runGit(gitDir, ['init', '--bare', '-q', `--initial-branch=${options.defaultBranch}`, gitDir]);
    return new GitStore(gitDir, tempRoot, scratchRoot);
  }

  /** Runs git in the repository; reads that name only object ids are answered once and kept. */
  async git(args: string[], options?: GitOptions): Promise<GitResult> {
    const key = memoKey(args, options);
    const kept = key === undefined ? undefined : this.reads.get(key);
    if (kept) return kept;
    const result = await runGit(this.gitDir, args, options);
    if (key !== undefined && (result.code === 0 || args[0] === 'merge-base') && !/ missing$/m.test(result.stdout.toString('latin1'))) {
      this.reads.set(key, result);
    }
    return result;
  }

  /** Runs `fn` once every earlier locked call has finished. */
  async lock<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release: () => void = () => undefined;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** Waits for the locked work, stops the object reader and removes the temporary directories. */
  async close(): Promise<void> {
    await this.tail;
    this.objects.close();
    await rm(this.scratchRoot, { recursive: true, force: true });
    if (this.tempRoot) await rm(this.tempRoot, { recursive: true, force: true });
  }

  // --- refs -------------------------------------------------------------------------------------

  /** A branch or tag's target, read from the ref files as git writes them (loose, then packed). */
  async readRef(full: string): Promise<string | undefined> {
    if (!/^refs\/[^\0]+$/.test(full) || full.split('/').some((part) => part === '' || part === '.' || part === '..')) return undefined;
    try {
      const text = (await readFile(path.join(this.gitDir, full), 'utf8')).trim();
      if (SHA_RE.test(text)) return text;
    } catch {
      // not a loose ref: perhaps a packed one
    }
    const packed = await readFile(path.join(this.gitDir, 'packed-refs'), 'utf8').catch(() => '');
    const line = packed.split('\n').find((row) => row.slice(41) === full);
    return line && SHA_RE.test(line.slice(0, 40)) ? line.slice(0, 40) : undefined;
  }

  /** The commit a ref (or a revision git understands) points at, or undefined. */
  async refSha(ref: string): Promise<string | undefined> {
    if (ref.startsWith('refs/')) {
      const target = await this.readRef(ref);
      if (!target) return undefined;
      if ((await this.objects.type(target)) === 'commit') return target;
    }
    // a full commit sha needs no process (verify asks for hundreds of commits by sha)
    if (SHA_RE.test(ref) && (await this.objects.type(ref)) === 'commit') return ref;
    const result = await this.git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { okCodes: [1, 128] });
    const out = result.stdout.toString('utf8').trim();
    return result.code === 0 && SHA_RE.test(out) ? out : undefined;
  }

  /** Sha of the branch tip, or undefined. */
  branchSha(branch: string): Promise<string | undefined> {
    return validBranchName(branch) ? this.refSha(`refs/heads/${branch}`) : Promise.resolve(undefined);
  }

  /** Branch, tag, or (abbreviated) commit sha -> commit sha. */
  async resolveCommitish(ref: string): Promise<string | undefined> {
    if (validBranchName(ref)) {
      const named = (await this.refSha(`refs/heads/${ref}`)) ?? (await this.refSha(`refs/tags/${ref}`));
      if (named) return named;
    }
    if (/^[0-9a-f]{4,40}$/i.test(ref)) return this.refSha(ref.toLowerCase());
    return undefined;
  }

  /** No branch, loose or packed (read from the files, as one process per request would cost). */
  async isEmpty(): Promise<boolean> {
    const loose = await readdir(path.join(this.gitDir, 'refs', 'heads'), { recursive: true, withFileTypes: true }).catch(() => []);
    if (loose.some((entry) => entry.isFile())) return false;
    const packed = await readFile(path.join(this.gitDir, 'packed-refs'), 'utf8').catch(() => '');
    return !/ refs\/heads\//.test(packed);
  }

  /** Moves `ref` from `old` (undefined: must not exist) to `sha`, atomically; false when refused. */
  async updateRef(ref: string, sha: string, old: string | undefined): Promise<boolean> {
    const result = await this.git(['update-ref', ref, sha, old ?? ZERO_SHA], { okCodes: [1, 128] });
    return result.code === 0;
  }

  /** Moves refs/heads/<branch> from `old` (undefined: must not exist) to `sha`, atomically. */
  updateBranch(branch: string, sha: string, old: string | undefined): Promise<boolean> {
    return this.updateRef(`refs/heads/${branch}`, sha, old);
  }

  // --- reading objects --------------------------------------------------------------------------

  /** sha -> object type, or undefined when missing (sha must be 40 hex). */
  async objectTypes(shas: string[]): Promise<Map<string, string | undefined>> {
    const types = await Promise.all(shas.map((sha) => (SHA_RE.test(sha) ? this.objects.type(sha) : Promise.resolve(undefined))));
    return new Map(shas.map((sha, i) => [sha, types[i]]));
  }

  async objectType(sha: string): Promise<string | undefined> {
    return (await this.objectTypes([sha])).get(sha);
  }

  /** The commits among `shas`, parsed, in order (missing objects and non-commits left out). */
  async readCommits(shas: string[]): Promise<ParsedCommit[]> {
    const read = await Promise.all(shas.map((sha) => this.objects.read(sha)));
    const commits: ParsedCommit[] = [];
    read.forEach((object, i) => {
      if (object?.type === 'commit') commits.push(parseCommit(shas[i] ?? '', object.content.toString('utf8')));
    });
    return commits;
  }

  async readCommit(sha: string): Promise<ParsedCommit | undefined> {
    if (!SHA_RE.test(sha)) return undefined;
    return (await this.readCommits([sha]))[0];
  }

  async readBlob(sha: string): Promise<Buffer> {
    const object = await this.objects.read(sha);
    if (object?.type !== 'blob') throw new Error(`git cat-file blob ${sha} failed: not a blob`);
    return object.content;
  }

  /** UTF-8 content of `filePath` at `ref` (branch, tag or sha), or undefined. */
  async readFileAt(ref: string, filePath: string): Promise<string | undefined> {
    const commit = await this.resolveCommitish(ref);
    if (!commit) return undefined;
    const [entry] = await this.lsTree(commit, [], [filePath]);
    if (!entry || entry.path !== filePath || entry.type !== 'blob') return undefined;
    return (await this.readBlob(entry.sha)).toString('utf8');
  }

  async lsTree(treeish: string, args: string[], paths: string[] = []): Promise<LsEntry[]> {
    const result = await this.git(['ls-tree', '-z', '-l', ...args, treeish, '--', ...paths]);
    const out: LsEntry[] = [];
    for (const entry of result.stdout.toString('utf8').split('\0')) {
      const m = /^(\d+) (\w+) ([0-9a-f]{40}) +(\S+)\t(.*)$/s.exec(entry);
      if (!m) continue;
      out.push({
        mode: m[1] ?? '',
        type: m[2] ?? '',
        sha: m[3] ?? '',
        size: m[4] === '-' ? undefined : Number(m[4]),
        path: m[5] ?? ''
      });
    }
    return out;
  }

  // --- history ----------------------------------------------------------------------------------

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const result = await this.git(['merge-base', '--is-ancestor', ancestor, descendant], { okCodes: [1] });
    return result.code === 0;
  }

  /** The best common ancestor of two commits, or undefined when they share no history. */
  async mergeBase(one: string, other: string): Promise<string | undefined> {
    const result = await this.git(['merge-base', one, other], { okCodes: [1] });
    const sha = result.stdout.toString('utf8').trim();
    return result.code === 0 && SHA_RE.test(sha) ? sha : undefined;
  }

  /** How many commits `git rev-list <range>` lists. */
  async countCommits(range: string): Promise<number> {
    return Number((await this.git(['rev-list', '--count', range])).stdout.toString('utf8').trim());
  }

  /** The commits of `<range>`, oldest first. */
  async listCommits(range: string): Promise<string[]> {
    return (await this.git(['rev-list', '--reverse', range])).stdout.toString('utf8').split('\n').filter(Boolean);
  }

  /**
   * The commits reachable from `tip`, newest first, in `git log`'s order; with `filePath`, only
   * those `git log <tip> -- <filePath>` lists (its default history simplification, the path taken
   * literally: a file or a directory).
   */
  async commitLog(tip: string, filePath?: string): Promise<string[]> {
    const args = ['rev-list', tip, ...(filePath === undefined ? [] : ['--', filePath])];
    return (await this.git(args)).stdout.toString('utf8').split('\n').filter(Boolean);
  }

  /**
   * What `to` changes from `from` (undefined: the empty tree, for a root commit), file by file in
   * git's order, with each file's patch: one `git diff-tree -r --no-renames --full-index --raw -p`.
   * No rename detection, so a moved file is one removed and one added.
   */
  async diffFiles(from: string | undefined, to: string): Promise<FileDiff[]> {
    const args = ['diff-tree', '-r', '--no-renames', '--full-index', '--raw', '-p', '-z', from ?? EMPTY_TREE, to];
    return parseDiffTree((await this.git(args)).stdout.toString('utf8'));
  }

  /** The files changed from `from` to `to` (no rename detection), with their line counts. */
  async diffStats(from: string, to: string): Promise<FileStat[]> {
    const numstat = (await this.git(['diff', '--no-renames', '-z', '--numstat', from, to])).stdout.toString('utf8');
    return numstat
      .split('\0')
      .filter(Boolean)
      .map((row) => {
        const [add, del, file] = row.split('\t');
        return { path: file ?? '', additions: add === '-' ? 0 : Number(add), deletions: del === '-' ? 0 : Number(del) };
      });
  }

  /** Path -> `--name-status` letter (A, D, M, T) of the files changed from `from` to `to`. */
  async diffStatuses(from: string, to: string): Promise<Map<string, string>> {
    const nameStatus = (await this.git(['diff', '--no-renames', '-z', '--name-status', from, to])).stdout.toString('utf8');
    const statusOf = new Map<string, string>();
    const fields = nameStatus.split('\0');
    for (let i = 0; i + 1 < fields.length; i += 2) statusOf.set(fields[i + 1] ?? '', fields[i] ?? '');
    return statusOf;
  }

  // --- writing objects --------------------------------------------------------------------------

  async writeCommit(commit: NewCommit): Promise<string> {
    const result = await this.git(['hash-object', '-t', 'commit', '-w', '--stdin'], { input: commitText(commit) });
    return result.stdout.toString('utf8').trim();
  }

  async hashBlobs(contents: Buffer[]): Promise<string[]> {
    if (contents.length === 0) return [];
    const dir = await mkdtemp(path.join(this.scratchRoot, 'blobs-'));
    try {
      const files = await Promise.all(
        contents.map(async (content, i) => {
          const file = path.join(dir, `b${i}`);
          await writeFile(file, content);
          return file;
        })
      );
      const result = await this.git(['hash-object', '-w', '--no-filters', '--stdin-paths'], { input: files.join('\n') + '\n' });
      return result.stdout.toString('utf8').trim().split('\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Applies changes on top of baseTree (or nothing) with a temporary index; returns the tree sha. */
  async buildTree(baseTree: string | undefined, changes: TreeChange[]): Promise<string> {
    const dir = await mkdtemp(path.join(this.scratchRoot, 'index-'));
    const env = { GIT_INDEX_FILE: path.join(dir, 'index') };
    try {
      await this.git(baseTree ? ['read-tree', baseTree] : ['read-tree', '--empty'], { env });
      const listed = (await this.git(['ls-files', '-z'], { env })).stdout.toString('utf8').split('\0');
      const lines = await this.indexLines(new Set(listed.filter(Boolean)), changes);
      if (lines.length > 0) {
        await this.git(['update-index', '--add', '--remove', '--replace', '-z', '--index-info'], {
          env,
          input: lines.join('\0') + '\0'
        });
      }
      return (await this.git(['write-tree'], { env })).stdout.toString('utf8').trim();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** The `--index-info` lines that turn an index holding `present` into one with `changes` applied. */
  private async indexLines(present: Set<string>, changes: TreeChange[]): Promise<string[]> {
    const withContent = changes.filter((change) => change.content !== undefined);
    const shas = await this.hashBlobs(withContent.map((change) => change.content as Buffer));
    const blobSha = new Map<TreeChange, string>();
    withContent.forEach((change, i) => blobSha.set(change, shas[i] ?? ''));
    const lines: string[] = [];
    const remove = (removed: string) => {
      for (const file of [...present]) {
        if (file === removed || file.startsWith(`${removed}/`)) {
          lines.push(`0 ${ZERO_SHA}\t${file}`);
          present.delete(file);
        }
      }
    };
    for (const change of changes) {
      if (change.sha === null && change.content === undefined) {
        remove(change.path);
      } else if (change.type === 'tree') {
        remove(change.path);
        const sub = (await this.git(['ls-tree', '-r', '-z', change.sha as string])).stdout.toString('utf8');
        for (const entry of sub.split('\0').filter(Boolean)) {
          const m = /^(\d+) \w+ ([0-9a-f]{40})\t(.*)$/s.exec(entry);
          if (!m) continue;
          const file = `${change.path}/${m[3]}`;
          lines.push(`${m[1]} ${m[2]}\t${file}`);
          present.add(file);
        }
      } else {
        const sha = blobSha.get(change) ?? (change.sha as string);
        // a file replacing a directory (or the other way round) is handled by --replace
        for (const file of [...present]) if (file.startsWith(`${change.path}/`)) present.delete(file);
        lines.push(`${change.mode} ${sha}\t${change.path}`);
        present.add(change.path);
      }
    }
    return lines;
  }

  /**
   * Test helper: writes a commit on top of `branch` (or creates the branch as an orphan), as a
   * person pushing would (no signature). Returns its sha.
   */
  commitFiles(branch: string, files: Record<string, string | null>, message: string): Promise<string> {
    if (!validBranchName(branch)) return Promise.reject(new Error(`invalid branch name ${branch}`));
    return this.lock(async () => {
      const head = await this.branchSha(branch);
      const base = head ? (await this.readCommit(head))?.tree : undefined;
      const changes: TreeChange[] = Object.entries(files).map(([file, content]) =>
        content === null
          ? { path: file, mode: '100644', type: 'blob', sha: null }
          : { path: file, mode: '100644', type: 'blob', content: Buffer.from(content, 'utf8') }
      );
      const tree = await this.buildTree(base, changes);
      const now = Math.floor(Date.now() / 1000);
      const writer: Identity = { name: 'Concurrent Writer', email: 'writer@example.com', time: now, tz: '+0000' };
      const sha = await this.writeCommit({ tree, parents: head ? [head] : [], author: writer, committer: writer, message, sign: false });
      if (!(await this.updateBranch(branch, sha, head))) throw new Error(`fake-github: ${branch} moved during commitFiles`);
      return sha;
    });
  }

  // --- the merge button -------------------------------------------------------------------------

  /** The tree a merge of `head` into `base` gives, or undefined when it conflicts. */
  async mergeTree(base: string, head: string): Promise<string | undefined> {
    const merged = await this.git(['merge-tree', '--write-tree', '--no-messages', base, head], { okCodes: [1] });
    if (merged.code !== 0) return undefined;
    return merged.stdout.toString('utf8').split('\n')[0]?.trim() ?? '';
  }

  /**
   * GitHub's "Rebase and merge": the head's commits replayed one by one onto the base with new SHAs
   * and GitHub as committer, merge commits left out (as `git rebase` does), then the base moved to
   * the last. GitHub refuses when the replay conflicts or gives another tree than a merge would
   * ("This branch cannot be rebased safely ... this would create a different result than a regular
   * merge": GitHub community discussion 22403); so does this. Returns the new tip, or undefined.
   */
  async rebaseOnto(baseSha: string, headSha: string, expectedTree: string): Promise<string | undefined> {
    const dir = await mkdtemp(path.join(this.scratchRoot, 'rebase-'));
    const work = path.join(dir, 'work');
    await this.git(['worktree', 'add', '--detach', '-q', work, headSha]);
    try {
      const linked = (await readFile(path.join(work, '.git'), 'utf8')).replace(/^gitdir:\s*/, '').trim();
      const inWork = (args: string[], env: Record<string, string> = {}) =>
        new Promise<{ code: number; stdout: string }>((resolve) =>
          execFile('git', args, { cwd: work, env: { ...baseEnv(linked), GIT_WORK_TREE: work, ...env } }, (error, stdout) =>
            resolve({ code: error ? 1 : 0, stdout: String(stdout).trim() })
          )
        );
      const when = `${Math.floor(Date.now() / 1000)} +0000`;
      const replay = await inWork(['rebase', '--force-rebase', '--no-autosquash', '-q', baseSha], {
        GIT_COMMITTER_NAME: WEB_FLOW.name,
        GIT_COMMITTER_EMAIL: WEB_FLOW.email,
        GIT_COMMITTER_DATE: when
      });
      if (replay.code !== 0) return undefined;
      const tip = (await inWork(['rev-parse', 'HEAD'])).stdout;
      const tree = (await inWork(['rev-parse', 'HEAD^{tree}'])).stdout;
      return tree === expectedTree ? tip : undefined;
    } finally {
      await this.git(['worktree', 'remove', '--force', work], { okCodes: [128] });
      await this.git(['worktree', 'prune']);
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/**
 * `git diff-tree -r --raw -p -z`'s output as files: first the raw records (`:<modes> <shas>
 * <letter>` NUL `<path>` NUL each), then a NUL, then the patch, one `diff --git` section per file
 * in the same order (two for a change of type, which git shows as a deletion and an addition).
 */
function parseDiffTree(text: string): FileDiff[] {
  const files: FileDiff[] = [];
  let pos = 0;
  while (text.startsWith(':', pos)) {
    const metaEnd = text.indexOf('\0', pos);
    const pathEnd = text.indexOf('\0', metaEnd + 1);
    if (metaEnd === -1 || pathEnd === -1) break;
    const [oldMode = '', newMode = '', oldSha = '', newSha = '', status = ''] = text.slice(pos + 1, metaEnd).split(' ');
    files.push({ path: text.slice(metaEnd + 1, pathEnd), status, oldMode, newMode, oldSha, newSha, additions: 0, deletions: 0, patch: undefined });
    pos = pathEnd + 1;
  }
  if (text[pos] === '\0') pos += 1;
  // a line of a section starts with a space, `+`, `-` or `\` inside a hunk, so `diff --git ` at the start of a line opens the next file
  const sections = text
    .slice(pos)
    .split(/^(?=diff --git )/m)
    .filter((section) => section.startsWith('diff --git '));
  for (const file of files) {
    const own = sections.splice(0, file.status === 'T' ? 2 : 1);
    const hunks = own.map(sectionHunks).filter((hunk) => hunk !== undefined);
    if (hunks.length === 0) continue;
    file.patch = hunks.join('\n');
    for (const line of file.patch.split('\n')) {
      if (line.startsWith('+')) file.additions += 1;
      else if (line.startsWith('-')) file.deletions += 1;
    }
  }
  return files;
}

/** A `diff --git` section's hunks: from its first `@@` line to its end, without the final newline; undefined without a hunk. */
function sectionHunks(section: string): string | undefined {
  const start = section.indexOf('\n@@');
  return start === -1 ? undefined : section.slice(start + 1).replace(/\n$/, '');
}
