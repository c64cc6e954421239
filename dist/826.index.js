export const id = 826;
export const ids = [826,16,561];
export const modules = {

/***/ 48561:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BranchDestination: () => (/* binding */ BranchDestination)
/* harmony export */ });
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _github_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(69016);
/* harmony import */ var _events_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(15694);
/* harmony import */ var _merge_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(19107);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2462);
// The branch destination: one commit per run through the GitHub REST API (Git data API), no
// checkout. Reads only the files the run touches, merges append-only, and updates the ref without
// force; a concurrent writer means re-read, re-merge and try again.





const MAX_ATTEMPTS = 5;
/** Files larger than this go up as blobs rather than inline tree content. */
const INLINE_LIMIT = 4 * 1024 * 1024;
/** Inline content held for one tree request; past it, a tree is written and the next builds on it. */
const TREE_BATCH = 32 * 1024 * 1024;
/**
 * Builds the new tree on top of the base: file contents go inline in the tree request (one request
 * for many files), in batches so a large backfill never holds every file's content at once.
 */
class TreeBuilder {
    entries = [];
    bytes = 0;
    tree;
    github;
    owner;
    repo;
    fail;
    constructor(github, owner, repo, baseTree, fail) {
        this.github = github;
        this.owner = owner;
        this.repo = repo;
        this.tree = baseTree;
        this.fail = fail;
    }
    async add(path, content) {
        const size = Buffer.byteLength(content);
        try {
            // Inline content is a JSON string: only UTF-8 survives it; other bytes go up as a base64 blob.
            if (size > INLINE_LIMIT || (Buffer.isBuffer(content) && !(0,node_buffer__WEBPACK_IMPORTED_MODULE_0__.isUtf8)(content))) {
                const blob = await this.github.rest.git.createBlob({
                    owner: this.owner,
                    repo: this.repo,
                    content: Buffer.from(content).toString('base64'),
                    encoding: 'base64'
                });
                this.entries.push({ path, mode: '100644', type: 'blob', sha: blob.data.sha });
            }
            else {
                this.entries.push({ path, mode: '100644', type: 'blob', content: content.toString() });
                this.bytes += size;
            }
            if (this.bytes > TREE_BATCH)
                await this.flush();
        }
        catch (error) {
            throw this.fail(error);
        }
    }
    /** The finished tree's SHA. */
    async finish() {
        try {
            await this.flush();
        }
        catch (error) {
            throw this.fail(error);
        }
        return this.tree;
    }
    async flush() {
        if (this.entries.length === 0)
            return;
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
function isRuleViolation(message) {
    return /repository rule violations|protected branch/i.test(message);
}
class BranchDestination {
    name;
    keepsRecord = true;
    o;
    repoName;
    /** state.json as read by readCheckpoint, at that commit (a run with no event decides from it). */
    stateRead;
    constructor(o) {
        this.o = o;
        this.name = o.name ?? 'branch';
        this.repoName = `${o.owner}/${o.repo}`;
    }
    fail(error, what) {
        return (0,_github_js__WEBPACK_IMPORTED_MODULE_1__.explainGitHubError)(error, what, this.repoName, 'contents: write');
    }
    async head(branch = this.o.branch) {
        try {
            const { data } = await this.o.github.rest.git.getRef({ owner: this.o.owner, repo: this.o.repo, ref: `heads/${branch}` });
            return { kind: 'commit', sha: data.object.sha };
        }
        catch (error) {
            const { status, message } = (0,_github_js__WEBPACK_IMPORTED_MODULE_1__.githubFailure)(error);
            if (status === 404)
                return { kind: 'missing' };
            if (status === 409 && /empty/i.test(message))
                return { kind: 'empty-repository' };
            throw this.fail(error, `reading branch ${branch}`);
        }
    }
    /** A refusal of an entry that is not a plain file, naming it. */
    notAFile(file, what, branch = this.o.branch) {
        return Object.assign(new Error(`${file} on branch ${branch} of ${this.repoName} is ${what}, not a plain file: the action reads and writes only plain files and folders under ${this.o.path}, so it stops here. Replace it with a plain file (or remove it) on the branch, then run again.`), { name: 'NotAPlainFile' });
    }
    /**
     * The bytes of a file at a commit (or branch), or undefined when it does not exist. Read as
     * base64, so a line that is not UTF-8 comes back as it is; a symbolic link, a submodule or a
     * folder where a file should be is refused.
     */
    async readBytes(ref, file) {
        const { owner, repo } = this.o;
        let data;
        try {
            data = (await this.o.github.rest.repos.getContent({ owner, repo, path: file, ref })).data;
        }
        catch (error) {
            if ((0,_github_js__WEBPACK_IMPORTED_MODULE_1__.githubFailure)(error).status === 404)
                return undefined;
            throw this.fail(error, `reading ${file} at ${ref.slice(0, 12)}`);
        }
        if (Array.isArray(data))
            throw this.notAFile(file, 'a folder');
        const entry = data;
        if (entry.type === 'symlink')
            throw this.notAFile(file, `a symbolic link (mode 120000)${entry.target ? ` to ${entry.target}` : ''}`);
        if (entry.type === 'submodule')
            throw this.notAFile(file, 'a submodule (mode 160000)');
        if (entry.type !== 'file')
            throw this.notAFile(file, `an entry of type ${String(entry.type)}`);
        if (entry.encoding === 'base64' && typeof entry.content === 'string')
            return Buffer.from(entry.content, 'base64');
        // Past 1 MB the contents API leaves the content out: the blob API gives it, as base64.
        try {
            const blob = await this.o.github.rest.git.getBlob({ owner, repo, file_sha: entry.sha });
            return Buffer.from(blob.data.content, blob.data.encoding === 'base64' ? 'base64' : 'utf8');
        }
        catch (error) {
            throw this.fail(error, `reading ${file} at ${ref.slice(0, 12)}`);
        }
    }
    /** A file at a commit as text, or undefined when it does not exist. */
    async readFile(ref, file) {
        return (await this.readBytes(ref, file))?.toString('utf8');
    }
    async readCheckpoint() {
        // One request: the file at the branch's head (a missing branch or repository reads as missing).
        const text = await this.readFile(this.o.branch, `${this.o.path}/${_state_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_FILE */ .bv}`);
        this.stateRead = { text };
        return text === undefined ? undefined : (0,_state_js__WEBPACK_IMPORTED_MODULE_4__/* .parseState */ .Bu)(text, `${this.o.path}/${_state_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_FILE */ .bv} on branch ${this.o.branch}`);
    }
    async store(request) {
        // Nothing fetched and a current state.json: no commit, and nothing more to read.
        // (A branch that must contain another commit checks that first, whatever was fetched.)
        if (!this.o.mergeWith &&
            request.events.files().length === 0 &&
            this.stateRead &&
            (!request.state || !(0,_state_js__WEBPACK_IMPORTED_MODULE_4__/* .stateNeedsRefresh */ .C3)(this.stateRead.text, request.state))) {
            this.o.log.info(`No new events for branch ${this.o.branch}: no commit.`);
            return { added: request.tally(), files: [], outputs: {}, links: [], head: undefined };
        }
        for (let attempt = 1;; attempt++) {
            let head = await this.head();
            if (head.kind === 'empty-repository') {
                await this.initialiseEmptyRepository();
                head = await this.head();
            }
            let base;
            let parents = [];
            /** A merge commit that joins the branch to the commit it must contain (a diverged branch). */
            let join;
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
                }
                else if (other && relation === 'diverged') {
                    this.o.log.info(`${this.o.branch} and ${other.slice(0, 7)} diverged (a merged, squashed or rebased pull request): merging the events ${this.o.branch} holds beyond it.`);
                    // The join carries only what the branch held; the new events go in an ordinary commit on
                    // top. GitHub's "Rebase and merge" leaves merge commits out (and refuses when that changes
                    // the result), so new events inside the merge commit would block a rebase merge.
                    const beyond = await this.filesBeyond(head.sha, other);
                    const joined = await this.mergedTree(other, [...beyond.keys()].sort(), (relative) => this.eventsBeyond(beyond.get(relative), `${this.o.path}/${relative}`));
                    join = await this.commit(await joined.finish(), [head.sha, other], `Merge ${other.slice(0, 7)} into ${this.o.branch}: keep the events it held beyond its merged pull request`);
                    base = join.sha;
                    parents = [join.sha];
                }
            }
            else if (this.o.startFrom) {
                base = await this.o.startFrom();
                parents = base ? [base] : [];
            }
            const statePath = `${this.o.path}/${_state_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_FILE */ .bv}`;
            const added = request.tally();
            const merged = await this.mergedTree(base, request.events.files(), (relative) => request.events.read(relative), added);
            const { files, stored } = merged;
            // No event: no commit, unless the stored checkpoint is stale or not to be trusted.
            let why;
            if (added.count === 0 && request.state && base) {
                const text = stored.has(statePath) ? await this.readFile(base, statePath) : undefined;
                why = (0,_state_js__WEBPACK_IMPORTED_MODULE_4__/* .stateNeedsRefresh */ .C3)(text, request.state);
            }
            let commit = join;
            if (added.count > 0 || why) {
                if (why)
                    this.o.log.info(`No new events for branch ${this.o.branch}, but ${why}: committing state.json alone, so its checkpoint stays current.`);
                commit = await this.commit(await merged.finish(request.state), parents, request.render(this.o.commitMessage, added.count));
            }
            if (!commit) {
                this.o.log.info(`No new events for branch ${this.o.branch}: no commit.`);
                return { added, files, outputs: {}, links: [], head: undefined };
            }
            const moved = await this.moveRef(head.kind === 'commit' ? 'update' : 'create', commit.sha);
            if (moved) {
                const what = commit === join ? 'the merge alone' : `${added.count} event(s) in ${files.length} file(s)${added.count ? '' : ' (state.json alone)'}`;
                this.o.log.info(`Committed ${what} to ${this.o.branch}: ${commit.sha}${commit.verified ? ' (signed by GitHub, verified)' : ' (not signed: GitHub did not mark it verified)'}.`);
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
    /**
     * Merges events into the layout files of `base`, read at that commit (not by branch name). One
     * listing says which files exist, so a file the branch does not hold yet costs no request.
     * `added` counts the events `base` did not hold. `finish` writes the tree, with state.json if given.
     */
    async mergedTree(base, incoming, read, added) {
        const baseTree = base ? await this.treeOf(base) : undefined;
        const stored = baseTree ? await this.listFiles(baseTree) : new Set();
        const tree = new TreeBuilder(this.o.github, this.o.owner, this.o.repo, baseTree, (e) => this.fail(e, `writing a commit for branch ${this.o.branch}`));
        const files = [];
        const prefix = `${this.o.path}/`;
        const layout = (0,_merge_js__WEBPACK_IMPORTED_MODULE_3__/* .mergeLayout */ .lY)({
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
                if (state)
                    await tree.add(`${this.o.path}/${_state_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_FILE */ .bv}`, (0,_state_js__WEBPACK_IMPORTED_MODULE_4__/* .serializeState */ .sU)(state));
                return tree.finish();
            }
        };
    }
    /** How `head` stands to `base` (compare: ahead, behind, diverged or identical). */
    async relation(base, head) {
        try {
            const { data } = await this.o.github.rest.repos.compareCommitsWithBasehead({
                owner: this.o.owner,
                repo: this.o.repo,
                basehead: `${base}...${head}`,
                per_page: 1
            });
            return data.status;
        }
        catch (error) {
            throw this.fail(error, `comparing branch ${this.o.branch} with ${base.slice(0, 7)}`);
        }
    }
    /**
     * The event files under `path` whose blob at `head` differs from the one at `base`, relative to
     * `path` (`baseName` names the base in a refusal).
     */
    async filesBeyond(head, base, baseName = this.o.branch) {
        const [mine, theirs] = await Promise.all([this.treeOf(head).then((t) => this.blobsUnder(t)), this.treeOf(base).then((t) => this.blobsUnder(t, baseName))]);
        const prefix = `${this.o.path}/`;
        const out = new Map();
        for (const [file, sha] of mine) {
            if (!file.endsWith('.jsonl') || theirs.get(file) === sha)
                continue;
            out.set(file.slice(prefix.length), { head: sha, base: theirs.get(file) });
        }
        return out;
    }
    /** The events of a file at the branch's head whose lines the other side's copy lacks. */
    async eventsBeyond(blobs, file) {
        const before = blobs.base === undefined ? undefined : new Set((0,_merge_js__WEBPACK_IMPORTED_MODULE_3__/* .splitLines */ .uz)((await this.readBlob(blobs.base, file)).toString('utf8')));
        const events = [];
        for (const line of (0,_merge_js__WEBPACK_IMPORTED_MODULE_3__/* .splitLines */ .uz)((await this.readBlob(blobs.head, file)).toString('utf8'))) {
            if (before?.has(line))
                continue;
            try {
                events.push((0,_events_js__WEBPACK_IMPORTED_MODULE_2__/* .toEvent */ .IZ)(line));
            }
            catch {
                // a line that is not an event stays in the branch's history; only events are carried over
            }
        }
        return events;
    }
    /** The files under `path` in a tree (see blobsUnder). */
    async listFiles(rootTree) {
        return new Set((await this.blobsUnder(rootTree)).keys());
    }
    /**
     * The plain files under `path` in a tree, by path (`path/...`), with their blob SHA: one request
     * per folder of `path`, then one recursive listing of everything below it. When GitHub cuts that
     * listing short (`truncated`, past 100,000 entries or 7 MB), the folders below are listed one at a
     * time, as GitHub's documentation of "get a tree" says to. A symbolic link, a submodule or any
     * entry that is not a plain file or a folder is refused, naming it.
     */
    async blobsUnder(rootTree, branch = this.o.branch) {
        const { owner, repo } = this.o;
        const g = this.o.github.rest.git;
        const files = new Map();
        let refused;
        let cutShort;
        /** Adds a listing's plain files; false (and `refused` set) at the first other entry. */
        const take = (entries, prefix, folders) => {
            for (const e of entries) {
                const where = `${prefix}/${e.path}`;
                if (e.type === 'tree' && e.sha)
                    folders?.push({ path: where, sha: e.sha });
                else if (e.type === 'blob' && (e.mode === '100644' || e.mode === '100755') && e.sha)
                    files.set(where, e.sha);
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
                if (!entry?.sha)
                    return files;
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
                if (!refused && !cutShort)
                    return files;
            }
        }
        catch (error) {
            throw this.fail(error, `listing ${this.o.path} on branch ${branch}`);
        }
        if (cutShort) {
            throw new Error(`GitHub cut even the one-folder listing of ${cutShort} on branch ${branch} of ${this.repoName} short: the folder holds too many entries for the API to list. Move files out of it, then run again.`);
        }
        // set inside `take`, which the compiler does not follow
        const odd = refused;
        if (!odd)
            return files;
        const what = odd.mode === '120000' ? 'a symbolic link (mode 120000)' : odd.mode === '160000' ? 'a submodule (mode 160000)' : `an entry of mode ${odd.mode}`;
        throw this.notAFile(odd.path, what, branch);
    }
    /** The bytes of a blob, by its SHA. */
    async readBlob(sha, file) {
        const { owner, repo } = this.o;
        try {
            const { data } = await this.o.github.rest.git.getBlob({ owner, repo, file_sha: sha });
            return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
        }
        catch (error) {
            throw this.fail(error, `reading ${file} (blob ${sha.slice(0, 12)})`);
        }
    }
    /** The root tree of a commit. */
    async treeOf(commit) {
        try {
            return (await this.o.github.rest.git.getCommit({ owner: this.o.owner, repo: this.o.repo, commit_sha: commit })).data.tree.sha;
        }
        catch (error) {
            throw this.fail(error, `reading commit ${commit.slice(0, 7)}`);
        }
    }
    /** One commit of the tree; author left to GitHub. */
    async commit(tree, parents, message) {
        const { owner, repo } = this.o;
        try {
            const { data } = await this.o.github.rest.git.createCommit({ owner, repo, message, tree, parents });
            return { sha: data.sha, url: data.html_url, verified: data.verification?.verified === true };
        }
        catch (error) {
            throw this.fail(error, `writing a commit for branch ${this.o.branch}`);
        }
    }
    /** What to do about a rule that refuses this branch: a pull request's head needs another remedy than the data branch. */
    ruleHelp() {
        if (this.name === 'pull-request') {
            return `The pull request's head branch must be one this workflow may push to: set pull-request-branch to a branch no rule covers, or exempt this workflow from the rule.`;
        }
        return `Use \`destination: pull-request\` to propose the events as a pull request instead, or exempt this workflow from the rule.`;
    }
    /** Moves (or creates) the branch ref without force; false when someone else moved it first. */
    async moveRef(how, sha) {
        const { owner, repo, branch } = this.o;
        try {
            if (how === 'update')
                await this.o.github.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: false });
            else
                await this.o.github.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
            return true;
        }
        catch (error) {
            const { status, message } = (0,_github_js__WEBPACK_IMPORTED_MODULE_1__.githubFailure)(error);
            if (isRuleViolation(message)) {
                throw Object.assign(new Error(`A repository rule refused the update of branch ${branch} on ${this.repoName}: ${message}. ${this.ruleHelp()}`), {
                    name: 'RuleViolation'
                });
            }
            if (status === 422 && /fast forward|already exists/i.test(message))
                return false;
            throw this.fail(error, `${how === 'update' ? 'updating' : 'creating'} branch ${branch}`);
        }
    }
    /** The Git data API refuses an empty repository: its first commit goes through the contents API. */
    async initialiseEmptyRepository() {
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
        }
        catch (error) {
            const { message } = (0,_github_js__WEBPACK_IMPORTED_MODULE_1__.githubFailure)(error);
            if (isRuleViolation(message)) {
                throw Object.assign(new Error(`A repository rule refused the first commit on ${branch} of ${this.repoName}: ${message}. ${this.ruleHelp()}`), {
                    name: 'RuleViolation'
                });
            }
            throw this.fail(error, `initialising the empty repository`);
        }
    }
}


/***/ }),

/***/ 79826:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PullRequestDestination: () => (/* binding */ PullRequestDestination)
/* harmony export */ });
/* harmony import */ var _events_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(15694);
/* harmony import */ var _github_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(69016);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83758);
/* harmony import */ var _new_events_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(18831);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2462);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(28855);
/* harmony import */ var _branch_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(48561);
/* harmony import */ var _destination_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(64641);
// The pull-request destination: the branch destination's commit on `pull-request-branch`, then one
// pull request into `base-branch`, created or updated, whose body summarises every event it adds.








/** GitHub refuses bodies over 65,536 characters. */
const BODY_LIMIT = 60_000;
const NOT_PERMITTED = /not permitted to create or approve pull requests/i;
class PullRequestDestination {
    name = 'pull-request';
    keepsRecord = true;
    o;
    branch;
    baseName;
    constructor(o) {
        this.o = o;
        this.baseName = o.base;
        this.branch = new _branch_js__WEBPACK_IMPORTED_MODULE_6__.BranchDestination({
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
    get repoName() {
        return `${this.o.owner}/${this.o.repo}`;
    }
    fail(error, what) {
        return (0,_github_js__WEBPACK_IMPORTED_MODULE_1__.explainGitHubError)(error, what, this.repoName, 'contents: write and pull-requests: write');
    }
    async base() {
        if (!this.baseName) {
            try {
                this.baseName = (await this.o.github.rest.repos.get({ owner: this.o.owner, repo: this.o.repo })).data.default_branch;
            }
            catch (error) {
                throw this.fail(error, 'reading the default branch');
            }
        }
        return this.baseName;
    }
    async baseHead() {
        const head = await this.branch.head(await this.base());
        if (head.kind !== 'commit')
            throw new Error(`The base branch ${await this.base()} of ${this.repoName} does not exist: set base-branch to an existing branch.`);
        return head.sha;
    }
    async pulls(state) {
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
        }
        catch (error) {
            throw this.fail(error, 'listing pull requests');
        }
    }
    async readCheckpoint() {
        const own = await this.branch.readCheckpoint();
        if (own)
            return own;
        const base = await this.base();
        const head = await this.branch.head(base);
        if (head.kind !== 'commit')
            return undefined;
        const text = await this.branch.readFile(head.sha, `${this.o.path}/${_state_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_FILE */ .bv}`);
        return text === undefined ? undefined : (0,_state_js__WEBPACK_IMPORTED_MODULE_4__/* .parseState */ .Bu)(text, `${this.o.path}/${_state_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_FILE */ .bv} on ${base}`);
    }
    /**
     * What the head adds compared with the base: the lines of its files not in the base's copy.
     * Computed from the two trees (compare lists at most 300 files), file by file, and counted as
     * it streams: only counts, the first and last dated events and the few notable ones the body
     * shows are kept, so a pull request that already adds a million events holds none of them.
     */
    async eventsAdded(head) {
        const base = await this.base();
        const baseSha = (await this.baseHead());
        const beyond = await this.branch.filesBeyond(head, baseSha, base);
        const added = { tally: new _new_events_js__WEBPACK_IMPORTED_MODULE_3__/* .NewEvents */ .Y(this.o.notableTypes), first: undefined, last: undefined };
        for (const [relative, blobs] of [...beyond].sort(([a], [b]) => (a < b ? -1 : 1))) {
            // one file's events at a time
            const events = await this.branch.eventsBeyond(blobs, `${this.o.path}/${relative}`);
            added.tally.add(events);
            for (const event of events) {
                if (event.time === null)
                    continue;
                const at = { time: event.time, key: event.key, timestamp: String(event.data.timestamp) };
                if (!added.first || (0,_events_js__WEBPACK_IMPORTED_MODULE_0__/* .compareEvents */ .HP)(at, added.first) < 0)
                    added.first = at;
                if (!added.last || (0,_events_js__WEBPACK_IMPORTED_MODULE_0__/* .compareEvents */ .HP)(at, added.last) > 0)
                    added.last = at;
            }
        }
        // the notable events kept are the first met, file by file: shown in time order
        added.tally.notable.sort(_events_js__WEBPACK_IMPORTED_MODULE_0__/* .compareEvents */ .HP);
        return added;
    }
    body(added) {
        const { tally, first, last } = added;
        const range = first && last ? `${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__.md)(first.timestamp)} → ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__.md)(last.timestamp)}` : 'no dated events';
        const head = [
            `This pull request adds **${tally.count} Cursor audit event(s)** (${range}), **${tally.notableCount} notable**, to \`${this.o.path}/\`.`,
            '',
            'Added lines only: every event is stored exactly as the Cursor Admin API returned it. Written by the cursor-audit-logs action.'
        ].join('\n');
        let body = `${head}\n\n${(0,_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .eventSections */ .HG)(tally)}`;
        for (let rows = 50; body.length > BODY_LIMIT && rows > 0; rows = Math.floor(rows / 2)) {
            body = `${head}\n\n${(0,_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .eventSections */ .HG)(tally, rows)}\n\n_The list of notable events was cut to fit GitHub's limit; all ${tally.notableCount} are in the files._`;
        }
        return body.length > BODY_LIMIT ? `${body.slice(0, BODY_LIMIT)}\n\n_Cut to fit GitHub's limit._` : body;
    }
    async store(request) {
        const result = await this.branch.store(request);
        const tip = result.head ?? (await this.currentHead());
        if (!tip)
            return result;
        const { owner, repo } = this.o;
        let open;
        try {
            open = (await this.pulls('open'))[0];
        }
        catch (error) {
            throw new _destination_js__WEBPACK_IMPORTED_MODULE_7__/* .StoredThenFailed */ .u(this.fail(error, 'listing pull requests').message, result);
        }
        // A pull request exists and is current whenever the head adds something to the base, new events
        // or not (a run that pushed the head and then failed to open it is made good here).
        if (open && open.head.sha === tip && !result.head)
            return this.withPull(result, open);
        const added = await this.eventsAdded(tip);
        if (added.tally.count === 0 && !open) {
            this.o.log.info(`${this.o.head} adds no event to ${await this.base()}: no pull request needed.`);
            return result;
        }
        const base = await this.base();
        const title = request.render(this.o.title, added.tally.count);
        const body = this.body(added);
        let pr;
        try {
            if (open) {
                pr = (await this.o.github.rest.pulls.update({ owner, repo, pull_number: open.number, title, body })).data;
                this.o.log.info(`Updated pull request #${pr.number}: ${pr.html_url}`);
            }
            else {
                pr = (await this.o.github.rest.pulls.create({ owner, repo, head: this.o.head, base, title, body })).data;
                this.o.log.info(`Opened pull request #${pr.number}: ${pr.html_url}`);
            }
        }
        catch (error) {
            const { status, message } = (0,_github_js__WEBPACK_IMPORTED_MODULE_1__.githubFailure)(error);
            if (NOT_PERMITTED.test(message)) {
                const link = `${this.o.serverUrl}/${owner}/${repo}/compare/${encodeURIComponent(base)}...${encodeURIComponent(this.o.head)}?expand=1`;
                this.o.log.warning(`The branch ${this.o.head} was pushed, but GitHub does not let Actions create pull requests in ${this.repoName}. Turn on Settings → Actions → General → "Allow GitHub Actions to create and approve pull requests", or open it by hand: ${link}`);
                return { ...result, links: [...result.links, { label: 'Open the pull request by hand', url: link }] };
            }
            if (status === 422 && /already exists/i.test(message)) {
                const again = (await this.pulls('open'))[0];
                if (again)
                    pr = (await this.o.github.rest.pulls.update({ owner, repo, pull_number: again.number, title, body })).data;
            }
            if (!pr) {
                const failure = this.fail(error, 'opening the pull request');
                throw new _destination_js__WEBPACK_IMPORTED_MODULE_7__/* .StoredThenFailed */ .u(`${this.o.head} holds the events, but the pull request was not opened: ${failure.message} The next run opens it.`, result);
            }
        }
        if (this.o.labels.length) {
            try {
                await this.o.github.rest.issues.addLabels({ owner, repo, issue_number: pr.number, labels: this.o.labels });
            }
            catch (error) {
                this.o.log.warning(`Could not add the labels to pull request #${pr.number}: ${(0,_github_js__WEBPACK_IMPORTED_MODULE_1__.githubFailure)(error).message} (the token needs issues: write or pull-requests: write).`);
            }
        }
        return this.withPull(result, pr);
    }
    /** The head branch's tip, or undefined when it does not exist. */
    async currentHead() {
        const head = await this.branch.head();
        return head.kind === 'commit' ? head.sha : undefined;
    }
    withPull(result, pr) {
        return {
            ...result,
            outputs: { ...result.outputs, 'pull-request-number': String(pr.number), 'pull-request-url': pr.html_url },
            links: [...result.links, { label: `Pull request #${pr.number}`, url: pr.html_url }]
        };
    }
}


/***/ }),

/***/ 69016:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createGitHubClient: () => (/* binding */ createGitHubClient),
  explainGitHubError: () => (/* binding */ explainGitHubError),
  githubFailure: () => (/* binding */ githubFailure)
});

// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(49735);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(63251);
;// CONCATENATED MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
// pkg/dist-src/index.js


// pkg/dist-src/version.js
var VERSION = "0.0.0-development";

// pkg/dist-src/wrap-request.js
var noop = () => Promise.resolve();
function wrapRequest(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
async function doRequest(state, request, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}

// pkg/dist-src/generated/triggers-notification-paths.js
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];

// pkg/dist-src/route-matcher.js
function routeMatcher(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}

// pkg/dist-src/index.js
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck, common) {
  groups.global = new Bottleneck.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck = light,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck();
    const events = {};
    const emitter = new Bottleneck.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request, options) => {
    initializeBottleneck();
    return wrapRequest(state, request, options);
  });
  return {};
}
throttling.VERSION = VERSION;
throttling.triggersNotification = triggersNotification;


// EXTERNAL MODULE: ./node_modules/@octokit/core/dist-src/index.js + 12 modules
var dist_src = __webpack_require__(14730);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-request-log/dist-src/index.js + 1 modules
var plugin_request_log_dist_src = __webpack_require__(55077);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-paginate-rest/dist-bundle/index.js
var plugin_paginate_rest_dist_bundle = __webpack_require__(93779);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/index.js + 3 modules
var plugin_rest_endpoint_methods_dist_src = __webpack_require__(49210);
;// CONCATENATED MODULE: ./node_modules/@octokit/rest/dist-src/version.js
const version_VERSION = "22.0.1";


;// CONCATENATED MODULE: ./node_modules/@octokit/rest/dist-src/index.js





const Octokit = dist_src/* Octokit */.E.plugin(plugin_request_log_dist_src/* requestLog */.M, plugin_rest_endpoint_methods_dist_src/* legacyRestEndpointMethods */.T, plugin_paginate_rest_dist_bundle/* paginateRest */.ud).defaults(
  {
    userAgent: `octokit-rest.js/${version_VERSION}`
  }
);


;// CONCATENATED MODULE: ./src/github.ts
// The GitHub REST client for the branch and pull-request destinations: GITHUB_API_URL honoured,
// secondary rate limits and transient errors retried, every call counted, errors made actionable.



const GitHub = Octokit.plugin(dist_bundle/* retry */.L, throttling);
function createGitHubClient(opts) {
    // Stand-ins for the plugin's Bottleneck queues, for tests on loopback (`spaceWrites: false`): each
    // queue costs a request several milliseconds. The groups (every request; writes; writes that
    // notify, such as opening a pull request) run each job at once; the retry queue runs it, asks the
    // plugin's "failed" handler how long to wait, and tries again, waiting a millisecond per second.
    const immediate = { key: () => ({ schedule: (_o, job) => job() }) };
    let onFailed;
    const retryAtOnce = {
        on: (event, handler) => {
            if (event === 'failed')
                onFailed = handler;
        },
        schedule: async (job, ...args) => {
            for (let retryCount = 0;; retryCount++) {
                try {
                    return await job(...args);
                }
                catch (error) {
                    const wait = await onFailed?.(error, { args, retryCount });
                    if (wait === undefined || wait === null)
                        throw error;
                    await new Promise((resolve) => setTimeout(resolve, wait));
                }
            }
        }
    };
    const queues = { global: immediate, write: immediate, notifications: immediate, retryLimiter: retryAtOnce, retryAfterBaseValue: 1 };
    let calls = 0;
    const octokit = new GitHub({
        auth: opts.token,
        baseUrl: (opts.baseUrl || 'https://api.github.com').replace(/\/+$/, ''),
        userAgent: 'cursor-audit-logs-action',
        log: { debug: () => { }, info: () => { }, warn: (m) => opts.log.debug(m), error: (m) => opts.log.debug(m) },
        throttle: {
            ...(opts.spaceWrites === false ? queues : {}),
            onRateLimit: (after, o, _k, count) => {
                opts.log.warning(`GitHub rate limit reached for ${o.method} ${o.url}; retrying in ${after}s.`);
                return count < 2;
            },
            onSecondaryRateLimit: (after, o, _k, count) => {
                opts.log.warning(`GitHub secondary rate limit for ${o.method} ${o.url}; retrying in ${after}s.`);
                return count < 2;
            }
        },
        retry: { doNotRetry: [400, 401, 403, 404, 409, 422, 451] }
    });
    octokit.hook.before('request', (o) => {
        calls++;
        opts.log.debug(`GitHub API call ${calls}: ${o.method} ${o.url}`);
    });
    return Object.assign(octokit, { calls: () => calls });
}
/** Status and GitHub's own message of a failed call. */
function githubFailure(error) {
    const e = error;
    const data = e?.response?.data;
    const details = (data?.errors ?? []).map((x) => x?.message).filter(Boolean);
    const message = [data?.message ?? e?.message ?? String(error), ...details].join(' ').replace(/\s+/g, ' ').trim();
    return { status: e?.status, message };
}
/** An error a user can act on: what failed, on which repository, and the permission it needs. */
function explainGitHubError(error, what, repo, permission) {
    const { status, message } = githubFailure(error);
    let help;
    if (status === 401)
        help = 'the token is invalid or expired: check github-token.';
    else if (status === 403)
        help = `the token may not do this: give the job \`permissions: ${permission}\` (or use a token that has it).`;
    else if (status === 404)
        help = `the repository does not exist or the token cannot see it: check repository and that github-token has ${permission} on it.`;
    else
        help = 'see GitHub’s message above.';
    return Object.assign(new Error(`GitHub answered ${status ?? 'an error'} to ${what} on ${repo}: ${message}. ${help}`), { name: 'GitHubError', status });
}


/***/ })

};
