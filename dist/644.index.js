export const id = 644;
export const ids = [644];
export const modules = {

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
