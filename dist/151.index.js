export const id = 151;
export const ids = [151];
export const modules = {

/***/ 70151:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PullRequestDestination: () => (/* binding */ PullRequestDestination)
});

// EXTERNAL MODULE: ./src/events.ts
var src_events = __webpack_require__(15694);
// EXTERNAL MODULE: ./src/github.ts
var src_github = __webpack_require__(69248);
// EXTERNAL MODULE: ./src/new-events.ts
var new_events = __webpack_require__(18831);
// EXTERNAL MODULE: ./src/state.ts
var state = __webpack_require__(2462);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/destinations/base-branch.ts
// The branch a pull request proposes its events to: `base-branch`, or the repository's default
// branch when that is not set. The pull request's head branch starts from it and keeps up with it.


/** What the pull-request destination's token needs. */
const PULL_REQUEST_PERMISSIONS = 'contents: write and pull-requests: write';
class BaseBranch {
    github;
    reader;
    owner;
    repo;
    /** Its name once known: as set, or read from the repository at the first need. */
    known;
    constructor(options) {
        this.github = options.github;
        this.owner = options.owner;
        this.repo = options.repo;
        this.known = options.name;
        this.reader = options.reader;
    }
    async name() {
        if (!this.known) {
            try {
                this.known = (await this.github.rest.repos.get({ owner: this.owner, repo: this.repo })).data.default_branch;
            }
            catch (error) {
                throw (0,src_github.explainGitHubError)(error, 'reading the default branch', this.reader.repoName, PULL_REQUEST_PERMISSIONS);
            }
        }
        return this.known;
    }
    /** Its head commit; a base branch that does not exist is refused. */
    async tip() {
        const head = await this.reader.head(await this.name());
        if (head.kind !== 'commit')
            throw new errors/* ActionError */.lZ(`The base branch ${await this.name()} of ${this.reader.repoName} does not exist: set base-branch to an existing branch.`);
        return head.sha;
    }
}

// EXTERNAL MODULE: ./src/destinations/branch-writer.ts + 1 modules
var branch_writer = __webpack_require__(29810);
// EXTERNAL MODULE: ./src/destinations/destination.ts
var destination = __webpack_require__(64641);
// EXTERNAL MODULE: ./src/markdown.ts
var markdown = __webpack_require__(83758);
// EXTERNAL MODULE: ./src/summary.ts + 1 modules
var summary = __webpack_require__(63055);
;// CONCATENATED MODULE: ./src/destinations/pull-requests.ts




/** GitHub refuses bodies over 65,536 characters. */
const BODY_LIMIT = 60_000;
class PullRequests {
    options;
    constructor(options) {
        this.options = options;
    }
    /** An error a user can act on, for a request of the pull-request destination. */
    explain(error, what) {
        return (0,src_github.explainGitHubError)(error, what, `${this.options.owner}/${this.options.repo}`, PULL_REQUEST_PERMISSIONS);
    }
    /** The open pull requests from the head into the base, newest first. */
    async listOpen() {
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
        }
        catch (error) {
            throw this.explain(error, 'listing pull requests');
        }
    }
    async create(title, body) {
        const { github, owner, repo, head } = this.options;
        return (await github.rest.pulls.create({ owner, repo, head, base: await this.options.base.name(), title, body })).data;
    }
    async update(number, title, body) {
        const { github, owner, repo } = this.options;
        return (await github.rest.pulls.update({ owner, repo, pull_number: number, title, body })).data;
    }
    /** Adds the labels; a refusal is a warning, not a failure. */
    async label(number) {
        const { github, owner, repo, labels } = this.options;
        if (!labels.length)
            return;
        try {
            await github.rest.issues.addLabels({ owner, repo, issue_number: number, labels });
        }
        catch (error) {
            this.options.log.warning(`Could not add the labels to pull request #${number}: ${(0,src_github.githubFailure)(error).message} (the token needs issues: write or pull-requests: write).`);
        }
    }
    /** The page where a person opens the pull request by hand. */
    async compareLink() {
        const { owner, repo, head, serverUrl } = this.options;
        return `${serverUrl}/${owner}/${repo}/compare/${encodeURIComponent(await this.options.base.name())}...${encodeURIComponent(head)}?expand=1`;
    }
    body(added) {
        const { tally, first, last } = added;
        const range = first && last ? `${(0,markdown.md)(first.timestamp)} → ${(0,markdown.md)(last.timestamp)}` : 'no dated events';
        const head = [
            `This pull request adds **${tally.count} Cursor audit event(s)** (${range}), **${tally.notableCount} notable**, to \`${this.options.path}/\`.`,
            '',
            'Added lines only: every event is stored exactly as the Cursor Admin API returned it. Written by the cursor-audit-logs action.'
        ].join('\n');
        let body = `${head}\n\n${(0,summary/* eventSections */.HG)(tally)}`;
        for (let rows = 50; body.length > BODY_LIMIT && rows > 0; rows = Math.floor(rows / 2)) {
            body = `${head}\n\n${(0,summary/* eventSections */.HG)(tally, rows)}\n\n_The list of notable events was cut to fit GitHub's limit; all ${tally.notableCount} are in the files._`;
        }
        return body.length > BODY_LIMIT ? `${body.slice(0, BODY_LIMIT)}\n\n_Cut to fit GitHub's limit._` : body;
    }
}

// EXTERNAL MODULE: ./src/destinations/repository-reader.ts
var repository_reader = __webpack_require__(28805);
;// CONCATENATED MODULE: ./src/destinations/pull-request.ts
// The pull-request destination: a branch writer's commit on `pull-request-branch` (kept up with
// `base-branch`), then one pull request into `base-branch`, created or updated, whose body
// summarises every event it adds.









/** What to do when a rule refuses the head branch. */
const RULE_HELP = `The pull request's head branch must be one this workflow may push to: set pull-request-branch to a branch no rule covers, or exempt this workflow from the rule.`;
const NOT_PERMITTED = /not permitted to create or approve pull requests/i;
function withPull(result, pull) {
    return {
        ...result,
        outputs: { ...result.outputs, 'pull-request-number': String(pull.number), 'pull-request-url': pull.html_url },
        links: [...result.links, { label: `Pull request #${pull.number}`, url: pull.html_url }]
    };
}
class PullRequestDestination {
    name = 'pull-request';
    keepsRecord = true;
    options;
    reader;
    base;
    writer;
    pulls;
    constructor(options) {
        this.options = options;
        const { github, owner, repo, head, path, log } = options;
        const branch = { github, owner, repo, branch: head, path, log };
        this.reader = new repository_reader/* RepositoryReader */.E(branch);
        this.base = new BaseBranch({ github, owner, repo, name: options.base, reader: this.reader });
        this.writer = new branch_writer/* BranchWriter */.S({ ...branch, commitMessage: options.commitMessage, base: this.base, ruleHelp: RULE_HELP }, this.reader);
        this.pulls = new PullRequests({ github, owner, repo, head, base: this.base, path, labels: options.labels, serverUrl: options.serverUrl, log });
    }
    async readCheckpoint() {
        const own = await this.writer.readCheckpoint();
        if (own)
            return own;
        const base = await this.base.name();
        const head = await this.reader.head(base);
        if (head.kind !== 'commit')
            return undefined;
        const text = await this.reader.readFile(head.sha, `${this.options.path}/${state/* STATE_FILE */.bv}`);
        return text === undefined ? undefined : (0,state/* parseState */.Bu)(text, `${this.options.path}/${state/* STATE_FILE */.bv} on ${base}`);
    }
    /**
     * What the head adds compared with the base: the lines of its files not in the base's copy.
     * Computed from the two trees (compare lists at most 300 files), file by file, and counted as
     * it streams: only counts, the first and last dated events and the few notable ones the body
     * shows are kept, so a pull request that already adds a million events holds none of them.
     */
    async eventsAdded(head) {
        const base = await this.base.name();
        const baseSha = await this.base.tip();
        const beyond = await this.reader.filesBeyond(head, baseSha, base);
        const added = { tally: new new_events/* NewEvents */.Y(this.options.notableTypes), first: undefined, last: undefined };
        for (const [relative, blobs] of [...beyond].sort(([left], [right]) => (left < right ? -1 : 1))) {
            // one file's events at a time
            const events = await this.reader.eventsBeyond(blobs, `${this.options.path}/${relative}`);
            added.tally.add(events);
            for (const event of events) {
                if (event.time === null)
                    continue;
                const at = { time: event.time, key: event.key, timestamp: String(event.data.timestamp) };
                if (!added.first || (0,src_events/* compareEvents */.HP)(at, added.first) < 0)
                    added.first = at;
                if (!added.last || (0,src_events/* compareEvents */.HP)(at, added.last) > 0)
                    added.last = at;
            }
        }
        // the notable events kept are the first met, file by file: shown in time order
        added.tally.notable.sort(src_events/* compareEvents */.HP);
        return added;
    }
    async store(request) {
        const result = await this.writer.store(request);
        const tip = result.head ?? (await this.currentHead());
        if (!tip)
            return result;
        let open;
        try {
            open = (await this.pulls.listOpen())[0];
        }
        catch (error) {
            throw new destination/* StoredThenFailed */.u(this.pulls.explain(error, 'listing pull requests').message, result);
        }
        // A pull request exists and is current whenever the head adds something to the base, new events
        // or not (a run that pushed the head and then failed to open it is made good here).
        if (open && open.head.sha === tip && !result.head)
            return withPull(result, open);
        const added = await this.eventsAdded(tip);
        if (added.tally.count === 0 && !open) {
            this.options.log.info(`${this.options.head} adds no event to ${await this.base.name()}: no pull request needed.`);
            return result;
        }
        const pull = await this.openOrUpdate(open, request.render(this.options.title, added.tally.count), this.pulls.body(added), result);
        if ('byHand' in pull)
            return { ...result, links: [...result.links, { label: 'Open the pull request by hand', url: pull.byHand }] };
        await this.pulls.label(pull.number);
        return withPull(result, pull);
    }
    /**
     * Updates the open pull request, or opens one. When GitHub does not let Actions open pull
     * requests, warns and returns the page where a person opens it by hand.
     */
    async openOrUpdate(open, title, body, result) {
        try {
            if (open) {
                const pull = await this.pulls.update(open.number, title, body);
                this.options.log.info(`Updated pull request #${pull.number}: ${pull.html_url}`);
                return pull;
            }
            const pull = await this.pulls.create(title, body);
            this.options.log.info(`Opened pull request #${pull.number}: ${pull.html_url}`);
            return pull;
        }
        catch (error) {
            const { status, message } = (0,src_github.githubFailure)(error);
            if (NOT_PERMITTED.test(message)) {
                const link = await this.pulls.compareLink();
                this.options.log.warning(`The branch ${this.options.head} was pushed, but GitHub does not let Actions create pull requests in ${this.reader.repoName}. Turn on Settings → Actions → General → "Allow GitHub Actions to create and approve pull requests", or open it by hand: ${link}`);
                return { byHand: link };
            }
            if (status === 422 && /already exists/i.test(message)) {
                // opened meanwhile (by another run or a person): update that one
                const again = (await this.pulls.listOpen())[0];
                if (again)
                    return this.pulls.update(again.number, title, body);
            }
            const failure = this.pulls.explain(error, 'opening the pull request');
            throw new destination/* StoredThenFailed */.u(`${this.options.head} holds the events, but the pull request was not opened: ${failure.message} The next run opens it.`, result);
        }
    }
    /** The head branch's tip, or undefined when it does not exist. */
    async currentHead() {
        const head = await this.reader.head();
        return head.kind === 'commit' ? head.sha : undefined;
    }
}


/***/ })

};
