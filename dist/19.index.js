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
// The artifact destination: this run's new events in the contract's layout, plus state.json,
// uploaded with @actions/artifact.







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
                const all = request.events.read(relative);
                const events = request.newKeys ? all.filter((e) => request.newKeys.has(e.key)) : all;
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
// The workspace destination: files under $GITHUB_WORKSPACE/{path}, merged with what is there.





const TEMP_SUFFIX = '.partial';
/**
 * Writes a file so that a killed run leaves either the old or the new content, never a part:
 * a temporary file beside it, renamed over it. Content in pieces is written piece by piece.
 */
async function writeAtomic(file, content) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(file), { recursive: true });
    const temp = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(file), `.${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}${TEMP_SUFFIX}`);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(temp, typeof content === 'string' ? content : node_stream__WEBPACK_IMPORTED_MODULE_2__.Readable.from(content, { objectMode: false }));
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(temp, file);
}
async function readIfExists(file) {
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
}
/** Removes the temporary files a killed run may have left anywhere under the layout. */
async function removeLeftovers(dir) {
    let entries;
    try {
        entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir, { withFileTypes: true, recursive: true });
    }
    catch {
        return;
    }
    const leftovers = entries.filter((e) => e.isFile() && e.name.startsWith('.') && e.name.endsWith(TEMP_SUFFIX));
    await Promise.all(leftovers.map((e) => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(e.parentPath, e.name), { force: true })));
}
class WorkspaceDestination {
    name = 'workspace';
    root;
    path;
    constructor(workspaceRoot, path) {
        this.root = workspaceRoot;
        this.path = path;
    }
    file(relative) {
        return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(this.root, this.path, relative);
    }
    async readCheckpoint() {
        const text = await readIfExists(this.file(_state_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_FILE */ .bv));
        if (text === undefined)
            return undefined;
        return (0,_state_js__WEBPACK_IMPORTED_MODULE_4__/* .parseState */ .Bu)(text, `${this.path}/${_state_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_FILE */ .bv} in the workspace`);
    }
    async store(request) {
        const added = request.tally();
        const files = [];
        await removeLeftovers((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(this.root, this.path));
        for (const relative of request.events.files()) {
            const file = this.file(relative);
            const merged = (0,_merge_js__WEBPACK_IMPORTED_MODULE_3__/* .mergeIntoFile */ .nQ)(await readIfExists(file), request.events.read(relative));
            if (merged.added.length === 0)
                continue;
            await writeAtomic(file, merged.chunks());
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
