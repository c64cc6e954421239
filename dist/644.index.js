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
