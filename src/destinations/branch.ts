// The branch destination: one commit per run through the GitHub REST API (Git data API), no
// checkout. Reads only the files the run touches, merges append-only, and updates the ref without
// force; a concurrent writer means re-read, re-merge and try again.
import { isUtf8 } from 'node:buffer';
import { explainGitHubError, type GitHubClient, githubFailure } from '../github.ts';
import { NotAPlainFileError, RuleViolationError } from '../errors.ts';
import { type AuditEvent, toEvent } from '../events.ts';
import { splitLines } from '../lines.ts';
import { mergeLayout } from '../merge.ts';
import type { NewEvents } from '../new-events.ts';
import { type FoundCheckpoint, parseState, STATE_FILE, serializeState, stateNeedsRefresh, type SyncState } from '../state.ts';
import type { Destination, StoreRequest, StoreResult } from './destination.ts';

export interface BranchOptions {
  github: GitHubClient;
  owner: string;
  repo: string;
  branch: string;
  path: string;
  commitMessage: string;
  /** For log lines. */
  log: { info(m: string): void; warning(m: string): void; debug(m: string): void };
  /** Sleep between attempts after a concurrent update. */
  sleep?: (ms: number) => Promise<void>;
  name?: string;
  /** When the branch is missing: the commit to start it from; undefined makes an orphan branch. */
  startFrom?: () => Promise<string | undefined>;
  /**
   * When the branch exists: a commit it must contain (a pull request's base). A branch that lacks
   * it gets it merged in: the new commit's tree is that commit's plus every event the branch holds
   * beyond it and the run's new events, its parents the branch's head and that commit. So a merged,
   * squashed or rebased pull request never costs the head its unmerged events, and the ref only
   * moves forward (never a force update).
   */
  mergeWith?: () => Promise<string | undefined>;
}

const MAX_ATTEMPTS = 5;
/** Files larger than this go up as blobs rather than inline tree content. */
const INLINE_LIMIT = 4 * 1024 * 1024;
/** Inline content held for one tree request; past it, a tree is written and the next builds on it. */
const TREE_BATCH = 32 * 1024 * 1024;

type TreeEntry = { path: string; mode: '100644'; type: 'blob'; content?: string; sha?: string };

/**
 * Builds the new tree on top of the base: file contents go inline in the tree request (one request
 * for many files), in batches so a large backfill never holds every file's content at once.
 */
class TreeBuilder {
  private entries: TreeEntry[] = [];
  private bytes = 0;
  private tree: string | undefined;
  private readonly github: GitHubClient;
  private readonly owner: string;
  private readonly repo: string;
  private readonly fail: (error: unknown) => Error;

  constructor(github: GitHubClient, owner: string, repo: string, baseTree: string | undefined, fail: (error: unknown) => Error) {
    this.github = github;
    this.owner = owner;
    this.repo = repo;
    this.tree = baseTree;
    this.fail = fail;
  }

  async add(path: string, content: string | Buffer): Promise<void> {
    const size = Buffer.byteLength(content);
    try {
      // Inline content is a JSON string: only UTF-8 survives it; other bytes go up as a base64 blob.
      if (size > INLINE_LIMIT || (Buffer.isBuffer(content) && !isUtf8(content))) {
        const blob = await this.github.rest.git.createBlob({
          owner: this.owner,
          repo: this.repo,
          content: Buffer.from(content).toString('base64'),
          encoding: 'base64'
        });
        this.entries.push({ path, mode: '100644', type: 'blob', sha: blob.data.sha });
      } else {
        this.entries.push({ path, mode: '100644', type: 'blob', content: content.toString() });
        this.bytes += size;
      }
      if (this.bytes > TREE_BATCH) await this.flush();
    } catch (error) {
      throw this.fail(error);
    }
  }

  /** The finished tree's SHA. */
  async finish(): Promise<string> {
    try {
      await this.flush();
    } catch (error) {
      throw this.fail(error);
    }
    return this.tree as string;
  }

  private async flush(): Promise<void> {
    if (this.entries.length === 0) return;
    const { data } = await this.github.rest.git.createTree({
      owner: this.owner,
      repo: this.repo,
      tree: this.entries,
      ...(this.tree ? { base_tree: this.tree } : {})
    });
    this.tree = data.sha;
    this.entries = [];
    this.bytes = 0;
  }
}

type Head = { kind: 'commit'; sha: string } | { kind: 'missing' } | { kind: 'empty-repository' };

function isRuleViolation(message: string): boolean {
  return /repository rule violations|protected branch/i.test(message);
}

export class BranchDestination implements Destination {
  readonly name: string;
  readonly keepsRecord = true;
  private readonly o: BranchOptions;
  private readonly repoName: string;
  /** state.json as read by readCheckpoint, at that commit (a run with no event decides from it). */
  private stateRead: { text: string | undefined } | undefined;

  constructor(o: BranchOptions) {
    this.o = o;
    this.name = o.name ?? 'branch';
    this.repoName = `${o.owner}/${o.repo}`;
  }

  private fail(error: unknown, what: string): Error {
    return explainGitHubError(error, what, this.repoName, 'contents: write');
  }

  async head(branch = this.o.branch): Promise<Head> {
    try {
      const { data } = await this.o.github.rest.git.getRef({ owner: this.o.owner, repo: this.o.repo, ref: `heads/${branch}` });
      return { kind: 'commit', sha: data.object.sha };
    } catch (error) {
      const { status, message } = githubFailure(error);
      if (status === 404) return { kind: 'missing' };
      if (status === 409 && /empty/i.test(message)) return { kind: 'empty-repository' };
      throw this.fail(error, `reading branch ${branch}`);
    }
  }

  /** A refusal of an entry that is not a plain file, naming it. */
  private notAFile(file: string, what: string, branch = this.o.branch): NotAPlainFileError {
    return new NotAPlainFileError(
      `${file} on branch ${branch} of ${this.repoName} is ${what}, not a plain file: the action reads and writes only plain files and folders under ${this.o.path}, so it stops here. Replace it with a plain file (or remove it) on the branch, then run again.`
    );
  }

  /**
   * The bytes of a file at a commit (or branch), or undefined when it does not exist. Read as
   * base64, so a line that is not UTF-8 comes back as it is; a symbolic link, a submodule or a
   * folder where a file should be is refused.
   */
  async readBytes(ref: string, file: string): Promise<Buffer | undefined> {
    const { owner, repo } = this.o;
    let data: unknown;
    try {
      data = (await this.o.github.rest.repos.getContent({ owner, repo, path: file, ref })).data;
    } catch (error) {
      if (githubFailure(error).status === 404) return undefined;
      throw this.fail(error, `reading ${file} at ${ref.slice(0, 12)}`);
    }
    if (Array.isArray(data)) throw this.notAFile(file, 'a folder');
    const entry = data as { type?: string; sha?: string; content?: string; encoding?: string; target?: string; submodule_git_url?: string };
    if (entry.type === 'symlink') throw this.notAFile(file, `a symbolic link (mode 120000)${entry.target ? ` to ${entry.target}` : ''}`);
    if (entry.type === 'submodule') throw this.notAFile(file, 'a submodule (mode 160000)');
    if (entry.type !== 'file') throw this.notAFile(file, `an entry of type ${String(entry.type)}`);
    if (entry.encoding === 'base64' && typeof entry.content === 'string') return Buffer.from(entry.content, 'base64');
    // Past 1 MB the contents API leaves the content out: the blob API gives it, as base64.
    try {
      const blob = await this.o.github.rest.git.getBlob({ owner, repo, file_sha: entry.sha as string });
      return Buffer.from(blob.data.content, blob.data.encoding === 'base64' ? 'base64' : 'utf8');
    } catch (error) {
      throw this.fail(error, `reading ${file} at ${ref.slice(0, 12)}`);
    }
  }

  /** A file at a commit as text, or undefined when it does not exist. */
  async readFile(ref: string, file: string): Promise<string | undefined> {
    return (await this.readBytes(ref, file))?.toString('utf8');
  }

  async readCheckpoint(): Promise<FoundCheckpoint | undefined> {
    // One request: the file at the branch's head (a missing branch or repository reads as missing).
    const text = await this.readFile(this.o.branch, `${this.o.path}/${STATE_FILE}`);
    this.stateRead = { text };
    return text === undefined ? undefined : parseState(text, `${this.o.path}/${STATE_FILE} on branch ${this.o.branch}`);
  }

  async store(request: StoreRequest): Promise<StoreResult & { head: string | undefined }> {
    // Nothing fetched and a current state.json: no commit, and nothing more to read.
    // (A branch that must contain another commit checks that first, whatever was fetched.)
    if (
      !this.o.mergeWith &&
      request.events.files().length === 0 &&
      this.stateRead &&
      (!request.state || !stateNeedsRefresh(this.stateRead.text, request.state))
    ) {
      this.o.log.info(`No new events for branch ${this.o.branch}: no commit.`);
      return { added: request.tally(), files: [], outputs: {}, links: [], head: undefined };
    }
    for (let attempt = 1; ; attempt++) {
      let head = await this.head();
      if (head.kind === 'empty-repository') {
        await this.initialiseEmptyRepository();
        head = await this.head();
      }
      let base: string | undefined;
      let parents: string[] = [];
      /** A merge commit that joins the branch to the commit it must contain (a diverged branch). */
      let join: { sha: string; url: string; verified: boolean } | undefined;
      if (head.kind === 'commit') {
        base = head.sha;
        parents = [head.sha];
        const other = this.o.mergeWith ? await this.o.mergeWith() : undefined;
        const relation = other && other !== head.sha ? await this.relation(other, head.sha) : 'ahead';
        if (other && relation === 'behind') {
          // everything the branch holds is in `other`: build on it, a fast forward
          this.o.log.info(`${this.o.branch} is contained in ${other.slice(0, 7)} (its pull request was merged): building on that.`);
          base = other;
          parents = [other];
        } else if (other && relation === 'diverged') {
          this.o.log.info(
            `${this.o.branch} and ${other.slice(0, 7)} diverged (a merged, squashed or rebased pull request): merging the events ${this.o.branch} holds beyond it.`
          );
          // The join carries only what the branch held; the new events go in an ordinary commit on
          // top. GitHub's "Rebase and merge" leaves merge commits out (and refuses when that changes
          // the result), so new events inside the merge commit would block a rebase merge.
          const beyond = await this.filesBeyond(head.sha, other);
          const joined = await this.mergedTree(other, [...beyond.keys()].sort(), (relative) =>
            this.eventsBeyond(beyond.get(relative) as { head: string; base: string | undefined }, `${this.o.path}/${relative}`)
          );
          join = await this.commit(
            await joined.finish(),
            [head.sha, other],
            `Merge ${other.slice(0, 7)} into ${this.o.branch}: keep the events it held beyond its merged pull request`
          );
          base = join.sha;
          parents = [join.sha];
        }
      } else if (this.o.startFrom) {
        base = await this.o.startFrom();
        parents = base ? [base] : [];
      }

      const statePath = `${this.o.path}/${STATE_FILE}`;
      const added = request.tally();
      const merged = await this.mergedTree(base, request.events.files(), (relative) => request.events.read(relative), added);
      const { files, stored } = merged;
      // No event: no commit, unless the stored checkpoint is stale or not to be trusted.
      let why: string | undefined;
      if (added.count === 0 && request.state && base) {
        const text = stored.has(statePath) ? await this.readFile(base, statePath) : undefined;
        why = stateNeedsRefresh(text, request.state);
      }
      let commit = join;
      if (added.count > 0 || why) {
        if (why) this.o.log.info(`No new events for branch ${this.o.branch}, but ${why}: committing state.json alone, so its checkpoint stays current.`);
        commit = await this.commit(await merged.finish(request.state), parents, request.render(this.o.commitMessage, added.count));
      }
      if (!commit) {
        this.o.log.info(`No new events for branch ${this.o.branch}: no commit.`);
        return { added, files, outputs: {}, links: [], head: undefined };
      }
      const moved = await this.moveRef(head.kind === 'commit' ? 'update' : 'create', commit.sha);
      if (moved) {
        const what = commit === join ? 'the merge alone' : `${added.count} event(s) in ${files.length} file(s)${added.count ? '' : ' (state.json alone)'}`;
        this.o.log.info(
          `Committed ${what} to ${this.o.branch}: ${commit.sha}${commit.verified ? ' (signed by GitHub, verified)' : ' (not signed: GitHub did not mark it verified)'}.`
        );
        this.o.log.debug(`GitHub API calls so far: ${this.o.github.calls()}`);
        return {
          added,
          files,
          outputs: { 'commit-sha': commit.sha },
          links: [{ label: `Commit ${commit.sha.slice(0, 7)} on ${this.o.branch}`, url: commit.url }],
          head: commit.sha
        };
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw new Error(
          `Branch ${this.o.branch} of ${this.repoName} kept moving under this run (${MAX_ATTEMPTS} attempts): another workflow writes to it at the same time. Add a \`concurrency:\` group to the workflow; the next run stores these events.`
        );
      }
      this.o.log.info(
        `Branch ${this.o.branch} moved during this run (another writer); re-reading and merging again (attempt ${attempt + 1} of ${MAX_ATTEMPTS}).`
      );
      await (this.o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(250 * 2 ** attempt);
    }
  }

  /**
   * Merges events into the layout files of `base`, read at that commit (not by branch name). One
   * listing says which files exist, so a file the branch does not hold yet costs no request.
   * `added` counts the events `base` did not hold. `finish` writes the tree, with state.json if given.
   */
  private async mergedTree(
    base: string | undefined,
    incoming: string[],
    read: (relative: string) => AuditEvent[] | Promise<AuditEvent[]>,
    added?: NewEvents
  ): Promise<{ files: string[]; stored: Set<string>; finish(state?: SyncState): Promise<string> }> {
    const baseTree = base ? await this.treeOf(base) : undefined;
    const stored = baseTree ? await this.listFiles(baseTree) : new Set<string>();
    const tree = new TreeBuilder(this.o.github, this.o.owner, this.o.repo, baseTree, (e) => this.fail(e, `writing a commit for branch ${this.o.branch}`));
    const files: string[] = [];
    const prefix = `${this.o.path}/`;
    const layout = mergeLayout({
      incoming,
      read,
      stored: async (relative) => (base && stored.has(prefix + relative) ? await this.readBytes(base, prefix + relative) : undefined),
      storedDayFiles: async () => [...stored].filter((p) => /\/\d{4}-\d{2}-\d{2}\.jsonl$/.test(p)).map((p) => p.slice(prefix.length))
    });
    for await (const { file: relative, merged } of layout) {
      await tree.add(prefix + relative, merged.bytes());
      added?.add(merged.added);
      files.push(prefix + relative);
    }
    return {
      files,
      stored,
      finish: async (state) => {
        if (state) await tree.add(`${this.o.path}/${STATE_FILE}`, serializeState(state));
        return tree.finish();
      }
    };
  }

  /** How `head` stands to `base` (compare: ahead, behind, diverged or identical). */
  async relation(base: string, head: string): Promise<string> {
    try {
      const { data } = await this.o.github.rest.repos.compareCommitsWithBasehead({
        owner: this.o.owner,
        repo: this.o.repo,
        basehead: `${base}...${head}`,
        per_page: 1
      });
      return data.status;
    } catch (error) {
      throw this.fail(error, `comparing branch ${this.o.branch} with ${base.slice(0, 7)}`);
    }
  }

  /**
   * The event files under `path` whose blob at `head` differs from the one at `base`, relative to
   * `path` (`baseName` names the base in a refusal).
   */
  async filesBeyond(head: string, base: string, baseName = this.o.branch): Promise<Map<string, { head: string; base: string | undefined }>> {
    const [mine, theirs] = await Promise.all([this.treeOf(head).then((t) => this.blobsUnder(t)), this.treeOf(base).then((t) => this.blobsUnder(t, baseName))]);
    const prefix = `${this.o.path}/`;
    const out = new Map<string, { head: string; base: string | undefined }>();
    for (const [file, sha] of mine) {
      if (!file.endsWith('.jsonl') || theirs.get(file) === sha) continue;
      out.set(file.slice(prefix.length), { head: sha, base: theirs.get(file) });
    }
    return out;
  }

  /** The events of a file at the branch's head whose lines the other side's copy lacks. */
  async eventsBeyond(blobs: { head: string; base: string | undefined }, file: string): Promise<AuditEvent[]> {
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
  async blobsUnder(rootTree: string, branch = this.o.branch): Promise<Map<string, string>> {
    const { owner, repo } = this.o;
    const g = this.o.github.rest.git;
    const files = new Map<string, string>();
    let refused: { path: string; mode: string | undefined } | undefined;
    let cutShort: string | undefined;
    type Entry = { path?: string; mode?: string; type?: string; sha?: string };
    /** Adds a listing's plain files; false (and `refused` set) at the first other entry. */
    const take = (entries: Entry[], prefix: string, folders?: { path: string; sha: string }[]): boolean => {
      for (const e of entries) {
        const where = `${prefix}/${e.path}`;
        if (e.type === 'tree' && e.sha) folders?.push({ path: where, sha: e.sha });
        else if (e.type === 'blob' && (e.mode === '100644' || e.mode === '100755') && e.sha) files.set(where, e.sha);
        else if (e.type !== 'tree') {
          refused = { path: where, mode: e.mode };
          return false;
        }
      }
      return true;
    };
    try {
      let tree = rootTree;
      let where = '';
      for (const segment of this.o.path.split('/')) {
        where = where ? `${where}/${segment}` : segment;
        const entry = (await g.getTree({ owner, repo, tree_sha: tree })).data.tree.find((e) => e.path === segment);
        if (!entry?.sha) return files;
        if (entry.type !== 'tree') {
          refused = { path: where, mode: entry.mode };
          break;
        }
        tree = entry.sha;
      }
      if (!refused) {
        const { data } = await g.getTree({ owner, repo, tree_sha: tree, recursive: 'true' });
        if (take(data.tree, this.o.path) && data.truncated) {
          files.clear();
          this.o.log.debug(`GitHub cut the listing of ${this.o.path} on ${branch} short: listing its folders one at a time.`);
          const folders = [{ path: this.o.path, sha: tree }];
          for (let folder = folders.pop(); folder && !refused; folder = folders.pop()) {
            const listed = (await g.getTree({ owner, repo, tree_sha: folder.sha })).data;
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
      throw this.fail(error, `listing ${this.o.path} on branch ${branch}`);
    }
    if (cutShort) {
      throw new Error(
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
    const { owner, repo } = this.o;
    try {
      const { data } = await this.o.github.rest.git.getBlob({ owner, repo, file_sha: sha });
      return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
    } catch (error) {
      throw this.fail(error, `reading ${file} (blob ${sha.slice(0, 12)})`);
    }
  }

  /** The root tree of a commit. */
  async treeOf(commit: string): Promise<string> {
    try {
      return (await this.o.github.rest.git.getCommit({ owner: this.o.owner, repo: this.o.repo, commit_sha: commit })).data.tree.sha;
    } catch (error) {
      throw this.fail(error, `reading commit ${commit.slice(0, 7)}`);
    }
  }

  /** One commit of the tree; author left to GitHub. */
  private async commit(tree: string, parents: string[], message: string) {
    const { owner, repo } = this.o;
    try {
      const { data } = await this.o.github.rest.git.createCommit({ owner, repo, message, tree, parents });
      return { sha: data.sha, url: data.html_url, verified: data.verification?.verified === true };
    } catch (error) {
      throw this.fail(error, `writing a commit for branch ${this.o.branch}`);
    }
  }

  /** What to do about a rule that refuses this branch: a pull request's head needs another remedy than the data branch. */
  private ruleHelp(): string {
    if (this.name === 'pull-request') {
      return `The pull request's head branch must be one this workflow may push to: set pull-request-branch to a branch no rule covers, or exempt this workflow from the rule.`;
    }
    return `Use \`destination: pull-request\` to propose the events as a pull request instead, or exempt this workflow from the rule.`;
  }

  /** Moves (or creates) the branch ref without force; false when someone else moved it first. */
  private async moveRef(how: 'create' | 'update', sha: string): Promise<boolean> {
    const { owner, repo, branch } = this.o;
    try {
      if (how === 'update') await this.o.github.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: false });
      else await this.o.github.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
      return true;
    } catch (error) {
      const { status, message } = githubFailure(error);
      if (isRuleViolation(message)) {
        throw new RuleViolationError(`A repository rule refused the update of branch ${branch} on ${this.repoName}: ${message}. ${this.ruleHelp()}`);
      }
      if (status === 422 && /fast forward|already exists/i.test(message)) return false;
      throw this.fail(error, `${how === 'update' ? 'updating' : 'creating'} branch ${branch}`);
    }
  }

  /** The Git data API refuses an empty repository: its first commit goes through the contents API. */
  private async initialiseEmptyRepository(): Promise<void> {
    const { owner, repo, branch, path } = this.o;
    this.o.log.info(`${this.repoName} is empty: creating its first commit on ${branch} through the contents API.`);
    try {
      await this.o.github.rest.repos.createOrUpdateFileContents({
        owner,
        repo,
        branch,
        path: 'README.md',
        message: `Start the Cursor audit log (files in ${path}/)`,
        content: Buffer.from(`# Cursor audit log\n\nDaily JSONL files of the Cursor team's audit log, written by the cursor-audit-logs action.\n`).toString(
          'base64'
        )
      });
    } catch (error) {
      const { message } = githubFailure(error);
      if (isRuleViolation(message)) {
        throw new RuleViolationError(`A repository rule refused the first commit on ${branch} of ${this.repoName}: ${message}. ${this.ruleHelp()}`);
      }
      throw this.fail(error, `initialising the empty repository`);
    }
  }
}
