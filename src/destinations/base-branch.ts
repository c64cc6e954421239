// The branch a pull request proposes its events to: `base-branch`, or the repository's default
// branch when that is not set. The pull request's head branch starts from it and keeps up with it.
import { ActionError } from '../errors.ts';
import type { RepositoryReader } from './repository-reader.ts';
import { explainGitHubError, type GitHubClient } from '../github.ts';

/** What the pull-request destination's token needs. */
export const PULL_REQUEST_PERMISSIONS = 'contents: write and pull-requests: write';

export class BaseBranch {
  private readonly github: GitHubClient;
  private readonly reader: RepositoryReader;
  private readonly owner: string;
  private readonly repo: string;
  /** Its name once known: as set, or read from the repository at the first need. */
  private known: string | undefined;

  constructor(options: { github: GitHubClient; owner: string; repo: string; name: string | undefined; reader: RepositoryReader }) {
    this.github = options.github;
    this.owner = options.owner;
    this.repo = options.repo;
    this.known = options.name;
    this.reader = options.reader;
  }

  async name(): Promise<string> {
    if (!this.known) {
      try {
        this.known = (await this.github.rest.repos.get({ owner: this.owner, repo: this.repo })).data.default_branch;
      } catch (error) {
        throw explainGitHubError(error, 'reading the default branch', this.reader.repoName, PULL_REQUEST_PERMISSIONS);
      }
    }
    return this.known;
  }

  /** Its head commit; a base branch that does not exist is refused. */
  async tip(): Promise<string> {
    const head = await this.reader.head(await this.name());
    if (head.kind !== 'commit')
      throw new ActionError(`The base branch ${await this.name()} of ${this.reader.repoName} does not exist: set base-branch to an existing branch.`);
    return head.sha;
  }
}
