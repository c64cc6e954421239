/**
 * Comparing two commits. The action does not call it; it stays to show GitHub's documented limit
 * of 300 changed files per comparison.
 */
import type { ParsedCommit } from '../commits.ts';
import { ZERO_SHA } from '../git-names.ts';
import { ApiError, type Reply } from '../http.ts';
import { restCommitJson } from '../json.ts';
import { type FakeRepository, apiRepo, htmlRepo } from '../repository.ts';
import type { Route, RouteRequest } from '../router.ts';

export const compareRoutes: Route[] = [
  // operationId: repos/compare-commits-with-basehead
  { method: 'GET', path: /^\/compare\/(.+)$/, handle: compareCommits }
];

/** Changed files a compare lists at most (see changedFiles). */
const COMPARE_FILES_LIMIT = 300;

async function compareCommits(repository: FakeRepository, { match }: RouteRequest): Promise<Reply> {
  const doc = 'commits/commits#compare-two-commits';
  const { store, owner } = repository;
  const basehead = match[1] ?? '';
  const dots = basehead.indexOf('...');
  if (dots === -1) throw new ApiError(404, 'Not Found', doc);
  const stripOwner = (ref: string) => (ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref);
  const baseRef = stripOwner(basehead.slice(0, dots));
  const headRef = stripOwner(basehead.slice(dots + 3));
  if (await store.isEmpty()) throw new ApiError(404, 'Not Found', doc);
  const baseSha = await store.resolveCommitish(baseRef);
  const headSha = await store.resolveCommitish(headRef);
  if (!baseSha || !headSha) throw new ApiError(404, 'Not Found', doc);
  const mergeBase = await store.mergeBase(baseSha, headSha);
  if (!mergeBase) throw new ApiError(404, `No common ancestor between ${baseRef} and ${headRef}.`, doc);
  const aheadBy = await store.countCommits(`${baseSha}..${headSha}`);
  const behindBy = await store.countCommits(`${headSha}..${baseSha}`);
  const status = aheadBy === 0 && behindBy === 0 ? 'identical' : behindBy === 0 ? 'ahead' : aheadBy === 0 ? 'behind' : 'diverged';
  const list = await store.listCommits(`${baseSha}..${headSha}`);
  const commits = await store.readCommits(list.slice(0, 250));
  const files = await changedFiles(repository, mergeBase, headSha);
  const [baseCommit, mergeBaseCommit] = await store.readCommits([baseSha, mergeBase]);
  return {
    status: 200,
    body: {
      url: `${apiRepo(repository)}/compare/${basehead}`,
      html_url: `${htmlRepo(repository)}/compare/${basehead}`,
      permalink_url: `${htmlRepo(repository)}/compare/${owner}:${baseSha.slice(0, 7)}...${owner}:${headSha.slice(0, 7)}`,
      diff_url: `${htmlRepo(repository)}/compare/${basehead}.diff`,
      patch_url: `${htmlRepo(repository)}/compare/${basehead}.patch`,
      base_commit: restCommitJson(repository, baseCommit as ParsedCommit),
      merge_base_commit: restCommitJson(repository, mergeBaseCommit as ParsedCommit),
      status,
      ahead_by: aheadBy,
      behind_by: behindBy,
      total_commits: list.length,
      commits: commits.map((commit) => restCommitJson(repository, commit)),
      files
    }
  };
}

/**
 * The compare's `files`, from the merge base to the head. "The list of changed files is only shown
 * on the first page of results, and it includes up to 300 changed files for the entire comparison."
 * (https://docs.github.com/rest/commits/commits#compare-two-commits): past 300, the rest are left
 * out, with nothing in the answer to say so.
 */
async function changedFiles(repository: FakeRepository, mergeBase: string, headSha: string) {
  const { store } = repository;
  const stats = await store.diffStats(mergeBase, headSha);
  const statusOf = await store.diffStatuses(mergeBase, headSha);
  const treeEntries = await store.lsTree(headSha, ['-r']);
  const shaOf = new Map(treeEntries.map((entry) => [entry.path, entry.sha] as const));
  return stats.slice(0, COMPARE_FILES_LIMIT).map(({ path: filename, additions, deletions }) => {
    const letter = statusOf.get(filename);
    return {
      sha: shaOf.get(filename) ?? ZERO_SHA,
      filename,
      status: letter === 'A' ? 'added' : letter === 'D' ? 'removed' : 'modified',
      additions,
      deletions,
      changes: additions + deletions,
      blob_url: `${htmlRepo(repository)}/blob/${headSha}/${filename}`,
      raw_url: `${htmlRepo(repository)}/raw/${headSha}/${filename}`,
      contents_url: `${apiRepo(repository)}/contents/${filename}?ref=${headSha}`
    };
  });
}
