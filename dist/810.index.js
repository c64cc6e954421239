export const id = 810;
export const ids = [810,16];
export const modules = {

/***/ 29810:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  S: () => (/* binding */ BranchWriter)
});

// EXTERNAL MODULE: ./src/clock.ts
var clock = __webpack_require__(99373);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/github.ts + 3 modules
var src_github = __webpack_require__(69016);
// EXTERNAL MODULE: ./src/state.ts
var src_state = __webpack_require__(2462);
// EXTERNAL MODULE: ./src/destinations/merge-loop.ts + 1 modules
var merge_loop = __webpack_require__(89538);
// EXTERNAL MODULE: ./src/destinations/repository-reader.ts
var repository_reader = __webpack_require__(28805);
// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
;// CONCATENATED MODULE: ./src/destinations/tree-builder.ts
// The tree of a new commit, built through the Git data API on top of a base tree.

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
            if (size > INLINE_LIMIT || (Buffer.isBuffer(content) && !(0,external_node_buffer_.isUtf8)(content))) {
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

// EXTERNAL MODULE: ./src/ledger.ts
var ledger = __webpack_require__(58730);
// EXTERNAL MODULE: ./src/destinations/ledger-keeper.ts
var ledger_keeper = __webpack_require__(74447);
;// CONCATENATED MODULE: ./src/destinations/branch-writer.ts
// Commits events to a named branch through the GitHub REST API (Git data API), no checkout: one
// commit per run. Reads only the files the run touches, merges append-only, and updates the ref
// without force; a concurrent writer means re-read, re-merge and try again.









const MAX_ATTEMPTS = 5;
function isRuleViolation(message) {
    return /repository rule violations|protected branch/i.test(message);
}
class BranchWriter {
    reader;
    options;
    /** state.json as read by readCheckpoint, at that commit (a run with no event decides from it). */
    stateRead;
    /** `reader` reads the same repository (shared with what else reads it, such as the base branch). */
    constructor(options, reader = new repository_reader/* RepositoryReader */.E(options)) {
        this.options = options;
        this.reader = reader;
    }
    get branch() {
        return this.options.branch;
    }
    async readCheckpoint() {
        // One request: the file at the branch's head (a missing branch or repository reads as missing).
        const { path } = this.options;
        const text = await this.reader.readFile(this.branch, `${path}/${src_state/* STATE_FILE */.bv}`);
        this.stateRead = { text };
        return text === undefined ? undefined : (0,src_state/* parseState */.Bu)(text, `${path}/${src_state/* STATE_FILE */.bv} on branch ${this.branch}`);
    }
    async store(request) {
        // Nothing fetched and a current state.json: no commit, and nothing more to read.
        // (A branch with a base checks that it contains the base first, whatever was fetched.)
        if (!this.options.base &&
            request.events.files().length === 0 &&
            this.stateRead &&
            (!request.state || !(0,src_state/* stateNeedsRefresh */.C3)(this.stateRead.text, request.state))) {
            this.options.log.info(`No new events for branch ${this.branch}: no commit.`);
            return { added: request.tally(), files: [], outputs: {}, links: [], head: undefined };
        }
        for (let attempt = 1;; attempt++) {
            const written = await this.attempt(request);
            if (written)
                return written;
            if (attempt >= MAX_ATTEMPTS) {
                throw new Error(`Branch ${this.branch} of ${this.reader.repoName} kept moving under this run (${MAX_ATTEMPTS} attempts): another workflow writes to it at the same time. Add a \`concurrency:\` group to the workflow; the next run stores these events.`);
            }
            this.options.log.info(`Branch ${this.branch} moved during this run (another writer); re-reading and merging again (attempt ${attempt + 1} of ${MAX_ATTEMPTS}).`);
            await (this.options.sleep ?? clock/* realSleep */.uk)(250 * 2 ** attempt);
        }
    }
    /** One try: merge on the branch as it stands and move it; undefined when another writer moved it first. */
    async attempt(request) {
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
            if (why)
                this.options.log.info(`No new events for branch ${this.branch}, but ${why}: committing ${alone}, so its checkpoint stays current.`);
            else if (unrecorded)
                this.options.log.info(`No new events for branch ${this.branch}, but the merge wrote ${unrecorded} file(s): committing the ledger line that records them.`);
            const lines = ledger && (await merged.ledgerLines(ledger, added.count));
            commit = await this.commit(await merged.finish(request.state, lines), parents, request.render(this.options.commitMessage, added.count));
        }
        if (!commit) {
            this.options.log.info(`No new events for branch ${this.branch}: no commit.`);
            return { added, files, outputs: {}, links: [], head: undefined };
        }
        if (!(await this.moveRef(head.kind === 'commit' ? 'update' : 'create', commit.sha)))
            return undefined;
        const what = commit === join ? 'the merge alone' : `${added.count} event(s) in ${files.length} file(s)${added.count ? '' : ` (${alone})`}`;
        this.options.log.info(`Committed ${what} to ${this.branch}: ${commit.sha}${commit.verified ? ' (signed by GitHub, verified)' : ' (not signed: GitHub did not mark it verified)'}.`);
        this.options.log.debug(`GitHub API calls so far: ${this.options.github.calls()}`);
        return {
            added,
            files,
            outputs: { 'commit-sha': commit.sha },
            links: [{ label: `Commit ${commit.sha.slice(0, 7)} on ${this.branch}`, url: commit.url }],
            head: commit.sha
        };
    }
    /**
     * Where the new commit starts: the branch's head; for a branch with a base, the base's tip when
     * the branch is missing or contained in it, or a join of the two when they diverged.
     */
    async startingPoint(head, record) {
        const other = this.options.base ? await this.options.base.tip() : undefined;
        if (head.kind !== 'commit')
            return { base: other, parents: other ? [other] : [] };
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
    async joinDiverged(head, other, ledger) {
        this.options.log.info(`${this.branch} and ${other.slice(0, 7)} diverged (a merged, squashed or rebased pull request): merging the events ${this.branch} holds beyond it.`);
        const beyond = await this.reader.filesBeyond(head, other);
        const joined = await this.mergedTree(other, {
            files: () => [...beyond.keys()].sort(),
            read: (relative) => this.reader.eventsBeyond(beyond.get(relative), `${this.options.path}/${relative}`)
        }, undefined, ledger);
        return this.commit(await joined.finish(), [head, other], `Merge ${other.slice(0, 7)} into ${this.branch}: keep the events it held beyond its merged pull request`);
    }
    /** Why state.json alone needs a commit (stale or not to be trusted), or undefined. */
    async stateRefresh(state, base, stored) {
        if (!state || !base)
            return undefined;
        const statePath = `${this.options.path}/${src_state/* STATE_FILE */.bv}`;
        const text = stored.has(statePath) ? await this.reader.readFile(base, statePath) : undefined;
        return (0,src_state/* stateNeedsRefresh */.C3)(text, state);
    }
    /**
     * Merges events into the layout files of `base`, read at that commit (not by branch name). One
     * listing says which files exist, so a file the branch does not hold yet costs no request.
     * `added` counts the events `base` did not hold. `finish` writes the tree, with state.json if given.
     */
    async mergedTree(base, incoming, added, watch) {
        const { github, owner, repo, path } = this.options;
        const baseTree = base ? await this.reader.treeOf(base) : undefined;
        const stored = baseTree ? await this.reader.listFiles(baseTree) : new Set();
        const tree = new TreeBuilder(github, owner, repo, baseTree, (error) => this.reader.explain(error, `writing a commit for branch ${this.branch}`));
        const prefix = `${path}/`;
        const files = await (0,merge_loop/* mergeInto */.P)(incoming, {
            path,
            stored: {
                read: async (relative) => (base && stored.has(prefix + relative) ? await this.reader.readBytes(base, prefix + relative) : undefined),
                dayFiles: async () => [...stored].filter((file) => /\/\d{4}-\d{2}-\d{2}\.jsonl$/.test(file)).map((file) => file.slice(prefix.length))
            },
            write: (relative, merged) => tree.add(prefix + relative, merged.bytes())
        }, added, watch);
        const read = async (relative) => (base ? await this.reader.readBytes(base, prefix + relative) : undefined);
        return {
            files,
            stored,
            ledgerLines: (keeper, count) => keeper.append({ added: count, base: base ?? '', files: [...stored].map((file) => file.slice(prefix.length)), read }),
            finish: async (state, lines) => {
                if (lines)
                    await tree.add(`${path}/${ledger/* LEDGER_FILE */.th}`, lines);
                if (state)
                    await tree.add(`${path}/${src_state/* STATE_FILE */.bv}`, (0,src_state/* serializeState */.sU)(state));
                return tree.finish();
            }
        };
    }
    /** The run's ledger over the ledger held at a commit (none: a branch that starts empty). */
    async ledgerAt(commit, record) {
        const { path } = this.options;
        const stored = commit ? await this.reader.readBytes(commit, `${path}/${ledger/* LEDGER_FILE */.th}`) : undefined;
        return new ledger_keeper/* LedgerKeeper */.y(record, { stored, path, where: `on branch ${this.branch}` });
    }
    /** One commit of the tree; author left to GitHub. */
    async commit(tree, parents, message) {
        const { github, owner, repo } = this.options;
        try {
            const { data } = await github.rest.git.createCommit({ owner, repo, message, tree, parents });
            return { sha: data.sha, url: data.html_url, verified: data.verification?.verified === true };
        }
        catch (error) {
            throw this.reader.explain(error, `writing a commit for branch ${this.branch}`);
        }
    }
    /** A repository rule's refusal of `what`, with what to do about it. */
    refusedByRule(what, message) {
        return new errors/* RuleViolationError */.U5(`A repository rule refused ${what}: ${message}. ${this.options.ruleHelp}`);
    }
    /** Moves (or creates) the branch ref without force; false when someone else moved it first. */
    async moveRef(how, sha) {
        const { github, owner, repo, branch } = this.options;
        try {
            if (how === 'update')
                await github.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: false });
            else
                await github.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
            return true;
        }
        catch (error) {
            const { status, message } = (0,src_github.githubFailure)(error);
            if (isRuleViolation(message))
                throw this.refusedByRule(`the update of branch ${branch} on ${this.reader.repoName}`, message);
            if (status === 422 && /fast forward|already exists/i.test(message))
                return false;
            throw this.reader.explain(error, `${how === 'update' ? 'updating' : 'creating'} branch ${branch}`);
        }
    }
    /** The Git data API refuses an empty repository: its first commit goes through the contents API. */
    async initialiseEmptyRepository() {
        const { github, owner, repo, branch, path } = this.options;
        this.options.log.info(`${this.reader.repoName} is empty: creating its first commit on ${branch} through the contents API.`);
        try {
            await github.rest.repos.createOrUpdateFileContents({
                owner,
                repo,
                branch,
                path: 'README.md',
                message: `Start the Cursor audit log (files in ${path}/)`,
                content: Buffer.from(`# Cursor audit log\n\nDaily JSONL files of the Cursor team's audit log, written by the cursor-audit-logs action.\n`).toString('base64')
            });
        }
        catch (error) {
            const { message } = (0,src_github.githubFailure)(error);
            if (isRuleViolation(message))
                throw this.refusedByRule(`the first commit on ${branch} of ${this.reader.repoName}`, message);
            throw this.reader.explain(error, `initialising the empty repository`);
        }
    }
}


/***/ }),

/***/ 74447:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ LedgerKeeper)
/* harmony export */ });
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58730);
// A destination's ledger during one store: the tamper alarm (each file read before a merge is
// checked against the hash the ledger last recorded for it; a broken chain or a missing file is
// named too), the hashes of the files written, and the new line appended to `ledger.jsonl`.
// Whatever it finds, it only warns: the run still appends, and never rewrites what it found.

class LedgerKeeper {
    record;
    place;
    state;
    changed = new Map();
    checked = new Set();
    constructor(record, place) {
        this.record = record;
        this.place = place;
        this.state = new _ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .LedgerState */ .$9(place.stored);
        for (const finding of (0,_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .chainFindings */ .Ci)(this.state.lines))
            this.warn(finding);
    }
    warn(finding) {
        const { path, where } = this.place;
        this.record.warn(`${path}/${finding.file} ${where} was changed outside the action: ${finding.message}. This run only appends to what it found; run the action with mode: verify to see every change.`);
    }
    /** The stored layout, each file read checked against the ledger before it is merged into. */
    checking(stored) {
        return {
            read: async (file) => {
                const bytes = await stored.read(file);
                if (!this.checked.has(file)) {
                    this.checked.add(file);
                    const finding = this.state.fileFinding(file, bytes);
                    if (finding)
                        this.warn(finding);
                }
                return bytes;
            },
            dayFiles: () => stored.dayFiles()
        };
    }
    /** How many files this run wrote so far (a pull request head's join, then the run's merge). */
    get written() {
        return this.changed.size;
    }
    /** A file written with this merged content. */
    wrote(file, merged) {
        this.changed.set(file, (0,_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .sha256OfChunks */ .dy)(merged.chunks()));
    }
    /** Each recorded file the destination no longer holds (and this run did not write) is named. */
    missing(present) {
        for (const file of this.state.recorded.keys()) {
            if (!present.has(file) && !this.changed.has(file))
                this.warn({ file, message: `${file} is missing, though the ledger recorded it` });
        }
    }
    /** On a ledger's first line over files that existed before it, every such file's hash (the baseline); else none. */
    async baseline(held) {
        const before = [...held.files].filter((file) => (0,_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .isLedgerRecorded */ .cT)(file) && !this.changed.has(file)).sort();
        if (!this.state.empty || before.length === 0)
            return undefined;
        const files = {};
        for (const file of before) {
            const bytes = await held.read(file);
            if (bytes)
                files[file] = (0,_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .sha256 */ .sc)(bytes);
        }
        return files;
    }
    /**
     * The ledger with this run's line. A recorded file missing from `held.files` is named; on a
     * ledger's first line, every file in it not written by this run is read and recorded (the baseline).
     */
    async append(held) {
        this.missing(new Set(held.files));
        const baseline = await this.baseline(held);
        const hashes = new Map([...Object.entries(baseline ?? {}), ...this.changed]);
        const files = Object.fromEntries([...hashes].sort(([a], [b]) => (a < b ? -1 : 1)));
        const { record } = this;
        const line = {
            version: 1,
            run: record.run,
            range: record.range,
            filters: record.filters,
            windows: record.windows,
            added: held.added,
            duplicates: Math.max(0, record.fetched - held.added),
            files,
            gaps: record.gaps,
            base: held.base,
            prev: this.state.last,
            attested: record.attested,
            ...(baseline ? { baseline: true } : {})
        };
        return (0,_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .appendLedgerLine */ ._p)(this.place.stored, line);
    }
}


/***/ }),

/***/ 89538:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  P: () => (/* binding */ mergeInto)
});

// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
// EXTERNAL MODULE: ./src/events.ts
var events = __webpack_require__(15694);
;// CONCATENATED MODULE: ./src/merge.ts
// Append-only merge of new events into a JSONL file. Pure: bytes in, bytes out. Every stored line
// keeps its bytes (not UTF-8, a byte order mark, a carriage return, not an event: all kept as
// they are); only whole new lines are inserted.


/** Key and time of a stored line; a line that is not an event keeps its place and its hash as key. */
function readLine(line) {
    return lineIdentity(line);
}
/** The lines of a file's bytes, each without its `\n` (a `\r` before it stays in the line). */
function splitLineBytes(bytes) {
    const lines = [];
    let from = 0;
    for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, from)) {
        lines.push(bytes.subarray(from, i));
        from = i + 1;
    }
    if (from < bytes.length)
        lines.push(bytes.subarray(from));
    return lines;
}
const CHUNK_LINES = 2000;
const NEWLINE = Buffer.from('\n');
function result(lines, added, duplicates, seen) {
    const chunks = function* () {
        // A file whose last line lacked its newline gets one: the line itself is unchanged.
        for (let i = 0; i < lines.length; i += CHUNK_LINES) {
            const part = [];
            for (const line of lines.slice(i, i + CHUNK_LINES))
                part.push(line, NEWLINE);
            yield Buffer.concat(part);
        }
    };
    const bytes = () => Buffer.concat([...chunks()]);
    return {
        get text() {
            return bytes().toString('utf8');
        },
        bytes,
        chunks,
        added,
        duplicates,
        holds: (key) => seen.has(key)
    };
}
/**
 * Inserts the incoming events that the file does not hold yet. Existing lines keep their bytes
 * and their order; each new event goes before the first existing event that sorts after it, so a
 * sorted file stays sorted and a diff shows only added lines.
 */
function mergeIntoFile(existing, incoming, options = {}) {
    const raw = existing === undefined ? Buffer.alloc(0) : typeof existing === 'string' ? Buffer.from(existing) : existing;
    const lines = splitLineBytes(raw);
    // The whole file decoded once when it is UTF-8 (a `\n` is never inside a UTF-8 sequence, so the
    // lines match); otherwise line by line, each line's bytes still written back as they were.
    const text = (0,external_node_buffer_.isUtf8)(raw) ? raw.toString('utf8') : undefined;
    const texts = text === undefined ? undefined : text.split('\n');
    const old = lines.map((line, i) => (0,events/* lineIdentity */.b$)(texts ? texts[i] : line));
    const seen = new Set(old.map((l) => l.key));
    const added = [];
    for (const e of incoming) {
        if (seen.has(e.key) || options.elsewhere?.has(e.key))
            continue;
        seen.add(e.key);
        added.push(e);
    }
    const duplicates = incoming.length - added.length;
    if (added.length === 0) {
        return { text: raw.toString('utf8'), bytes: () => raw, chunks: () => [raw], added, duplicates, holds: (key) => seen.has(key) };
    }
    added.sort(events/* compareEvents */.HP);
    const out = [];
    let n = 0;
    for (let i = 0; i < lines.length; i++) {
        if (old[i].time !== null) {
            while (n < added.length && (0,events/* compareEvents */.HP)(added[n], old[i]) < 0)
                out.push(Buffer.from(added[n++].line));
        }
        out.push(lines[i]);
    }
    while (n < added.length)
        out.push(Buffer.from(added[n++].line));
    return result(out, added, duplicates, seen);
}
/**
 * Merges every file that received events, keeping each `event_id` at most once in the whole
 * tree: an event stored in `undated.jsonl` (served once without a timestamp) is not added again
 * to a day file, and an undated event already in a day file (or arriving dated in this run) is
 * not added to `undated.jsonl`. Yields each file that gains events, one at a time.
 */
async function* mergeLayout(source) {
    const undatedIncoming = source.incoming.includes(events/* UNDATED_FILE */.RI) ? await source.read(events/* UNDATED_FILE */.RI) : [];
    const dayFiles = source.incoming.filter((f) => f !== events/* UNDATED_FILE */.RI);
    const undatedStored = dayFiles.length || undatedIncoming.length ? await source.stored(events/* UNDATED_FILE */.RI) : undefined;
    const undatedKeys = new Set();
    if (undatedStored)
        for (const line of splitLineBytes(undatedStored))
            undatedKeys.add((0,events/* lineIdentity */.b$)(line).key);
    // Undated events with an id of their own, not yet in undated.jsonl: are they dated somewhere?
    const pending = new Set(undatedIncoming.filter((e) => !e.key.startsWith('sha256:') && !undatedKeys.has(e.key)).map((e) => e.key));
    const dated = new Set();
    const elsewhere = undatedKeys.size ? undatedKeys : undefined;
    for (const file of dayFiles) {
        const merged = mergeIntoFile(await source.stored(file), await source.read(file), { elsewhere });
        for (const key of pending)
            if (merged.holds(key))
                dated.add(key);
        for (const key of dated)
            pending.delete(key);
        if (merged.added.length)
            yield { file, merged };
    }
    if (pending.size) {
        const others = (await source.storedDayFiles()) ?? [];
        for (const file of others) {
            if (pending.size === 0)
                break;
            if (dayFiles.includes(file))
                continue;
            const bytes = await source.stored(file);
            if (!bytes)
                continue;
            for (const line of splitLineBytes(bytes)) {
                const { key } = (0,events/* lineIdentity */.b$)(line);
                if (pending.delete(key))
                    dated.add(key);
            }
        }
    }
    if (undatedIncoming.length) {
        const merged = mergeIntoFile(undatedStored, undatedIncoming, { elsewhere: dated });
        if (merged.added.length)
            yield { file: events/* UNDATED_FILE */.RI, merged };
    }
}

;// CONCATENATED MODULE: ./src/destinations/merge-loop.ts

/** Each file's events alone, as a destination that keeps no record holds them. */
async function* eachFileAlone(incoming) {
    for (const file of incoming.files()) {
        const events = await incoming.read(file);
        if (events.length === 0)
            continue;
        yield { file, merged: mergeIntoFile(undefined, events) };
    }
}
/**
 * Merges the incoming events into the target's files and writes each file that gains events;
 * `added` (when given) counts the events the target did not hold; `watch` (when given) checks
 * each stored file read and hears of each file written. Returns the files written, as `path/file`.
 */
async function mergeInto(incoming, target, added, watch) {
    const stored = target.stored && watch?.checking ? watch.checking(target.stored) : target.stored;
    const merges = stored
        ? mergeLayout({
            incoming: incoming.files(),
            read: (file) => incoming.read(file),
            stored: (file) => stored.read(file),
            storedDayFiles: () => stored.dayFiles()
        })
        : eachFileAlone(incoming);
    const files = [];
    for await (const { file, merged } of merges) {
        await target.write(file, merged);
        watch?.wrote(file, merged);
        added?.add(merged.added);
        files.push(`${target.path}/${file}`);
    }
    return files;
}


/***/ }),

/***/ 28805:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ RepositoryReader)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _events_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(15694);
/* harmony import */ var _github_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(69016);
/* harmony import */ var _lines_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(29488);
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(58730);
// Reading a repository through the GitHub REST API (Git data API), no checkout: a branch's head,
// the files under `path` at a commit, what one commit holds beyond another. Anything under `path`
// that is not a plain file or folder (a symbolic link, a submodule) is refused, naming it.





class RepositoryReader {
    repoName;
    options;
    constructor(options) {
        this.options = options;
        this.repoName = `${options.owner}/${options.repo}`;
    }
    /** An error a user can act on, for a request about the branch (it needs `contents: write`). */
    explain(error, what) {
        return (0,_github_js__WEBPACK_IMPORTED_MODULE_2__.explainGitHubError)(error, what, this.repoName, 'contents: write');
    }
    async head(branch = this.options.branch) {
        try {
            const { data } = await this.options.github.rest.git.getRef({ owner: this.options.owner, repo: this.options.repo, ref: `heads/${branch}` });
            return { kind: 'commit', sha: data.object.sha };
        }
        catch (error) {
            const { status, message } = (0,_github_js__WEBPACK_IMPORTED_MODULE_2__.githubFailure)(error);
            if (status === 404)
                return { kind: 'missing' };
            if (status === 409 && /empty/i.test(message))
                return { kind: 'empty-repository' };
            throw this.explain(error, `reading branch ${branch}`);
        }
    }
    /** A refusal of an entry that is not a plain file, naming it. */
    notAFile(file, what, branch = this.options.branch) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .NotAPlainFileError */ .JW(`${file} on branch ${branch} of ${this.repoName} is ${what}, not a plain file: the action reads and writes only plain files and folders under ${this.options.path}, so it stops here. Replace it with a plain file (or remove it) on the branch, then run again.`);
    }
    /**
     * The bytes of a file at a commit (or branch), or undefined when it does not exist. Read as
     * base64, so a line that is not UTF-8 comes back as it is; a symbolic link, a submodule or a
     * folder where a file should be is refused.
     */
    async readBytes(ref, file) {
        const { owner, repo } = this.options;
        let data;
        try {
            data = (await this.options.github.rest.repos.getContent({ owner, repo, path: file, ref })).data;
        }
        catch (error) {
            if ((0,_github_js__WEBPACK_IMPORTED_MODULE_2__.githubFailure)(error).status === 404)
                return undefined;
            throw this.explain(error, `reading ${file} at ${ref.slice(0, 12)}`);
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
            const blob = await this.options.github.rest.git.getBlob({ owner, repo, file_sha: entry.sha });
            return Buffer.from(blob.data.content, blob.data.encoding === 'base64' ? 'base64' : 'utf8');
        }
        catch (error) {
            throw this.explain(error, `reading ${file} at ${ref.slice(0, 12)}`);
        }
    }
    /** A file at a commit as text, or undefined when it does not exist. */
    async readFile(ref, file) {
        return (await this.readBytes(ref, file))?.toString('utf8');
    }
    /** How `head` stands to `base` (compare: ahead, behind, diverged or identical). */
    async relation(base, head) {
        try {
            const { data } = await this.options.github.rest.repos.compareCommitsWithBasehead({
                owner: this.options.owner,
                repo: this.options.repo,
                basehead: `${base}...${head}`,
                per_page: 1
            });
            return data.status;
        }
        catch (error) {
            throw this.explain(error, `comparing branch ${this.options.branch} with ${base.slice(0, 7)}`);
        }
    }
    /**
     * The event files under `path` whose blob at `head` differs from the one at `base`, relative to
     * `path` (`baseName` names the base in a refusal).
     */
    async filesBeyond(head, base, baseName = this.options.branch) {
        const [mine, theirs] = await Promise.all([
            this.treeOf(head).then((tree) => this.blobsUnder(tree)),
            this.treeOf(base).then((tree) => this.blobsUnder(tree, baseName))
        ]);
        const prefix = `${this.options.path}/`;
        const out = new Map();
        for (const [file, sha] of mine) {
            if (!file.endsWith('.jsonl') || file === `${prefix}${_ledger_js__WEBPACK_IMPORTED_MODULE_3__/* .LEDGER_FILE */ .th}` || theirs.get(file) === sha)
                continue;
            out.set(file.slice(prefix.length), { head: sha, base: theirs.get(file) });
        }
        return out;
    }
    /** The events of a file at the branch's head whose lines the other side's copy lacks. */
    async eventsBeyond(blobs, file) {
        const before = blobs.base === undefined ? undefined : new Set((0,_lines_js__WEBPACK_IMPORTED_MODULE_4__/* .splitLines */ .u)((await this.readBlob(blobs.base, file)).toString('utf8')));
        const events = [];
        for (const line of (0,_lines_js__WEBPACK_IMPORTED_MODULE_4__/* .splitLines */ .u)((await this.readBlob(blobs.head, file)).toString('utf8'))) {
            if (before?.has(line))
                continue;
            try {
                events.push((0,_events_js__WEBPACK_IMPORTED_MODULE_1__/* .toEvent */ .IZ)(line));
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
    async blobsUnder(rootTree, branch = this.options.branch) {
        const { owner, repo } = this.options;
        const git = this.options.github.rest.git;
        const files = new Map();
        let refused;
        let cutShort;
        /** Adds a listing's plain files; false (and `refused` set) at the first other entry. */
        const take = (entries, prefix, folders) => {
            for (const entry of entries) {
                const where = `${prefix}/${entry.path}`;
                if (entry.type === 'tree' && entry.sha)
                    folders?.push({ path: where, sha: entry.sha });
                else if (entry.type === 'blob' && (entry.mode === '100644' || entry.mode === '100755') && entry.sha)
                    files.set(where, entry.sha);
                else if (entry.type !== 'tree') {
                    refused = { path: where, mode: entry.mode };
                    return false;
                }
            }
            return true;
        };
        try {
            let tree = rootTree;
            let where = '';
            for (const segment of this.options.path.split('/')) {
                where = where ? `${where}/${segment}` : segment;
                const entry = (await git.getTree({ owner, repo, tree_sha: tree })).data.tree.find((listed) => listed.path === segment);
                if (!entry?.sha)
                    return files;
                if (entry.type !== 'tree') {
                    refused = { path: where, mode: entry.mode };
                    break;
                }
                tree = entry.sha;
            }
            if (!refused) {
                const { data } = await git.getTree({ owner, repo, tree_sha: tree, recursive: 'true' });
                if (take(data.tree, this.options.path) && data.truncated) {
                    files.clear();
                    this.options.log.debug(`GitHub cut the listing of ${this.options.path} on ${branch} short: listing its folders one at a time.`);
                    const folders = [{ path: this.options.path, sha: tree }];
                    for (let folder = folders.pop(); folder && !refused; folder = folders.pop()) {
                        const listed = (await git.getTree({ owner, repo, tree_sha: folder.sha })).data;
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
            throw this.explain(error, `listing ${this.options.path} on branch ${branch}`);
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
        const { owner, repo } = this.options;
        try {
            const { data } = await this.options.github.rest.git.getBlob({ owner, repo, file_sha: sha });
            return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
        }
        catch (error) {
            throw this.explain(error, `reading ${file} (blob ${sha.slice(0, 12)})`);
        }
    }
    /** The root tree of a commit. */
    async treeOf(commit) {
        try {
            return (await this.options.github.rest.git.getCommit({ owner: this.options.owner, repo: this.options.repo, commit_sha: commit })).data.tree.sha;
        }
        catch (error) {
            throw this.explain(error, `reading commit ${commit.slice(0, 7)}`);
        }
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


// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/github.ts
// The GitHub REST client for the branch and pull-request destinations: GITHUB_API_URL honoured,
// secondary rate limits and transient errors retried, every call counted, errors made actionable.




const GitHub = Octokit.plugin(dist_bundle/* retry */.L, throttling);
function createGitHubClient(options) {
    let calls = 0;
    const octokit = new GitHub({
        auth: options.token,
        baseUrl: (options.baseUrl || 'https://api.github.com').replace(/\/+$/, ''),
        userAgent: 'cursor-audit-logs-action',
        log: { debug: () => { }, info: () => { }, warn: (message) => options.log.debug(message), error: (message) => options.log.debug(message) },
        throttle: {
            ...options.throttle,
            onRateLimit: (after, request, _octokit, count) => {
                options.log.warning(`GitHub rate limit reached for ${request.method} ${request.url}; retrying in ${after}s.`);
                return count < 2;
            },
            onSecondaryRateLimit: (after, request, _octokit, count) => {
                options.log.warning(`GitHub secondary rate limit for ${request.method} ${request.url}; retrying in ${after}s.`);
                return count < 2;
            }
        },
        retry: { doNotRetry: [400, 401, 403, 404, 409, 422, 451] }
    });
    octokit.hook.before('request', (request) => {
        calls++;
        options.log.debug(`GitHub API call ${calls}: ${request.method} ${request.url}`);
    });
    return Object.assign(octokit, { calls: () => calls });
}
/** Status and GitHub's own message of a failed call. */
function githubFailure(error) {
    const failure = error;
    const data = failure?.response?.data;
    const details = (data?.errors ?? []).map((detail) => detail?.message).filter(Boolean);
    const message = [data?.message ?? failure?.message ?? String(error), ...details].join(' ').replace(/\s+/g, ' ').trim();
    return { status: failure?.status, message };
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
    return new errors/* GitHubError */.y_(`GitHub answered ${status ?? 'an error'} to ${what} on ${repo}: ${message}. ${help}`, status);
}


/***/ }),

/***/ 58730:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $9: () => (/* binding */ LedgerState),
/* harmony export */   Ci: () => (/* binding */ chainFindings),
/* harmony export */   _p: () => (/* binding */ appendLedgerLine),
/* harmony export */   cT: () => (/* binding */ isLedgerRecorded),
/* harmony export */   dy: () => (/* binding */ sha256OfChunks),
/* harmony export */   sc: () => (/* binding */ sha256),
/* harmony export */   th: () => (/* binding */ LEDGER_FILE)
/* harmony export */ });
/* unused harmony exports LEDGER_VERSION, ledgerLineText, readLedger, recordedHashes */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2462);
// The ledger (`ledger.jsonl`): one line per run that stored events, chained by the SHA-256 of the
// line before, recording what the run covered and each file it changed with the file's SHA-256
// after the change. Reading it back is as untrusted as any file: a line that is not a ledger line,
// a broken chain or a file whose bytes differ from its last recorded hash is a finding, never an
// error that stops a sync. Pure: no I/O.


const LEDGER_FILE = 'ledger.jsonl';
const LEDGER_VERSION = 1;
/** SHA-256 of bytes, as lowercase hex. */
function sha256(bytes) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(bytes).digest('hex');
}
/** SHA-256 of bytes given in pieces (a large file without one buffer of it), as lowercase hex. */
function sha256OfChunks(chunks) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    for (const chunk of chunks)
        hash.update(chunk);
    return hash.digest('hex');
}
/** The line's text (compact JSON, no newline): what `prev` of the next line hashes. */
function ledgerLineText(line) {
    return JSON.stringify(line);
}
/** The files a ledger records: the event files, not `state.json` (refreshed alone) nor the ledger itself. */
function isLedgerRecorded(relative) {
    return relative !== _state_js__WEBPACK_IMPORTED_MODULE_1__/* .STATE_FILE */ .bv && relative !== LEDGER_FILE;
}
const HEX64 = /^[0-9a-f]{64}$/;
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** Why a parsed value is not a ledger line, or undefined when it is one. */
function lineProblem(data) {
    if (!isRecord(data))
        return 'it is not a JSON object';
    if (data.version !== LEDGER_VERSION)
        return `its version ${JSON.stringify(data.version)} is not ${LEDGER_VERSION}`;
    if (typeof data.prev !== 'string' || (data.prev !== '' && !HEX64.test(data.prev)))
        return 'its prev is not a SHA-256';
    if (!isRecord(data.files) || Object.values(data.files).some((h) => typeof h !== 'string' || !HEX64.test(h)))
        return 'its files are not paths to SHA-256s';
    if (!isRecord(data.range) || typeof data.range.start !== 'string' || typeof data.range.end !== 'string')
        return 'it has no range';
    if (!Array.isArray(data.windows) || !Array.isArray(data.gaps))
        return 'it has no windows or gaps';
    return undefined;
}
/** Reads a ledger's bytes line by line; never throws. */
function readLedger(bytes) {
    if (!bytes || bytes.length === 0)
        return [];
    const text = bytes.toString('utf8');
    const parts = text.split('\n');
    if (parts[parts.length - 1] === '')
        parts.pop();
    return parts.map((raw, index) => {
        const number = index + 1;
        const hash = sha256(raw);
        let data;
        try {
            data = JSON.parse(raw);
        }
        catch {
            return { number, hash, line: undefined, problem: 'it is not JSON' };
        }
        const problem = lineProblem(data);
        return problem ? { number, hash, line: undefined, problem } : { number, hash, line: data };
    });
}
/** The chain's breaks: a line that is not a ledger line, or whose `prev` is not the hash of the line before it. */
function chainFindings(lines) {
    const findings = [];
    let previous = '';
    for (const read of lines) {
        if (!read.line)
            findings.push({ file: LEDGER_FILE, line: read.number, message: `line ${read.number} is not a ledger line: ${read.problem}` });
        else if (read.line.prev !== previous) {
            const expected = previous === '' ? 'empty (the first line)' : previous.slice(0, 12);
            findings.push({
                file: LEDGER_FILE,
                line: read.number,
                message: `line ${read.number} does not follow the line before it: its prev is ${read.line.prev.slice(0, 12) || 'empty'}, the line before hashes to ${expected}`
            });
        }
        previous = read.hash;
    }
    return findings;
}
/** The last hash the ledger recorded for each file. */
function recordedHashes(lines) {
    const hashes = new Map();
    for (const read of lines)
        if (read.line)
            for (const [file, hash] of Object.entries(read.line.files))
                hashes.set(file, hash);
    return hashes;
}
/** What a sync knows of a destination's ledger before it writes: the chain's end and the hashes to check files against. */
class LedgerState {
    lines;
    recorded;
    /** The hash of the last line: the next line's `prev`. */
    last;
    constructor(bytes) {
        this.lines = readLedger(bytes);
        this.recorded = recordedHashes(this.lines);
        this.last = this.lines.length ? this.lines[this.lines.length - 1].hash : '';
    }
    /** Whether the ledger exists yet (a first line over existing files is a baseline). */
    get empty() {
        return this.lines.length === 0;
    }
    /** How a file's current bytes (undefined: missing) stand against the last hash recorded for it; undefined when they agree or it was never recorded. */
    fileFinding(file, current) {
        const recorded = this.recorded.get(file);
        if (recorded === undefined)
            return undefined;
        if (current === undefined)
            return { file, message: `${file} is missing, though the ledger recorded it (SHA-256 ${recorded.slice(0, 12)})` };
        const hash = sha256(current);
        if (hash !== recorded)
            return { file, message: `${file} has SHA-256 ${hash.slice(0, 12)}, not ${recorded.slice(0, 12)} as the ledger last recorded it` };
        return undefined;
    }
}
/** The ledger's bytes with one more line. */
function appendLedgerLine(stored, line) {
    const text = `${ledgerLineText(line)}\n`;
    if (!stored || stored.length === 0)
        return Buffer.from(text);
    const separator = stored[stored.length - 1] === 0x0a ? '' : '\n';
    return Buffer.concat([stored, Buffer.from(separator + text)]);
}


/***/ })

};
