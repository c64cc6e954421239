export const id = 19;
export const ids = [19,644];
export const modules = {

/***/ 89019:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ArtifactDestination: () => (/* binding */ ArtifactDestination)
/* harmony export */ });
/* unused harmony export explainArtifactError */
/* harmony import */ var _actions_artifact__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(62037);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _merge_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(19107);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2462);
/* harmony import */ var _workspace_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4644);
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
    return Object.assign(new Error(`Uploading the artifact "${name}" failed: ${message}. ${help}`), { name: 'ArtifactError' });
}
class ArtifactDestination {
    name = 'artifact';
    keepsRecord = false;
    o;
    constructor(o) {
        this.o = o;
    }
    async readCheckpoint() {
        return undefined; // an artifact is write-only: the cache holds its checkpoint
    }
    async store(request) {
        const root = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.o.env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)(), 'cursor-audit-logs-artifact-'));
        try {
            const files = [];
            const added = request.tally();
            for (const relative of request.events.files()) {
                const events = request.events.read(relative);
                if (events.length === 0)
                    continue;
                const merged = (0,_merge_js__WEBPACK_IMPORTED_MODULE_4__/* .mergeIntoFile */ .nQ)(undefined, events);
                await (0,_workspace_js__WEBPACK_IMPORTED_MODULE_6__/* .writeAtomic */ .v)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, this.o.path, relative), merged.chunks());
                added.add(merged.added);
                files.push(`${this.o.path}/${relative}`);
            }
            if (request.state)
                await (0,_workspace_js__WEBPACK_IMPORTED_MODULE_6__/* .writeAtomic */ .v)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, this.o.path, _state_js__WEBPACK_IMPORTED_MODULE_5__/* .STATE_FILE */ .bv), (0,_state_js__WEBPACK_IMPORTED_MODULE_5__/* .serializeState */ .sU)(request.state));
            const upload = [...files, ...(request.state ? [`${this.o.path}/${_state_js__WEBPACK_IMPORTED_MODULE_5__/* .STATE_FILE */ .bv}`] : [])].map((f) => (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, f));
            if (upload.length === 0)
                return { added, files, outputs: {}, links: [] };
            let id;
            try {
                const uploader = this.o.uploader ?? new _actions_artifact__WEBPACK_IMPORTED_MODULE_0__/* .DefaultArtifactClient */ .t9();
                const options = this.o.retentionDays ? { retentionDays: this.o.retentionDays } : {};
                id = (await uploader.uploadArtifact(this.o.name, upload, root, options)).id;
            }
            catch (error) {
                throw explainArtifactError(error, this.o.name);
            }
            const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = this.o.env;
            const links = id !== undefined && repo && run ? [{ label: `Artifact ${this.o.name}`, url: `${server}/${repo}/actions/runs/${run}/artifacts/${id}` }] : [];
            return { added, files, outputs: id !== undefined ? { 'artifact-id': String(id) } : {}, links };
        }
        finally {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(root, { recursive: true, force: true });
        }
    }
}


/***/ }),

/***/ 4644:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WorkspaceDestination: () => (/* binding */ WorkspaceDestination),
/* harmony export */   v: () => (/* binding */ writeAtomic)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _merge_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(19107);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2462);





const TEMP_SUFFIX = '.partial';
/**
 * Writes a file so that a killed run leaves either the old or the new content, never a part:
 * a temporary file beside it, renamed over it. Content in pieces is written piece by piece.
 */
async function writeAtomic(file, content) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(file), { recursive: true });
    const temp = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(file), `.${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}${TEMP_SUFFIX}`);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(temp, typeof content === 'string' || Buffer.isBuffer(content) ? content : node_stream__WEBPACK_IMPORTED_MODULE_2__.Readable.from(content, { objectMode: false }));
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(temp, file);
}
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
function kind(e) {
    if (e.isSymbolicLink())
        return 'a symbolic link';
    if (e.isFile())
        return 'a file';
    if (e.isDirectory())
        return 'a folder';
    return 'neither a file nor a folder (a socket, a device or a pipe)';
}
/** The day files (`YYYY/MM/YYYY-MM-DD.jsonl`) under a folder, relative to it. */
async function dayFilesUnder(dir) {
    const entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir, { withFileTypes: true, recursive: true });
    return entries
        .filter((e) => e.isFile() && /^\d{4}-\d{2}-\d{2}\.jsonl$/.test(e.name))
        .map((e) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(dir, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(e.parentPath, e.name)).split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/'))
        .sort();
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
        return Object.assign(new Error(`${entry} in the workspace is ${what}: the action reads and writes only plain files and folders under ${this.path}, and nothing outside ${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(this.root, this.path)}, so it stops here. Replace it with a plain file or folder (or remove it), then run again.`), { name: 'NotAPlainFile' });
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
        for (const e of entries) {
            if (!e.isFile() && !e.isDirectory())
                throw this.refuse((0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(this.root, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(e.parentPath, e.name)), kind(e));
        }
        const leftovers = entries.filter((e) => e.isFile() && e.name.startsWith('.') && e.name.endsWith(TEMP_SUFFIX));
        await Promise.all(leftovers.map((e) => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(e.parentPath, e.name), { force: true })));
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
        const files = [];
        await this.checkTree();
        const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(this.root, this.path);
        const layout = (0,_merge_js__WEBPACK_IMPORTED_MODULE_3__/* .mergeLayout */ .lY)({
            incoming: request.events.files(),
            read: (relative) => request.events.read(relative),
            stored: (relative) => readIfExists(this.file(relative)),
            storedDayFiles: async () => ((await this.checkPath()) ? await dayFilesUnder(dir) : [])
        });
        for await (const { file: relative, merged } of layout) {
            await writeAtomic(this.file(relative), merged.chunks());
            added.add(merged.added);
            files.push(`${this.path}/${relative}`);
        }
        // state.json last: it never claims more than the files hold.
        if (request.state)
            await writeAtomic(this.file(_state_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_FILE */ .bv), (0,_state_js__WEBPACK_IMPORTED_MODULE_4__/* .serializeState */ .sU)(request.state));
        return { added, files, outputs: {}, links: [] };
    }
}


/***/ })

};
