// The pull-request destination: the branch destination's commit on `pull-request-branch`, then one
// pull request into `base-branch`, created or updated, whose body summarises every event it adds.
import { type AuditEvent, compareEvents } from '../events.ts';
import { explainGitHubError, type GitHubClient, githubFailure } from '../github.ts';
import { md } from '../markdown.ts';
import { NewEvents } from '../new-events.ts';
import { type FoundCheckpoint, parseState, STATE_FILE } from '../state.ts';
import { eventSections } from '../summary.ts';
import { BranchDestination } from './branch.ts';
import { type Destination, type StoreRequest, type StoreResult, StoredThenFailed } from './destination.ts';

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
  log: { info(m: string): void; warning(m: string): void; debug(m: string): void };
}

/** What a pull request adds: counts, the first and last dated events, the notable ones (see NewEvents). */
export interface AddedEvents {
  tally: NewEvents;
  first: { time: number; key: string; timestamp: string } | undefined;
  last: { time: number; key: string; timestamp: string } | undefined;
}

/** GitHub refuses bodies over 65,536 characters. */
const BODY_LIMIT = 60_000;
const NOT_PERMITTED = /not permitted to create or approve pull requests/i;

export class PullRequestDestination implements Destination {
  readonly name = 'pull-request';
  readonly keepsRecord = true;
  private readonly o: PullRequestOptions;
  private readonly branch: BranchDestination;
  private baseName: string | undefined;

  constructor(o: PullRequestOptions) {
    this.o = o;
    this.baseName = o.base;
    this.branch = new BranchDestination({
      github: o.github,
      owner: o.owner,
      repo: o.repo,
      branch: o.head,
      path: o.path,
      commitMessage: o.commitMessage,
      log: o.log,
      name: 'pull-request',
      startFrom: () => this.baseHead(),
      mergeWith: () => this.baseHead()
    });
  }

  private get repoName() {
    return `${this.o.owner}/${this.o.repo}`;
  }

  private fail(error: unknown, what: string): Error {
    return explainGitHubError(error, what, this.repoName, 'contents: write and pull-requests: write');
  }

  async base(): Promise<string> {
    if (!this.baseName) {
      try {
        this.baseName = (await this.o.github.rest.repos.get({ owner: this.o.owner, repo: this.o.repo })).data.default_branch;
      } catch (error) {
        throw this.fail(error, 'reading the default branch');
      }
    }
    return this.baseName;
  }

  private async baseHead(): Promise<string | undefined> {
    const head = await this.branch.head(await this.base());
    if (head.kind !== 'commit')
      throw new Error(`The base branch ${await this.base()} of ${this.repoName} does not exist: set base-branch to an existing branch.`);
    return head.sha;
  }

  private async pulls(state: 'open' | 'all') {
    try {
      const { data } = await this.o.github.rest.pulls.list({
        owner: this.o.owner,
        repo: this.o.repo,
        head: `${this.o.owner}:${this.o.head}`,
        base: await this.base(),
        state,
        sort: 'created',
        direction: 'desc',
        per_page: 10
      });
      return data;
    } catch (error) {
      throw this.fail(error, 'listing pull requests');
    }
  }

  async readCheckpoint(): Promise<FoundCheckpoint | undefined> {
    const own = await this.branch.readCheckpoint();
    if (own) return own;
    const base = await this.base();
    const head = await this.branch.head(base);
    if (head.kind !== 'commit') return undefined;
    const text = await this.branch.readFile(head.sha, `${this.o.path}/${STATE_FILE}`);
    return text === undefined ? undefined : parseState(text, `${this.o.path}/${STATE_FILE} on ${base}`);
  }

  /**
   * What the head adds compared with the base: the lines of its files not in the base's copy.
   * Computed from the two trees (compare lists at most 300 files), file by file, and counted as
   * it streams: only counts, the first and last dated events and the few notable ones the body
   * shows are kept, so a pull request that already adds a million events holds none of them.
   */
  async eventsAdded(head: string): Promise<AddedEvents> {
    const base = await this.base();
    const baseSha = (await this.baseHead()) as string;
    const beyond = await this.branch.filesBeyond(head, baseSha, base);
    const added: AddedEvents = { tally: new NewEvents(this.o.notableTypes), first: undefined, last: undefined };
    for (const [relative, blobs] of [...beyond].sort(([a], [b]) => (a < b ? -1 : 1))) {
      // one file's events at a time
      const events = await this.branch.eventsBeyond(blobs, `${this.o.path}/${relative}`);
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

  body(added: AddedEvents): string {
    const { tally, first, last } = added;
    const range = first && last ? `${md(first.timestamp)} → ${md(last.timestamp)}` : 'no dated events';
    const head = [
      `This pull request adds **${tally.count} Cursor audit event(s)** (${range}), **${tally.notableCount} notable**, to \`${this.o.path}/\`.`,
      '',
      'Added lines only: every event is stored exactly as the Cursor Admin API returned it. Written by the cursor-audit-logs action.'
    ].join('\n');
    let body = `${head}\n\n${eventSections(tally)}`;
    for (let rows = 50; body.length > BODY_LIMIT && rows > 0; rows = Math.floor(rows / 2)) {
      body = `${head}\n\n${eventSections(tally, rows)}\n\n_The list of notable events was cut to fit GitHub's limit; all ${tally.notableCount} are in the files._`;
    }
    return body.length > BODY_LIMIT ? `${body.slice(0, BODY_LIMIT)}\n\n_Cut to fit GitHub's limit._` : body;
  }

  async store(request: StoreRequest): Promise<StoreResult> {
    const result = await this.branch.store(request);
    const tip = result.head ?? (await this.currentHead());
    if (!tip) return result;
    const { owner, repo } = this.o;
    let open: { number: number; html_url: string; head: { sha: string } } | undefined;
    try {
      open = (await this.pulls('open'))[0];
    } catch (error) {
      throw new StoredThenFailed(this.fail(error, 'listing pull requests').message, result);
    }
    // A pull request exists and is current whenever the head adds something to the base, new events
    // or not (a run that pushed the head and then failed to open it is made good here).
    if (open && open.head.sha === tip && !result.head) return this.withPull(result, open);
    const added = await this.eventsAdded(tip);
    if (added.tally.count === 0 && !open) {
      this.o.log.info(`${this.o.head} adds no event to ${await this.base()}: no pull request needed.`);
      return result;
    }
    const base = await this.base();
    const title = request.render(this.o.title, added.tally.count);
    const body = this.body(added);
    let pr: { number: number; html_url: string } | undefined;
    try {
      if (open) {
        pr = (await this.o.github.rest.pulls.update({ owner, repo, pull_number: open.number, title, body })).data;
        this.o.log.info(`Updated pull request #${pr.number}: ${pr.html_url}`);
      } else {
        pr = (await this.o.github.rest.pulls.create({ owner, repo, head: this.o.head, base, title, body })).data;
        this.o.log.info(`Opened pull request #${pr.number}: ${pr.html_url}`);
      }
    } catch (error) {
      const { status, message } = githubFailure(error);
      if (NOT_PERMITTED.test(message)) {
        const link = `${this.o.serverUrl}/${owner}/${repo}/compare/${encodeURIComponent(base)}...${encodeURIComponent(this.o.head)}?expand=1`;
        this.o.log.warning(
          `The branch ${this.o.head} was pushed, but GitHub does not let Actions create pull requests in ${this.repoName}. Turn on Settings → Actions → General → "Allow GitHub Actions to create and approve pull requests", or open it by hand: ${link}`
        );
        return { ...result, links: [...result.links, { label: 'Open the pull request by hand', url: link }] };
      }
      if (status === 422 && /already exists/i.test(message)) {
        const again = (await this.pulls('open'))[0];
        if (again) pr = (await this.o.github.rest.pulls.update({ owner, repo, pull_number: again.number, title, body })).data;
      }
      if (!pr) {
        const failure = this.fail(error, 'opening the pull request');
        throw new StoredThenFailed(`${this.o.head} holds the events, but the pull request was not opened: ${failure.message} The next run opens it.`, result);
      }
    }
    if (this.o.labels.length) {
      try {
        await this.o.github.rest.issues.addLabels({ owner, repo, issue_number: pr.number, labels: this.o.labels });
      } catch (error) {
        this.o.log.warning(
          `Could not add the labels to pull request #${pr.number}: ${githubFailure(error).message} (the token needs issues: write or pull-requests: write).`
        );
      }
    }
    return this.withPull(result, pr);
  }

  /** The head branch's tip, or undefined when it does not exist. */
  private async currentHead(): Promise<string | undefined> {
    const head = await this.branch.head();
    return head.kind === 'commit' ? head.sha : undefined;
  }

  private withPull(result: StoreResult, pr: { number: number; html_url: string }): StoreResult {
    return {
      ...result,
      outputs: { ...result.outputs, 'pull-request-number': String(pr.number), 'pull-request-url': pr.html_url },
      links: [...result.links, { label: `Pull request #${pr.number}`, url: pr.html_url }]
    };
  }
}
