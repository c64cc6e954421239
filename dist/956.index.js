export const id = 956;
export const ids = [956];
export const modules = {

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


/***/ }),

/***/ 77516:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ commitChanges),
/* harmony export */   g: () => (/* binding */ historyCheck)
/* harmony export */ });
/* harmony import */ var _events_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(15694);
/* harmony import */ var _time_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(29834);
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(58730);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2462);
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(12169);
// Check 4, history: no commit since the first ledger line removed or changed a line under `path`
// (state.json aside, which each run rewrites), every ledger line was written on top of a commit
// that is still in the history (a force-pushed rewrite leaves the lines' `base` behind), and a
// ledger line a commit adds names that commit's parent as its base. Pure: the history comes in as
// each commit's changes.





const short = (sha) => sha.slice(0, 12);
/** How a problem names a lost line: its event (id and time), or the start of its bytes when it is not one. */
function lineName(text) {
    const { key, time } = (0,_events_js__WEBPACK_IMPORTED_MODULE_0__/* .lineIdentity */ .b$)(text);
    if (!key.startsWith('sha256:'))
        return `the event ${key}${time === null ? '' : ` of ${(0,_time_js__WEBPACK_IMPORTED_MODULE_1__/* .formatTime */ .fU)(time)}`}`;
    return `a line starting ${JSON.stringify(text.slice(0, 60))}`;
}
/** A commit's file changes reduced to what the check needs (so a source keeps little of a long history). */
function commitChanges(sha, parents, files) {
    return {
        sha,
        parents,
        lost: files.filter((change) => change.file !== _state_js__WEBPACK_IMPORTED_MODULE_3__/* .STATE_FILE */ .bv).flatMap((change) => lostLines(change).map((line) => ({ file: change.file, ...line }))),
        ledgerAdded: files.filter((change) => change.file === _ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .LEDGER_FILE */ .th).flatMap((change) => change.added)
    };
}
/** The lines a change took out that it did not put back (a line moved within the file is not lost). */
function lostLines(change) {
    const putBack = new Map();
    for (const text of change.added)
        putBack.set(text, (putBack.get(text) ?? 0) + 1);
    return change.removed.filter(({ text }) => {
        const left = putBack.get(text) ?? 0;
        if (left > 0)
            putBack.set(text, left - 1);
        return left === 0;
    });
}
/** The oldest commit read that added a ledger line: the history is checked from it on. */
function firstLedgerCommit(commits) {
    for (let index = commits.length - 1; index >= 0; index--) {
        if (commits[index].ledgerAdded.length > 0)
            return index;
    }
    return -1;
}
function historyCheck(history, ledger, path) {
    const result = new _problems_js__WEBPACK_IMPORTED_MODULE_4__/* .CheckResult */ .KP('history');
    if (history.unavailable || history.skipped) {
        if (history.unavailable)
            result.add(path, history.unavailable);
        if (history.skipped)
            result.notes.push(history.skipped);
        result.figures = 'not read';
        return result;
    }
    const from = firstLedgerCommit(history.commits);
    const checked = history.commits.slice(0, from + 1);
    for (const commit of checked)
        checkCommit(commit, path, result);
    for (const { line, number } of ledger) {
        if (line?.base && !history.reachable.has(line.base)) {
            result.add(`commit ${short(line.base)}`, `line ${number} of ${_ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .LEDGER_FILE */ .th} was written on top of commit ${short(line.base)}, which is not in the history any more: the history was rewritten (a force push)`);
        }
    }
    if (history.unread > 0) {
        result.add(path, `${(0,_problems_js__WEBPACK_IMPORTED_MODULE_4__/* .figure */ .vP)(history.unread)} older commit(s) since the first ledger line were not read${history.unreadHelp ? `: ${history.unreadHelp}` : ''}`);
    }
    result.figures = `${(0,_problems_js__WEBPACK_IMPORTED_MODULE_4__/* .figure */ .vP)(checked.length)} commit(s) since the first ledger line read (${history.cost})`;
    return result;
}
function checkCommit(commit, path, result) {
    const where = `commit ${short(commit.sha)}`;
    for (const { file, line, text } of commit.lost) {
        result.add(where, `removed or changed line ${line} of ${(0,_problems_js__WEBPACK_IMPORTED_MODULE_4__.at)(path, file)} (${lineName(text)})`);
    }
    // A merge brings in lines written on the merged branch, on top of that branch's own commits.
    if (commit.parents.length !== 1)
        return;
    for (const read of (0,_ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .readLedger */ .SC)(Buffer.from(commit.ledgerAdded.map((text) => `${text}\n`).join('')))) {
        const base = read.line?.base;
        if (base && base !== commit.parents[0]) {
            result.add(where, `adds a ledger line written on top of ${short(base)}, but its parent is ${short(commit.parents[0])}: the line was not written by the action on this history`);
        }
    }
}


/***/ }),

/***/ 12169:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KP: () => (/* binding */ CheckResult),
/* harmony export */   at: () => (/* binding */ at),
/* harmony export */   vP: () => (/* binding */ figure)
/* harmony export */ });
/* unused harmony exports CHECKS, MAX_KEPT_PER_CHECK */
// What `mode: verify` reports: each check's figures and its problems, each naming the file, the
// line or the commit and what is wrong. Pure.
const CHECKS = (/* unused pure expression or super */ null && (['layout', 'ledger', 'coverage', 'history', 'reconciliation', 'attestations']));
/** The most problems a check keeps one by one (it still counts them all). */
const MAX_KEPT_PER_CHECK = 1000;
/** One check's outcome: its problems (counted, the first kept) and the figures the summary shows. */
class CheckResult {
    name;
    problems = [];
    count = 0;
    /** What the check looked at, for the summary ("365 files, 3,000,000 events"). */
    figures = '';
    /** Said beside the figures: what the check could not look at, or what it listed without failing. */
    notes = [];
    constructor(name) {
        this.name = name;
    }
    add(where, message) {
        this.count++;
        if (this.problems.length < MAX_KEPT_PER_CHECK)
            this.problems.push({ check: this.name, where, message });
    }
    get passed() {
        return this.count === 0;
    }
}
/** Where a line is: `path/file:line`. */
function at(path, file, line) {
    return `${path}/${file}${line === undefined ? '' : `:${line}`}`;
}
/** A count with thousands separators. */
function figure(n) {
    return n.toLocaleString('en-US');
}


/***/ }),

/***/ 30956:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  verifyRecord: () => (/* binding */ verifyRecord)
});

// EXTERNAL MODULE: ./src/attestation.ts
var attestation = __webpack_require__(31657);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/outputs.ts
var src_outputs = __webpack_require__(7729);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/spool.ts
var src_spool = __webpack_require__(81720);
// EXTERNAL MODULE: ./src/sync.ts + 1 modules
var sync = __webpack_require__(3335);
// EXTERNAL MODULE: ./src/retention.ts
var retention = __webpack_require__(57449);
// EXTERNAL MODULE: ./src/time.ts
var time = __webpack_require__(29834);
// EXTERNAL MODULE: ./src/windows.ts
var windows = __webpack_require__(83422);
// EXTERNAL MODULE: ./src/verify/problems.ts
var verify_problems = __webpack_require__(12169);
;// CONCATENATED MODULE: ./src/verify/attestation-check.ts
// Check 6: the ledger against its attestations, which GitHub keeps outside the repository's
// history. For each line number n, the attestations of line n's place (attestation.ts) are listed
// and each bundle verified; only a valid one, signed by a workflow of the record's repository, is
// evidence. Line n of the chain must be the line such an attestation names; a line that says it
// was attested must have one; and a valid attestation past the ledger's end shows lines removed.
// The lookups and the bundle verification come in through small interfaces.


/** The valid attestations of each place asked for: the line hashes they name, by line number. */
async function attestedAt(options, numbers, tally) {
    const places = numbers.map((number) => ({ number, place: (0,attestation/* placeDigest */.K0)(options.repository, options.path, number) }));
    const found = await options.lookup.list(places.map(({ place }) => `sha256:${place}`));
    const out = new Map();
    for (const { number, place } of places) {
        const hashes = new Set();
        for (const bundle of found.get(`sha256:${place}`) ?? []) {
            tally.listed++;
            const signed = (0,attestation/* signedLine */.Rh)(bundle);
            if (!signed || signed.place !== place || signed.line !== number || options.verify(bundle) !== undefined)
                tally.invalid++;
            else
                hashes.add(signed.hash);
        }
        out.set(number, hashes);
    }
    return out;
}
/** The numbers from `from` to `to`, both included. */
const range = (from, to) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
/** The check when there is nothing to read (no line says it was attested, and `required` is off); undefined when it must run. */
function attestationsNotRun(lines, required) {
    if (required || lines.some((read) => read.line?.attested))
        return undefined;
    const result = new verify_problems/* CheckResult */.KP('attestations');
    result.figures = 'not run: no ledger line was attested (attest: true on the verify step requires attestations)';
    return result;
}
async function attestationCheck(options) {
    const skipped = attestationsNotRun(options.lines, options.required);
    if (skipped)
        return skipped;
    const result = new verify_problems/* CheckResult */.KP('attestations');
    const { lines } = options;
    const ledger = (0,attestation/* ledgerPath */.tf)(options.path);
    const claimed = lines.filter((read) => read.line?.attested).length;
    const tally = { listed: 0, invalid: 0 };
    const where = (number) => `${ledger}:${number}`;
    // every line's place and the one past the end, in one lookup
    const attested = await attestedAt(options, range(1, lines.length + 1), tally);
    let proven = 0;
    /** The first line attested (or said to be): with `required`, every line from it on must be. */
    let since;
    for (const read of lines) {
        const hashes = attested.get(read.number) ?? new Set();
        for (const hash of hashes) {
            if (hash === read.hash)
                continue;
            result.add(where(read.number), `line ${read.number} was attested with SHA-256 ${hash.slice(0, 12)}, but the ledger holds a line with SHA-256 ${read.hash.slice(0, 12)} there: the history was rewritten after the line was attested`);
        }
        if (hashes.has(read.hash)) {
            proven++;
            since ??= read.number;
        }
        else if (read.line?.attested) {
            since ??= read.number;
            result.add(where(read.number), `line ${read.number} says it was attested, but no valid attestation from a workflow of ${options.repository} names it: a forged line, or its run failed to store the attestation (and failed saying so)`);
        }
        else if (options.required && since !== undefined) {
            result.add(where(read.number), `line ${read.number} is not attested, though line ${since} before it was: written by a sync step without attest: true, or forged`);
        }
    }
    // attest: true on the verify step: the newest line must be proven, even when no line says it was attested
    const newest = lines.at(-1);
    if (options.required && newest && since === undefined) {
        result.add(where(newest.number), `line ${newest.number}, the newest, has no valid attestation, and no line before it was attested, though attest: true asks for attestations`);
    }
    // Lines removed from the end: their places still have attestations (looked up a hundred at a time).
    const maxBeyond = options.maxBeyond ?? 1000;
    let removed = 0;
    for (let number = lines.length + 1; number <= lines.length + maxBeyond; number++) {
        if (!attested.has(number)) {
            for (const [n, hashes] of await attestedAt(options, range(number, Math.min(number + 99, lines.length + maxBeyond)), tally))
                attested.set(n, hashes);
        }
        const hashes = attested.get(number);
        if (hashes.size === 0)
            break;
        removed++;
        result.add(where(number), `line ${number} was attested (SHA-256 ${[...hashes][0].slice(0, 12)}), but the ledger ends at line ${lines.length}: lines were removed after they were attested`);
    }
    result.figures = `${(0,verify_problems/* figure */.vP)(lines.length)} ledger line(s), ${(0,verify_problems/* figure */.vP)(claimed)} marked attested, ${(0,verify_problems/* figure */.vP)(proven)} proven by an attestation; ${(0,verify_problems/* figure */.vP)(tally.listed)} attestation(s) read${removed ? `, ${(0,verify_problems/* figure */.vP)(removed)} past the end` : ''}`;
    if (tally.invalid) {
        result.notes.push(`${(0,verify_problems/* figure */.vP)(tally.invalid)} attestation(s) listed for the ledger's lines did not verify (signature, certificate, log or timestamp, or a signer other than a workflow of ${options.repository}) and were not taken as evidence.`);
    }
    return result;
}

// EXTERNAL MODULE: ./src/ledger.ts
var src_ledger = __webpack_require__(58730);
;// CONCATENATED MODULE: ./src/verify/coverage-check.ts
// Check 3, coverage: the ledger's ranges join from the first start to the checkpoint, with holes
// only where a gap is declared, and each window holds at least the events the API counted for it
// (`totalCount`). Pure.



function span(range) {
    const start = (0,time/* parseRfc3339 */.TM)(range.start);
    const end = (0,time/* parseRfc3339 */.TM)(range.end);
    return start === undefined || end === undefined ? undefined : { start, end };
}
/** Whether the declared gaps together cover `[from, to]`. */
function declared(gaps, from, to) {
    let reached = from;
    for (const gap of [...gaps].sort((a, b) => a.start - b.start)) {
        if (gap.start > reached)
            break;
        reached = Math.max(reached, gap.end);
    }
    return reached >= to;
}
function coverageCheck(scan, lines, path) {
    const result = new verify_problems/* CheckResult */.KP('coverage');
    const ledger = (0,verify_problems.at)(path, src_ledger/* LEDGER_FILE */.th);
    const read = lines.filter((line) => line.line !== undefined);
    const gaps = read.flatMap((line) => line.line.gaps.map(span).filter((gap) => gap !== undefined));
    let first;
    let reached;
    let windows = 0;
    for (const { line, number } of read) {
        const range = span(line.range);
        if (!range) {
            result.add(`${ledger}:${number}`, `line ${number} of the ledger has a range that is not RFC 3339 times`);
            continue;
        }
        if (reached !== undefined && range.start > reached && !declared(gaps, reached, range.start)) {
            result.add(`${ledger}:${number}`, `nothing covers ${(0,time/* formatTime */.fU)(reached)} → ${(0,time/* formatTime */.fU)(range.start)}: line ${number} starts after every line before it ended, and no gap is declared there`);
        }
        first ??= range.start;
        reached = Math.max(reached ?? range.end, range.end);
        windows += windowCounts(scan, line, number, ledger, result);
    }
    const checkpoint = scan.state?.time;
    if (reached !== undefined && checkpoint !== undefined && checkpoint > reached && !declared(gaps, reached, checkpoint)) {
        result.add((0,verify_problems.at)(path, 'state.json'), `the checkpoint ${(0,time/* formatTime */.fU)(checkpoint)} is after the ledger's last end ${(0,time/* formatTime */.fU)(reached)}: nothing records what was fetched between them`);
    }
    result.figures =
        first === undefined
            ? 'no ledger ranges'
            : `${(0,time/* formatTime */.fU)(first)} → ${(0,time/* formatTime */.fU)(reached)}, ${(0,verify_problems/* figure */.vP)(windows)} windows, ${(0,verify_problems/* figure */.vP)(gaps.length)} declared gap(s)`;
    return result;
}
/**
 * Each window of a line against the events the record holds in it. Undated events count for every
 * window (the API counted them somewhere), so an undated event never makes a window look short.
 */
function windowCounts(scan, line, number, ledger, result) {
    for (const window of line.windows) {
        const range = span(window);
        if (!range || typeof window.totalCount !== 'number' || window.totalCount < 0)
            continue;
        const held = scan.eventsBetween(range.start, range.end) + scan.undated;
        if (held < window.totalCount) {
            result.add(`${ledger}:${number}`, `the window ${window.start} → ${window.end} of line ${number}: the API counted ${(0,verify_problems/* figure */.vP)(window.totalCount)} events, the record holds ${(0,verify_problems/* figure */.vP)(held)}`);
        }
    }
    return line.windows.length;
}

// EXTERNAL MODULE: ./src/verify/history-check.ts
var history_check = __webpack_require__(77516);
// EXTERNAL MODULE: ./src/events.ts
var events = __webpack_require__(15694);
// EXTERNAL MODULE: ./src/merge.ts
var merge = __webpack_require__(19107);
// EXTERNAL MODULE: ./src/state.ts
var state = __webpack_require__(2462);
;// CONCATENATED MODULE: ./src/verify/layout-check.ts
// Check 1, the layout: every file one the contract allows, every line an event on its own UTC day
// (or undated in `undated.jsonl`), sorted by timestamp then id, each id once in the tree. Reads each
// file once and keeps what the other checks need: each file's SHA-256, every event's key and time.
// Pure: the files come in as bytes.





const DAY_FILE = /^(\d{4})\/(\d{2})\/(\d{4})-(\d{2})-\d{2}\.jsonl$/;
/** Whether a path (relative to `path`) is one the contract allows. */
function isContractFile(file) {
    if (file === events/* UNDATED_FILE */.RI || file === state/* STATE_FILE */.bv || file === src_ledger/* LEDGER_FILE */.th)
        return true;
    const day = DAY_FILE.exec(file);
    return day !== null && day[1] === day[3] && day[2] === day[4];
}
/** The record as one read of it left it: for the ledger, coverage and reconciliation checks. */
class RecordScan {
    layout = new verify_problems/* CheckResult */.KP('layout');
    /** Each file's SHA-256, relative to `path` (state.json and the ledger too). */
    hashes = new Map();
    /** Each event's key, to the file (relative to `path`) that holds it first. */
    keys = new Map();
    /** The dated events from `recentFrom` on (key to time): what reconciliation sets against the API. */
    recent = new Map();
    /** The ledger's bytes, when there is one. */
    ledger;
    /** state.json as read, or undefined (missing or not readable: a layout problem). */
    state;
    undated = 0;
    events = 0;
    path;
    recentFrom;
    times = [];
    sorted;
    constructor(path, recentFrom) {
        this.path = path;
        this.recentFrom = recentFrom;
    }
    /** An entry under `path` that is not a plain file (a symbolic link, a submodule…). */
    notAFile(file, what) {
        this.layout.add((0,verify_problems.at)(this.path, file), `${file} is ${what}, not a plain file`);
    }
    /** Reads one file of the record. */
    addFile(file, bytes) {
        this.hashes.set(file, (0,src_ledger/* sha256 */.sc)(bytes));
        if (file === src_ledger/* LEDGER_FILE */.th)
            this.ledger = bytes;
        else if (file === state/* STATE_FILE */.bv)
            this.readState(bytes);
        else if (!isContractFile(file))
            this.layout.add((0,verify_problems.at)(this.path, file), `${file} is not a file of the layout (day files, undated.jsonl, state.json, ledger.jsonl)`);
        else
            this.scanEvents(file, bytes);
    }
    readState(bytes) {
        try {
            this.state = (0,state/* parseState */.Bu)(bytes.toString('utf8'), `${this.path}/${state/* STATE_FILE */.bv}`);
        }
        catch (error) {
            this.layout.add((0,verify_problems.at)(this.path, state/* STATE_FILE */.bv), `state.json cannot be read: ${error.message}`);
        }
    }
    scanEvents(file, bytes) {
        const where = (line) => (0,verify_problems.at)(this.path, file, line);
        const lines = (0,merge/* splitLineBytes */.qW)(bytes);
        if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a)
            this.layout.add(where(lines.length), `the last line of ${file} does not end in a newline`);
        let previous;
        lines.forEach((raw, index) => {
            const number = index + 1;
            const line = (0,events/* lineIdentity */.b$)(raw);
            if (line.time === null && !isEventObject(raw)) {
                this.layout.add(where(number), `line ${number} of ${file} is not an event (not a JSON object)`);
                return;
            }
            const belongs = (0,events/* eventFile */.Rm)(line.time);
            if (belongs !== file)
                this.layout.add(where(number), `the event ${line.key} at line ${number} belongs in ${belongs}, not ${file}`);
            if (previous && (0,events/* compareEvents */.HP)(previous, line) > 0)
                this.layout.add(where(number), `line ${number} of ${file} is out of order (timestamp, then event_id)`);
            const first = this.keys.get(line.key);
            if (first !== undefined)
                this.layout.add(where(number), `the event ${line.key} at line ${number} is also in ${first}: each id once in the tree`);
            else
                this.keys.set(line.key, file);
            if (line.time === null)
                this.undated++;
            else {
                this.times.push(line.time);
                if (line.time >= this.recentFrom)
                    this.recent.set(line.key, line.time);
            }
            this.events++;
            previous = line;
        });
    }
    /** Dated events with a time in `[start, end]`. */
    eventsBetween(start, end) {
        const times = this.sortedTimes();
        return lowerBound(times, end + 1) - lowerBound(times, start);
    }
    sortedTimes() {
        if (!this.sorted) {
            this.sorted = Float64Array.from(this.times).sort();
            this.times = [];
        }
        return this.sorted;
    }
    /** What the layout check says it looked at. */
    finish() {
        this.layout.figures = `${(0,verify_problems/* figure */.vP)(this.hashes.size)} files, ${(0,verify_problems/* figure */.vP)(this.events)} events${this.undated ? ` (${(0,verify_problems/* figure */.vP)(this.undated)} undated)` : ''}`;
        if (!this.state && !this.layout.problems.some((p) => p.where.endsWith(state/* STATE_FILE */.bv))) {
            this.layout.add((0,verify_problems.at)(this.path, state/* STATE_FILE */.bv), 'state.json is missing: the record has no checkpoint');
        }
        return this.layout;
    }
}
/** Whether a line parses as a JSON object (an event without a usable timestamp still is one). */
function isEventObject(raw) {
    try {
        const data = JSON.parse(raw.toString('utf8').replace(/^\ufeff/, ''));
        return typeof data === 'object' && data !== null && !Array.isArray(data);
    }
    catch {
        return false;
    }
}
/** The first index whose value is at least `value`. */
function lowerBound(values, value) {
    let low = 0;
    let high = values.length;
    while (low < high) {
        const mid = (low + high) >>> 1;
        if (values[mid] < value)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

;// CONCATENATED MODULE: ./src/verify/ledger-check.ts
// Check 2, the ledger: the chain unbroken, each file's SHA-256 equal to the last one the ledger
// recorded for it, no file the ledger never recorded, no recorded file missing. Pure.


function ledgerCheck(scan, path) {
    const result = new verify_problems/* CheckResult */.KP('ledger');
    // the ledger as a sync reads it: its lines and the last hash recorded for each file
    const { lines, recorded } = new src_ledger/* LedgerState */.$9(scan.ledger);
    const files = [...scan.hashes.keys()].filter(src_ledger/* isLedgerRecorded */.cT);
    if (lines.length === 0) {
        if (files.length)
            result.add((0,verify_problems.at)(path, src_ledger/* LEDGER_FILE */.th), `${src_ledger/* LEDGER_FILE */.th} is missing or empty, though ${(0,verify_problems/* figure */.vP)(files.length)} file(s) hold events: nothing proves who wrote them`);
        result.figures = 'no ledger';
        return { result, lines };
    }
    const breaks = (0,src_ledger/* chainFindings */.Ci)(lines);
    for (const finding of breaks)
        result.add((0,verify_problems.at)(path, finding.file, finding.line), finding.message);
    for (const file of files) {
        const hash = scan.hashes.get(file);
        const last = recorded.get(file);
        if (last === undefined)
            result.add((0,verify_problems.at)(path, file), `never recorded by the ledger: added outside the action`);
        else if (last !== hash) {
            result.add((0,verify_problems.at)(path, file), `has SHA-256 ${hash.slice(0, 12)}, not ${last.slice(0, 12)} as the ledger last recorded it: changed outside the action`);
        }
    }
    for (const file of recorded.keys()) {
        if (!scan.hashes.has(file))
            result.add((0,verify_problems.at)(path, file), `missing, though the ledger recorded it (SHA-256 ${recorded.get(file)?.slice(0, 12)})`);
    }
    result.figures = `${(0,verify_problems/* figure */.vP)(lines.length)} lines, chain ${breaks.length ? 'broken' : 'intact'}, ${(0,verify_problems/* figure */.vP)(recorded.size)} files recorded`;
    return { result, lines };
}

;// CONCATENATED MODULE: ./src/verify/reconcile-check.ts
// Check 5, reconciliation: the last `verify-days` fetched from the API again and set against the
// record. An event the API serves that the record lacks is missing: a problem each. A stored event
// the API no longer serves is listed, not failed (Cursor may drop what it served). Pure: the
// served events come in file by file.



const MAX_LISTED = 100;
function reconcileCheck(options) {
    const { served, keys, path } = options;
    const result = new verify_problems/* CheckResult */.KP('reconciliation');
    const seen = new Set();
    let missing = 0;
    for (const file of served.files()) {
        for (const event of served.read(file)) {
            seen.add(event.key);
            if (keys.has(event.key))
                continue;
            missing++;
            const when = event.time === null ? 'without a usable timestamp' : `at ${(0,time/* formatTime */.fU)(event.time)}`;
            result.add((0,verify_problems.at)(path, (0,events/* eventFile */.Rm)(event.time)), `the event ${event.key} (${event.type}, ${when}) is served by the API but not in the record`);
        }
    }
    const notServed = [];
    let notServedCount = 0;
    for (const [key, time] of options.recent) {
        if (time < options.from || time > options.to || seen.has(key))
            continue;
        notServedCount++;
        if (notServed.length < MAX_LISTED)
            notServed.push(key);
    }
    result.figures = `${(0,time/* formatTime */.fU)(options.from)} → ${(0,time/* formatTime */.fU)(options.to)}: ${(0,verify_problems/* figure */.vP)(seen.size)} served, ${(0,verify_problems/* figure */.vP)(missing)} missing, ${(0,verify_problems/* figure */.vP)(notServedCount)} stored but no longer served`;
    if (notServedCount)
        result.notes.push(`${(0,verify_problems/* figure */.vP)(notServedCount)} stored event(s) are no longer served (listed, not failed): ${notServed.slice(0, 10).join(', ')}${notServedCount > 10 ? ', …' : ''}`);
    if (options.shortBy)
        result.notes.push(options.shortBy);
    return { result, missing, notServed, notServedCount };
}

// EXTERNAL MODULE: ./src/markdown.ts
var markdown = __webpack_require__(83758);
;// CONCATENATED MODULE: ./src/verify/verify-summary.ts
// The job summary of `mode: verify`: the verdict first, then one row per check with its figures,
// then each failed check's first problems. Text from the record or the API is escaped. Pure.



/** Problems the summary shows per failed check (the output lists up to 100, the log all kept). */
const SHOWN_PER_CHECK = 10;
const WHAT = {
    layout: 'Every line an event on its own day, sorted, each id once; only the contract’s files',
    ledger: 'The chain unbroken; every file as the ledger last recorded it',
    coverage: 'The ledger’s ranges join up to the checkpoint; each window holds what the API counted',
    history: 'No commit since the first ledger line removed or changed a line',
    reconciliation: 'The API’s events of the last days are all in the record',
    attestations: 'Each attested line is in the chain, and each line marked attested has a valid attestation from this repository’s workflows'
};
function renderVerifySummary(report) {
    const problems = report.checks.reduce((sum, check) => sum + check.count, 0);
    const verdict = problems === 0 ? '## ✅ Verified: the record is intact' : `## ❌ Not verified: ${(0,verify_problems/* figure */.vP)(problems)} problem(s)`;
    const lines = [
        verdict,
        '',
        `**Record:** ${(0,markdown.md)(report.record)} · **Missing events:** ${(0,verify_problems/* figure */.vP)(report.missing)} · **Cursor requests:** ${(0,verify_problems/* figure */.vP)(report.requests)} · **Run time:** ${(0,time/* formatDuration */.a3)(report.elapsedMs)}`,
        '',
        (0,markdown/* table */.t)(['Check', 'Result', 'What it looked at', 'What it proves'], report.checks.map((check) => [
            check.name,
            check.passed ? '✅ passed' : `❌ ${(0,verify_problems/* figure */.vP)(check.count)} problem(s)`,
            (0,markdown.md)(check.figures, 400),
            WHAT[check.name] ?? ''
        ]))
    ];
    for (const check of report.checks) {
        for (const note of check.notes)
            lines.push('', `> [!NOTE]\n> ${check.name}: ${(0,markdown.md)(note, 1000)}`);
    }
    for (const check of report.checks.filter((one) => !one.passed)) {
        lines.push('', `### ${check.name}: first problems`, '');
        lines.push((0,markdown/* table */.t)(['Where', 'What is wrong'], check.problems.slice(0, SHOWN_PER_CHECK).map((problem) => [(0,markdown.md)(problem.where, 200), (0,markdown.md)(problem.message, 400)])));
        if (check.count > SHOWN_PER_CHECK)
            lines.push('', `…and ${(0,verify_problems/* figure */.vP)(check.count - SHOWN_PER_CHECK)} more (the \`problems\` output lists up to 100, the log every one kept).`);
    }
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/verify/run-verify.ts
var __addDisposableResource = (undefined && undefined.__addDisposableResource) || function (env, value, async) {
    if (value !== null && value !== void 0) {
        if (typeof value !== "object" && typeof value !== "function") throw new TypeError("Object expected.");
        var dispose, inner;
        if (async) {
            if (!Symbol.asyncDispose) throw new TypeError("Symbol.asyncDispose is not defined.");
            dispose = value[Symbol.asyncDispose];
        }
        if (dispose === void 0) {
            if (!Symbol.dispose) throw new TypeError("Symbol.dispose is not defined.");
            dispose = value[Symbol.dispose];
            if (async) inner = dispose;
        }
        if (typeof dispose !== "function") throw new TypeError("Object not disposable.");
        if (inner) dispose = function() { try { inner.call(this); } catch (e) { return Promise.reject(e); } };
        env.stack.push({ value: value, dispose: dispose, async: async });
    }
    else if (async) {
        env.stack.push({ async: true });
    }
    return value;
};
var __disposeResources = (undefined && undefined.__disposeResources) || (function (SuppressedError) {
    return function (env) {
        function fail(e) {
            env.error = env.hasError ? new SuppressedError(e, env.error, "An error was suppressed during disposal.") : e;
            env.hasError = true;
        }
        var r, s = 0;
        function next() {
            while (r = env.stack.pop()) {
                try {
                    if (!r.async && s === 1) return s = 0, env.stack.push(r), Promise.resolve().then(next);
                    if (r.dispose) {
                        var result = r.dispose.call(r.value);
                        if (r.async) return s |= 2, Promise.resolve(result).then(next, function(e) { fail(e); return next(); });
                    }
                    else s |= 1;
                }
                catch (e) {
                    fail(e);
                }
            }
            if (s === 1) return env.hasError ? Promise.reject(env.error) : Promise.resolve();
            if (env.hasError) throw env.error;
        }
        return next();
    };
})(typeof SuppressedError === "function" ? SuppressedError : function (error, suppressed, message) {
    var e = new Error(message);
    return e.name = "SuppressedError", e.error = error, e.suppressed = suppressed, e;
});


















/** The most problems the `problems` output lists. */
const MAX_PROBLEMS_OUTPUT = 100;
/** The GitHub client of a verify run. */
async function githubClient(deps) {
    return (deps.createGitHubClient ?? (await Promise.all(/* import() */[__webpack_require__.e(101), __webpack_require__.e(248)]).then(__webpack_require__.bind(__webpack_require__, 69248))).createGitHubClient)({
        token: deps.inputs.githubToken,
        baseUrl: deps.env.GITHUB_API_URL,
        log: deps.reporter
    });
}
/** The record the inputs name: the branch (through the API) or the workspace. */
async function recordSource(deps) {
    const { inputs, env, reporter } = deps;
    if (inputs.destinations[0] === 'workspace') {
        const { WorkspaceRecord } = await __webpack_require__.e(/* import() */ 968).then(__webpack_require__.bind(__webpack_require__, 73968));
        return new WorkspaceRecord(env.GITHUB_WORKSPACE || process.cwd(), inputs.path);
    }
    const { BranchRecord } = await Promise.all(/* import() */[__webpack_require__.e(101), __webpack_require__.e(805), __webpack_require__.e(139)]).then(__webpack_require__.bind(__webpack_require__, 95139));
    const github = await githubClient(deps);
    return new BranchRecord({ github, ...inputs.repository, branch: inputs.branch, path: inputs.path, maxCommits: inputs.verifyMaxCommits, log: reporter });
}
async function verifyRecord(deps) {
    const { inputs, reporter, clock } = deps;
    const source = await recordSource(deps);
    const scan = new RecordScan(inputs.path, deps.startedAt - 31 * time/* DAY */.d_);
    reporter.startGroup(`Reading ${source.name}`);
    await source.scan(scan);
    const layout = scan.finish();
    reporter.info(`Read ${layout.figures}.`);
    reporter.endGroup();
    const { result: ledger, lines } = ledgerCheck(scan, inputs.path);
    const coverage = coverageCheck(scan, lines, inputs.path);
    reporter.startGroup('Reading the history');
    const history = (0,history_check/* historyCheck */.g)(await source.history(lines), lines, inputs.path);
    reporter.info(`History: ${history.figures}.`);
    reporter.endGroup();
    let client;
    let reconciled = { result: new verify_problems/* CheckResult */.KP('reconciliation'), missing: 0 };
    if (scan.state) {
        client = deps.cursorClient(scan.state.filters);
        reconciled = await reconcile(deps, scan, client, scan.state.time);
    }
    else
        reconciled.result.figures = 'not run: the record has no checkpoint';
    const attested = await attestations(deps, lines);
    const checks = [layout, ledger, coverage, history, reconciled.result, attested];
    const problems = checks.flatMap((check) => check.problems);
    const count = checks.reduce((sum, check) => sum + check.count, 0);
    logProblems(reporter, checks);
    const outputs = {
        ...(0,src_outputs/* emptyOutputs */.q_)(),
        verified: String(count === 0),
        'problems-count': String(count),
        'missing-count': String(reconciled.missing),
        problems: JSON.stringify(problems.slice(0, MAX_PROBLEMS_OUTPUT).map((problem) => ({ ...problem }))),
        requests: String(client?.stats.requests ?? 0),
        retries: String(client?.stats.retries ?? 0),
        checkpoint: scan.state ? (0,time/* formatTime */.fU)(scan.state.time) : ''
    };
    const summary = renderVerifySummary({
        record: source.name,
        checks,
        missing: reconciled.missing,
        elapsedMs: clock.now() - deps.startedAt,
        requests: client?.stats.requests ?? 0
    });
    const failed = checks.filter((check) => !check.passed).map((check) => `${check.name} ${check.count}`);
    const failure = count
        ? `The record in ${source.name} did not verify: ${count} problem(s) (${failed.join(', ')}). The first: ${problems[0]?.where}: ${problems[0]?.message}. The job summary lists them by check.`
        : undefined;
    if (!failure)
        reporter.info(`Verified: ${source.name} passed every check.`);
    return { outputs, summary, failure };
}
/** Check 6: the ledger's lines against their attestations (read only when a line was attested, or attest: true asks for them). */
async function attestations(deps, lines) {
    const { inputs, env, reporter } = deps;
    // nothing to read: the check says why it did not run, and nothing is loaded for it
    const skipped = attestationsNotRun(lines, inputs.attest);
    if (skipped)
        return skipped;
    if (!inputs.repository) {
        const result = new verify_problems/* CheckResult */.KP('attestations');
        result.add((0,attestation/* ledgerPath */.tf)(inputs.path), 'attestations are to be checked (attest: true, or lines marked attested), but no repository was given to read them from: set repository (owner/name)');
        return result;
    }
    const { owner, repo } = inputs.repository;
    const { bundleCheck, githubLookup, sigstoreTrustedRoots } = await Promise.all(/* import() */[__webpack_require__.e(101), __webpack_require__.e(81), __webpack_require__.e(399)]).then(__webpack_require__.bind(__webpack_require__, 52399));
    reporter.startGroup('Reading the attestations');
    const roots = await (deps.trustedRoots ?? (() => sigstoreTrustedRoots((0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'cursor-audit-logs-tuf'))))();
    const result = await attestationCheck({
        lines,
        path: inputs.path,
        required: inputs.attest,
        repository: `${owner}/${repo}`,
        lookup: githubLookup(await githubClient(deps), owner, repo),
        verify: bundleCheck(roots, `${owner}/${repo}`, env.GITHUB_SERVER_URL || 'https://github.com')
    });
    reporter.info(`Attestations: ${result.figures}.`);
    reporter.endGroup();
    return result;
}
/** Check 5: the last verify-days up to the record's checkpoint, fetched again and set against it. */
async function reconcile(deps, scan, client, checkpoint) {
    const env_1 = { stack: [], error: void 0, hasError: false };
    try {
        const { inputs, reporter, clock } = deps;
        // Within what Cursor keeps (a start at its limit would only be moved, and warned about as a gap).
        const oldest = deps.startedAt - retention/* RETENTION_MS */.wq + retention/* RETENTION_MARGIN_MS */.to + retention/* RETENTION_MARGIN_MS */.to;
        const from = Math.max(checkpoint - inputs.verifyDays * time/* DAY */.d_, oldest);
        reporter.info(`Reconciling ${(0,time/* formatTime */.fU)(from)} → ${(0,time/* formatTime */.fU)(checkpoint)} (the checkpoint) with the API.`);
        const spool = __addDisposableResource(env_1, new src_spool/* EventSpool */.o(deps.env.RUNNER_TEMP || undefined, { start: from, end: checkpoint }), false);
        const outcome = await (0,sync/* fetchWindows */.B)({
            client,
            spool,
            windows: (0,windows/* splitWindows */.E)(from, checkpoint, inputs.windowDays * time/* DAY */.d_),
            reporter,
            clock,
            startedAt: deps.startedAt,
            timeBudgetMs: inputs.timeBudgetMs,
            requestsPerMinute: inputs.requestsPerMinute,
            signal: deps.signal
        });
        const fetchedFrom = outcome.windows[0]?.start ?? checkpoint;
        const notes = outcome.gaps.map((gap) => `Cursor no longer serves ${(0,time/* formatTime */.fU)(gap.start)} → ${(0,time/* formatTime */.fU)(gap.end)}: not reconciled.`);
        if (from > checkpoint - inputs.verifyDays * time/* DAY */.d_ + time/* HOUR */.dp)
            notes.unshift(`Reconciled from ${(0,time/* formatTime */.fU)(from)}: Cursor keeps about 30 days.`);
        const reconciled = reconcileCheck({
            served: spool,
            keys: scan.keys,
            recent: scan.recent,
            from: fetchedFrom,
            to: outcome.completedEnd ?? fetchedFrom,
            path: inputs.path,
            shortBy: notes.join(' ') || undefined
        });
        if (outcome.failure || outcome.stoppedByBudget) {
            const why = outcome.failure ? (0,errors/* errorMessage */.gJ)(outcome.failure) : 'the time budget ended';
            reconciled.result.add(inputs.path, `the API could not be read again up to ${(0,time/* formatTime */.fU)(checkpoint)} (${why}): the rest was not reconciled`);
        }
        return reconciled;
    }
    catch (e_1) {
        env_1.error = e_1;
        env_1.hasError = true;
    }
    finally {
        __disposeResources(env_1);
    }
}
/** Every problem kept, in the log (grouped by check); the summary shows the first of each. */
function logProblems(reporter, checks) {
    for (const check of checks) {
        if (check.passed)
            continue;
        reporter.startGroup(`${check.name}: ${check.count} problem(s)`);
        for (const problem of check.problems)
            reporter.info(`${problem.where}: ${problem.message}`);
        if (check.count > check.problems.length)
            reporter.info(`…and ${check.count - check.problems.length} more.`);
        reporter.endGroup();
    }
}


/***/ })

};
