/**
 * Commits: the history from a branch or commit (optionally of one path), paged; and one commit
 * with its stats and changed files, each with its patch, against its first parent.
 */
import type { ParsedCommit } from '../commits.ts';
import { ZERO_SHA, validBranchName } from '../git-names.ts';
import type { FileDiff, GitStore } from '../git-store.ts';
import { ApiError, type Reply } from '../http.ts';
import { restCommitJson } from '../json.ts';
import { pageLinks, pageParams } from '../paging.ts';
import { type FakeRepository, apiRepo, htmlRepo, requireNotEmpty } from '../repository.ts';
import type { Route, RouteRequest } from '../router.ts';

export const commitRoutes: Route[] = [
  // operationId: repos/list-commits
  { method: 'GET', path: /^\/commits$/, handle: listCommits },
  // operationId: repos/get-commit
  { method: 'GET', path: /^\/commits\/(.+)$/, handle: getCommit }
];

/** The filters of "list commits" the fake does not model: asked for, they fail loudly rather than being ignored. */
const UNMODELLED_FILTERS = ['author', 'committer', 'since', 'until'];

/**
 * "List commits" (https://docs.github.com/rest/commits/commits#list-commits): from `sha` (a branch,
 * tag or commit; default the default branch), newest first as `git log` lists them, only those
 * touching `path` when it is given (git log's rule), 30 a page by default and 100 at most, with
 * the `link` header when there are other pages. An empty repository is GitHub's 409 "Git
 * Repository is empty."; a `sha` that names no commit, a 404 (both statuses documented there; the
 * 404's message is GitHub's usual "Not Found"). The author, committer, since and until filters are
 * not modelled.
 */
async function listCommits(repository: FakeRepository, { query }: RouteRequest): Promise<Reply> {
  const doc = 'commits/commits#list-commits';
  const { store } = repository;
  const unmodelled = UNMODELLED_FILTERS.filter((name) => query.has(name));
  if (unmodelled.length > 0) throw new Error(`list commits: the filter ${unmodelled.join(', ')} is not modelled`);
  await requireNotEmpty(repository, doc);
  const tip = await store.resolveCommitish(query.get('sha') || repository.defaultBranch);
  if (!tip) throw new ApiError(404, 'Not Found', doc);
  const filePath = query.get('path')?.replace(/^\/+|\/+$/g, '');
  const shas = await store.commitLog(tip, filePath || undefined);
  const paging = pageParams(query);
  const commits = await store.readCommits(shas.slice((paging.page - 1) * paging.perPage, paging.page * paging.perPage));
  const lastPage = Math.ceil(shas.length / paging.perPage);
  const headers: Record<string, string> = lastPage > 1 ? { link: pageLinks(`${apiRepo(repository)}/commits`, query, paging, lastPage) } : {};
  return { status: 200, body: commits.map((commit) => restCommitJson(repository, commit)), headers };
}

/**
 * A commit's files are paged "300 per page … up to a limit of 3000 files"
 * (https://docs.github.com/rest/commits/commits#get-a-commit). GitHub honours `per_page` for the
 * files too (its default there is 300, not 30: openjdk/skara pull request 1302 shows it); the fake
 * takes it, capped at 300.
 */
const FILES_PER_PAGE = 300;
const FILES_LIMIT = 3000;

/** "Get a commit"'s other media types (the diff, the patch, the sha alone): asked for, they fail loudly rather than answering JSON. */
const UNMODELLED_MEDIA_TYPES = /vnd\.github(?:\.v3)?\.(?:diff|patch|sha)/;

/**
 * "Get a commit" (https://docs.github.com/rest/commits/commits#get-a-commit): the commit as "list
 * commits" gives it, with `stats` and `files` against its first parent (a root commit against the
 * empty tree; a merge commit against the branch it was merged into, its first parent). The ref is
 * a commit sha (abbreviated or not), a branch or tag name, `heads/<branch>` or `tags/<tag>`; one
 * that names no commit is GitHub's 422 "No commit found for SHA: <ref>" (the status documented
 * there, the message as GitHub sends it, e.g. in yegor256/rultor issue 1344). Each page holds the
 * same commit and stats, and its share of the files, with the `link` header when there are other
 * pages. The diff, patch and sha media types are not modelled.
 */
async function getCommit(repository: FakeRepository, { match, query, headers }: RouteRequest): Promise<Reply> {
  const doc = 'commits/commits#get-a-commit';
  const { store } = repository;
  if (UNMODELLED_MEDIA_TYPES.test(String(headers.accept ?? ''))) throw new Error('get a commit: the diff, patch and sha media types are not modelled');
  await requireNotEmpty(repository, doc);
  const ref = match[1] ?? '';
  const sha = await resolveCommitRef(store, ref);
  const commit = sha === undefined ? undefined : await store.readCommit(sha);
  if (!commit) throw new ApiError(422, `No commit found for SHA: ${ref}`, doc);
  const diffs = await store.diffFiles(commit.parents[0], commit.sha);
  const listed = diffs.slice(0, FILES_LIMIT);
  const paging = pageParams(query, FILES_PER_PAGE, FILES_PER_PAGE);
  const page = listed.slice((paging.page - 1) * paging.perPage, paging.page * paging.perPage);
  const lastPage = Math.ceil(listed.length / paging.perPage);
  const url = `${apiRepo(repository)}/commits/${ref.split('/').map(encodeURIComponent).join('/')}`;
  const additions = diffs.reduce((sum, file) => sum + file.additions, 0);
  const deletions = diffs.reduce((sum, file) => sum + file.deletions, 0);
  return {
    status: 200,
    body: {
      ...restCommitJson(repository, commit),
      stats: { total: additions + deletions, additions, deletions },
      files: page.map((file) => diffEntryJson(repository, commit, file))
    },
    headers: lastPage > 1 ? { link: pageLinks(url, query, paging, lastPage) } : {}
  };
}

/** A commit sha (abbreviated or not), a branch or tag name, or `heads/<branch>`, `tags/<tag>` (also under `refs/`) -> the commit. */
async function resolveCommitRef(store: GitStore, ref: string): Promise<string | undefined> {
  const direct = await store.resolveCommitish(ref);
  if (direct) return direct;
  const m = /^(?:refs\/)?(heads|tags)\/(.+)$/.exec(ref);
  return m && validBranchName(m[2] ?? '') ? store.refSha(`refs/${m[1]}/${m[2]}`) : undefined;
}

/**
 * One of a commit's `files` (GitHub's diff-entry). No rename detection (`--no-renames`): a moved
 * file is one `removed` and one `added`, so `renamed` and `previous_filename` never appear; a
 * change of type (a symlink made a file) is `modified`, its patch the removal then the addition.
 * A removed file's `sha` is the zero sha, as the fake's compare gives it (the schema lets it be
 * null; GitHub's docs do not say). The blob, raw and contents URLs name the commit.
 *
 * `patch` is left out, as GitHub leaves it out, where git gives no hunk (a binary file, an empty
 * file, a change of mode alone) and where the file's patch is over `patchLimitBytes` (GitHub does
 * not document its limit for a large diff). GitHub is also seen to leave the patches out of the
 * later files of a page with many files (openjdk/skara pull request 1302, github/docs issue 32223),
 * again undocumented: the fake does not model that.
 */
function diffEntryJson(repository: FakeRepository, commit: ParsedCommit, file: FileDiff) {
  const path = file.path.split('/').map(encodeURIComponent).join('/');
  const patch = file.patch !== undefined && Buffer.byteLength(file.patch, 'utf8') <= repository.patchLimitBytes ? file.patch : undefined;
  return {
    sha: file.status === 'D' ? ZERO_SHA : file.newSha,
    filename: file.path,
    status: file.status === 'A' ? 'added' : file.status === 'D' ? 'removed' : 'modified',
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${htmlRepo(repository)}/blob/${commit.sha}/${path}`,
    raw_url: `${htmlRepo(repository)}/raw/${commit.sha}/${path}`,
    contents_url: `${apiRepo(repository)}/contents/${path}?ref=${commit.sha}`,
    ...(patch === undefined ? {} : { patch })
  };
}
