import { afterEach, describe, expect, it } from '@jest/globals';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { Octokit } from '@octokit/rest';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../fake/github-api.ts';

const exec = promisify(execFile);
const owner = 'acme';
const repo = 'audit';
const token = 'ghs_valid_token';

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const started: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((f) => f.close()));
});

async function start(extra: Partial<FakeGitHubOptions> = {}) {
  const fake = await startFakeGitHub({ owner, repo, token, ...extra });
  started.push(fake);
  const octokit = new Octokit({ auth: extra.token ?? token, baseUrl: fake.url, log: quiet });
  return { fake, octokit };
}

async function gitOut(fake: FakeGitHub, ...args: string[]): Promise<string> {
  const { stdout } = await exec('git', ['--git-dir', fake.gitDir, ...args]);
  return stdout;
}

/** The status and body of a rejected octokit call. */
async function failure(p: Promise<unknown>): Promise<{ status: number; data: Record<string, unknown>; headers: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    const e = err as { status: number; response?: { data: Record<string, unknown>; headers: Record<string, unknown> } };
    return { status: e.status, data: e.response?.data ?? {}, headers: e.response?.headers ?? {} };
  }
  throw new Error('expected the request to fail');
}

/** Orphan-or-child commit through the Git data API; returns the new commit. */
async function apiCommit(
  octokit: Octokit,
  files: Record<string, string | null>,
  opts: { base_tree?: string; parents?: string[]; message?: string; author?: { name: string; email: string } } = {}
) {
  const tree = await octokit.rest.git.createTree({
    owner,
    repo,
    ...(opts.base_tree ? { base_tree: opts.base_tree } : {}),
    tree: Object.entries(files).map(([path, content]) =>
      content === null ? { path, mode: '100644' as const, type: 'blob' as const, sha: null } : { path, mode: '100644' as const, type: 'blob' as const, content }
    )
  });
  const commit = await octokit.rest.git.createCommit({
    owner,
    repo,
    message: opts.message ?? 'api commit',
    tree: tree.data.sha,
    parents: opts.parents ?? [],
    ...(opts.author ? { author: opts.author } : {})
  });
  return { tree: tree.data, commit: commit.data };
}

describe('fake GitHub API', () => {
  it('serves the repository and answers 404 for unknown repos and routes', async () => {
    const { fake, octokit } = await start();
    const { data } = await octokit.rest.repos.get({ owner, repo });
    expect(data).toMatchObject({ full_name: 'acme/audit', default_branch: 'main', private: true });
    expect(data.html_url).toBe(`${fake.url}/html/acme/audit`);
    expect((await failure(octokit.rest.repos.get({ owner, repo: 'other' }))).status).toBe(404);
    const unknown = await failure(octokit.request('GET /nothing/here'));
    expect(unknown.status).toBe(404);
    expect(unknown.data.message).toBe('Not Found');
    expect(fake.requests.map((r) => r.status)).toEqual([200, 404, 404]);
  });

  it('answers 404 for the endpoints the action does not call', async () => {
    const { fake, octokit } = await start();
    const main = (await fake.branchSha('main')) as string;
    const mainTree = (await octokit.rest.git.getCommit({ owner, repo, commit_sha: main })).data.tree.sha;
    const c = await apiCommit(octokit, { 'data/x.jsonl': '{"event_id":"1"}\n' }, { base_tree: mainTree, parents: [main] });
    await octokit.rest.git.createRef({ owner, repo, ref: 'refs/heads/logs-update', sha: c.commit.sha });
    await octokit.rest.pulls.create({ owner, repo, head: 'logs-update', base: 'main', title: 'Logs' });
    // each is a documented GitHub endpoint the action never calls (its calls: src/destinations)
    const unused = [
      () => octokit.rest.repos.getBranch({ owner, repo, branch: 'main' }),
      () => octokit.request('GET /repos/{owner}/{repo}/git/refs/{ref}', { owner, repo, ref: 'heads/main' }),
      () => octokit.rest.git.listMatchingRefs({ owner, repo, ref: 'heads/' }),
      () => octokit.rest.git.deleteRef({ owner, repo, ref: 'heads/logs-update' }),
      () => octokit.rest.pulls.get({ owner, repo, pull_number: 1 }),
      () => octokit.rest.issues.listLabelsOnIssue({ owner, repo, issue_number: 1 })
    ];
    for (const call of unused) {
      const res = await failure(call());
      expect(res.status).toBe(404);
      expect(res.data.message).toBe('Not Found');
    }
    expect(await fake.branchSha('logs-update')).toBe(c.commit.sha);
  });

  it('lists at most 300 changed files in a compare', async () => {
    const { fake, octokit } = await start();
    await gitOut(fake, 'branch', 'many', 'main');
    const files = Object.fromEntries(Array.from({ length: 320 }, (_, i) => [`data/f${String(i).padStart(3, '0')}.jsonl`, `{"event_id":"${i}"}\n`]));
    await fake.commitFiles('many', files, '320 files');
    const cmp = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: 'main...many' });
    expect(cmp.data).toMatchObject({ status: 'ahead', ahead_by: 1, total_commits: 1 });
    expect(cmp.data.files).toHaveLength(300);
    expect(await gitOut(fake, 'diff', '--name-only', 'main', 'many')).toMatch(/f319\.jsonl/);
  });

  it('answers 401 Bad credentials for a wrong token and accepts Bearer', async () => {
    const { fake } = await start();
    const bad = new Octokit({ auth: 'nope', baseUrl: fake.url, log: quiet });
    const res = await failure(bad.rest.repos.get({ owner, repo }));
    expect(res.status).toBe(401);
    expect(res.data.message).toBe('Bad credentials');
    const r = await fetch(`${fake.url}/repos/${owner}/${repo}`, { headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(200);
  });

  it('answers 409 for the Git data API on an empty repository, 404 for a missing ref', async () => {
    const { octokit } = await start({ empty: true });
    const ref = await failure(octokit.rest.git.getRef({ owner, repo, ref: 'heads/main' }));
    expect(ref.status).toBe(409);
    expect(ref.data.message).toBe('Git Repository is empty.');
    for (const call of [
      octokit.rest.git.createBlob({ owner, repo, content: 'x' }),
      octokit.rest.git.createTree({ owner, repo, tree: [{ path: 'a', mode: '100644', type: 'blob', content: 'a' }] }),
      octokit.rest.git.createRef({ owner, repo, ref: 'refs/heads/x', sha: 'a'.repeat(40) })
    ]) {
      expect((await failure(call)).status).toBe(409);
    }
    const contents = await failure(octokit.rest.repos.getContent({ owner, repo, path: 'README.md' }));
    expect(contents.status).toBe(404);

    const { octokit: full } = await start();
    const missing = await failure(full.rest.git.getRef({ owner, repo, ref: 'heads/nope' }));
    expect(missing.status).toBe(404);
    expect(missing.data.message).toBe('Not Found');
  });

  it('creates an orphan branch with nested paths; main stays untouched', async () => {
    const { fake, octokit } = await start();
    const mainBefore = await fake.branchSha('main');
    const { tree, commit } = await apiCommit(octokit, {
      'logs/2026/10/2026-10-01.jsonl': '{"event_id":"1"}\n',
      'logs/state.json': '{"version":1}\n'
    });
    expect(tree.tree.map((e) => e.path)).toEqual(['logs']);
    expect(commit.parents).toEqual([]);
    expect(commit.verification).toMatchObject({ verified: true, reason: 'valid' });
    expect(commit.author.name).toBe('github-actions[bot]');
    expect(commit.html_url).toBe(`${fake.url}/html/acme/audit/commit/${commit.sha}`);

    const created = await octokit.rest.git.createRef({ owner, repo, ref: 'refs/heads/cursor-audit-logs', sha: commit.sha });
    expect(created.status).toBe(201);
    expect(created.data.object.sha).toBe(commit.sha);
    const again = await failure(octokit.rest.git.createRef({ owner, repo, ref: 'refs/heads/cursor-audit-logs', sha: commit.sha }));
    expect(again.status).toBe(422);
    expect(again.data.message).toBe('Reference already exists');

    const got = await octokit.rest.git.getRef({ owner, repo, ref: 'heads/cursor-audit-logs' });
    expect(got.data).toMatchObject({ ref: 'refs/heads/cursor-audit-logs', object: { sha: commit.sha, type: 'commit' } });

    const log = await gitOut(fake, 'log', '--format=%H %P|%an|%s', 'cursor-audit-logs');
    expect(log.trim()).toBe(`${commit.sha} |github-actions[bot]|api commit`);
    expect(await fake.branchSha('main')).toBe(mainBefore);
    expect(await gitOut(fake, 'ls-tree', '-r', '--name-only', 'main')).toBe('README.md\n');
    expect(await gitOut(fake, 'show', 'cursor-audit-logs:logs/2026/10/2026-10-01.jsonl')).toBe('{"event_id":"1"}\n');
    expect(await gitOut(fake, 'cat-file', '-p', commit.sha)).toContain('gpgsig -----BEGIN PGP SIGNATURE-----');

    // recursive tree, blobs, a second commit with base_tree + deletion + explicit author
    const rec = await octokit.rest.git.getTree({ owner, repo, tree_sha: commit.tree.sha, recursive: '1' });
    expect(rec.data.truncated).toBe(false);
    expect(rec.data.tree.map((e) => `${e.type}:${e.path}`)).toEqual([
      'tree:logs',
      'tree:logs/2026',
      'tree:logs/2026/10',
      'blob:logs/2026/10/2026-10-01.jsonl',
      'blob:logs/state.json'
    ]);
    const blobSha = rec.data.tree.find((e) => e.path === 'logs/state.json')?.sha as string;
    const blob = await octokit.rest.git.getBlob({ owner, repo, file_sha: blobSha });
    expect(Buffer.from(blob.data.content, 'base64').toString()).toBe('{"version":1}\n');
    const newBlob = await octokit.rest.git.createBlob({ owner, repo, content: Buffer.from('bin\0ary').toString('base64'), encoding: 'base64' });
    expect(newBlob.status).toBe(201);

    const second = await apiCommit(
      octokit,
      { 'logs/state.json': null, 'logs/2026/10/2026-10-02.jsonl': '{"event_id":"2"}\n' },
      { base_tree: commit.tree.sha, parents: [commit.sha], author: { name: 'Someone', email: 's@example.com' } }
    );
    expect(second.commit.verification).toMatchObject({ verified: false, reason: 'unsigned' });
    expect(second.commit.committer.name).toBe('Someone');
    const updated = await octokit.rest.git.updateRef({ owner, repo, ref: 'heads/cursor-audit-logs', sha: second.commit.sha });
    expect(updated.data.object.sha).toBe(second.commit.sha);
    expect(await gitOut(fake, 'ls-tree', '-r', '--name-only', 'cursor-audit-logs')).toBe('logs/2026/10/2026-10-01.jsonl\nlogs/2026/10/2026-10-02.jsonl\n');
    const fetched = await octokit.rest.git.getCommit({ owner, repo, commit_sha: second.commit.sha });
    expect(fetched.data).toMatchObject({ sha: second.commit.sha, message: 'api commit', parents: [{ sha: commit.sha }] });

    const cmp = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${commit.sha}...cursor-audit-logs` });
    expect(cmp.data).toMatchObject({ status: 'ahead', ahead_by: 1, behind_by: 0, total_commits: 1 });
    expect(cmp.data.files?.map((f) => `${f.status}:${f.filename}:+${f.additions}-${f.deletions}`).sort()).toEqual([
      'added:logs/2026/10/2026-10-02.jsonl:+1-0',
      'removed:logs/state.json:+0-1'
    ]);
  });

  it('refuses a non-fast-forward PATCH with 422, allows force, and runs beforeRefUpdate', async () => {
    const { fake, octokit } = await start();
    const main = (await fake.branchSha('main')) as string;
    const mainTree = (await octokit.rest.git.getCommit({ owner, repo, commit_sha: main })).data.tree.sha;
    const child = await apiCommit(octokit, { 'a.txt': 'a\n' }, { base_tree: mainTree, parents: [main] });
    await octokit.rest.git.updateRef({ owner, repo, ref: 'heads/main', sha: child.commit.sha });

    // a concurrent writer moves main between our read and our PATCH
    const next = await apiCommit(octokit, { 'b.txt': 'b\n' }, { base_tree: child.tree.sha, parents: [child.commit.sha] });
    let calls = 0;
    fake.beforeRefUpdate = async () => {
      calls++;
      await fake.commitFiles('main', { 'other.txt': 'concurrent\n' }, 'concurrent write');
    };
    const nonFf = await failure(octokit.rest.git.updateRef({ owner, repo, ref: 'heads/main', sha: next.commit.sha }));
    fake.beforeRefUpdate = undefined;
    expect(calls).toBe(1);
    expect(nonFf.status).toBe(422);
    expect(nonFf.data.message).toBe('Update is not a fast forward');
    expect(await fake.readFile('main', 'other.txt')).toBe('concurrent\n');

    const stale = await failure(octokit.rest.git.updateRef({ owner, repo, ref: 'heads/main', sha: main }));
    expect(stale.status).toBe(422);
    const forced = await octokit.rest.git.updateRef({ owner, repo, ref: 'heads/main', sha: main, force: true });
    expect(forced.data.object.sha).toBe(main);
  });

  it('refuses ref updates and creations on a ruled branch with GitHub’s rule violation', async () => {
    const rule = 'Changes must be made through a pull request.';
    const { fake, octokit } = await start({ rules: { main: rule, locked: 'Cannot create ref due to creations being restricted.' } });
    const main = (await fake.branchSha('main')) as string;
    const mainTree = (await octokit.rest.git.getCommit({ owner, repo, commit_sha: main })).data.tree.sha;
    const child = await apiCommit(octokit, { 'a.txt': 'a\n' }, { base_tree: mainTree, parents: [main] });
    const res = await failure(octokit.rest.git.updateRef({ owner, repo, ref: 'heads/main', sha: child.commit.sha }));
    expect(res.status).toBe(422);
    expect(res.data.message).toBe(`Repository rule violations found\n\n${rule}\n\n`);
    expect(res.data.documentation_url).toBe('https://docs.github.com/rest/git/refs#update-a-reference');
    expect(await fake.branchSha('main')).toBe(main);
    const created = await failure(octokit.rest.git.createRef({ owner, repo, ref: 'refs/heads/locked', sha: main }));
    expect(created.status).toBe(422);
    expect(String(created.data.message)).toContain('creations being restricted');
  });

  it('creates files through the contents API on an empty repository, then updates them', async () => {
    const { fake, octokit } = await start({ empty: true });
    const put = await octokit.rest.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: 'cursor-audit-logs/state.json',
      message: 'init',
      content: Buffer.from('{"version":1}\n').toString('base64')
    });
    expect(put.status).toBe(201);
    expect(put.data.commit.verification).toMatchObject({ verified: true, reason: 'valid' });
    expect(put.data.content?.path).toBe('cursor-audit-logs/state.json');
    expect(await fake.readFile('main', 'cursor-audit-logs/state.json')).toBe('{"version":1}\n');
    expect((await gitOut(fake, 'rev-list', '--count', 'main')).trim()).toBe('1');

    const get = await octokit.rest.repos.getContent({ owner, repo, path: 'cursor-audit-logs/state.json' });
    const file = get.data as { type: string; sha: string; content: string; encoding: string };
    expect(file).toMatchObject({ type: 'file', encoding: 'base64' });
    expect(Buffer.from(file.content, 'base64').toString()).toBe('{"version":1}\n');

    const noSha = await failure(
      octokit.rest.repos.createOrUpdateFileContents({ owner, repo, path: 'cursor-audit-logs/state.json', message: 'x', content: '' })
    );
    expect(noSha.status).toBe(422);
    const updated = await octokit.rest.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: 'cursor-audit-logs/state.json',
      message: 'update',
      sha: file.sha,
      branch: 'main',
      content: Buffer.from('{"version":2}\n').toString('base64')
    });
    expect(updated.status).toBe(200);
    expect(await fake.readFile('main', 'cursor-audit-logs/state.json')).toBe('{"version":2}\n');
    const dir = await octokit.rest.repos.getContent({ owner, repo, path: 'cursor-audit-logs' });
    expect(Array.isArray(dir.data)).toBe(true);
  });

  it('answers encoding "none" for files over 1 MB and serves the raw media type', async () => {
    const { fake, octokit } = await start();
    const big = `${'x'.repeat(1024 * 1024)}\n`;
    await fake.commitFiles('main', { 'big.jsonl': big, 'small.jsonl': 'small\n' }, 'big file');
    const obj = await octokit.rest.repos.getContent({ owner, repo, path: 'big.jsonl', ref: 'main' });
    expect(obj.data).toMatchObject({ type: 'file', encoding: 'none', content: '', size: big.length });
    const raw = await octokit.rest.repos.getContent({ owner, repo, path: 'big.jsonl', mediaType: { format: 'raw' } });
    expect(raw.data as unknown as string).toBe(big);
    const raw2 = await fetch(`${fake.url}/repos/${owner}/${repo}/contents/small.jsonl`, {
      headers: { authorization: `token ${token}`, accept: 'application/vnd.github.raw+json' }
    });
    expect(await raw2.text()).toBe('small\n');
    expect((await failure(octokit.rest.repos.getContent({ owner, repo, path: 'missing.jsonl' }))).status).toBe(404);
  });

  it('creates, lists, updates, labels and merges pull requests', async () => {
    const { fake, octokit } = await start();
    await fake.commitFiles('update', { 'data/x.jsonl': '{"event_id":"1"}\n' }, 'start');
    // "update" is an orphan: no history in common with main
    expect((await failure(octokit.rest.pulls.create({ owner, repo, head: 'update', base: 'main', title: 't' }))).status).toBe(422);

    const main = (await fake.branchSha('main')) as string;
    const mainTree = (await octokit.rest.git.getCommit({ owner, repo, commit_sha: main })).data.tree.sha;
    const c = await apiCommit(octokit, { 'data/x.jsonl': '{"event_id":"1"}\n' }, { base_tree: mainTree, parents: [main] });
    await octokit.rest.git.createRef({ owner, repo, ref: 'refs/heads/logs-update', sha: c.commit.sha });

    const pr = await octokit.rest.pulls.create({ owner, repo, head: 'logs-update', base: 'main', title: 'Logs', body: 'one' });
    expect(pr.status).toBe(201);
    expect(pr.data).toMatchObject({
      number: 1,
      state: 'open',
      title: 'Logs',
      body: 'one',
      head: { ref: 'logs-update', sha: c.commit.sha },
      base: { ref: 'main', sha: main }
    });
    expect(pr.data.html_url).toBe(`${fake.url}/html/acme/audit/pull/1`);

    const dup = await failure(octokit.rest.pulls.create({ owner, repo, head: `${owner}:logs-update`, base: 'main', title: 'again' }));
    expect(dup.status).toBe(422);
    expect(dup.data.message).toBe('Validation Failed');
    expect(dup.data.errors).toEqual([{ resource: 'PullRequest', code: 'custom', message: 'A pull request already exists for acme:logs-update.' }]);

    const listed = await octokit.rest.pulls.list({ owner, repo, state: 'open', head: `${owner}:logs-update`, base: 'main' });
    expect(listed.data.map((p) => p.number)).toEqual([1]);
    expect((await octokit.rest.pulls.list({ owner, repo, head: `${owner}:other` })).data).toEqual([]);

    const patched = await octokit.rest.pulls.update({ owner, repo, pull_number: 1, title: 'Logs 2', body: 'two' });
    expect(patched.data).toMatchObject({ title: 'Logs 2', body: 'two' });
    const labels = await octokit.rest.issues.addLabels({ owner, repo, issue_number: 1, labels: ['audit', 'automated'] });
    expect(labels.data.map((l) => l.name)).toEqual(['audit', 'automated']);
    expect(fake.labels).toEqual(['audit', 'automated']);

    const mergeSha = await fake.mergePullRequest(1);
    expect(fake.pulls[0]).toMatchObject({ state: 'closed', merged: true, merge_commit_sha: mergeSha });
    expect((await gitOut(fake, 'log', '-1', '--format=%P', 'main')).trim()).toBe(`${main} ${c.commit.sha}`);
    expect(await fake.readFile('main', 'data/x.jsonl')).toBe('{"event_id":"1"}\n');
    expect((await octokit.rest.pulls.list({ owner, repo, state: 'closed' })).data.map((p) => p.number)).toEqual([1]);
  });

  it('squashes and rebases as the merge button does, and refuses a rebase that would differ from a merge', async () => {
    const { fake, octokit } = await start();
    const open = async (head: string) => (await octokit.rest.pulls.create({ owner, repo, head, base: 'main', title: head })).data.number;
    const branchFrom = async (name: string, files: Record<string, string>[]) => {
      await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${name}`, sha: (await fake.branchSha('main')) as string });
      for (const [i, f] of files.entries()) await fake.commitFiles(name, f, `${name} ${i}`);
      return (await fake.branchSha(name)) as string;
    };

    const squashed = await branchFrom('squashed', [{ 'a.txt': 'a\n' }, { 'b.txt': 'b\n' }]);
    const s = await fake.mergePullRequest(await open('squashed'), 'squash');
    expect((await gitOut(fake, 'log', '-1', '--format=%P%n%s%n%cn', s)).trim().split('\n')).toEqual([expect.any(String), 'squashed (#1)', 'GitHub']);
    expect((await gitOut(fake, 'rev-parse', `${s}^{tree}`)).trim()).toBe((await gitOut(fake, 'rev-parse', `${squashed}^{tree}`)).trim());

    const rebased = await branchFrom('rebased', [{ 'c.txt': 'c\n' }, { 'd.txt': 'd\n' }]);
    const r = await fake.mergePullRequest(await open('rebased'), 'rebase');
    // two new commits on main, same messages, GitHub as committer; the head's own commits are not in main
    expect((await gitOut(fake, 'log', '--format=%s|%cn', `${s}..${r}`)).trim().split('\n')).toEqual(['rebased 1|GitHub', 'rebased 0|GitHub']);
    expect(await gitOut(fake, 'branch', '--contains', rebased)).not.toMatch(/main/);
    expect(await fake.readFile('main', 'd.txt')).toBe('d\n');
    expect(fake.pulls.find((p) => p.number === 2)).toMatchObject({ merged: true, merge_commit_sha: r });

    // a merge commit that carries a change of its own: a rebase leaves it out, so GitHub refuses
    const side = await branchFrom('carried', [{ 'e.txt': 'e\n' }]);
    const tree = (await gitOut(fake, 'rev-parse', `${side}^{tree}`)).trim();
    const m = (await octokit.rest.git.createCommit({ owner, repo, message: 'merge', tree, parents: [side, (await fake.branchSha('main')) as string] })).data
      .sha;
    const withChange = (
      await octokit.rest.git.createTree({ owner, repo, base_tree: tree, tree: [{ path: 'f.txt', mode: '100644', type: 'blob', content: 'f\n' }] })
    ).data.sha;
    const carried = (await octokit.rest.git.createCommit({ owner, repo, message: 'merge with a change', tree: withChange, parents: [side, m] })).data.sha;
    await octokit.rest.git.updateRef({ owner, repo, ref: 'heads/carried', sha: carried });
    const n = await open('carried');
    const mainBefore = await fake.branchSha('main');
    await expect(fake.mergePullRequest(n, 'rebase')).rejects.toThrow(/cannot be rebased safely/);
    expect(await fake.branchSha('main')).toBe(mainBefore);
    expect(fake.pulls.find((p) => p.number === n)?.state).toBe('open');
  });

  it('answers 403 when Actions may not create pull requests, or without write permissions', async () => {
    const { fake, octokit } = await start({ actionsCanCreatePullRequests: false });
    await fake.commitFiles('main', { 'a.txt': 'a\n' }, 'base');
    const main = (await fake.branchSha('main')) as string;
    await octokit.rest.git.createRef({ owner, repo, ref: 'refs/heads/feature', sha: main });
    await fake.commitFiles('feature', { 'b.txt': 'b\n' }, 'feature');
    const res = await failure(octokit.rest.pulls.create({ owner, repo, head: 'feature', base: 'main', title: 't' }));
    expect(res.status).toBe(403);
    expect(res.data.message).toBe('GitHub Actions is not permitted to create or approve pull requests.');

    const ro = await start({ permissions: { contents: 'read', pullRequests: 'read' } });
    const roMain = (await ro.fake.branchSha('main')) as string;
    const blob = await failure(ro.octokit.rest.git.createBlob({ owner, repo, content: 'x' }));
    expect(blob.status).toBe(403);
    expect(blob.data.message).toBe('Resource not accessible by integration');
    expect((await failure(ro.octokit.rest.git.createRef({ owner, repo, ref: 'refs/heads/x', sha: roMain }))).status).toBe(403);
    expect((await failure(ro.octokit.rest.repos.createOrUpdateFileContents({ owner, repo, path: 'f', message: 'm', content: '' }))).status).toBe(403);
    expect((await failure(ro.octokit.rest.pulls.create({ owner, repo, head: 'x', base: 'main', title: 't' }))).status).toBe(403);
    // reading still works
    expect((await ro.octokit.rest.git.getRef({ owner, repo, ref: 'heads/main' })).data.object.sha).toBe(roMain);
  });

  it('replays injected faults once, in order, and records requests', async () => {
    const { fake, octokit } = await start();
    fake.injectFault({
      status: 403,
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      headers: { 'retry-after': '1' },
      match: { method: 'GET', pathIncludes: '/git/ref/' }
    });
    const limited = await failure(octokit.rest.git.getRef({ owner, repo, ref: 'heads/main' }));
    expect(limited.status).toBe(403);
    expect(limited.headers['retry-after']).toBe('1');
    expect(String(limited.data.message)).toContain('secondary rate limit');
    const ok = await octokit.rest.git.getRef({ owner, repo, ref: 'heads/main' });
    expect(ok.status).toBe(200);
    expect(fake.requests).toEqual([
      { method: 'GET', path: '/repos/acme/audit/git/ref/heads/main', query: '', status: 403 },
      { method: 'GET', path: '/repos/acme/audit/git/ref/heads/main', query: '', status: 200 }
    ]);
    fake.resetRequests();
    expect(fake.requests).toEqual([]);
  });

  it('serialises concurrent writes', async () => {
    const { fake } = await start();
    await Promise.all(Array.from({ length: 8 }, (_, i) => fake.commitFiles('main', { [`f${i}.txt`]: `${i}\n` }, `c${i}`)));
    expect((await gitOut(fake, 'rev-list', '--count', 'main')).trim()).toBe('9');
    expect((await gitOut(fake, 'ls-tree', '--name-only', 'main')).trim().split('\n')).toHaveLength(9);
  });
});

/** Commits on top of `branch`, one `git fast-import` for them all (quicker than a commit per process); returns the new tip. */
function importCommits(fake: FakeGitHub, branch: string, commits: { files: Record<string, string>; message: string }[]): string {
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const start = Math.floor(Date.now() / 1000);
  let stream = '';
  commits.forEach((commit, i) => {
    stream += `commit refs/heads/${branch}\ncommitter Importer <importer@example.com> ${start + i} +0000\n${data(commit.message)}`;
    if (i === 0) stream += `from refs/heads/${branch}^0\n`;
    for (const [file, content] of Object.entries(commit.files)) stream += `M 100644 inline ${file}\n${data(content)}`;
  });
  execFileSync('git', ['--git-dir', fake.gitDir, 'fast-import', '--quiet'], { input: stream });
  return execFileSync('git', ['--git-dir', fake.gitDir, 'rev-parse', branch], { encoding: 'utf8' }).trim();
}

describe('fake GitHub API: commits', () => {
  it('lists commits newest first, 30 a page by default, paged with a Link header that paginate follows', async () => {
    const { fake, octokit } = await start();
    // 249 commits on the initial one: 250 in all; every tenth also touches notes/x.md (25 of them)
    const tip = importCommits(
      fake,
      'main',
      Array.from({ length: 249 }, (_, i) => ({
        message: `commit ${i}`,
        files: { 'data/log.txt': `${i}\n`, ...(i % 10 === 0 ? { 'notes/x.md': `note ${i}\n` } : {}) }
      }))
    );
    const all = (await gitOut(fake, 'rev-list', 'main')).trim().split('\n');
    expect(all).toHaveLength(250);
    expect(all[0]).toBe(tip);

    const first = await octokit.rest.repos.listCommits({ owner, repo });
    expect(first.data.map((c) => c.sha)).toEqual(all.slice(0, 30));
    expect(first.data[0]).toMatchObject({ sha: tip, commit: { message: 'commit 248', author: { name: 'Importer' } }, parents: [{ sha: all[1] }] });
    expect(first.data[0]).not.toHaveProperty('files');
    expect(first.headers.link).toBe(
      `<${fake.url}/repos/acme/audit/commits?page=2&per_page=30>; rel="next", <${fake.url}/repos/acme/audit/commits?page=9&per_page=30>; rel="last"`
    );

    const pages = await Promise.all([1, 2, 3, 4].map((page) => octokit.rest.repos.listCommits({ owner, repo, per_page: 100, page })));
    expect(pages.map((p) => p.data.length)).toEqual([100, 100, 50, 0]);
    expect(pages.flatMap((p) => p.data.map((c) => c.sha))).toEqual(all);
    const rels = (link: string | undefined) => [...(link ?? '').matchAll(/[?&]page=(\d+)[^>]*>; rel="(\w+)"/g)].map((m) => `${m[2]}=${m[1]}`);
    expect(rels(pages[0]!.headers.link)).toEqual(['next=2', 'last=3']);
    expect(rels(pages[1]!.headers.link)).toEqual(['next=3', 'last=3', 'first=1', 'prev=1']);
    expect(rels(pages[2]!.headers.link)).toEqual(['first=1', 'prev=2']);

    fake.resetRequests();
    const paginated = await octokit.paginate(octokit.rest.repos.listCommits, { owner, repo, per_page: 100 });
    expect(paginated.map((c) => c.sha)).toEqual(all);
    expect(fake.requests.map((r) => r.query)).toEqual(['?per_page=100', '?per_page=100&page=2', '?per_page=100&page=3']);
    // per_page is capped at 100, as GitHub caps it
    expect((await octokit.rest.repos.listCommits({ owner, repo, per_page: 500 })).data).toHaveLength(100);
  });

  it('lists the commits touching a path (git log’s rule), from a branch, a tag or a sha; 404 for an unknown sha, 409 when empty', async () => {
    const { fake, octokit } = await start();
    importCommits(
      fake,
      'main',
      Array.from({ length: 40 }, (_, i) => ({
        message: `c${i}`,
        files: { 'data/log.txt': `${i}\n`, ...(i % 10 === 0 ? { 'notes/x.md': `note ${i}\n` } : {}) }
      }))
    );
    const touching = (await gitOut(fake, 'rev-list', 'main', '--', 'notes/x.md')).trim().split('\n');
    expect(touching).toHaveLength(4);
    const byPath = await octokit.paginate(octokit.rest.repos.listCommits, { owner, repo, path: 'notes/x.md', per_page: 3 });
    expect(byPath.map((c) => c.sha)).toEqual(touching);
    expect(byPath.map((c) => c.commit.message)).toEqual(['c30', 'c20', 'c10', 'c0']);
    // a directory too, and a path nothing touched
    expect((await octokit.rest.repos.listCommits({ owner, repo, path: 'notes' })).data.map((c) => c.sha)).toEqual(touching);
    const none = await octokit.rest.repos.listCommits({ owner, repo, path: 'nothing/here' });
    expect(none.data).toEqual([]);
    expect(none.headers.link).toBeUndefined();

    const tenth = touching[2] as string;
    await gitOut(fake, 'branch', 'older', tenth);
    await gitOut(fake, 'tag', 'v1', tenth);
    const expected = (await gitOut(fake, 'rev-list', '--max-count=30', tenth)).trim().split('\n');
    for (const sha of ['older', 'v1', tenth, tenth.slice(0, 10)]) {
      expect((await octokit.rest.repos.listCommits({ owner, repo, sha })).data.map((c) => c.sha)).toEqual(expected);
    }
    const unknown = await failure(octokit.rest.repos.listCommits({ owner, repo, sha: 'no-such-branch' }));
    expect(unknown.status).toBe(404);
    expect(unknown.data.message).toBe('Not Found');

    const { octokit: empty } = await start({ empty: true });
    const conflict = await failure(empty.rest.repos.listCommits({ owner, repo }));
    expect(conflict.status).toBe(409);
    expect(conflict.data.message).toBe('Git Repository is empty.');
  });

  it('gets a root commit: every file added, against the empty tree', async () => {
    const { fake, octokit } = await start();
    const main = (await fake.branchSha('main')) as string;
    const { data } = await octokit.rest.repos.getCommit({ owner, repo, ref: main });
    expect(data).toMatchObject({ sha: main, parents: [], commit: { message: 'Initial commit' }, stats: { total: 1, additions: 1, deletions: 0 } });
    expect(data.files).toEqual([
      {
        sha: (await gitOut(fake, 'rev-parse', 'main:README.md')).trim(),
        filename: 'README.md',
        status: 'added',
        additions: 1,
        deletions: 0,
        changes: 1,
        blob_url: `${fake.url}/html/acme/audit/blob/${main}/README.md`,
        raw_url: `${fake.url}/html/acme/audit/raw/${main}/README.md`,
        contents_url: `${fake.url}/repos/acme/audit/contents/README.md?ref=${main}`,
        patch: '@@ -0,0 +1 @@\n+# audit'
      }
    ]);
  });

  it('gets a commit that modifies and removes files: each patch from its hunk header, - for a removed line, + for an added one', async () => {
    const { fake, octokit } = await start();
    await fake.commitFiles('main', { 'a.txt': 'one\ntwo\nthree\n', 'gone.txt': 'bye\nfor now\n', 'bin.dat': 'x\u0000y' }, 'files');
    const sha = await fake.commitFiles(
      'main',
      { 'a.txt': 'one\n2\nthree\nfour\n', 'gone.txt': null, 'bin.dat': 'x\u0000z', 'new dir/n.txt': 'new\n' },
      'change'
    );
    const { data } = await octokit.rest.repos.getCommit({ owner, repo, ref: sha });
    expect(data.stats).toEqual({ total: 6, additions: 3, deletions: 3 });
    const byName = new Map(data.files!.map((file) => [file.filename, file]));
    expect([...byName.keys()]).toEqual(['a.txt', 'bin.dat', 'gone.txt', 'new dir/n.txt']);
    expect(byName.get('a.txt')).toMatchObject({
      status: 'modified',
      additions: 2,
      deletions: 1,
      changes: 3,
      patch: '@@ -1,3 +1,4 @@\n one\n-two\n+2\n three\n+four'
    });
    expect(byName.get('a.txt')!.sha).toBe((await gitOut(fake, 'rev-parse', `${sha}:a.txt`)).trim());
    expect(byName.get('a.txt')!.patch).not.toMatch(/^(diff --git|index |--- |\+\+\+ )/m);
    expect(byName.get('gone.txt')).toMatchObject({
      status: 'removed',
      sha: '0'.repeat(40),
      additions: 0,
      deletions: 2,
      patch: '@@ -1,2 +0,0 @@\n-bye\n-for now'
    });
    // a binary file has no patch, and counts no lines
    expect(byName.get('bin.dat')).toMatchObject({ status: 'modified', additions: 0, deletions: 0, changes: 0 });
    expect(byName.get('bin.dat')).not.toHaveProperty('patch');
    expect(byName.get('new dir/n.txt')).toMatchObject({
      status: 'added',
      patch: '@@ -0,0 +1 @@\n+new',
      blob_url: `${fake.url}/html/acme/audit/blob/${sha}/new%20dir/n.txt`
    });
    for (const file of data.files!) expect(file).not.toHaveProperty('previous_filename');

    // the same commit by branch, heads/<branch>, an abbreviated sha and a tag
    await gitOut(fake, 'tag', 'v2', sha);
    for (const ref of ['main', 'heads/main', sha.slice(0, 7), 'v2', 'tags/v2']) {
      expect((await octokit.rest.repos.getCommit({ owner, repo, ref })).data.sha).toBe(sha);
    }
    const unknown = await failure(octokit.rest.repos.getCommit({ owner, repo, ref: 'nope' }));
    expect(unknown.status).toBe(422);
    expect(unknown.data.message).toBe('No commit found for SHA: nope');
    const { octokit: empty } = await start({ empty: true });
    expect((await failure(empty.rest.repos.getCommit({ owner, repo, ref: 'main' }))).status).toBe(409);
  });

  it('diffs a merge commit against its first parent', async () => {
    const { fake, octokit } = await start();
    await fake.commitFiles('main', { 'a.txt': 'a\n' }, 'a');
    await gitOut(fake, 'branch', 'feature', 'main');
    const featureTip = await fake.commitFiles('feature', { 'f.txt': 'feature\n' }, 'feature work');
    const mainTip = await fake.commitFiles('main', { 'a.txt': 'a\nmore\n' }, 'main work');
    const tree = (await gitOut(fake, 'merge-tree', '--write-tree', mainTip, featureTip)).trim();
    const merge = await octokit.rest.git.createCommit({ owner, repo, message: 'Merge feature', tree, parents: [mainTip, featureTip] });
    const { data } = await octokit.rest.repos.getCommit({ owner, repo, ref: merge.data.sha });
    expect(data.parents.map((p) => p.sha)).toEqual([mainTip, featureTip]);
    // what the merge brought to main: the feature's file, not main's own change
    expect(data.files!.map((f) => `${f.status}:${f.filename}`)).toEqual(['added:f.txt']);
    expect(data.stats).toEqual({ total: 1, additions: 1, deletions: 0 });
  });

  it('leaves out the patch of a file over patchLimitBytes, keeping its line counts', async () => {
    const big = Array.from({ length: 20 }, (_, i) => `line ${i} of a long file\n`).join('');
    for (const [limit, bigHasPatch] of [
      [undefined, true],
      [200, false]
    ] as const) {
      const { fake, octokit } = await start(limit === undefined ? {} : { patchLimitBytes: limit });
      const sha = await fake.commitFiles('main', { 'big.txt': big, 'small.txt': 'small\n' }, 'big and small');
      const { data } = await octokit.rest.repos.getCommit({ owner, repo, ref: sha });
      const [bigFile, smallFile] = data.files!;
      expect(bigFile).toMatchObject({ filename: 'big.txt', status: 'added', additions: 20, deletions: 0, changes: 20 });
      expect(bigFile!.patch !== undefined).toBe(bigHasPatch);
      expect(smallFile).toMatchObject({ filename: 'small.txt', patch: '@@ -0,0 +1 @@\n+small' });
      expect(data.stats).toEqual({ total: 21, additions: 21, deletions: 0 });
    }
  });

  it('pages a commit’s files 300 at a time, or per_page, with a Link header', async () => {
    const { fake, octokit } = await start();
    const files = Object.fromEntries(Array.from({ length: 320 }, (_, i) => [`data/f${String(i).padStart(3, '0')}.txt`, `${i}\n`]));
    const sha = await fake.commitFiles('main', files, '320 files');
    const names = Object.keys(files);
    const first = await octokit.rest.repos.getCommit({ owner, repo, ref: sha });
    expect(first.data.files!.map((f) => f.filename)).toEqual(names.slice(0, 300));
    expect(first.data.stats).toEqual({ total: 320, additions: 320, deletions: 0 });
    expect(first.headers.link).toBe(
      `<${fake.url}/repos/acme/audit/commits/${sha}?page=2&per_page=300>; rel="next", <${fake.url}/repos/acme/audit/commits/${sha}?page=2&per_page=300>; rel="last"`
    );
    const second = await octokit.rest.repos.getCommit({ owner, repo, ref: sha, page: 2 });
    expect(second.data.files!.map((f) => f.filename)).toEqual(names.slice(300));
    expect(second.data.stats).toEqual(first.data.stats);
    const byHundred = await Promise.all([1, 2, 3, 4].map((page) => octokit.rest.repos.getCommit({ owner, repo, ref: sha, page, per_page: 100 })));
    expect(byHundred.map((p) => p.data.files!.length)).toEqual([100, 100, 100, 20]);
    expect(byHundred.flatMap((p) => p.data.files!.map((f) => f.filename))).toEqual(names);
    expect(byHundred[0]!.headers.link).toContain('page=4&per_page=100>; rel="last"');
  });
});

/** A Sigstore bundle v0.3 as actions/attest sends it, its DSSE payload an in-toto statement about `subjects`. */
function sigstoreBundle(subjects: Record<string, string>, predicateType = 'https://slsa.dev/provenance/v1', payload?: string) {
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: Object.entries(subjects).map(([name, sha256]) => ({ name, digest: { sha256 } })),
    predicateType,
    predicate: { buildDefinition: { buildType: 'https://actions.github.io/buildtypes/workflow/v1' }, runDetails: {} }
  };
  return {
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: { certificate: { rawBytes: Buffer.from('a certificate').toString('base64') }, tlogEntries: [], timestampVerificationData: {} },
    dsseEnvelope: {
      payload: payload ?? Buffer.from(JSON.stringify(statement)).toString('base64'),
      payloadType: 'application/vnd.in-toto+json',
      signatures: [{ sig: Buffer.from('a signature').toString('base64'), keyid: '' }]
    }
  };
}

type Attestation = NonNullable<Awaited<ReturnType<Octokit['rest']['repos']['listAttestations']>>['data']['attestations']>[number];

const digestA = 'a'.repeat(64);
const digestB = 'b'.repeat(64);

describe('fake GitHub API: attestations', () => {
  it('stores bundles and lists them by each subject digest, with the repository id and a bundle URL; none found is an empty list', async () => {
    const { fake, octokit } = await start();
    const first = await octokit.rest.repos.createAttestation({ owner, repo, bundle: sigstoreBundle({ 'a.tgz': digestA }) });
    expect(first.status).toBe(201);
    expect(first.data).toEqual({ id: 1 });
    const both = sigstoreBundle({ 'b.tgz': digestB, 'a-again.tgz': digestA }, 'https://spdx.dev/Document/v2.3');
    expect((await octokit.rest.repos.createAttestation({ owner, repo, bundle: both })).data).toEqual({ id: 2 });

    const listA = await octokit.rest.repos.listAttestations({ owner, repo, subject_digest: `sha256:${digestA}` });
    expect(listA.status).toBe(200);
    expect(listA.data.attestations).toHaveLength(2);
    expect(listA.data.attestations?.[0]).toEqual({
      bundle: both,
      repository_id: 1,
      bundle_url: `${fake.url}/attestation-bundles/1/2.json`,
      initiator: 'user'
    });
    expect(listA.headers.link).toBeUndefined();
    const listB = await octokit.rest.repos.listAttestations({ owner, repo, subject_digest: `sha256:${digestB}` });
    expect((listB.data.attestations ?? []).map((a) => a.bundle)).toEqual([both]);
    const none = await octokit.rest.repos.listAttestations({ owner, repo, subject_digest: `sha256:${'c'.repeat(64)}` });
    expect(none.status).toBe(200);
    expect(none.data).toEqual({ attestations: [] });
  });

  it('filters by predicate type, matched exactly', async () => {
    const { octokit } = await start();
    await octokit.rest.repos.createAttestation({ owner, repo, bundle: sigstoreBundle({ 'a.tgz': digestA }) });
    await octokit.rest.repos.createAttestation({ owner, repo, bundle: sigstoreBundle({ 'a.tgz': digestA }, 'https://spdx.dev/Document/v2.3') });
    const list = (predicate_type: string) =>
      octokit.rest.repos.listAttestations({ owner, repo, subject_digest: `sha256:${digestA}`, predicate_type }).then((r) => r.data.attestations ?? []);
    const sbom = await list('https://spdx.dev/Document/v2.3');
    expect(sbom).toHaveLength(1);
    expect(Buffer.from(String(sbom[0]?.bundle?.dsseEnvelope?.payload), 'base64').toString()).toContain('spdx.dev');
    expect(await list('https://slsa.dev/provenance/v1')).toHaveLength(1);
    expect(await list('https://example.com/other')).toHaveLength(0);
  });

  it('pages 150 attestations of one digest with cursors: the Link header names the next and previous pages, and paginate gets them all', async () => {
    const { octokit } = await start();
    for (let i = 0; i < 150; i++) {
      await octokit.rest.repos.createAttestation({ owner, repo, bundle: sigstoreBundle({ [`build-${i}.tgz`]: digestA }) });
    }
    const subject_digest = `sha256:${digestA}`;
    // the answer is an object, not a list: paginate is told where the page's items are
    const pages: number[] = [];
    const all: Attestation[] = await octokit.paginate(octokit.rest.repos.listAttestations, { owner, repo, subject_digest, per_page: 100 }, (response) => {
      // (Octokit's types expect a list answer to be an array or to carry total_count)
      const page = (response.data as unknown as { attestations: Attestation[] }).attestations;
      pages.push(page.length);
      return page;
    });
    expect(pages).toEqual([100, 50]);
    expect(all).toHaveLength(150);
    const names = all.map((a) => JSON.parse(Buffer.from(String(a.bundle?.dsseEnvelope?.payload), 'base64').toString()).subject[0].name);
    expect(new Set(names).size).toBe(150);
    expect(names[0]).toBe('build-149.tgz');

    const firstPage = await octokit.rest.repos.listAttestations({ owner, repo, subject_digest });
    expect(firstPage.data.attestations).toHaveLength(30);
    expect(firstPage.headers.link).toMatch(/^<[^>]+[?&]after=[^>]+>; rel="next"$/);
    const next = /<([^>]+)>; rel="next"/.exec(String(firstPage.headers.link))![1]!;
    const second = await octokit.request(`GET ${next}`);
    expect(second.data.attestations).toHaveLength(30);
    expect(String(second.headers.link)).toMatch(/rel="next"/);
    const prev = /<([^>]+)>; rel="prev"/.exec(String(second.headers.link))![1]!;
    expect(new URL(prev).searchParams.has('before')).toBe(true);
    const back = await octokit.request(`GET ${prev}`);
    expect(back.data).toEqual(firstPage.data);
  }, 60_000);

  it('answers 403 to a token without attestations write, 422 without a bundle, and stores a repeated bundle twice', async () => {
    const ro = await start({ permissions: { attestations: 'read' } });
    const denied = await failure(ro.octokit.rest.repos.createAttestation({ owner, repo, bundle: sigstoreBundle({ 'a.tgz': digestA }) }));
    expect(denied.status).toBe(403);
    expect(denied.data.message).toBe('Resource not accessible by integration');
    expect(denied.data.documentation_url).toBe('https://docs.github.com/rest/repos/attestations#create-an-attestation');
    // reading needs only read
    expect((await ro.octokit.rest.repos.listAttestations({ owner, repo, subject_digest: `sha256:${digestA}` })).data.attestations).toEqual([]);

    const { octokit } = await start();
    // untyped, as the body breaks the documented schema on purpose
    const missing = await failure(octokit.request('POST /repos/acme/audit/attestations', { data: {} }));
    expect(missing.status).toBe(422);
    expect(missing.data.message).toMatch(/"bundle" wasn't supplied/);
    const notObject = await failure(octokit.request('POST /repos/acme/audit/attestations', { bundle: 'x' }));
    expect(notObject.status).toBe(422);

    const bundle = sigstoreBundle({ 'a.tgz': digestA });
    expect((await octokit.rest.repos.createAttestation({ owner, repo, bundle })).data.id).toBe(1);
    expect((await octokit.rest.repos.createAttestation({ owner, repo, bundle })).data.id).toBe(2);
    expect((await octokit.rest.repos.listAttestations({ owner, repo, subject_digest: `sha256:${digestA}` })).data.attestations).toHaveLength(2);
  });

  it('stores a bundle whose payload is no in-toto statement under no digest', async () => {
    const { octokit } = await start();
    const bundle = sigstoreBundle({}, undefined, Buffer.from('not json').toString('base64'));
    expect((await octokit.rest.repos.createAttestation({ owner, repo, bundle })).data).toEqual({ id: 1 });
    expect((await octokit.rest.repos.createAttestation({ owner, repo, bundle: sigstoreBundle({ 'a.tgz': digestA }) })).data).toEqual({ id: 2 });
    const listed = await octokit.rest.repos.listAttestations({ owner, repo, subject_digest: `sha256:${digestA}` });
    expect(listed.data.attestations).toHaveLength(1);
  });
});
