// The branch destination: one commit per run through the GitHub REST API (Git data API), no
// checkout. Reads only the files the run touches, merges append-only, and updates the ref without
// force; a concurrent writer means re-read, re-merge and try again.
import { explainGitHubError, type GitHubClient, githubFailure } from '../github.ts';
import { mergeIntoFile } from '../merge.ts';
import { type FoundCheckpoint, parseState, STATE_FILE, serializeState } from '../state.ts';
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
   * When the branch exists: a commit to start over from instead of its head (a pull-request branch
   * whose pull request was merged). The ref then moves there even if that is not a fast forward.
   */
  startOver?: () => Promise<string | undefined>;
}

const MAX_ATTEMPTS = 5;
/** Files larger than this go up as blobs rather than inline tree content. */
const INLINE_LIMIT = 4 * 1024 * 1024;

type Head = { kind: 'commit'; sha: string } | { kind: 'missing' } | { kind: 'empty-repository' };

function isRuleViolation(message: string): boolean {
  return /repository rule violations|protected branch/i.test(message);
}

export class BranchDestination implements Destination {
  readonly name: string;
  private readonly o: BranchOptions;
  private readonly repoName: string;

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

  /** A file at a commit, raw (any size), or undefined when it does not exist. */
  async readFile(commit: string, file: string): Promise<string | undefined> {
    try {
      const { data } = await this.o.github.rest.repos.getContent({
        owner: this.o.owner,
        repo: this.o.repo,
        path: file,
        ref: commit,
        mediaType: { format: 'raw' }
      });
      return typeof data === 'string' ? data : Buffer.from(data as unknown as ArrayBuffer).toString('utf8');
    } catch (error) {
      if (githubFailure(error).status === 404) return undefined;
      throw this.fail(error, `reading ${file} at ${commit.slice(0, 7)}`);
    }
  }

  async readCheckpoint(): Promise<FoundCheckpoint | undefined> {
    const head = await this.head();
    if (head.kind !== 'commit') return undefined;
    const text = await this.readFile(head.sha, `${this.o.path}/${STATE_FILE}`);
    return text === undefined ? undefined : parseState(text, `${this.o.path}/${STATE_FILE} on branch ${this.o.branch}`);
  }

  async store(request: StoreRequest): Promise<StoreResult & { head: string | undefined }> {
    for (let attempt = 1; ; attempt++) {
      let head = await this.head();
      if (head.kind === 'empty-repository') {
        await this.initialiseEmptyRepository();
        head = await this.head();
      }
      let base: string | undefined;
      let force = false;
      if (head.kind === 'commit') {
        const over = this.o.startOver ? await this.o.startOver() : undefined;
        force = over !== undefined && over !== head.sha;
        base = over ?? head.sha;
      } else if (this.o.startFrom) base = await this.o.startFrom();

      // Merge the files this run touches, read at the head commit (not by branch name).
      const changes: { path: string; content: string }[] = [];
      const added = request.tally();
      const files: string[] = [];
      for (const relative of request.events.files()) {
        const path = `${this.o.path}/${relative}`;
        const existing = base ? await this.readFile(base, path) : undefined;
        const merged = mergeIntoFile(existing, request.events.read(relative));
        if (merged.added.length === 0) continue;
        changes.push({ path, content: merged.text });
        added.add(merged.added);
        files.push(path);
      }
      if (added.count === 0) {
        this.o.log.info(`No new events for branch ${this.o.branch}: no commit.`);
        return { added, files, outputs: {}, links: [], head: undefined };
      }
      if (request.state) changes.push({ path: `${this.o.path}/${STATE_FILE}`, content: serializeState(request.state) });

      const commit = await this.commit(changes, base, request.render(this.o.commitMessage, added.count));
      const moved = await this.moveRef(head.kind === 'commit' ? 'update' : 'create', commit.sha, force);
      if (moved) {
        this.o.log.info(
          `Committed ${added.count} event(s) in ${files.length} file(s) to ${this.o.branch}: ${commit.sha}${commit.verified ? ' (signed by GitHub, verified)' : ' (not signed: GitHub did not mark it verified)'}.`
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
        throw new Error(`Branch ${this.o.branch} of ${this.repoName} kept moving under this run (${MAX_ATTEMPTS} attempts): another workflow writes to it at the same time. Add a \`concurrency:\` group to the workflow; the next run stores these events.`);
      }
      this.o.log.info(`Branch ${this.o.branch} moved during this run (another writer); re-reading and merging again (attempt ${attempt + 1} of ${MAX_ATTEMPTS}).`);
      await (this.o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(250 * 2 ** attempt);
    }
  }

  /** One tree on top of the base (file contents inlined) and one commit; author left to GitHub. */
  private async commit(changes: { path: string; content: string }[], base: string | undefined, message: string) {
    const { owner, repo } = this.o;
    const g = this.o.github.rest.git;
    try {
      const baseTree = base ? (await g.getCommit({ owner, repo, commit_sha: base })).data.tree.sha : undefined;
      const tree = [];
      for (const c of changes) {
        if (Buffer.byteLength(c.content) <= INLINE_LIMIT) tree.push({ path: c.path, mode: '100644' as const, type: 'blob' as const, content: c.content });
        else {
          const blob = await g.createBlob({ owner, repo, content: Buffer.from(c.content).toString('base64'), encoding: 'base64' });
          tree.push({ path: c.path, mode: '100644' as const, type: 'blob' as const, sha: blob.data.sha });
        }
      }
      const newTree = await g.createTree({ owner, repo, tree, ...(baseTree ? { base_tree: baseTree } : {}) });
      const { data } = await g.createCommit({ owner, repo, message, tree: newTree.data.sha, parents: base ? [base] : [] });
      return { sha: data.sha, url: data.html_url, verified: data.verification?.verified === true };
    } catch (error) {
      throw this.fail(error, `writing a commit for branch ${this.o.branch}`);
    }
  }

  /** Moves (or creates) the branch ref without force; false when someone else moved it first. */
  private async moveRef(how: 'create' | 'update', sha: string, force: boolean): Promise<boolean> {
    const { owner, repo, branch } = this.o;
    try {
      if (how === 'update') await this.o.github.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force });
      else await this.o.github.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
      return true;
    } catch (error) {
      const { status, message } = githubFailure(error);
      if (isRuleViolation(message)) {
        throw Object.assign(
          new Error(`A repository rule refused the update of branch ${branch} on ${this.repoName}: ${message}. Use \`destination: pull-request\` to propose the events as a pull request instead, or exempt this workflow from the rule.`),
          { name: 'RuleViolation' }
        );
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
        content: Buffer.from(`# Cursor audit log\n\nDaily JSONL files of the Cursor team's audit log, written by the cursor-audit-logs action.\n`).toString('base64')
      });
    } catch (error) {
      const { message } = githubFailure(error);
      if (isRuleViolation(message)) {
        throw Object.assign(new Error(`A repository rule refused the first commit on ${branch} of ${this.repoName}: ${message}. Use \`destination: pull-request\`, or exempt this workflow from the rule.`), { name: 'RuleViolation' });
      }
      throw this.fail(error, `initialising the empty repository`);
    }
  }
}
