// Reading a repository through the GitHub REST API (Git data API), no checkout: a branch's head,
// the files under `path` at a commit, what one commit holds beyond another. Anything under `path`
// that is not a plain file or folder (a symbolic link, a submodule) is refused, naming it.
import { ActionError, type GitHubError, NotAPlainFileError } from '../errors.ts';
import { type AuditEvent, toEvent } from '../events.ts';
import { explainGitHubError, type GitHubClient, githubFailure } from '../github.ts';
import { splitLines } from '../lines.ts';
import type { Logger } from '../reporter.ts';
import { LEDGER_FILE } from '../ledger.ts';

export interface RepositoryReaderOptions {
  github: GitHubClient;
  owner: string;
  repo: string;
  /** The branch the run writes: messages name it unless they say otherwise. */
  branch: string;
  path: string;
  log: Logger;
}

export type Head = { kind: 'commit'; sha: string } | { kind: 'missing' } | { kind: 'empty-repository' };

/** A file's blob at the branch's head and at the other side (undefined where it does not exist). */
export type BlobPair = { head: string; base: string | undefined };

export class RepositoryReader {
  readonly repoName: string;
  private readonly options: RepositoryReaderOptions;

  constructor(options: RepositoryReaderOptions) {
    this.options = options;
    this.repoName = `${options.owner}/${options.repo}`;
  }

  /** An error a user can act on, for a request about the branch (it needs `contents: write`). */
  explain(error: unknown, what: string): GitHubError {
    return explainGitHubError(error, what, this.repoName, 'contents: write');
  }

  async head(branch = this.options.branch): Promise<Head> {
    try {
      const { data } = await this.options.github.rest.git.getRef({ owner: this.options.owner, repo: this.options.repo, ref: `heads/${branch}` });
      return { kind: 'commit', sha: data.object.sha };
    } catch (error) {
      const { status, message } = githubFailure(error);
      if (status === 404) return { kind: 'missing' };
      if (status === 409 && /empty/i.test(message)) return { kind: 'empty-repository' };
      throw this.explain(error, `reading branch ${branch}`);
    }
  }

  /** A refusal of an entry that is not a plain file, naming it. */
  private notAFile(file: string, what: string, branch = this.options.branch): NotAPlainFileError {
    return new NotAPlainFileError(
      `${file} on branch ${branch} of ${this.repoName} is ${what}, not a plain file: the action reads and writes only plain files and folders under ${this.options.path}, so it stops here. Replace it with a plain file (or remove it) on the branch, then run again.`
    );
  }

  /**
   * The bytes of a file at a commit (or branch), or undefined when it does not exist. Read as
   * base64, so a line that is not UTF-8 comes back as it is; a symbolic link, a submodule or a
   * folder where a file should be is refused.
   */
  async readBytes(ref: string, file: string): Promise<Buffer | undefined> {
    const { owner, repo } = this.options;
    let data: unknown;
    try {
      data = (await this.options.github.rest.repos.getContent({ owner, repo, path: file, ref })).data;
    } catch (error) {
      if (githubFailure(error).status === 404) return undefined;
      throw this.explain(error, `reading ${file} at ${ref.slice(0, 12)}`);
    }
    if (Array.isArray(data)) throw this.notAFile(file, 'a folder');
    const entry = data as { type?: string; sha?: string; content?: string; encoding?: string; target?: string; submodule_git_url?: string };
    if (entry.type === 'symlink') throw this.notAFile(file, `a symbolic link (mode 120000)${entry.target ? ` to ${entry.target}` : ''}`);
    if (entry.type === 'submodule') throw this.notAFile(file, 'a submodule (mode 160000)');
    if (entry.type !== 'file') throw this.notAFile(file, `an entry of type ${String(entry.type)}`);
    if (entry.encoding === 'base64' && typeof entry.content === 'string') return Buffer.from(entry.content, 'base64');
    // Past 1 MB the contents API leaves the content out: the blob API gives it, as base64.
    try {
      const blob = await this.options.github.rest.git.getBlob({ owner, repo, file_sha: entry.sha as string });
      return Buffer.from(blob.data.content, blob.data.encoding === 'base64' ? 'base64' : 'utf8');
    } catch (error) {
      throw this.explain(error, `reading ${file} at ${ref.slice(0, 12)}`);
    }
  }

  /** A file at a commit as text, or undefined when it does not exist. */
  async readFile(ref: string, file: string): Promise<string | undefined> {
    return (await this.readBytes(ref, file))?.toString('utf8');
  }

  /** How `head` stands to `base` (compare: ahead, behind, diverged or identical). */
  async relation(base: string, head: string): Promise<string> {
    try {
      const { data } = await this.options.github.rest.repos.compareCommitsWithBasehead({
        owner: this.options.owner,
        repo: this.options.repo,
        basehead: `${base}...${head}`,
        per_page: 1
      });
      return data.status;
    } catch (error) {
      throw this.explain(error, `comparing branch ${this.options.branch} with ${base.slice(0, 7)}`);
    }
  }

  /**
   * The event files under `path` whose blob at `head` differs from the one at `base`, relative to
   * `path` (`baseName` names the base in a refusal).
   */
  async filesBeyond(head: string, base: string, baseName = this.options.branch): Promise<Map<string, BlobPair>> {
    const [mine, theirs] = await Promise.all([
      this.treeOf(head).then((tree) => this.blobsUnder(tree)),
      this.treeOf(base).then((tree) => this.blobsUnder(tree, baseName))
    ]);
    const prefix = `${this.options.path}/`;
    const out = new Map<string, BlobPair>();
    for (const [file, sha] of mine) {
      if (!file.endsWith('.jsonl') || file === `${prefix}${LEDGER_FILE}` || theirs.get(file) === sha) continue;
      out.set(file.slice(prefix.length), { head: sha, base: theirs.get(file) });
    }
    return out;
  }

  /** The events of a file at the branch's head whose lines the other side's copy lacks. */
  async eventsBeyond(blobs: BlobPair, file: string): Promise<AuditEvent[]> {
    const before = blobs.base === undefined ? undefined : new Set(splitLines((await this.readBlob(blobs.base, file)).toString('utf8')));
    const events: AuditEvent[] = [];
    for (const line of splitLines((await this.readBlob(blobs.head, file)).toString('utf8'))) {
      if (before?.has(line)) continue;
      try {
        events.push(toEvent(line));
      } catch {
        // a line that is not an event stays in the branch's history; only events are carried over
      }
    }
    return events;
  }

  /** The files under `path` in a tree (see blobsUnder). */
  async listFiles(rootTree: string): Promise<Set<string>> {
    return new Set((await this.blobsUnder(rootTree)).keys());
  }

  /**
   * The plain files under `path` in a tree, by path (`path/...`), with their blob SHA: one request
   * per folder of `path`, then one recursive listing of everything below it. When GitHub cuts that
   * listing short (`truncated`, past 100,000 entries or 7 MB), the folders below are listed one at a
   * time, as GitHub's documentation of "get a tree" says to. A symbolic link, a submodule or any
   * entry that is not a plain file or a folder is refused, naming it.
   */
  async blobsUnder(rootTree: string, branch = this.options.branch): Promise<Map<string, string>> {
    const { owner, repo } = this.options;
    const git = this.options.github.rest.git;
    const files = new Map<string, string>();
    let refused: { path: string; mode: string | undefined } | undefined;
    let cutShort: string | undefined;
    type Entry = { path?: string; mode?: string; type?: string; sha?: string };
    /** Adds a listing's plain files; false (and `refused` set) at the first other entry. */
    const take = (entries: Entry[], prefix: string, folders?: { path: string; sha: string }[]): boolean => {
      for (const entry of entries) {
        const where = `${prefix}/${entry.path}`;
        if (entry.type === 'tree' && entry.sha) folders?.push({ path: where, sha: entry.sha });
        else if (entry.type === 'blob' && (entry.mode === '100644' || entry.mode === '100755') && entry.sha) files.set(where, entry.sha);
        else if (entry.type !== 'tree') {
          refused = { path: where, mode: entry.mode };
          return false;
        }
      }
      return true;
    };
    try {
      let tree = rootTree;
      let where = '';
      for (const segment of this.options.path.split('/')) {
        where = where ? `${where}/${segment}` : segment;
        const entry = (await git.getTree({ owner, repo, tree_sha: tree })).data.tree.find((listed) => listed.path === segment);
        if (!entry?.sha) return files;
        if (entry.type !== 'tree') {
          refused = { path: where, mode: entry.mode };
          break;
        }
        tree = entry.sha;
      }
      if (!refused) {
        const { data } = await git.getTree({ owner, repo, tree_sha: tree, recursive: 'true' });
        if (take(data.tree, this.options.path) && data.truncated) {
          files.clear();
          this.options.log.debug(`GitHub cut the listing of ${this.options.path} on ${branch} short: listing its folders one at a time.`);
          const folders = [{ path: this.options.path, sha: tree }];
          for (let folder = folders.pop(); folder && !refused; folder = folders.pop()) {
            const listed = (await git.getTree({ owner, repo, tree_sha: folder.sha })).data;
            if (listed.truncated) {
              cutShort = folder.path;
              break;
            }
            take(listed.tree, folder.path, folders);
          }
        }
        if (!refused && !cutShort) return files;
      }
    } catch (error) {
      throw this.explain(error, `listing ${this.options.path} on branch ${branch}`);
    }
    if (cutShort) {
      throw new ActionError(
        `GitHub cut even the one-folder listing of ${cutShort} on branch ${branch} of ${this.repoName} short: the folder holds too many entries for the API to list. Move files out of it, then run again.`
      );
    }
    // set inside `take`, which the compiler does not follow
    const odd = refused as { path: string; mode: string | undefined } | undefined;
    if (!odd) return files;
    const what = odd.mode === '120000' ? 'a symbolic link (mode 120000)' : odd.mode === '160000' ? 'a submodule (mode 160000)' : `an entry of mode ${odd.mode}`;
    throw this.notAFile(odd.path, what, branch);
  }

  /** The bytes of a blob, by its SHA. */
  async readBlob(sha: string, file: string): Promise<Buffer> {
    const { owner, repo } = this.options;
    try {
      const { data } = await this.options.github.rest.git.getBlob({ owner, repo, file_sha: sha });
      return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
    } catch (error) {
      throw this.explain(error, `reading ${file} (blob ${sha.slice(0, 12)})`);
    }
  }

  /** The root tree of a commit. */
  async treeOf(commit: string): Promise<string> {
    try {
      return (await this.options.github.rest.git.getCommit({ owner: this.options.owner, repo: this.options.repo, commit_sha: commit })).data.tree.sha;
    } catch (error) {
      throw this.explain(error, `reading commit ${commit.slice(0, 7)}`);
    }
  }

  /** One commit of the tree; author left to GitHub. */
}
