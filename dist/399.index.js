export const id = 399;
export const ids = [399];
export const modules = {

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

/***/ 52399:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bundleCheck: () => (/* binding */ bundleCheck),
/* harmony export */   githubLookup: () => (/* binding */ githubLookup),
/* harmony export */   sigstoreTrustedRoots: () => (/* binding */ sigstoreTrustedRoots)
/* harmony export */ });
/* unused harmony export ACTIONS_ISSUER */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _sigstore_bundle__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61040);
/* harmony import */ var _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(19654);
/* harmony import */ var _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(_sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _sigstore_verify__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(54187);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(83916);
/* harmony import */ var _github_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(69248);
// The I/O of check 6: GitHub's listing of attestations by subject digest, and each bundle
// verified with `@sigstore/verify` against Sigstore's trusted roots: the signature, the
// certificate chain up to Fulcio's root, a Rekor entry (public-good instance) or a timestamp
// (GitHub's instance), and a signer that is a workflow of the record's repository.







/** The issuer of GitHub Actions' OIDC tokens, which Fulcio writes into the certificate. */
const ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/**
 * Checks bundles against any of `roots` (protobuf-specs TrustedRoot JSON): a bundle with a Rekor
 * entry (public-good Sigstore) needs it and an SCT; one without (GitHub's instance) a timestamp.
 */
function bundleCheck(roots, repository, serverUrl = 'https://github.com') {
    const trust = roots.map((root) => (0,_sigstore_verify__WEBPACK_IMPORTED_MODULE_4__/* .toTrustMaterial */ .jO)(_sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_3__.TrustedRoot.fromJSON(root)));
    const policy = {
        subjectAlternativeName: new RegExp(`^${escape(serverUrl.replace(/\/+$/, ''))}/${escape(repository)}/\\.github/workflows/`, 'i'),
        extensions: { issuer: ACTIONS_ISSUER }
    };
    return (json) => {
        let why = 'no trusted root';
        try {
            const bundle = (0,_sigstore_bundle__WEBPACK_IMPORTED_MODULE_2__/* .bundleFromJSON */ .vw)(json);
            const logged = bundle.verificationMaterial.tlogEntries.length > 0;
            const thresholds = logged
                ? { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 }
                : { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 1 };
            for (const material of trust) {
                try {
                    new _sigstore_verify__WEBPACK_IMPORTED_MODULE_4__/* .Verifier */ .BL(material, thresholds).verify((0,_sigstore_verify__WEBPACK_IMPORTED_MODULE_4__/* .toSignedEntity */ .DC)(bundle), policy);
                    return undefined;
                }
                catch (error) {
                    why = (0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .gJ)(error);
                }
            }
        }
        catch (error) {
            why = `not a Sigstore bundle: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .gJ)(error)}`;
        }
        return why;
    };
}
/** The most digests one bulk listing takes (GitHub's limit). */
const BULK_DIGESTS = 1024;
/**
 * The attestations of many digests: GitHub's bulk listing of the owner (an organization's, else a
 * user's), 1,024 digests a request, every page; where neither answers (another kind of token, a
 * server without it), "List attestations" of the repository, one digest a request. Only the
 * bundles are kept: their signer is what verify checks, wherever they are stored.
 */
function githubLookup(github, owner, repo) {
    let bulk;
    const explain = (error, what) => (0,_github_js__WEBPACK_IMPORTED_MODULE_6__.explainGitHubError)(error, what, `${owner}/${repo}`, 'attestations: read');
    async function bulkList(kind, digests, into) {
        const seen = new Set();
        let after;
        do {
            const page = { subject_digests: digests, per_page: 100, ...(after ? { after } : {}) };
            const { data } = (kind === 'orgs'
                ? await github.rest.orgs.listAttestationsBulk({ org: owner, ...page })
                : await github.rest.users.listAttestationsBulk({ username: owner, ...page }));
            for (const [digest, found] of Object.entries(data.attestations_subject_digests ?? {})) {
                into.set(digest, [...(into.get(digest) ?? []), ...(found ?? []).map((a) => a.bundle)]);
            }
            after = data.page_info?.has_next && data.page_info.next ? data.page_info.next : undefined;
            // a cursor given twice would list the same pages for ever
            if (after !== undefined && seen.has(after))
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ActionError */ .lZ(`GitHub's bulk listing of attestations gave the page cursor ${after} twice.`);
            if (after !== undefined)
                seen.add(after);
        } while (after);
    }
    async function oneByOne(digests, into) {
        for (const digest of digests) {
            try {
                const bundles = await github.paginate('GET /repos/{owner}/{repo}/attestations/{subject_digest}', { owner, repo, subject_digest: digest, per_page: 100 }, (response) => (response.data.attestations ?? []).map((a) => a.bundle));
                into.set(digest, bundles);
            }
            catch (error) {
                // a digest GitHub does not know reads as none
                if ((0,_github_js__WEBPACK_IMPORTED_MODULE_6__.githubFailure)(error).status !== 404)
                    throw explain(error, `listing the attestations of ${digest}`);
            }
        }
    }
    return {
        async list(digests) {
            const found = new Map();
            for (let start = 0; start < digests.length; start += BULK_DIGESTS) {
                const batch = digests.slice(start, start + BULK_DIGESTS);
                for (const kind of ['orgs', 'users']) {
                    if (bulk !== undefined && bulk !== kind)
                        continue;
                    try {
                        await bulkList(kind, batch, found);
                        bulk = kind;
                        break;
                    }
                    catch (error) {
                        const { status } = (0,_github_js__WEBPACK_IMPORTED_MODULE_6__.githubFailure)(error);
                        if (bulk === kind || status === undefined || status >= 500)
                            throw explain(error, 'listing attestations in bulk');
                    }
                }
                bulk ??= 'none';
                if (bulk === 'none')
                    await oneByOne(batch, found);
            }
            return found;
        }
    };
}
/** Where GitHub's Sigstore instance publishes its trusted root (TUF), as `gh attestation verify` reads it. */
const GITHUB_TUF = 'https://tuf-repo.github.com';
/**
 * The trusted roots of Sigstore's public-good instance (TUF, from the root that @sigstore/tuf
 * ships) and of GitHub's instance (TUF from its first root, fetched over HTTPS: trusted on first
 * use, then every later root checked by TUF).
 */
async function sigstoreTrustedRoots(cacheDir) {
    const { getTrustedRoot } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(694)]).then(__webpack_require__.bind(__webpack_require__, 84423));
    try {
        const publicGood = await getTrustedRoot({ cachePath: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(cacheDir, 'public-good') });
        const cachePath = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(cacheDir, 'github');
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(cachePath, { recursive: true });
        const rootPath = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(cachePath, 'bootstrap-root.json');
        const response = await fetch(`${GITHUB_TUF}/1.root.json`);
        if (!response.ok)
            throw new Error(`${GITHUB_TUF}/1.root.json answered ${response.status}`);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(rootPath, Buffer.from(await response.arrayBuffer()));
        const github = await getTrustedRoot({ mirrorURL: GITHUB_TUF, rootPath, cachePath });
        return [_sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_3__.TrustedRoot.toJSON(publicGood), _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_3__.TrustedRoot.toJSON(github)];
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ActionError */ .lZ(`Could not read Sigstore's trusted roots (public-good through TUF, and GitHub's from ${GITHUB_TUF}): ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .gJ)(error)}. Attestations cannot be verified without them; check that the runner reaches those hosts.`);
    }
}


/***/ })

};
