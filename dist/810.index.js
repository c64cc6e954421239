export const id = 810;
export const ids = [810];
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
// EXTERNAL MODULE: ./src/github.ts
var src_github = __webpack_require__(69248);
// EXTERNAL MODULE: ./src/state.ts
var src_state = __webpack_require__(2462);
// EXTERNAL MODULE: ./src/destinations/merge-loop.ts
var merge_loop = __webpack_require__(64280);
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
                throw new errors/* ActionError */.lZ(`Branch ${this.branch} of ${this.reader.repoName} kept moving under this run (${MAX_ATTEMPTS} attempts): another workflow writes to it at the same time. Add a \`concurrency:\` group to the workflow; the next run stores these events.`);
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
            head: commit.sha,
            // the line of this commit (not of an attempt before it that lost the race)
            signed: commit === join ? undefined : ledger?.signed
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

class LedgerKeeper {
    record;
    place;
    state;
    changed = new Map();
    checked = new Set();
    signedLine;
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
    /** The line appended and its signature (with `attest`), once `append` ran. */
    get signed() {
        return this.signedLine;
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
        if (record.sign) {
            const appended = { number: this.state.lines.length + 1, hash: (0,_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .sha256 */ .sc)((0,_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .ledgerLineText */ .$R)(line)), line };
            this.signedLine = { ...appended, bundle: await record.sign(appended) };
        }
        return (0,_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .appendLedgerLine */ ._p)(this.place.stored, line);
    }
}


/***/ }),

/***/ 64280:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ mergeInto)
/* harmony export */ });
/* harmony import */ var _merge_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(19107);

/** Each file's events alone, as a destination that keeps no record holds them. */
async function* eachFileAlone(incoming) {
    for (const file of incoming.files()) {
        const events = await incoming.read(file);
        if (events.length === 0)
            continue;
        yield { file, merged: (0,_merge_js__WEBPACK_IMPORTED_MODULE_0__/* .mergeIntoFile */ .nQ)(undefined, events) };
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
        ? (0,_merge_js__WEBPACK_IMPORTED_MODULE_0__/* .mergeLayout */ .lY)({
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

/***/ 19107:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lY: () => (/* binding */ mergeLayout),
/* harmony export */   nQ: () => (/* binding */ mergeIntoFile),
/* harmony export */   qW: () => (/* binding */ splitLineBytes)
/* harmony export */ });
/* unused harmony export readLine */
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _events_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(15694);
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
    const text = (0,node_buffer__WEBPACK_IMPORTED_MODULE_0__.isUtf8)(raw) ? raw.toString('utf8') : undefined;
    const texts = text === undefined ? undefined : text.split('\n');
    const old = lines.map((line, i) => (0,_events_js__WEBPACK_IMPORTED_MODULE_1__/* .lineIdentity */ .b$)(texts ? texts[i] : line));
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
    added.sort(_events_js__WEBPACK_IMPORTED_MODULE_1__/* .compareEvents */ .HP);
    const out = [];
    let n = 0;
    for (let i = 0; i < lines.length; i++) {
        if (old[i].time !== null) {
            while (n < added.length && (0,_events_js__WEBPACK_IMPORTED_MODULE_1__/* .compareEvents */ .HP)(added[n], old[i]) < 0)
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
    const undatedIncoming = source.incoming.includes(_events_js__WEBPACK_IMPORTED_MODULE_1__/* .UNDATED_FILE */ .RI) ? await source.read(_events_js__WEBPACK_IMPORTED_MODULE_1__/* .UNDATED_FILE */ .RI) : [];
    const dayFiles = source.incoming.filter((f) => f !== _events_js__WEBPACK_IMPORTED_MODULE_1__/* .UNDATED_FILE */ .RI);
    const undatedStored = dayFiles.length || undatedIncoming.length ? await source.stored(_events_js__WEBPACK_IMPORTED_MODULE_1__/* .UNDATED_FILE */ .RI) : undefined;
    const undatedKeys = new Set();
    if (undatedStored)
        for (const line of splitLineBytes(undatedStored))
            undatedKeys.add((0,_events_js__WEBPACK_IMPORTED_MODULE_1__/* .lineIdentity */ .b$)(line).key);
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
                const { key } = (0,_events_js__WEBPACK_IMPORTED_MODULE_1__/* .lineIdentity */ .b$)(line);
                if (pending.delete(key))
                    dated.add(key);
            }
        }
    }
    if (undatedIncoming.length) {
        const merged = mergeIntoFile(undatedStored, undatedIncoming, { elsewhere: dated });
        if (merged.added.length)
            yield { file: _events_js__WEBPACK_IMPORTED_MODULE_1__/* .UNDATED_FILE */ .RI, merged };
    }
}


/***/ })

};
