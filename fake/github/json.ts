/**
 * GitHub's JSON shapes the fake answers with (users, the repository, refs, commits, trees,
 * contents, labels), filled from the repository's names and URLs. Pull requests are in
 * pull-requests.ts, as their shape needs the git store.
 */
import crypto from 'node:crypto';
import { type Identity, type ParsedCommit, WEB_FLOW, isoSeconds, nowIso } from './commits.ts';
import type { LsEntry } from './git-store.ts';
import { type FakeRepository, apiRepo, htmlRepo } from './repository.ts';

export function nodeId(kind: string, id: string): string {
  return Buffer.from(`${kind}:${id}`).toString('base64').replace(/=+$/, '');
}

/** Base64 in lines of 60 characters, as GitHub sends blob and file contents. */
export function wrapBase64(buf: Buffer): string {
  const b64 = buf.toString('base64');
  let out = '';
  for (let i = 0; i < b64.length; i += 60) out += `${b64.slice(i, i + 60)}\n`;
  return out;
}

/** GitHub's simple-user shape. */
export function userJson(repository: FakeRepository, login: string, type = 'User') {
  // as api.github.com: github-actions[bot] is users/github-actions%5Bbot%5D
  const url = `${repository.baseUrl}/users/${encodeURIComponent(login)}`;
  const id = Number.parseInt(crypto.createHash('sha1').update(login).digest('hex').slice(0, 7), 16);
  return {
    login,
    id,
    node_id: nodeId('User', login),
    avatar_url: `${repository.baseUrl}/avatars/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${repository.baseUrl}/html/${encodeURIComponent(login)}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false
  };
}

/** The fake repository's id (its `id` in GitHub's shapes, an attestation's `repository_id`). */
export const REPOSITORY_ID = 1;

/** GitHub's full-repository shape (also a valid `repository`, as pull requests embed it). */
export function repoJson(repository: FakeRepository) {
  const { owner, repo, permissions } = repository;
  const api = apiRepo(repository);
  return {
    id: REPOSITORY_ID,
    node_id: nodeId('Repository', `${owner}/${repo}`),
    name: repo,
    full_name: `${owner}/${repo}`,
    private: true,
    owner: userJson(repository, owner, repository.ownerType),
    html_url: htmlRepo(repository),
    description: null,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://127.0.0.1/${owner}/${repo}.git`,
    hooks_url: `${api}/hooks`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@127.0.0.1:${owner}/${repo}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${htmlRepo(repository)}.git`,
    mirror_url: null,
    svn_url: htmlRepo(repository),
    homepage: null,
    language: null,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    size: 0,
    default_branch: repository.defaultBranch,
    open_issues: 0,
    open_issues_count: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'private',
    license: null,
    pushed_at: nowIso(),
    created_at: repository.createdAt,
    updated_at: repository.createdAt,
    permissions: {
      admin: false,
      maintain: false,
      push: permissions.contents === 'write',
      triage: permissions.pullRequests === 'write',
      pull: true
    },
    allow_forking: false,
    web_commit_signoff_required: false,
    network_count: 0,
    subscribers_count: 0
  };
}

export function refJson(repository: FakeRepository, ref: string, sha: string) {
  return {
    ref,
    node_id: nodeId('Ref', ref),
    url: `${apiRepo(repository)}/git/${ref}`,
    object: { sha, type: 'commit', url: `${apiRepo(repository)}/git/commits/${sha}` }
  };
}

function identityJson(id: Identity) {
  return {
    name: id.name,
    email: id.email,
    date: isoSeconds(id.time * 1000)
  };
}

function verificationJson(commit: ParsedCommit) {
  return commit.signature && commit.committer.email === WEB_FLOW.email
    ? {
        verified: true,
        reason: 'valid',
        signature: commit.signature,
        payload: commit.payload,
        verified_at: isoSeconds(commit.committer.time * 1000)
      }
    : commit.signature
      ? { verified: false, reason: 'unknown_key', signature: commit.signature, payload: commit.payload, verified_at: null }
      : { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };
}

export function gitCommitJson(repository: FakeRepository, commit: ParsedCommit) {
  return {
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha),
    url: `${apiRepo(repository)}/git/commits/${commit.sha}`,
    html_url: `${htmlRepo(repository)}/commit/${commit.sha}`,
    author: identityJson(commit.author),
    committer: identityJson(commit.committer),
    tree: { sha: commit.tree, url: `${apiRepo(repository)}/git/trees/${commit.tree}` },
    message: commit.message,
    parents: commit.parents.map((parent) => ({
      sha: parent,
      url: `${apiRepo(repository)}/git/commits/${parent}`,
      html_url: `${htmlRepo(repository)}/commit/${parent}`
    })),
    verification: verificationJson(commit)
  };
}

/** The REST "commit" shape (compare, list commits; get a commit adds `stats` and `files`). */
export function restCommitJson(repository: FakeRepository, commit: ParsedCommit) {
  return {
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha),
    url: `${apiRepo(repository)}/commits/${commit.sha}`,
    html_url: `${htmlRepo(repository)}/commit/${commit.sha}`,
    comments_url: `${apiRepo(repository)}/commits/${commit.sha}/comments`,
    commit: {
      url: `${apiRepo(repository)}/git/commits/${commit.sha}`,
      author: identityJson(commit.author),
      committer: identityJson(commit.committer),
      message: commit.message,
      tree: { sha: commit.tree, url: `${apiRepo(repository)}/git/trees/${commit.tree}` },
      comment_count: 0,
      verification: verificationJson(commit)
    },
    author: null,
    committer: null,
    parents: commit.parents.map((parent) => ({
      sha: parent,
      url: `${apiRepo(repository)}/commits/${parent}`,
      html_url: `${htmlRepo(repository)}/commit/${parent}`
    }))
  };
}

export function contentEntryJson(repository: FakeRepository, entry: LsEntry, ref: string) {
  const name = entry.path.split('/').pop() ?? entry.path;
  const type = entry.type === 'tree' ? 'dir' : entry.type === 'commit' ? 'submodule' : entry.mode === '120000' ? 'symlink' : 'file';
  const self = `${apiRepo(repository)}/contents/${entry.path}?ref=${encodeURIComponent(ref)}`;
  const gitUrl = `${apiRepo(repository)}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`;
  const html = `${htmlRepo(repository)}/${entry.type === 'tree' ? 'tree' : 'blob'}/${ref}/${entry.path}`;
  return {
    type,
    name,
    path: entry.path,
    sha: entry.sha,
    size: entry.size ?? 0,
    url: self,
    html_url: html,
    git_url: gitUrl,
    download_url: type === 'file' ? `${repository.baseUrl}/raw/${repository.owner}/${repository.repo}/${ref}/${entry.path}` : null,
    _links: { self, git: gitUrl, html }
  };
}

/** A tree listing (get a tree, create a tree). */
export function treeJson(repository: FakeRepository, sha: string, entries: LsEntry[], truncated: boolean) {
  return {
    sha,
    url: `${apiRepo(repository)}/git/trees/${sha}`,
    tree: entries.map((entry) => ({
      path: entry.path,
      mode: entry.mode,
      type: entry.type,
      sha: entry.sha,
      ...(entry.type === 'blob' ? { size: entry.size } : {}),
      url: `${apiRepo(repository)}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`
    })),
    truncated
  };
}

export function labelJson(repository: FakeRepository, name: string) {
  return {
    id: Number.parseInt(crypto.createHash('sha1').update(name).digest('hex').slice(0, 8), 16),
    node_id: nodeId('Label', name),
    url: `${apiRepo(repository)}/labels/${encodeURIComponent(name)}`,
    name,
    color: 'ededed',
    default: false,
    description: null
  };
}
