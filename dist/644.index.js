export const id = 644;
export const ids = [644];
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

/***/ 4644:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WorkspaceDestination: () => (/* binding */ WorkspaceDestination)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _atomic_write_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(78364);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2462);
/* harmony import */ var _merge_loop_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(64280);
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(58730);
/* harmony import */ var _ledger_keeper_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(74447);








async function readIfExists(file) {
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file);
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
}
function kind(entry) {
    if (entry.isSymbolicLink())
        return 'a symbolic link';
    if (entry.isFile())
        return 'a file';
    if (entry.isDirectory())
        return 'a folder';
    return 'neither a file nor a folder (a socket, a device or a pipe)';
}
/** Every file under a folder, relative to it. */
async function filesUnder(dir) {
    const entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir, { withFileTypes: true, recursive: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(dir, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(entry.parentPath, entry.name)).split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/'));
}
/** The day files (`YYYY/MM/YYYY-MM-DD.jsonl`) under a folder, relative to it. */
async function dayFilesUnder(dir) {
    return (await filesUnder(dir)).filter((file) => /(^|\/)\d{4}-\d{2}-\d{2}\.jsonl$/.test(file)).sort();
}
class WorkspaceDestination {
    name = 'workspace';
    keepsRecord = true;
    root;
    path;
    constructor(workspaceRoot, path) {
        this.root = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspaceRoot);
        this.path = path;
    }
    file(relative) {
        return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(this.root, this.path, relative);
    }
    refuse(entry, what) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .NotAPlainFileError */ .JW(`${entry} in the workspace is ${what}: the action reads and writes only plain files and folders under ${this.path}, and nothing outside ${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(this.root, this.path)}, so it stops here. Replace it with a plain file or folder (or remove it), then run again.`);
    }
    /**
     * `path` and each folder above it inside the workspace must be a plain folder (or missing).
     * Returns whether `path` exists.
     */
    async checkPath() {
        const base = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(this.root, this.path);
        if (base !== this.root && !base.startsWith(this.root + node_path__WEBPACK_IMPORTED_MODULE_1__.sep))
            throw this.refuse(this.path, 'outside the workspace');
        let at = this.root;
        for (const segment of (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(this.root, base).split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).filter(Boolean)) {
            at = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(at, segment);
            let stat;
            try {
                stat = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(at);
            }
            catch (error) {
                if (error.code === 'ENOENT')
                    return false;
                throw error;
            }
            if (!stat.isDirectory())
                throw this.refuse((0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(this.root, at), kind(stat));
        }
        return true;
    }
    /**
     * Every entry under `path`, refusing anything but plain files and folders (a symbolic link would
     * send reads or writes outside it); removes the temporary files a killed run may have left.
     */
    async checkTree() {
        if (!(await this.checkPath()))
            return;
        const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(this.root, this.path);
        const entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir, { withFileTypes: true, recursive: true });
        for (const entry of entries) {
            if (!entry.isFile() && !entry.isDirectory())
                throw this.refuse((0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(this.root, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(entry.parentPath, entry.name)), kind(entry));
        }
        const leftovers = entries.filter((entry) => entry.isFile() && entry.name.startsWith('.') && entry.name.endsWith(_atomic_write_js__WEBPACK_IMPORTED_MODULE_2__/* .TEMP_SUFFIX */ .j3));
        await Promise.all(leftovers.map((entry) => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(entry.parentPath, entry.name), { force: true })));
    }
    async readCheckpoint() {
        if (!(await this.checkPath()))
            return undefined;
        const file = this.file(_state_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_FILE */ .bv);
        try {
            const stat = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(file);
            if (!stat.isFile())
                throw this.refuse(`${this.path}/${_state_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_FILE */ .bv}`, kind(stat));
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return undefined;
            throw error;
        }
        const text = await readIfExists(file);
        if (text === undefined)
            return undefined;
        return (0,_state_js__WEBPACK_IMPORTED_MODULE_4__/* .parseState */ .Bu)(text.toString('utf8'), `${this.path}/${_state_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_FILE */ .bv} in the workspace`);
    }
    async store(request) {
        const added = request.tally();
        await this.checkTree();
        const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(this.root, this.path);
        const ledger = request.ledger && new _ledger_keeper_js__WEBPACK_IMPORTED_MODULE_7__/* .LedgerKeeper */ .y(request.ledger, { stored: await readIfExists(this.file(_ledger_js__WEBPACK_IMPORTED_MODULE_6__/* .LEDGER_FILE */ .th)), path: this.path, where: 'in the workspace' });
        // A line to sign: the merged files wait beside their places until it is signed, so a signing
        // that fails leaves the workspace as it was (and the next run no alarm of files changed).
        const staged = request.ledger?.sign ? [] : undefined;
        try {
            return await this.storeFiles(request, added, dir, ledger, staged);
        }
        catch (error) {
            await Promise.all((staged ?? []).map((file) => file.discard()));
            throw error;
        }
    }
    /** Merges into the files, then the ledger line, then state.json; with `staged`, the merged files are renamed into place once the line is signed. */
    async storeFiles(request, added, dir, ledger, staged) {
        const files = await (0,_merge_loop_js__WEBPACK_IMPORTED_MODULE_5__/* .mergeInto */ .P)(request.events, {
            path: this.path,
            stored: {
                read: (relative) => readIfExists(this.file(relative)),
                dayFiles: async () => ((await this.checkPath()) ? await dayFilesUnder(dir) : [])
            },
            write: async (relative, merged) => {
                if (staged)
                    staged.push(await (0,_atomic_write_js__WEBPACK_IMPORTED_MODULE_2__/* .writeBeside */ .Ae)(this.file(relative), merged.chunks()));
                else
                    await (0,_atomic_write_js__WEBPACK_IMPORTED_MODULE_2__/* .writeAtomic */ .vZ)(this.file(relative), merged.chunks());
            }
        }, added, ledger);
        if (ledger) {
            // temporary files aside: the files this run staged are the ledger's own already
            const held = (await this.checkPath()) ? (await filesUnder(dir)).filter((file) => !file.endsWith(_atomic_write_js__WEBPACK_IMPORTED_MODULE_2__/* .TEMP_SUFFIX */ .j3)) : [];
            const lines = await ledger.append({ added: added.count, base: '', files: held, read: (relative) => readIfExists(this.file(relative)) });
            for (const file of staged?.splice(0) ?? [])
                await file.commit();
            await (0,_atomic_write_js__WEBPACK_IMPORTED_MODULE_2__/* .writeAtomic */ .vZ)(this.file(_ledger_js__WEBPACK_IMPORTED_MODULE_6__/* .LEDGER_FILE */ .th), lines);
        }
        // state.json last: it never claims more than the files hold.
        if (request.state)
            await (0,_atomic_write_js__WEBPACK_IMPORTED_MODULE_2__/* .writeAtomic */ .vZ)(this.file(_state_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_FILE */ .bv), (0,_state_js__WEBPACK_IMPORTED_MODULE_4__/* .serializeState */ .sU)(request.state));
        return { added, files, outputs: {}, links: [], signed: ledger?.signed };
    }
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
