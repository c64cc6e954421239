// Commits events to a named branch through the GitHub REST API (Git data API), no checkout: one
// commit per run. Reads only the files the run touches, merges append-only, and updates the ref
// without force; a concurrent writer means re-read, re-merge and try again.
import { realSleep, type Sleep } from '../clock.ts';
import { ActionError, RuleViolationError } from '../errors.ts';
import { githubFailure } from '../github.ts';
import type { NewEvents } from '../new-events.ts';
import { type FoundCheckpoint, parseState, STATE_FILE, serializeState, stateNeedsRefresh, type SyncState } from '../state.ts';
import type { BaseBranch } from './base-branch.ts';
import type { StoreRequest, StoreResult } from './destination.ts';
import { type IncomingEvents, mergeInto, type MergeWatch } from './merge-loop.ts';
import { type BlobPair, type Head, RepositoryReader, type RepositoryReaderOptions } from './repository-reader.ts';
import { TreeBuilder } from './tree-builder.ts';
import { LEDGER_FILE } from '../ledger.ts';
import { LedgerKeeper, type LedgerRecord } from './ledger-keeper.ts';

export interface BranchWriterOptions extends RepositoryReaderOptions {
  commitMessage: string;
  /** Sleep between attempts after a concurrent update. */
  sleep?: Sleep;
  /**
   * The branch this one proposes its events to (a pull request's base), if any. A missing branch
   * starts from its tip. A branch that lacks its tip gets it merged in: the new commit's tree is
   * that tip's plus every event the branch holds beyond it and the run's new events, its parents
   * the branch's head and that tip. So a merged, squashed or rebased pull request never costs the
   * head its unmerged events, and the ref only moves forward (never a force update). Without a
   * base, a missing branch starts as an orphan.
   */
  base?: BaseBranch;
  /** What to do when a repository rule refuses the branch (the remedy differs by destination). */
  ruleHelp: string;
}

/** What a store wrote: the result, and the commit the branch moved to (undefined: no commit). */
export type Written = StoreResult & { head: string | undefined };

type Commit = { sha: string; url: string; verified: boolean };

/**
 * Where a new commit starts: the tree it builds on, its parents, a join commit made first, and the
 * ledger of the run (which checked and recorded what the join merged).
 */
type StartingPoint = { base: string | undefined; parents: string[]; join?: Commit; ledger?: LedgerKeeper };

const MAX_ATTEMPTS = 5;

function isRuleViolation(message: string): boolean {
  return /repository rule violations|protected branch/i.test(message);
}

/** Events merged into a commit's files, ready to become a tree. */
interface MergedTree {
  /** Files that received events, as `path/file`. */
  files: string[];
  /** Every file under `path` at the commit merged into, as a path from the repository root. */
  stored: Set<string>;
  /** The ledger with this run's line. */
  ledgerLines(ledger: LedgerKeeper, added: number): Promise<Buffer>;
  /** Writes the tree, with the ledger and state.json when given. */
  finish(state?: SyncState, ledger?: Buffer): Promise<string>;
}

export class BranchWriter {
  readonly reader: RepositoryReader;
  private readonly options: BranchWriterOptions;
  /** state.json as read by readCheckpoint, at that commit (a run with no event decides from it). */
  private stateRead: { text: string | undefined } | undefined;

  /** `reader` reads the same repository (shared with what else reads it, such as the base branch). */
  constructor(options: BranchWriterOptions, reader = new RepositoryReader(options)) {
    this.options = options;
    this.reader = reader;
  }

  private get branch(): string {
    return this.options.branch;
  }

  async readCheckpoint(): Promise<FoundCheckpoint | undefined> {
    // One request: the file at the branch's head (a missing branch or repository reads as missing).
    const { path } = this.options;
    const text = await this.reader.readFile(this.branch, `${path}/${STATE_FILE}`);
    this.stateRead = { text };
    return text === undefined ? undefined : parseState(text, `${path}/${STATE_FILE} on branch ${this.branch}`);
  }

  async store(request: StoreRequest): Promise<Written> {
    // Nothing fetched and a current state.json: no commit, and nothing more to read.
    // (A branch with a base checks that it contains the base first, whatever was fetched.)
    if (
      !this.options.base &&
      request.events.files().length === 0 &&
      this.stateRead &&
      (!request.state || !stateNeedsRefresh(this.stateRead.text, request.state))
    ) {
      this.options.log.info(`No new events for branch ${this.branch}: no commit.`);
      return { added: request.tally(), files: [], outputs: {}, links: [], head: undefined };
    }
    for (let attempt = 1; ; attempt++) {
      const written = await this.attempt(request);
      if (written) return written;
      if (attempt >= MAX_ATTEMPTS) {
        throw new ActionError(
          `Branch ${this.branch} of ${this.reader.repoName} kept moving under this run (${MAX_ATTEMPTS} attempts): another workflow writes to it at the same time. Add a \`concurrency:\` group to the workflow; the next run stores these events.`
        );
      }
      this.options.log.info(
        `Branch ${this.branch} moved during this run (another writer); re-reading and merging again (attempt ${attempt + 1} of ${MAX_ATTEMPTS}).`
      );
      await (this.options.sleep ?? realSleep)(250 * 2 ** attempt);
    }
  }

  /** One try: merge on the branch as it stands and move it; undefined when another writer moved it first. */
  private async attempt(request: StoreRequest): Promise<Written | undefined> {
    let head = await this.reader.head();
    if (head.kind === 'empty-repository') {
      await this.initialiseEmptyRepository();
      head = await this.reader.head();
    }
    const start = await this.startingPoint(head, request.ledger);
    const { base, parents, join } = start;
    const added = request.tally();
    const ledger = start.ledger ?? (request.ledger && (await this.ledgerAt(base, request.ledger)));
    const merged = await this.mergedTree(base, request.events, added, ledger);
    const { files } = merged;
    // No event: no commit, unless the stored checkpoint is stale or not to be trusted, or a join
    // wrote files that only a ledger line on top of it records.
    const why = added.count === 0 ? await this.stateRefresh(request.state, base, merged.stored) : undefined;
    const unrecorded = added.count === 0 && !why && ledger ? ledger.written : 0;
    const alone = ledger ? 'state.json and a ledger line' : 'state.json alone';
    let commit = join;
    if (added.count > 0 || why || unrecorded) {
      if (why) this.options.log.info(`No new events for branch ${this.branch}, but ${why}: committing ${alone}, so its checkpoint stays current.`);
      else if (unrecorded)
        this.options.log.info(
          `No new events for branch ${this.branch}, but the merge wrote ${unrecorded} file(s): committing the ledger line that records them.`
        );
      const lines = ledger && (await merged.ledgerLines(ledger, added.count));
      commit = await this.commit(await merged.finish(request.state, lines), parents, request.render(this.options.commitMessage, added.count));
    }
    if (!commit) {
      this.options.log.info(`No new events for branch ${this.branch}: no commit.`);
      return { added, files, outputs: {}, links: [], head: undefined };
    }
    if (!(await this.moveRef(head.kind === 'commit' ? 'update' : 'create', commit.sha))) return undefined;
    const what = commit === join ? 'the merge alone' : `${added.count} event(s) in ${files.length} file(s)${added.count ? '' : ` (${alone})`}`;
    this.options.log.info(
      `Committed ${what} to ${this.branch}: ${commit.sha}${commit.verified ? ' (signed by GitHub, verified)' : ' (not signed: GitHub did not mark it verified)'}.`
    );
    this.options.log.debug(`GitHub API calls so far: ${this.options.github.calls()}`);
    return {
      added,
      files,
      outputs: { 'commit-sha': commit.sha },
      links: [{ label: `Commit ${commit.sha.slice(0, 7)} on ${this.branch}`, url: commit.url }],
      head: commit.sha,
      // the line of this commit (not of an attempt before it that lost the race)
      signed: commit === join ? undefined : ledger?.signed
    };
  }

  /**
   * Where the new commit starts: the branch's head; for a branch with a base, the base's tip when
   * the branch is missing or contained in it, or a join of the two when they diverged.
   */
  private async startingPoint(head: Head, record: LedgerRecord | undefined): Promise<StartingPoint> {
    const other = this.options.base ? await this.options.base.tip() : undefined;
    if (head.kind !== 'commit') return { base: other, parents: other ? [other] : [] };
    const relation = other && other !== head.sha ? await this.reader.relation(other, head.sha) : 'ahead';
    if (other && relation === 'behind') {
      // everything the branch holds is in `other`: build on it, a fast forward
      this.options.log.info(`${this.branch} is contained in ${other.slice(0, 7)} (its pull request was merged): building on that.`);
      return { base: other, parents: [other] };
    }
    if (other && relation === 'diverged') {
      // the join keeps the base's ledger: the run's ledger checks what the join reads, and records what it writes
      const ledger = record && (await this.ledgerAt(other, record));
      const join = await this.joinDiverged(head.sha, other, ledger);
      return { base: join.sha, parents: [join.sha], join, ledger };
    }
    return { base: head.sha, parents: [head.sha] };
  }

  /**
   * A merge commit that joins the branch to the base it diverged from. It carries only what the
   * branch held; the new events go in an ordinary commit on top. GitHub's "Rebase and merge" leaves
   * merge commits out (and refuses when that changes the result), so new events inside the merge
   * commit would block a rebase merge. The branch's ledger lines stay behind with its history: the
   * join keeps the base's ledger, and the run's line on top records the files the join wrote.
   */
  private async joinDiverged(head: string, other: string, ledger: LedgerKeeper | undefined): Promise<Commit> {
    this.options.log.info(
      `${this.branch} and ${other.slice(0, 7)} diverged (a merged, squashed or rebased pull request): merging the events ${this.branch} holds beyond it.`
    );
    const beyond = await this.reader.filesBeyond(head, other);
    const joined = await this.mergedTree(
      other,
      {
        files: () => [...beyond.keys()].sort(),
        read: (relative) => this.reader.eventsBeyond(beyond.get(relative) as BlobPair, `${this.options.path}/${relative}`)
      },
      undefined,
      ledger
    );
    return this.commit(
      await joined.finish(),
      [head, other],
      `Merge ${other.slice(0, 7)} into ${this.branch}: keep the events it held beyond its merged pull request`
    );
  }

  /** Why state.json alone needs a commit (stale or not to be trusted), or undefined. */
  private async stateRefresh(state: SyncState | undefined, base: string | undefined, stored: Set<string>): Promise<string | undefined> {
    if (!state || !base) return undefined;
    const statePath = `${this.options.path}/${STATE_FILE}`;
    const text = stored.has(statePath) ? await this.reader.readFile(base, statePath) : undefined;
    return stateNeedsRefresh(text, state);
  }

  /**
   * Merges events into the layout files of `base`, read at that commit (not by branch name). One
   * listing says which files exist, so a file the branch does not hold yet costs no request.
   * `added` counts the events `base` did not hold. `finish` writes the tree, with state.json if given.
   */
  private async mergedTree(base: string | undefined, incoming: IncomingEvents, added?: NewEvents, watch?: MergeWatch): Promise<MergedTree> {
    const { github, owner, repo, path } = this.options;
    const baseTree = base ? await this.reader.treeOf(base) : undefined;
    const stored = baseTree ? await this.reader.listFiles(baseTree) : new Set<string>();
    const tree = new TreeBuilder(github, owner, repo, baseTree, (error) => this.reader.explain(error, `writing a commit for branch ${this.branch}`));
    const prefix = `${path}/`;
    const files = await mergeInto(
      incoming,
      {
        path,
        stored: {
          read: async (relative) => (base && stored.has(prefix + relative) ? await this.reader.readBytes(base, prefix + relative) : undefined),
          dayFiles: async () => [...stored].filter((file) => /\/\d{4}-\d{2}-\d{2}\.jsonl$/.test(file)).map((file) => file.slice(prefix.length))
        },
        write: (relative, merged) => tree.add(prefix + relative, merged.bytes())
      },
      added,
      watch
    );
    const read = async (relative: string) => (base ? await this.reader.readBytes(base, prefix + relative) : undefined);
    return {
      files,
      stored,
      ledgerLines: (keeper, count) => keeper.append({ added: count, base: base ?? '', files: [...stored].map((file) => file.slice(prefix.length)), read }),
      finish: async (state, lines) => {
        if (lines) await tree.add(`${path}/${LEDGER_FILE}`, lines);
        if (state) await tree.add(`${path}/${STATE_FILE}`, serializeState(state));
        return tree.finish();
      }
    };
  }

  /** The run's ledger over the ledger held at a commit (none: a branch that starts empty). */
  private async ledgerAt(commit: string | undefined, record: LedgerRecord): Promise<LedgerKeeper> {
    const { path } = this.options;
    const stored = commit ? await this.reader.readBytes(commit, `${path}/${LEDGER_FILE}`) : undefined;
    return new LedgerKeeper(record, { stored, path, where: `on branch ${this.branch}` });
  }

  /** One commit of the tree; author left to GitHub. */
  private async commit(tree: string, parents: string[], message: string): Promise<Commit> {
    const { github, owner, repo } = this.options;
    try {
      const { data } = await github.rest.git.createCommit({ owner, repo, message, tree, parents });
      return { sha: data.sha, url: data.html_url, verified: data.verification?.verified === true };
    } catch (error) {
      throw this.reader.explain(error, `writing a commit for branch ${this.branch}`);
    }
  }

  /** A repository rule's refusal of `what`, with what to do about it. */
  private refusedByRule(what: string, message: string): RuleViolationError {
    return new RuleViolationError(`A repository rule refused ${what}: ${message}. ${this.options.ruleHelp}`);
  }

  /** Moves (or creates) the branch ref without force; false when someone else moved it first. */
  private async moveRef(how: 'create' | 'update', sha: string): Promise<boolean> {
    const { github, owner, repo, branch } = this.options;
    try {
      if (how === 'update') await github.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: false });
      else await github.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
      return true;
    } catch (error) {
      const { status, message } = githubFailure(error);
      if (isRuleViolation(message)) throw this.refusedByRule(`the update of branch ${branch} on ${this.reader.repoName}`, message);
      if (status === 422 && /fast forward|already exists/i.test(message)) return false;
      throw this.reader.explain(error, `${how === 'update' ? 'updating' : 'creating'} branch ${branch}`);
    }
  }

  /** The Git data API refuses an empty repository: its first commit goes through the contents API. */
  private async initialiseEmptyRepository(): Promise<void> {
    const { github, owner, repo, branch, path } = this.options;
    this.options.log.info(`${this.reader.repoName} is empty: creating its first commit on ${branch} through the contents API.`);
    try {
      await github.rest.repos.createOrUpdateFileContents({
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
      if (isRuleViolation(message)) throw this.refusedByRule(`the first commit on ${branch} of ${this.reader.repoName}`, message);
      throw this.reader.explain(error, `initialising the empty repository`);
    }
  }
}
