/**
 * Pull requests: GitHub's two shapes of one (pull-request-simple in lists, the full one with diff
 * counts elsewhere) and the merge button's three methods, which tests press between runs.
 */
import { type Identity, GITHUB_BOT, WEB_FLOW, nowIso } from './commits.ts';
import type { GitStore } from './git-store.ts';
import { labelJson, nodeId, repoJson, userJson } from './json.ts';
import { type FakeRepository, apiRepo, htmlRepo } from './repository.ts';
import type { FakePullRequest, MergeMethod } from './types.ts';

/**
 * GitHub's pull-request shape; the list answers the shorter pull-request-simple (no diff counts,
 * no `merged`, no mergeability), as api.github.com does.
 */
export async function pullJson(repository: FakeRepository, pr: FakePullRequest, full = true) {
  const { store } = repository;
  const headSha = pr.state === 'open' ? ((await store.branchSha(pr.head)) ?? pr.headSha) : pr.headSha;
  const baseSha = pr.state === 'open' ? ((await store.branchSha(pr.base)) ?? pr.baseSha) : pr.baseSha;
  const simple = pullSimpleJson(repository, pr, headSha, baseSha);
  if (!full) return simple;
  const counts = await diffCounts(store, baseSha, headSha);
  return {
    ...simple,
    merged: pr.merged,
    mergeable: null,
    rebaseable: null,
    mergeable_state: 'unknown',
    merged_by: pr.merged ? userJson(repository, repository.owner) : null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: counts.commits,
    additions: counts.additions,
    deletions: counts.deletions,
    changed_files: counts.changedFiles
  };
}

/** The diff counts GitHub gives a pull request: base...head, from their merge base (zeros without one). */
async function diffCounts(store: GitStore, baseSha: string, headSha: string) {
  const counts = { additions: 0, deletions: 0, changedFiles: 0, commits: 0 };
  const mergeBase = await store.mergeBase(baseSha, headSha);
  if (mergeBase) {
    for (const file of await store.diffStats(mergeBase, headSha)) {
      counts.additions += file.additions;
      counts.deletions += file.deletions;
      counts.changedFiles++;
    }
    counts.commits = await store.countCommits(`${mergeBase}..${headSha}`);
  }
  return counts;
}

function pullSimpleJson(repository: FakeRepository, pr: FakePullRequest, headSha: string, baseSha: string) {
  const { owner } = repository;
  const url = `${apiRepo(repository)}/pulls/${pr.number}`;
  const html = `${htmlRepo(repository)}/pull/${pr.number}`;
  const issue = `${apiRepo(repository)}/issues/${pr.number}`;
  return {
    url,
    id: 1000 + pr.number,
    node_id: nodeId('PullRequest', String(pr.number)),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issue,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${apiRepo(repository)}/pulls/comments{/number}`,
    comments_url: `${issue}/comments`,
    statuses_url: `${apiRepo(repository)}/statuses/${headSha}`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: userJson(repository, GITHUB_BOT.name, 'Bot'),
    body: pr.body,
    // pull-request-simple documents a label's description as a string, never null (the full
    // pull-request and label shapes allow null): an empty string satisfies both
    labels: pr.labels.map((label) => ({ ...labelJson(repository, label), description: '' })),
    milestone: null,
    active_lock_reason: null,
    created_at: pr.created_at,
    updated_at: pr.updated_at,
    closed_at: pr.closed_at,
    merged_at: pr.merged_at,
    merge_commit_sha: pr.merge_commit_sha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: { label: `${owner}:${pr.head}`, ref: pr.head, sha: headSha, user: userJson(repository, owner, 'Organization'), repo: repoJson(repository) },
    base: { label: `${owner}:${pr.base}`, ref: pr.base, sha: baseSha, user: userJson(repository, owner, 'Organization'), repo: repoJson(repository) },
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issue },
      comments: { href: `${issue}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${apiRepo(repository)}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${apiRepo(repository)}/statuses/${headSha}` }
    },
    author_association: 'NONE',
    auto_merge: null,
    draft: pr.draft
  };
}

/**
 * Merges the pull request as GitHub's merge button does: a merge commit, a squash (one commit
 * with the merged tree), or a rebase (refused, as GitHub does, when it would not give the merged
 * tree). Returns the base's new tip.
 */
export function mergePullRequest(repository: FakeRepository, number: number, method: MergeMethod = 'merge'): Promise<string> {
  const { store, owner } = repository;
  return store.lock(async () => {
    const pr = repository.pulls.find((candidate) => candidate.number === number);
    if (!pr) throw new Error(`fake-github: no pull request #${number}`);
    if (pr.state !== 'open') throw new Error(`fake-github: pull request #${number} is ${pr.state}`);
    const headSha = await store.branchSha(pr.head);
    const baseSha = await store.branchSha(pr.base);
    if (!headSha || !baseSha) throw new Error(`fake-github: pull request #${number} lost a branch`);
    const tree = await store.mergeTree(baseSha, headSha);
    if (tree === undefined) throw new Error(`fake-github: pull request #${number} has conflicts`);
    const now = Math.floor(Date.now() / 1000);
    const author: Identity = { name: owner, email: `${owner}@users.noreply.github.com`, time: now, tz: '+0000' };
    const committer: Identity = { ...WEB_FLOW, time: now, tz: '+0000' };
    let sha: string | undefined;
    if (method === 'rebase') {
      sha = await store.rebaseOnto(baseSha, headSha, tree);
      if (!sha) throw new Error(`fake-github: pull request #${number} cannot be rebased safely`);
    } else {
      sha = await store.writeCommit({
        tree,
        parents: method === 'squash' ? [baseSha] : [baseSha, headSha],
        author,
        committer,
        message: method === 'squash' ? `${pr.title} (#${number})` : `Merge pull request #${number} from ${owner}/${pr.head}\n\n${pr.title}`,
        sign: repository.signCommits
      });
    }
    if (!(await store.updateBranch(pr.base, sha, baseSha))) throw new Error(`fake-github: ${pr.base} moved during merge`);
    const at = nowIso();
    pr.state = 'closed';
    pr.merged = true;
    pr.merged_at = at;
    pr.closed_at = at;
    pr.updated_at = at;
    pr.merge_commit_sha = sha;
    pr.headSha = headSha;
    pr.baseSha = baseSha;
    return sha;
  });
}
