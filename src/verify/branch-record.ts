// The branch as `mode: verify` reads it, through the GitHub REST API (no checkout): the files under
// `path` at the head, and the history since the first ledger line. The history costs one call per
// hundred commits listed and one per commit read (its files and their patches); commits past
// `verify-max-commits` are left unread, which the check reports.
import { ActionError, NotAPlainFileError } from '../errors.ts';
import type { GitHubClient } from '../github.ts';
import type { ReadLine } from '../ledger.ts';
import type { Logger } from '../reporter.ts';
import { RepositoryReader } from '../destinations/repository-reader.ts';
import { commitChanges, type CommitChanges, type FileChange, type History } from './history-check.ts';
import type { RecordScan } from './layout-check.ts';
import { figure } from './problems.ts';
import type { RecordSource } from './record-source.ts';
import { changeFromContents, changeFromPatch } from './unified-diff.ts';

export interface BranchRecordOptions {
  github: GitHubClient;
  owner: string;
  repo: string;
  branch: string;
  path: string;
  maxCommits: number;
  log: Logger;
}

/** A commit's changed files as GitHub lists them. */
interface CommitFile {
  filename: string;
  status?: string;
  sha?: string | null;
  patch?: string;
  previous_filename?: string;
}

/** GitHub lists at most 300 files a page of a commit. */
const FILES_PER_PAGE = 300;

export class BranchRecord implements RecordSource {
  readonly name: string;
  private readonly options: BranchRecordOptions;
  private readonly reader: RepositoryReader;
  private head: string | undefined;

  constructor(options: BranchRecordOptions) {
    this.options = options;
    this.reader = new RepositoryReader({ ...options });
    this.name = `branch ${options.branch} of ${options.owner}/${options.repo}`;
  }

  async scan(scan: RecordScan): Promise<void> {
    const head = await this.reader.head();
    if (head.kind !== 'commit') {
      throw new ActionError(`There is nothing to verify: ${this.name} does not exist. Check the branch and repository inputs.`);
    }
    this.head = head.sha;
    let blobs: Map<string, string>;
    try {
      blobs = await this.reader.blobsUnder(await this.reader.treeOf(head.sha));
    } catch (error) {
      if (!(error instanceof NotAPlainFileError)) throw error;
      scan.notAFile(this.options.path, `holding an entry that is not a plain file (${error.message})`);
      return;
    }
    const prefix = `${this.options.path}/`;
    let done = 0;
    for (const [file, sha] of [...blobs].sort(([a], [b]) => (a < b ? -1 : 1))) {
      scan.addFile(file.slice(prefix.length), await this.reader.readBlob(sha, file));
      if (++done % 50 === 0) this.options.log.info(`Read ${done} of ${blobs.size} files.`);
    }
  }

  async history(ledger: ReadLine[]): Promise<History> {
    const { github, owner, repo, maxCommits } = this.options;
    const before = github.calls();
    const head = this.head ?? ((await this.reader.head()) as { sha: string }).sha;
    const listed: { sha: string; parents: string[] }[] = [];
    try {
      for await (const page of github.paginate.iterator(github.rest.repos.listCommits, { owner, repo, sha: head, per_page: 100 })) {
        for (const commit of page.data) listed.push({ sha: commit.sha, parents: commit.parents.map((parent) => parent.sha) });
      }
    } catch (error) {
      throw this.reader.explain(error, `listing the commits of branch ${this.options.branch}`);
    }
    // Since the first ledger line: the commits after the one it was written on top of.
    const firstBase = ledger.find((read) => read.line)?.line?.base ?? '';
    const cut = firstBase ? listed.findIndex((commit) => commit.sha === firstBase) : -1;
    const since = cut === -1 ? listed : listed.slice(0, cut);
    const toRead = since.slice(0, maxCommits);
    const commits: CommitChanges[] = [];
    for (const commit of toRead) {
      commits.push(await this.commitChanges(commit.sha, commit.parents));
      if (commits.length % 100 === 0) this.options.log.info(`Read ${commits.length} of ${toRead.length} commits.`);
    }
    return {
      reachable: new Set(listed.map((commit) => commit.sha)),
      commits,
      unread: since.length - toRead.length,
      cost: `${figure(github.calls() - before)} GitHub API calls`,
      unreadHelp: `verify-max-commits is ${maxCommits}; raise it (each commit costs one GitHub API call), or verify a checkout with fetch-depth: 0 (destination: workspace), which reads the history without API calls`
    };
  }

  /** One commit's changes under `path`, from its patches (or, where GitHub leaves a patch out, its files' bytes). */
  private async commitChanges(sha: string, parents: string[]): Promise<CommitChanges> {
    const { github, owner, repo, path } = this.options;
    const files: CommitFile[] = [];
    for (let page = 1; ; page++) {
      let listed: CommitFile[];
      try {
        listed = ((await github.rest.repos.getCommit({ owner, repo, ref: sha, per_page: FILES_PER_PAGE, page })).data.files ?? []) as CommitFile[];
      } catch (error) {
        throw this.reader.explain(error, `reading commit ${sha.slice(0, 12)}`);
      }
      files.push(...listed);
      if (listed.length < FILES_PER_PAGE) break;
    }
    const prefix = `${path}/`;
    const changes: FileChange[] = [];
    for (const file of files) {
      if (file.status === 'renamed' && file.previous_filename?.startsWith(prefix)) {
        changes.push(changeFromContents(file.previous_filename.slice(prefix.length), await this.before(parents, file.previous_filename), undefined));
      }
      if (!file.filename.startsWith(prefix)) continue;
      const name = file.filename.slice(prefix.length);
      if (file.patch !== undefined && file.status !== 'renamed') changes.push(changeFromPatch(name, file.patch));
      else {
        const after = file.status === 'removed' || !file.sha ? undefined : await this.reader.readBlob(file.sha, file.filename);
        changes.push(changeFromContents(name, file.status === 'added' ? undefined : await this.before(parents, file.filename), after));
      }
    }
    return commitChanges(sha, parents, changes);
  }

  /** A file as the commit's first parent holds it. */
  private async before(parents: string[], file: string): Promise<Buffer | undefined> {
    return parents.length ? this.reader.readBytes(parents[0], file) : undefined;
  }
}
