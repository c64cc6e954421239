export const id = 139;
export const ids = [139];
export const modules = {

/***/ 95139:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BranchRecord: () => (/* binding */ BranchRecord)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _destinations_repository_reader_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(28805);
/* harmony import */ var _history_check_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(77516);
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(12169);
/* harmony import */ var _unified_diff_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(23087);
// The branch as `mode: verify` reads it, through the GitHub REST API (no checkout): the files under
// `path` at the head, and the history since the first ledger line. The history costs one call per
// hundred commits listed and one per commit read (its files and their patches); commits past
// `verify-max-commits` are left unread, which the check reports.





/** GitHub lists at most 300 files a page of a commit. */
const FILES_PER_PAGE = 300;
class BranchRecord {
    name;
    options;
    reader;
    head;
    constructor(options) {
        this.options = options;
        this.reader = new _destinations_repository_reader_js__WEBPACK_IMPORTED_MODULE_1__/* .RepositoryReader */ .E({ ...options });
        this.name = `branch ${options.branch} of ${options.owner}/${options.repo}`;
    }
    async scan(scan) {
        const head = await this.reader.head();
        if (head.kind !== 'commit') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`There is nothing to verify: ${this.name} does not exist. Check the branch and repository inputs.`);
        }
        this.head = head.sha;
        let blobs;
        try {
            blobs = await this.reader.blobsUnder(await this.reader.treeOf(head.sha));
        }
        catch (error) {
            if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .NotAPlainFileError */ .JW))
                throw error;
            scan.notAFile(this.options.path, `holding an entry that is not a plain file (${error.message})`);
            return;
        }
        const prefix = `${this.options.path}/`;
        let done = 0;
        for (const [file, sha] of [...blobs].sort(([a], [b]) => (a < b ? -1 : 1))) {
            scan.addFile(file.slice(prefix.length), await this.reader.readBlob(sha, file));
            if (++done % 50 === 0)
                this.options.log.info(`Read ${done} of ${blobs.size} files.`);
        }
    }
    async history(ledger) {
        const { github, owner, repo, maxCommits } = this.options;
        const before = github.calls();
        const head = this.head ?? (await this.reader.head()).sha;
        const listed = [];
        try {
            for await (const page of github.paginate.iterator(github.rest.repos.listCommits, { owner, repo, sha: head, per_page: 100 })) {
                for (const commit of page.data)
                    listed.push({ sha: commit.sha, parents: commit.parents.map((parent) => parent.sha) });
            }
        }
        catch (error) {
            throw this.reader.explain(error, `listing the commits of branch ${this.options.branch}`);
        }
        // Since the first ledger line: the commits after the one it was written on top of.
        const firstBase = ledger.find((read) => read.line)?.line?.base ?? '';
        const cut = firstBase ? listed.findIndex((commit) => commit.sha === firstBase) : -1;
        const since = cut === -1 ? listed : listed.slice(0, cut);
        const toRead = since.slice(0, maxCommits);
        const commits = [];
        for (const commit of toRead) {
            commits.push(await this.commitChanges(commit.sha, commit.parents));
            if (commits.length % 100 === 0)
                this.options.log.info(`Read ${commits.length} of ${toRead.length} commits.`);
        }
        return {
            reachable: new Set(listed.map((commit) => commit.sha)),
            commits,
            unread: since.length - toRead.length,
            cost: `${(0,_problems_js__WEBPACK_IMPORTED_MODULE_4__/* .figure */ .vP)(github.calls() - before)} GitHub API calls`,
            unreadHelp: `verify-max-commits is ${maxCommits}; raise it (each commit costs one GitHub API call), or verify a checkout with fetch-depth: 0 (destination: workspace), which reads the history without API calls`
        };
    }
    /** One commit's changes under `path`, from its patches (or, where GitHub leaves a patch out, its files' bytes). */
    async commitChanges(sha, parents) {
        const { github, owner, repo, path } = this.options;
        const files = [];
        for (let page = 1;; page++) {
            let listed;
            try {
                listed = ((await github.rest.repos.getCommit({ owner, repo, ref: sha, per_page: FILES_PER_PAGE, page })).data.files ?? []);
            }
            catch (error) {
                throw this.reader.explain(error, `reading commit ${sha.slice(0, 12)}`);
            }
            files.push(...listed);
            if (listed.length < FILES_PER_PAGE)
                break;
        }
        const prefix = `${path}/`;
        const changes = [];
        for (const file of files) {
            if (file.status === 'renamed' && file.previous_filename?.startsWith(prefix)) {
                changes.push((0,_unified_diff_js__WEBPACK_IMPORTED_MODULE_3__/* .changeFromContents */ .$)(file.previous_filename.slice(prefix.length), await this.before(parents, file.previous_filename), undefined));
            }
            if (!file.filename.startsWith(prefix))
                continue;
            const name = file.filename.slice(prefix.length);
            if (file.patch !== undefined && file.status !== 'renamed')
                changes.push((0,_unified_diff_js__WEBPACK_IMPORTED_MODULE_3__/* .changeFromPatch */ .L)(name, file.patch));
            else {
                const after = file.status === 'removed' || !file.sha ? undefined : await this.reader.readBlob(file.sha, file.filename);
                changes.push((0,_unified_diff_js__WEBPACK_IMPORTED_MODULE_3__/* .changeFromContents */ .$)(name, file.status === 'added' ? undefined : await this.before(parents, file.filename), after));
            }
        }
        return (0,_history_check_js__WEBPACK_IMPORTED_MODULE_2__/* .commitChanges */ .P)(sha, parents, changes);
    }
    /** A file as the commit's first parent holds it. */
    async before(parents, file) {
        return parents.length ? this.reader.readBytes(parents[0], file) : undefined;
    }
}


/***/ }),

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


/***/ })

};
