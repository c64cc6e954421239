export const id = 19;
export const ids = [19];
export const modules = {

/***/ 78364:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ae: () => (/* binding */ writeBeside),
/* harmony export */   j3: () => (/* binding */ TEMP_SUFFIX),
/* harmony export */   vZ: () => (/* binding */ writeAtomic)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_2__);
// Writing a file so that a killed run leaves either the old or the new content, never a part.



/** How the temporary files end: a folder may hold ones a killed run left, to remove (`.{…}.partial`). */
const TEMP_SUFFIX = '.partial';
/** Writes the content to a temporary file beside `file` (piece by piece when in pieces), to be renamed over it or discarded. */
async function writeBeside(file, content) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(file), { recursive: true });
    const temp = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(file), `.${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}${TEMP_SUFFIX}`);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(temp, typeof content === 'string' || Buffer.isBuffer(content) ? content : node_stream__WEBPACK_IMPORTED_MODULE_2__.Readable.from(content, { objectMode: false }));
    return { commit: () => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(temp, file), discard: () => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(temp, { force: true }) };
}
/**
 * Writes a file so that a killed run leaves either the old or the new content, never a part:
 * a temporary file beside it, renamed over it.
 */
async function writeAtomic(file, content) {
    await (await writeBeside(file, content)).commit();
}


/***/ }),

/***/ 89019:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ArtifactDestination: () => (/* binding */ ArtifactDestination)
/* harmony export */ });
/* unused harmony export explainArtifactError */
/* harmony import */ var _actions_artifact__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48059);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _atomic_write_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(78364);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(83916);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2462);
/* harmony import */ var _merge_loop_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(64280);
// The artifact destination: the events fetched since the checkpoint last saved in the Actions cache
// (so an upload that failed is made good by the next run), in the contract's layout, plus
// state.json, uploaded with @actions/artifact.








/** Turns the toolkit's plain errors into what to do. */
function explainArtifactError(error, name) {
    const message = error?.message ?? String(error);
    let help = 'see the message above.';
    if (/GHES|Enterprise Server|not currently supported on GHES/i.test(message))
        help = 'artifacts of @actions/artifact v2+ are not supported on GitHub Enterprise Server: use destination: branch or pull-request there.';
    else if (/ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL|runtime token/i.test(message))
        help = 'the artifact service is only reachable from a GitHub Actions runner: use destination: workspace when running elsewhere.';
    else if (/already exists|conflict|409/i.test(message))
        help = `an artifact named "${name}" already exists in this workflow run: give each step its own artifact-name.`;
    else if (/name/i.test(message) && /invalid|not valid|character/i.test(message))
        help = 'artifact-name has characters the artifact service refuses.';
    return new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ArtifactError */ .nE(`Uploading the artifact "${name}" failed: ${message}. ${help}`);
}
class ArtifactDestination {
    name = 'artifact';
    keepsRecord = false;
    options;
    constructor(options) {
        this.options = options;
    }
    async readCheckpoint() {
        return undefined; // an artifact is write-only: the cache holds its checkpoint
    }
    async store(request) {
        const root = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.options.env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)(), 'cursor-audit-logs-artifact-'));
        try {
            const added = request.tally();
            // It keeps no record (keepsRecord false): nothing stored to merge into, each file holds this run's events alone.
            const files = await (0,_merge_loop_js__WEBPACK_IMPORTED_MODULE_7__/* .mergeInto */ .P)(request.events, { path: this.options.path, stored: undefined, write: (relative, merged) => (0,_atomic_write_js__WEBPACK_IMPORTED_MODULE_4__/* .writeAtomic */ .vZ)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, this.options.path, relative), merged.chunks()) }, added);
            if (request.state)
                await (0,_atomic_write_js__WEBPACK_IMPORTED_MODULE_4__/* .writeAtomic */ .vZ)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, this.options.path, _state_js__WEBPACK_IMPORTED_MODULE_6__/* .STATE_FILE */ .bv), (0,_state_js__WEBPACK_IMPORTED_MODULE_6__/* .serializeState */ .sU)(request.state));
            const upload = [...files, ...(request.state ? [`${this.options.path}/${_state_js__WEBPACK_IMPORTED_MODULE_6__/* .STATE_FILE */ .bv}`] : [])].map((file) => (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, file));
            if (upload.length === 0)
                return { added, files, outputs: {}, links: [] };
            let id;
            try {
                const uploader = this.options.uploader ?? new _actions_artifact__WEBPACK_IMPORTED_MODULE_0__/* .DefaultArtifactClient */ .t9();
                const retention = this.options.retentionDays ? { retentionDays: this.options.retentionDays } : {};
                id = (await uploader.uploadArtifact(this.options.name, upload, root, retention)).id;
            }
            catch (error) {
                throw explainArtifactError(error, this.options.name);
            }
            const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = this.options.env;
            const links = id !== undefined && repo && run ? [{ label: `Artifact ${this.options.name}`, url: `${server}/${repo}/actions/runs/${run}/artifacts/${id}` }] : [];
            return { added, files, outputs: id !== undefined ? { 'artifact-id': String(id) } : {}, links };
        }
        finally {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(root, { recursive: true, force: true });
        }
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
