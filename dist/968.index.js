export const id = 968;
export const ids = [968];
export const modules = {

/***/ 23087:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ changeFromContents),
/* harmony export */   L: () => (/* binding */ changeFromPatch)
/* harmony export */ });
/* harmony import */ var _merge_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(19107);
// A file's change read from a unified diff (git's `-p`, or the `patch` GitHub gives for a file of a
// commit), or worked out from the file's bytes before and after when there is no patch. Pure.

const HUNK = /^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@/;
/** The lines a patch takes out (numbered in the old file) and puts in. */
function changeFromPatch(file, patch) {
    const change = { file, removed: [], added: [] };
    let old = 0;
    for (const line of patch.split('\n')) {
        const hunk = HUNK.exec(line);
        if (hunk)
            old = Number(hunk[1]);
        else if (line.startsWith('-'))
            change.removed.push({ line: old++, text: line.slice(1) });
        else if (line.startsWith('+'))
            change.added.push(line.slice(1));
        else if (line.startsWith(' '))
            old++;
        // "\ No newline at end of file", and the empty string after the last newline, are not lines
    }
    return change;
}
/** The same from the bytes before and after: lines of the old file the new one lacks, and the new file's lines the old lacks. */
function changeFromContents(file, before, after) {
    const oldLines = before ? (0,_merge_js__WEBPACK_IMPORTED_MODULE_0__/* .splitLineBytes */ .qW)(before).map((line) => line.toString('latin1')) : [];
    const newLines = after ? (0,_merge_js__WEBPACK_IMPORTED_MODULE_0__/* .splitLineBytes */ .qW)(after).map((line) => line.toString('latin1')) : [];
    const count = (lines) => {
        const counts = new Map();
        for (const line of lines)
            counts.set(line, (counts.get(line) ?? 0) + 1);
        return counts;
    };
    const inNew = count(newLines);
    const inOld = count(oldLines);
    const removed = [];
    oldLines.forEach((text, index) => {
        const left = inNew.get(text) ?? 0;
        if (left > 0)
            inNew.set(text, left - 1);
        else
            removed.push({ line: index + 1, text: Buffer.from(text, 'latin1').toString('utf8') });
    });
    const added = newLines.filter((text) => {
        const left = inOld.get(text) ?? 0;
        if (left > 0)
            inOld.set(text, left - 1);
        return left === 0;
    });
    return { file, removed, added: added.map((text) => Buffer.from(text, 'latin1').toString('utf8')) };
}


/***/ }),

/***/ 73968:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WorkspaceRecord: () => (/* binding */ WorkspaceRecord)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_readline__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(80481);
/* harmony import */ var node_readline__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_readline__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(57975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(83916);
/* harmony import */ var _history_check_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(77516);
/* harmony import */ var _unified_diff_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(23087);
// The workspace as `mode: verify` reads it: the files under `$GITHUB_WORKSPACE/{path}`, and when it
// is a git checkout, its history (`git log -p`, read as it streams: no API calls, any length). A
// shallow clone cannot show its history: that is said, and fails the check.








const run = (0,node_util__WEBPACK_IMPORTED_MODULE_4__.promisify)(node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile);
class WorkspaceRecord {
    name;
    root;
    path;
    constructor(workspaceRoot, path) {
        this.root = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(workspaceRoot);
        this.path = path;
        this.name = `the workspace (${path})`;
    }
    async scan(scan) {
        const base = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, this.path);
        let entries;
        try {
            entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(base, { withFileTypes: true, recursive: true });
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return;
            throw error;
        }
        const files = [];
        for (const entry of entries) {
            const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(base, (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(entry.parentPath, entry.name)).split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).join('/');
            if (entry.isFile())
                files.push(file);
            else if (!entry.isDirectory())
                scan.notAFile(file, entry.isSymbolicLink() ? 'a symbolic link' : 'neither a file nor a folder');
        }
        for (const file of files.sort())
            scan.addFile(file, await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(base, file)));
    }
    async history(_ledger) {
        const none = (why) => ({ reachable: new Set(), commits: [], unread: 0, cost: 'none', ...why });
        const git = (args) => run('git', ['-C', this.root, ...args], { maxBuffer: 1 << 30 }).then((out) => out.stdout.trim());
        let top;
        try {
            top = await git(['rev-parse', '--show-toplevel']);
        }
        catch {
            return none({
                skipped: `the workspace is not a git checkout, so there is no history to check (check the branch out with actions/checkout and fetch-depth: 0 to check it)`
            });
        }
        if ((await git(['rev-parse', '--is-shallow-repository'])) === 'true') {
            return none({
                unavailable: `the workspace is a shallow clone, so its history cannot be checked: check the branch out with actions/checkout and fetch-depth: 0`
            });
        }
        const where = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(top, (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, this.path)).split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).join('/');
        const reachable = new Set((await git(['rev-list', 'HEAD'])).split('\n').filter(Boolean));
        const commits = await this.changes(top, where);
        return { reachable, commits, unread: 0, cost: 'git history, no API calls' };
    }
    /** Every commit that touched `path`, newest first, each reduced as it streams by. */
    async changes(top, where) {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('git', [
            '-C',
            top,
            '-c',
            'core.quotePath=false',
            'log',
            '--format=%x01%H %P',
            '-p',
            '-U0',
            '--no-renames',
            '--no-color',
            '--no-ext-diff',
            '--diff-merges=first-parent',
            'HEAD',
            '--',
            where
        ], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
        const exited = new Promise((done) => child.on('close', (code) => done(code ?? 1)));
        const parser = new LogParser(`${where}/`);
        for await (const line of (0,node_readline__WEBPACK_IMPORTED_MODULE_3__.createInterface)({ input: child.stdout, crlfDelay: Infinity }))
            parser.line(line);
        if ((await exited) !== 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ActionError */ .lZ(`Could not read the history of ${top} with git log (${stderr.trim()}): check that the workspace is a checkout git can read, or verify the branch through the API (destination: branch).`);
        return parser.end();
    }
}
/** `git log -p` read line by line: commits, their files, and each file's hunks. */
class LogParser {
    prefix;
    commits = [];
    commit;
    file;
    constructor(prefix) {
        this.prefix = prefix;
    }
    line(text) {
        if (text.startsWith('\u0001')) {
            this.endCommit();
            const [sha, ...parents] = text.slice(1).split(' ').filter(Boolean);
            this.commit = { sha, parents, files: [] };
        }
        else if (text.startsWith('diff --git ')) {
            this.endFile();
            this.file = { name: '', header: true, patch: [] };
        }
        else if (this.file?.header) {
            if (text.startsWith('@@')) {
                this.file.header = false;
                this.file.patch.push(text);
            }
            else if (text.startsWith('--- a/') || text.startsWith('+++ b/'))
                this.file.name = text.slice(6);
        }
        else if (this.file)
            this.file.patch.push(text);
    }
    endFile() {
        const file = this.file;
        this.file = undefined;
        if (!file || !this.commit || !file.name.startsWith(this.prefix))
            return;
        this.commit.files.push((0,_unified_diff_js__WEBPACK_IMPORTED_MODULE_7__/* .changeFromPatch */ .L)(file.name.slice(this.prefix.length), file.patch.join('\n')));
    }
    endCommit() {
        this.endFile();
        if (this.commit)
            this.commits.push((0,_history_check_js__WEBPACK_IMPORTED_MODULE_6__/* .commitChanges */ .P)(this.commit.sha, this.commit.parents, this.commit.files));
        this.commit = undefined;
    }
    end() {
        this.endCommit();
        return this.commits;
    }
}


/***/ })

};
