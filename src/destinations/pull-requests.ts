// The pull requests of one head branch into its base: listing the open one, opening, updating and
// labelling it, and the body that summarises the events it adds.
import type { GitHubError } from '../errors.ts';
import { explainGitHubError, type GitHubClient, githubFailure } from '../github.ts';
import { md } from '../markdown.ts';
import type { NewEvents } from '../new-events.ts';
import type { Logger } from '../reporter.ts';
import { eventSections } from '../summary.ts';
import { type BaseBranch, PULL_REQUEST_PERMISSIONS } from './base-branch.ts';

/** What a pull request adds: counts, the first and last dated events, the notable ones (see NewEvents). */
export interface AddedEvents {
  tally: NewEvents;
  first: { time: number; key: string; timestamp: string } | undefined;
  last: { time: number; key: string; timestamp: string } | undefined;
}

export interface PullRequest {
  number: number;
  html_url: string;
}

export interface PullRequestsOptions {
  github: GitHubClient;
  owner: string;
  repo: string;
  /** The head branch, which holds the events. */
  head: string;
  base: BaseBranch;
  /** Where the events are, for the body. */
  path: string;
  labels: string[];
  serverUrl: string;
  log: Logger;
}

/** GitHub refuses bodies over 65,536 characters. */
const BODY_LIMIT = 60_000;

export class PullRequests {
  private readonly options: PullRequestsOptions;

  constructor(options: PullRequestsOptions) {
    this.options = options;
  }

  /** An error a user can act on, for a request of the pull-request destination. */
  explain(error: unknown, what: string): GitHubError {
    return explainGitHubError(error, what, `${this.options.owner}/${this.options.repo}`, PULL_REQUEST_PERMISSIONS);
  }

  /** The open pull requests from the head into the base, newest first. */
  async listOpen(): Promise<(PullRequest & { head: { sha: string } })[]> {
    const { github, owner, repo, head } = this.options;
    try {
      const { data } = await github.rest.pulls.list({
        owner,
        repo,
        head: `${owner}:${head}`,
        base: await this.options.base.name(),
        state: 'open',
        sort: 'created',
        direction: 'desc',
        per_page: 10
      });
      return data;
    } catch (error) {
      throw this.explain(error, 'listing pull requests');
    }
  }

  async create(title: string, body: string): Promise<PullRequest> {
    const { github, owner, repo, head } = this.options;
    return (await github.rest.pulls.create({ owner, repo, head, base: await this.options.base.name(), title, body })).data;
  }

  async update(number: number, title: string, body: string): Promise<PullRequest> {
    const { github, owner, repo } = this.options;
    return (await github.rest.pulls.update({ owner, repo, pull_number: number, title, body })).data;
  }

  /** Adds the labels; a refusal is a warning, not a failure. */
  async label(number: number): Promise<void> {
    const { github, owner, repo, labels } = this.options;
    if (!labels.length) return;
    try {
      await github.rest.issues.addLabels({ owner, repo, issue_number: number, labels });
    } catch (error) {
      this.options.log.warning(
        `Could not add the labels to pull request #${number}: ${githubFailure(error).message} (the token needs issues: write or pull-requests: write).`
      );
    }
  }

  /** The page where a person opens the pull request by hand. */
  async compareLink(): Promise<string> {
    const { owner, repo, head, serverUrl } = this.options;
    return `${serverUrl}/${owner}/${repo}/compare/${encodeURIComponent(await this.options.base.name())}...${encodeURIComponent(head)}?expand=1`;
  }

  body(added: AddedEvents): string {
    const { tally, first, last } = added;
    const range = first && last ? `${md(first.timestamp)} → ${md(last.timestamp)}` : 'no dated events';
    const head = [
      `This pull request adds **${tally.count} Cursor audit event(s)** (${range}), **${tally.notableCount} notable**, to \`${this.options.path}/\`.`,
      '',
      'Added lines only: every event is stored exactly as the Cursor Admin API returned it. Written by the cursor-audit-logs action.'
    ].join('\n');
    let body = `${head}\n\n${eventSections(tally)}`;
    for (let rows = 50; body.length > BODY_LIMIT && rows > 0; rows = Math.floor(rows / 2)) {
      body = `${head}\n\n${eventSections(tally, rows)}\n\n_The list of notable events was cut to fit GitHub's limit; all ${tally.notableCount} are in the files._`;
    }
    return body.length > BODY_LIMIT ? `${body.slice(0, BODY_LIMIT)}\n\n_Cut to fit GitHub's limit._` : body;
  }
}
