// The pull-request destination: a branch writer's commit on `pull-request-branch` (kept up with
// `base-branch`), then one pull request into `base-branch`, created or updated, whose body
// summarises every event it adds.
import { type AuditEvent, compareEvents } from '../events.ts';
import { githubFailure, type GitHubClient } from '../github.ts';
import { NewEvents } from '../new-events.ts';
import type { Logger } from '../reporter.ts';
import { type FoundCheckpoint, parseState, STATE_FILE } from '../state.ts';
import { BaseBranch } from './base-branch.ts';
import { BranchWriter } from './branch-writer.ts';
import { type Destination, type StoreRequest, type StoreResult, StoredThenFailed } from './destination.ts';
import { type AddedEvents, type PullRequest, PullRequests } from './pull-requests.ts';
import { RepositoryReader } from './repository-reader.ts';

export interface PullRequestOptions {
  github: GitHubClient;
  owner: string;
  repo: string;
  head: string;
  base: string | undefined;
  path: string;
  title: string;
  labels: string[];
  commitMessage: string;
  notableTypes: ReadonlySet<string>;
  serverUrl: string;
  log: Logger;
}

/** What to do when a rule refuses the head branch. */
const RULE_HELP = `The pull request's head branch must be one this workflow may push to: set pull-request-branch to a branch no rule covers, or exempt this workflow from the rule.`;
const NOT_PERMITTED = /not permitted to create or approve pull requests/i;

function withPull(result: StoreResult, pull: PullRequest): StoreResult {
  return {
    ...result,
    outputs: { ...result.outputs, 'pull-request-number': String(pull.number), 'pull-request-url': pull.html_url },
    links: [...result.links, { label: `Pull request #${pull.number}`, url: pull.html_url }]
  };
}

export class PullRequestDestination implements Destination {
  readonly name = 'pull-request';
  readonly keepsRecord = true;
  private readonly options: PullRequestOptions;
  private readonly reader: RepositoryReader;
  private readonly base: BaseBranch;
  private readonly writer: BranchWriter;
  private readonly pulls: PullRequests;

  constructor(options: PullRequestOptions) {
    this.options = options;
    const { github, owner, repo, head, path, log } = options;
    const branch = { github, owner, repo, branch: head, path, log };
    this.reader = new RepositoryReader(branch);
    this.base = new BaseBranch({ github, owner, repo, name: options.base, reader: this.reader });
    this.writer = new BranchWriter({ ...branch, commitMessage: options.commitMessage, base: this.base, ruleHelp: RULE_HELP }, this.reader);
    this.pulls = new PullRequests({ github, owner, repo, head, base: this.base, path, labels: options.labels, serverUrl: options.serverUrl, log });
  }

  async readCheckpoint(): Promise<FoundCheckpoint | undefined> {
    const own = await this.writer.readCheckpoint();
    if (own) return own;
    const base = await this.base.name();
    const head = await this.reader.head(base);
    if (head.kind !== 'commit') return undefined;
    const text = await this.reader.readFile(head.sha, `${this.options.path}/${STATE_FILE}`);
    return text === undefined ? undefined : parseState(text, `${this.options.path}/${STATE_FILE} on ${base}`);
  }

  /**
   * What the head adds compared with the base: the lines of its files not in the base's copy.
   * Computed from the two trees (compare lists at most 300 files), file by file, and counted as
   * it streams: only counts, the first and last dated events and the few notable ones the body
   * shows are kept, so a pull request that already adds a million events holds none of them.
   */
  async eventsAdded(head: string): Promise<AddedEvents> {
    const base = await this.base.name();
    const baseSha = await this.base.tip();
    const beyond = await this.reader.filesBeyond(head, baseSha, base);
    const added: AddedEvents = { tally: new NewEvents(this.options.notableTypes), first: undefined, last: undefined };
    for (const [relative, blobs] of [...beyond].sort(([left], [right]) => (left < right ? -1 : 1))) {
      // one file's events at a time
      const events = await this.reader.eventsBeyond(blobs, `${this.options.path}/${relative}`);
      added.tally.add(events);
      for (const event of events) {
        if (event.time === null) continue;
        const at = { time: event.time, key: event.key, timestamp: String(event.data.timestamp) };
        if (!added.first || compareEvents(at, added.first) < 0) added.first = at;
        if (!added.last || compareEvents(at, added.last) > 0) added.last = at;
      }
    }
    // the notable events kept are the first met, file by file: shown in time order
    (added.tally.notable as AuditEvent[]).sort(compareEvents);
    return added;
  }

  async store(request: StoreRequest): Promise<StoreResult> {
    const result = await this.writer.store(request);
    const tip = result.head ?? (await this.currentHead());
    if (!tip) return result;
    let open: (PullRequest & { head: { sha: string } }) | undefined;
    try {
      open = (await this.pulls.listOpen())[0];
    } catch (error) {
      throw new StoredThenFailed(this.pulls.explain(error, 'listing pull requests').message, result);
    }
    // A pull request exists and is current whenever the head adds something to the base, new events
    // or not (a run that pushed the head and then failed to open it is made good here).
    if (open && open.head.sha === tip && !result.head) return withPull(result, open);
    const added = await this.eventsAdded(tip);
    if (added.tally.count === 0 && !open) {
      this.options.log.info(`${this.options.head} adds no event to ${await this.base.name()}: no pull request needed.`);
      return result;
    }
    const pull = await this.openOrUpdate(open, request.render(this.options.title, added.tally.count), this.pulls.body(added), result);
    if ('byHand' in pull) return { ...result, links: [...result.links, { label: 'Open the pull request by hand', url: pull.byHand }] };
    await this.pulls.label(pull.number);
    return withPull(result, pull);
  }

  /**
   * Updates the open pull request, or opens one. When GitHub does not let Actions open pull
   * requests, warns and returns the page where a person opens it by hand.
   */
  private async openOrUpdate(open: PullRequest | undefined, title: string, body: string, result: StoreResult): Promise<PullRequest | { byHand: string }> {
    try {
      if (open) {
        const pull = await this.pulls.update(open.number, title, body);
        this.options.log.info(`Updated pull request #${pull.number}: ${pull.html_url}`);
        return pull;
      }
      const pull = await this.pulls.create(title, body);
      this.options.log.info(`Opened pull request #${pull.number}: ${pull.html_url}`);
      return pull;
    } catch (error) {
      const { status, message } = githubFailure(error);
      if (NOT_PERMITTED.test(message)) {
        const link = await this.pulls.compareLink();
        this.options.log.warning(
          `The branch ${this.options.head} was pushed, but GitHub does not let Actions create pull requests in ${this.reader.repoName}. Turn on Settings → Actions → General → "Allow GitHub Actions to create and approve pull requests", or open it by hand: ${link}`
        );
        return { byHand: link };
      }
      if (status === 422 && /already exists/i.test(message)) {
        // opened meanwhile (by another run or a person): update that one
        const again = (await this.pulls.listOpen())[0];
        if (again) return this.pulls.update(again.number, title, body);
      }
      const failure = this.pulls.explain(error, 'opening the pull request');
      throw new StoredThenFailed(
        `${this.options.head} holds the events, but the pull request was not opened: ${failure.message} The next run opens it.`,
        result
      );
    }
  }

  /** The head branch's tip, or undefined when it does not exist. */
  private async currentHead(): Promise<string | undefined> {
    const head = await this.reader.head();
    return head.kind === 'commit' ? head.sha : undefined;
  }
}
