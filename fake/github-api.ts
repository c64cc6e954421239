/**
 * A fake GitHub REST API for tests: a real HTTP server on 127.0.0.1 whose git objects and refs
 * live in a real bare repository, written with git plumbing (execFile, no shell).
 *
 * It answers only the endpoints the branch and pull-request destinations call (each route names
 * its operationId in GitHub's OpenAPI description), plus compare, kept to show its documented
 * 300-file limit, the commits (list commits, get a commit with its files' patches), for the
 * verify mode to come, and the artifact attestations (create one from a Sigstore bundle, list them
 * by subject digest), for `attest: true`; anything else is a 404. Status codes, messages and response shapes are
 * GitHub's (errors carry `message`, `documentation_url` and `status` like api.github.com does);
 * __tests__/github-openapi.test.ts checks every exchange of the action's flows against the
 * OpenAPI description of api.github.com (npm @octokit/openapi).
 *
 * The parts, under fake/github/: `git-store.ts` (the bare repository, its reads and writes, the
 * merge button's git side), `routes/` (one module per resource, each route with its operationId),
 * `router.ts` (dispatch), `server.ts` (HTTP, faults, recorded requests), `json.ts` and
 * `pull-requests.ts` (GitHub's shapes, the merge button), `paging.ts` (page numbers and the `link`
 * header). This module puts them together.
 */
import { type Identity, WEB_FLOW, nowIso } from './github/commits.ts';
import { GitStore } from './github/git-store.ts';
import { mergePullRequest } from './github/pull-requests.ts';
import type { FakeRepository } from './github/repository.ts';
import { dispatch } from './github/router.ts';
import { routes } from './github/routes/index.ts';
import { type FakeServer, startServer } from './github/server.ts';
import type { FakeGitHub, FakeGitHubOptions } from './github/types.ts';

export type { FakeExchange, FakeFault, FakeGitHub, FakeGitHubOptions, FakePullRequest, FakeRequest, MergeMethod, RefUpdate } from './github/types.ts';

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const defaultBranch = options.defaultBranch ?? 'main';
  const store = await GitStore.create({ dir: options.dir, repo: options.repo, defaultBranch });
  const permissions = {
    contents: options.permissions?.contents ?? 'write',
    pullRequests: options.permissions?.pullRequests ?? 'write',
    attestations: options.permissions?.attestations ?? 'write'
  };
  const repository: FakeRepository = {
    owner: options.owner,
    ownerType: options.ownerType ?? 'Organization',
    repo: options.repo,
    defaultBranch,
    createdAt: nowIso(),
    baseUrl: '',
    store,
    permissions,
    settings: {
      actionsCanCreatePullRequests: options.actionsCanCreatePullRequests ?? true,
      permissions,
      attestationsOnPlan: options.attestationsOnPlan ?? true
    },
    rules: options.rules ?? {},
    signCommits: options.signCommits ?? true,
    truncateTrees: options.truncateTrees === true,
    patchLimitBytes: options.patchLimitBytes ?? 1024 * 1024,
    pulls: [],
    labels: [],
    attestations: [],
    hooks: {}
  };
  const server = await startServer({
    token: options.token,
    recordExchanges: options.recordExchanges === true,
    handle: (method, requestPath, query, headers, body) => dispatch(repository, routes, method, requestPath, { query, headers, body })
  });
  repository.baseUrl = server.url;
  if (!options.empty) await commitReadme(repository);
  return fakeGitHub(repository, server);
}

/** The test-facing controls over the repository and the server. */
function fakeGitHub(repository: FakeRepository, server: FakeServer): FakeGitHub {
  const { store } = repository;
  const fake: FakeGitHub = {
    settings: repository.settings,
    url: server.url,
    gitDir: store.gitDir,
    requests: server.requests,
    exchanges: server.exchanges,
    resetRequests: () => {
      server.requests.length = 0;
      server.exchanges.length = 0;
    },
    beforeRefUpdate: undefined,
    commitFiles: (branch, files, message) => store.commitFiles(branch, files, message),
    readFile: (ref, filePath) => store.readFileAt(ref, filePath),
    branchSha: (branch) => store.branchSha(branch),
    injectFault: (fault) => {
      server.faults.push(fault);
    },
    pulls: repository.pulls,
    labels: repository.labels,
    mergePullRequest: (number, method) => mergePullRequest(repository, number, method),
    close: async () => {
      await server.close();
      await store.close();
    }
  };
  // the routes call the test's hook as it is set on the fake at the time
  repository.hooks = fake;
  return fake;
}

/** GitHub's first commit of a new repository: a README, signed when GitHub signs. */
async function commitReadme(repository: FakeRepository): Promise<void> {
  const { store, owner, repo, signCommits } = repository;
  const now = Math.floor(Date.now() / 1000);
  const readme = Buffer.from(`# ${repo}\n`);
  const tree = await store.buildTree(undefined, [{ path: 'README.md', mode: '100644', type: 'blob', content: readme }]);
  const author: Identity = { name: owner, email: `${owner}@users.noreply.github.com`, time: now, tz: '+0000' };
  const committer: Identity = signCommits ? { ...WEB_FLOW, time: now, tz: '+0000' } : author;
  const sha = await store.writeCommit({ tree, parents: [], author, committer, message: 'Initial commit', sign: signCommits });
  await store.updateBranch(repository.defaultBranch, sha, undefined);
}
