export const id = 805;
export const ids = [805,248];
export const modules = {

/***/ 28805:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ RepositoryReader)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _events_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(15694);
/* harmony import */ var _github_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(69248);
/* harmony import */ var _lines_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(29488);
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(58730);
// Reading a repository through the GitHub REST API (Git data API), no checkout: a branch's head,
// the files under `path` at a commit, what one commit holds beyond another. Anything under `path`
// that is not a plain file or folder (a symbolic link, a submodule) is refused, naming it.





class RepositoryReader {
    repoName;
    options;
    constructor(options) {
        this.options = options;
        this.repoName = `${options.owner}/${options.repo}`;
    }
    /** An error a user can act on, for a request about the branch (it needs `contents: write`). */
    explain(error, what) {
        return (0,_github_js__WEBPACK_IMPORTED_MODULE_2__.explainGitHubError)(error, what, this.repoName, 'contents: write');
    }
    async head(branch = this.options.branch) {
        try {
            const { data } = await this.options.github.rest.git.getRef({ owner: this.options.owner, repo: this.options.repo, ref: `heads/${branch}` });
            return { kind: 'commit', sha: data.object.sha };
        }
        catch (error) {
            const { status, message } = (0,_github_js__WEBPACK_IMPORTED_MODULE_2__.githubFailure)(error);
            if (status === 404)
                return { kind: 'missing' };
            if (status === 409 && /empty/i.test(message))
                return { kind: 'empty-repository' };
            throw this.explain(error, `reading branch ${branch}`);
        }
    }
    /** A refusal of an entry that is not a plain file, naming it. */
    notAFile(file, what, branch = this.options.branch) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .NotAPlainFileError */ .JW(`${file} on branch ${branch} of ${this.repoName} is ${what}, not a plain file: the action reads and writes only plain files and folders under ${this.options.path}, so it stops here. Replace it with a plain file (or remove it) on the branch, then run again.`);
    }
    /**
     * The bytes of a file at a commit (or branch), or undefined when it does not exist. Read as
     * base64, so a line that is not UTF-8 comes back as it is; a symbolic link, a submodule or a
     * folder where a file should be is refused.
     */
    async readBytes(ref, file) {
        const { owner, repo } = this.options;
        let data;
        try {
            data = (await this.options.github.rest.repos.getContent({ owner, repo, path: file, ref })).data;
        }
        catch (error) {
            if ((0,_github_js__WEBPACK_IMPORTED_MODULE_2__.githubFailure)(error).status === 404)
                return undefined;
            throw this.explain(error, `reading ${file} at ${ref.slice(0, 12)}`);
        }
        if (Array.isArray(data))
            throw this.notAFile(file, 'a folder');
        const entry = data;
        if (entry.type === 'symlink')
            throw this.notAFile(file, `a symbolic link (mode 120000)${entry.target ? ` to ${entry.target}` : ''}`);
        if (entry.type === 'submodule')
            throw this.notAFile(file, 'a submodule (mode 160000)');
        if (entry.type !== 'file')
            throw this.notAFile(file, `an entry of type ${String(entry.type)}`);
        if (entry.encoding === 'base64' && typeof entry.content === 'string')
            return Buffer.from(entry.content, 'base64');
        // Past 1 MB the contents API leaves the content out: the blob API gives it, as base64.
        try {
            const blob = await this.options.github.rest.git.getBlob({ owner, repo, file_sha: entry.sha });
            return Buffer.from(blob.data.content, blob.data.encoding === 'base64' ? 'base64' : 'utf8');
        }
        catch (error) {
            throw this.explain(error, `reading ${file} at ${ref.slice(0, 12)}`);
        }
    }
    /** A file at a commit as text, or undefined when it does not exist. */
    async readFile(ref, file) {
        return (await this.readBytes(ref, file))?.toString('utf8');
    }
    /** How `head` stands to `base` (compare: ahead, behind, diverged or identical). */
    async relation(base, head) {
        try {
            const { data } = await this.options.github.rest.repos.compareCommitsWithBasehead({
                owner: this.options.owner,
                repo: this.options.repo,
                basehead: `${base}...${head}`,
                per_page: 1
            });
            return data.status;
        }
        catch (error) {
            throw this.explain(error, `comparing branch ${this.options.branch} with ${base.slice(0, 7)}`);
        }
    }
    /**
     * The event files under `path` whose blob at `head` differs from the one at `base`, relative to
     * `path` (`baseName` names the base in a refusal).
     */
    async filesBeyond(head, base, baseName = this.options.branch) {
        const [mine, theirs] = await Promise.all([
            this.treeOf(head).then((tree) => this.blobsUnder(tree)),
            this.treeOf(base).then((tree) => this.blobsUnder(tree, baseName))
        ]);
        const prefix = `${this.options.path}/`;
        const out = new Map();
        for (const [file, sha] of mine) {
            if (!file.endsWith('.jsonl') || file === `${prefix}${_ledger_js__WEBPACK_IMPORTED_MODULE_3__/* .LEDGER_FILE */ .th}` || theirs.get(file) === sha)
                continue;
            out.set(file.slice(prefix.length), { head: sha, base: theirs.get(file) });
        }
        return out;
    }
    /** The events of a file at the branch's head whose lines the other side's copy lacks. */
    async eventsBeyond(blobs, file) {
        const before = blobs.base === undefined ? undefined : new Set((0,_lines_js__WEBPACK_IMPORTED_MODULE_4__/* .splitLines */ .u)((await this.readBlob(blobs.base, file)).toString('utf8')));
        const events = [];
        for (const line of (0,_lines_js__WEBPACK_IMPORTED_MODULE_4__/* .splitLines */ .u)((await this.readBlob(blobs.head, file)).toString('utf8'))) {
            if (before?.has(line))
                continue;
            try {
                events.push((0,_events_js__WEBPACK_IMPORTED_MODULE_1__/* .toEvent */ .IZ)(line));
            }
            catch {
                // a line that is not an event stays in the branch's history; only events are carried over
            }
        }
        return events;
    }
    /** The files under `path` in a tree (see blobsUnder). */
    async listFiles(rootTree) {
        return new Set((await this.blobsUnder(rootTree)).keys());
    }
    /**
     * The plain files under `path` in a tree, by path (`path/...`), with their blob SHA: one request
     * per folder of `path`, then one recursive listing of everything below it. When GitHub cuts that
     * listing short (`truncated`, past 100,000 entries or 7 MB), the folders below are listed one at a
     * time, as GitHub's documentation of "get a tree" says to. A symbolic link, a submodule or any
     * entry that is not a plain file or a folder is refused, naming it.
     */
    async blobsUnder(rootTree, branch = this.options.branch) {
        const { owner, repo } = this.options;
        const git = this.options.github.rest.git;
        const files = new Map();
        let refused;
        let cutShort;
        /** Adds a listing's plain files; false (and `refused` set) at the first other entry. */
        const take = (entries, prefix, folders) => {
            for (const entry of entries) {
                const where = `${prefix}/${entry.path}`;
                if (entry.type === 'tree' && entry.sha)
                    folders?.push({ path: where, sha: entry.sha });
                else if (entry.type === 'blob' && (entry.mode === '100644' || entry.mode === '100755') && entry.sha)
                    files.set(where, entry.sha);
                else if (entry.type !== 'tree') {
                    refused = { path: where, mode: entry.mode };
                    return false;
                }
            }
            return true;
        };
        try {
            let tree = rootTree;
            let where = '';
            for (const segment of this.options.path.split('/')) {
                where = where ? `${where}/${segment}` : segment;
                const entry = (await git.getTree({ owner, repo, tree_sha: tree })).data.tree.find((listed) => listed.path === segment);
                if (!entry?.sha)
                    return files;
                if (entry.type !== 'tree') {
                    refused = { path: where, mode: entry.mode };
                    break;
                }
                tree = entry.sha;
            }
            if (!refused) {
                const { data } = await git.getTree({ owner, repo, tree_sha: tree, recursive: 'true' });
                if (take(data.tree, this.options.path) && data.truncated) {
                    files.clear();
                    this.options.log.debug(`GitHub cut the listing of ${this.options.path} on ${branch} short: listing its folders one at a time.`);
                    const folders = [{ path: this.options.path, sha: tree }];
                    for (let folder = folders.pop(); folder && !refused; folder = folders.pop()) {
                        const listed = (await git.getTree({ owner, repo, tree_sha: folder.sha })).data;
                        if (listed.truncated) {
                            cutShort = folder.path;
                            break;
                        }
                        take(listed.tree, folder.path, folders);
                    }
                }
                if (!refused && !cutShort)
                    return files;
            }
        }
        catch (error) {
            throw this.explain(error, `listing ${this.options.path} on branch ${branch}`);
        }
        if (cutShort) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`GitHub cut even the one-folder listing of ${cutShort} on branch ${branch} of ${this.repoName} short: the folder holds too many entries for the API to list. Move files out of it, then run again.`);
        }
        // set inside `take`, which the compiler does not follow
        const odd = refused;
        if (!odd)
            return files;
        const what = odd.mode === '120000' ? 'a symbolic link (mode 120000)' : odd.mode === '160000' ? 'a submodule (mode 160000)' : `an entry of mode ${odd.mode}`;
        throw this.notAFile(odd.path, what, branch);
    }
    /** The bytes of a blob, by its SHA. */
    async readBlob(sha, file) {
        const { owner, repo } = this.options;
        try {
            const { data } = await this.options.github.rest.git.getBlob({ owner, repo, file_sha: sha });
            return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
        }
        catch (error) {
            throw this.explain(error, `reading ${file} (blob ${sha.slice(0, 12)})`);
        }
    }
    /** The root tree of a commit. */
    async treeOf(commit) {
        try {
            return (await this.options.github.rest.git.getCommit({ owner: this.options.owner, repo: this.options.repo, commit_sha: commit })).data.tree.sha;
        }
        catch (error) {
            throw this.explain(error, `reading commit ${commit.slice(0, 7)}`);
        }
    }
}


/***/ }),

/***/ 69248:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createGitHubClient: () => (/* binding */ createGitHubClient),
/* harmony export */   explainGitHubError: () => (/* binding */ explainGitHubError),
/* harmony export */   githubFailure: () => (/* binding */ githubFailure)
/* harmony export */ });
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(49735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(86856);
/* harmony import */ var _octokit_rest__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(11303);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
// The GitHub REST client for the branch and pull-request destinations: GITHUB_API_URL honoured,
// secondary rate limits and transient errors retried, every call counted, errors made actionable.




const GitHub = _octokit_rest__WEBPACK_IMPORTED_MODULE_1__/* .Octokit */ .E.plugin(_octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__/* .throttling */ .A);
function createGitHubClient(options) {
    let calls = 0;
    const octokit = new GitHub({
        auth: options.token,
        baseUrl: (options.baseUrl || 'https://api.github.com').replace(/\/+$/, ''),
        userAgent: 'cursor-audit-logs-action',
        log: { debug: () => { }, info: () => { }, warn: (message) => options.log.debug(message), error: (message) => options.log.debug(message) },
        throttle: {
            ...options.throttle,
            onRateLimit: (after, request, _octokit, count) => {
                options.log.warning(`GitHub rate limit reached for ${request.method} ${request.url}; retrying in ${after}s.`);
                return count < 2;
            },
            onSecondaryRateLimit: (after, request, _octokit, count) => {
                options.log.warning(`GitHub secondary rate limit for ${request.method} ${request.url}; retrying in ${after}s.`);
                return count < 2;
            }
        },
        retry: { doNotRetry: [400, 401, 403, 404, 409, 422, 451] }
    });
    octokit.hook.before('request', (request) => {
        calls++;
        options.log.debug(`GitHub API call ${calls}: ${request.method} ${request.url}`);
    });
    return Object.assign(octokit, { calls: () => calls });
}
/** Status and GitHub's own message of a failed call. */
function githubFailure(error) {
    const failure = error;
    const data = failure?.response?.data;
    const details = (data?.errors ?? []).map((detail) => detail?.message).filter(Boolean);
    const message = [data?.message ?? failure?.message ?? String(error), ...details].join(' ').replace(/\s+/g, ' ').trim();
    return { status: failure?.status, message };
}
/** An error a user can act on: what failed, on which repository, and the permission it needs. */
function explainGitHubError(error, what, repo, permission) {
    const { status, message } = githubFailure(error);
    let help;
    if (status === 401)
        help = 'the token is invalid or expired: check github-token.';
    else if (status === 403)
        help = `the token may not do this: give the job \`permissions: ${permission}\` (or use a token that has it).`;
    else if (status === 404)
        help = `the repository does not exist or the token cannot see it: check repository and that github-token has ${permission} on it.`;
    else
        help = 'see GitHub’s message above.';
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GitHubError */ .y_(`GitHub answered ${status ?? 'an error'} to ${what} on ${repo}: ${message}. ${help}`, status);
}


/***/ }),

/***/ 86856:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ throttling)
/* harmony export */ });
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(63251);
// pkg/dist-src/index.js


// pkg/dist-src/version.js
var VERSION = "0.0.0-development";

// pkg/dist-src/wrap-request.js
var noop = () => Promise.resolve();
function wrapRequest(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
async function doRequest(state, request, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}

// pkg/dist-src/generated/triggers-notification-paths.js
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];

// pkg/dist-src/route-matcher.js
function routeMatcher(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}

// pkg/dist-src/index.js
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck, common) {
  groups.global = new Bottleneck.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck = bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0__,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck();
    const events = {};
    const emitter = new Bottleneck.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request, options) => {
    initializeBottleneck();
    return wrapRequest(state, request, options);
  });
  return {};
}
throttling.VERSION = VERSION;
throttling.triggersNotification = triggersNotification;



/***/ }),

/***/ 11303:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  E: () => (/* binding */ Octokit)
});

// EXTERNAL MODULE: ./node_modules/@octokit/core/dist-src/index.js + 12 modules
var dist_src = __webpack_require__(14730);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-request-log/dist-src/index.js + 1 modules
var plugin_request_log_dist_src = __webpack_require__(55077);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-paginate-rest/dist-bundle/index.js
var dist_bundle = __webpack_require__(93779);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/index.js + 3 modules
var plugin_rest_endpoint_methods_dist_src = __webpack_require__(49210);
;// CONCATENATED MODULE: ./node_modules/@octokit/rest/dist-src/version.js
const VERSION = "22.0.1";


;// CONCATENATED MODULE: ./node_modules/@octokit/rest/dist-src/index.js





const Octokit = dist_src/* Octokit */.E.plugin(plugin_request_log_dist_src/* requestLog */.M, plugin_rest_endpoint_methods_dist_src/* legacyRestEndpointMethods */.T, dist_bundle/* paginateRest */.ud).defaults(
  {
    userAgent: `octokit-rest.js/${VERSION}`
  }
);



/***/ })

};
