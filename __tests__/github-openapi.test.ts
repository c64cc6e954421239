// The fake GitHub API held to GitHub's own OpenAPI description (npm @octokit/openapi): the action's
// real branch and pull-request flows run against the fake with every exchange recorded; each
// request must be a documented operation with a valid body, and each answer must validate against
// the response schema GitHub documents for its status.
import { readdirSync, readFileSync } from 'node:fs';
import { Octokit } from '@octokit/rest';
import { type FakeExchange, type FakeGitHub, type FakeGitHubOptions, startFakeGitHub } from '../fake/github-api.ts';
import { generateEvents } from '../fake/events.ts';
import { DAY, MINUTE } from '../src/time.ts';
import { harness, type Harness } from './support/harness.ts';
import { OpenApiChecker } from './support/openapi.ts';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const TOKEN = 'ghs_openapi_test_token';
const BRANCH = 'cursor-audit-logs';

let checker: OpenApiChecker;
const recorded: FakeExchange[] = [];
let h: Harness | undefined;
let gh: FakeGitHub | undefined;

beforeAll(() => {
  checker = new OpenApiChecker();
});

afterEach(async () => {
  if (gh) recorded.push(...gh.exchanges);
  await h?.close();
  await gh?.close();
  h = undefined;
  gh = undefined;
});

async function setup(count: number, seed: number, opts: Partial<FakeGitHubOptions> = {}, days = 3) {
  h = await harness({ start: NOW, events: generateEvents({ start: NOW - days * DAY, end: NOW - MINUTE, count, seed }) });
  gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN, recordExchanges: true, ...opts });
  return { h, gh };
}

function run(destination: 'branch' | 'pull-request', inputs: Record<string, string> = {}) {
  return h!.run(
    { destination, 'github-token': TOKEN, repository: 'acme/audit', ...inputs },
    { env: { GITHUB_API_URL: gh!.url, GITHUB_SERVER_URL: 'https://github.example' } }
  );
}

const dayFile = (day: string) => `${BRANCH}/${day.slice(0, 4)}/${day.slice(5, 7)}/${day}.jsonl`;

describe('the fake GitHub API against GitHub’s OpenAPI description', () => {
  describe('the action’s flows, recorded', () => {
    it('branch: an orphan branch, a second run that adds lines, a run without events', async () => {
      const { h } = await setup(200, 1);
      expect((await run('branch')).rec.failed).toBeUndefined();
      h.clock.advance(60 * MINUTE);
      h.api.addEvents(generateEvents({ start: NOW, end: NOW + 50 * MINUTE, count: 10, seed: 2 }));
      expect((await run('branch')).rec.failed).toBeUndefined();
      h.clock.advance(60 * MINUTE);
      expect((await run('branch')).rec.failed).toBeUndefined();
      // mode: verify reads the branch, its commits and their patches
      expect((await run('branch', { mode: 'verify' })).outputs.verified).toBe('true');
    });

    it('branch: an empty repository, started through the contents API', async () => {
      await setup(30, 3, { empty: true });
      expect((await run('branch')).rec.failed).toBeUndefined();
    });

    it('branch: a concurrent writer, a listing cut short, a file over 4 MB read and written as a blob', async () => {
      const { gh } = await setup(60, 4, { truncateTrees: true });
      const today = new Date(NOW).toISOString().slice(0, 10);
      const big = generateEvents({ start: NOW - 12 * 60 * MINUTE, end: NOW - 11 * 60 * MINUTE, count: 16000, seed: 5 })
        .map((e) => `${JSON.stringify({ ...e, event_id: `big-${String(e.event_id)}` })}\n`)
        .join('');
      expect(big.length).toBeGreaterThan(4 * 1024 * 1024);
      await gh.commitFiles(BRANCH, { [dayFile(today)]: big }, 'existing branch');
      gh.beforeRefUpdate = async () => {
        gh.beforeRefUpdate = undefined;
        await gh.commitFiles(BRANCH, { 'NOTES.md': 'kept\n' }, 'concurrent writer');
      };
      const { rec } = await run('branch');
      expect(rec.failed).toBeUndefined();
      expect(rec.lines.join('\n')).toMatch(/moved during this run/);
      expect(gh.exchanges.some((x) => x.method === 'GET' && x.path.includes('/git/blobs/'))).toBe(true);
      expect(gh.exchanges.some((x) => x.method === 'POST' && x.path.endsWith('/git/blobs'))).toBe(true);
    }, 120_000);

    it('branch: refusals (a branch rule, a token that may not write, a missing repository)', async () => {
      await setup(10, 6, { rules: { [BRANCH]: 'Changes must be made through a pull request.' } });
      expect((await run('branch')).rec.failed).toMatch(/repository rule refused/);
      recorded.push(...gh!.exchanges);
      await gh!.close();
      gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN, recordExchanges: true, permissions: { contents: 'read' } });
      expect((await run('branch')).rec.failed).toMatch(/GitHub answered 403/);
      expect((await run('branch', { repository: 'acme/missing' })).rec.failed).toMatch(/GitHub answered 404/);
    });

    it('pull request: opened with labels, updated, merged, then started over', async () => {
      const { h, gh } = await setup(150, 7);
      const inputs = { 'pull-request-labels': 'audit, security' };
      expect((await run('pull-request', inputs)).rec.failed).toBeUndefined();
      h.clock.advance(60 * MINUTE);
      h.api.addEvents(generateEvents({ start: NOW, end: NOW + 50 * MINUTE, count: 12, seed: 8 }));
      expect((await run('pull-request', inputs)).rec.failed).toBeUndefined();
      await gh.mergePullRequest(gh.pulls[0]!.number);
      h.clock.advance(60 * MINUTE);
      h.api.addEvents(generateEvents({ start: NOW + 60 * MINUTE, end: NOW + 110 * MINUTE, count: 5, seed: 9 }));
      const { rec } = await run('pull-request', inputs);
      expect(rec.failed).toBeUndefined();
      expect(gh.pulls).toHaveLength(2);
    });

    it('pull request: refused to Actions, and a token that may not open pull requests', async () => {
      await setup(20, 10, { actionsCanCreatePullRequests: false });
      expect((await run('pull-request')).rec.warnings.join('\n')).toMatch(/Allow GitHub Actions to create and approve pull requests/);
      recorded.push(...gh!.exchanges);
      await gh!.close();
      gh = await startFakeGitHub({
        owner: 'acme',
        repo: 'audit',
        token: TOKEN,
        recordExchanges: true,
        permissions: { contents: 'write', pullRequests: 'read' }
      });
      // new events, so the head adds something and a pull request is due
      h!.clock.advance(60 * MINUTE);
      h!.api.addEvents(generateEvents({ start: NOW, end: NOW + 50 * MINUTE, count: 4, seed: 11 }));
      expect((await run('pull-request')).rec.failed).toMatch(/GitHub answered 403 to opening the pull request/);
    });
  });

  describe('direct calls, recorded', () => {
    it('commits: listed (paged, by path) and got (root, changed, removed and binary files, a patch over the limit, a merge, files paged)', async () => {
      const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
      const repo = { owner: 'acme', repo: 'audit' };
      gh = await startFakeGitHub({ ...repo, token: TOKEN, recordExchanges: true, patchLimitBytes: 200 });
      const octokit = new Octokit({ auth: TOKEN, baseUrl: gh.url, log: quiet });
      const root = (await gh.branchSha('main')) as string;
      await gh.commitFiles('main', { 'a.txt': 'one\ntwo\n', 'gone.txt': 'bye\n', 'bin.dat': 'x\u0000y' }, 'files');
      await gh.commitFiles('feature', { 'f.txt': 'feature\n' }, 'an orphan branch to merge');
      const changed = await gh.commitFiles(
        'main',
        { 'a.txt': 'one\n2\n', 'gone.txt': null, 'bin.dat': 'x\u0000z', 'big.txt': 'long line\n'.repeat(40) },
        'change'
      );
      const files = Object.fromEntries(Array.from({ length: 301 }, (_, i) => [`many/f${i}.txt`, `${i}\n`]));
      const many = await gh.commitFiles('main', files, '301 files');
      const feature = (await gh.branchSha('feature')) as string;
      const tree = (await octokit.rest.git.getCommit({ ...repo, commit_sha: many })).data.tree.sha;
      const merge = await octokit.rest.git.createCommit({ ...repo, message: 'merge', tree, parents: [many, feature] });

      expect(await octokit.paginate(octokit.rest.repos.listCommits, { ...repo, per_page: 2 })).toHaveLength(4);
      expect((await octokit.rest.repos.listCommits({ ...repo, sha: merge.data.sha, path: 'a.txt' })).data).toHaveLength(2);
      expect((await octokit.rest.repos.getCommit({ ...repo, ref: root })).data.files).toHaveLength(1);
      const got = await octokit.rest.repos.getCommit({ ...repo, ref: changed });
      expect(got.data.files?.map((f) => `${f.status}:${f.filename}:${f.patch === undefined ? 'no patch' : 'patch'}`)).toEqual([
        'modified:a.txt:patch',
        'added:big.txt:no patch',
        'modified:bin.dat:no patch',
        'removed:gone.txt:patch'
      ]);
      expect((await octokit.rest.repos.getCommit({ ...repo, ref: many, page: 2 })).data.files).toHaveLength(1);
      expect((await octokit.rest.repos.getCommit({ ...repo, ref: merge.data.sha })).data.files).toEqual([]);
      expect((await octokit.rest.repos.listCommits({ ...repo, sha: 'missing' }).catch((e: { status: number }) => e)).status).toBe(404);
      expect((await octokit.rest.repos.getCommit({ ...repo, ref: 'missing' }).catch((e: { status: number }) => e)).status).toBe(422);
      recorded.push(...gh.exchanges);
      await gh.close();
      gh = await startFakeGitHub({ ...repo, token: TOKEN, recordExchanges: true, empty: true });
      const empty = new Octokit({ auth: TOKEN, baseUrl: gh.url, log: quiet });
      expect((await empty.rest.repos.listCommits(repo).catch((e: { status: number }) => e)).status).toBe(409);
      expect((await empty.rest.repos.getCommit({ ...repo, ref: 'main' }).catch((e: { status: number }) => e)).status).toBe(409);
    });

    it('attestations (attest: true): created from a Sigstore bundle, listed by subject digest (paged, by predicate type, none found), refused without attestations write and on a plan without them', async () => {
      const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
      const repo = { owner: 'acme', repo: 'audit' };
      gh = await startFakeGitHub({ ...repo, token: TOKEN, recordExchanges: true });
      const octokit = new Octokit({ auth: TOKEN, baseUrl: gh.url, log: quiet });
      const digest = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
      const bundle = (name: string, predicateType: string) => ({
        mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        verificationMaterial: { certificate: { rawBytes: Buffer.from('certificate').toString('base64') }, tlogEntries: [], timestampVerificationData: {} },
        dsseEnvelope: {
          payload: Buffer.from(
            JSON.stringify({ _type: 'https://in-toto.io/Statement/v1', subject: [{ name, digest: { sha256: digest } }], predicateType, predicate: {} })
          ).toString('base64'),
          payloadType: 'application/vnd.in-toto+json',
          signatures: [{ sig: Buffer.from('signature').toString('base64'), keyid: '' }]
        }
      });
      const created = await octokit.request('POST /repos/{owner}/{repo}/attestations', { ...repo, bundle: bundle('a.tgz', 'https://slsa.dev/provenance/v1') });
      expect(created.status).toBe(201);
      await octokit.rest.repos.createAttestation({ ...repo, bundle: bundle('a.tgz', 'https://spdx.dev/Document/v2.3') });
      await octokit.rest.repos.createAttestation({ ...repo, bundle: bundle('b.tgz', 'https://slsa.dev/provenance/v1') });
      const subject_digest = `sha256:${digest}`;
      const listed = await octokit.request('GET /repos/{owner}/{repo}/attestations/{subject_digest}', { ...repo, subject_digest, per_page: 2 });
      expect(listed.data.attestations).toHaveLength(2);
      const next = /<([^>]+)>; rel="next"/.exec(String(listed.headers.link))?.[1];
      expect(next).toBeDefined();
      expect((await octokit.request(`GET ${next}`)).data.attestations).toHaveLength(1);
      const provenance = await octokit.rest.repos.listAttestations({ ...repo, subject_digest, predicate_type: 'https://slsa.dev/provenance/v1' });
      expect(provenance.data.attestations).toHaveLength(2);
      expect((await octokit.rest.repos.listAttestations({ ...repo, subject_digest: `sha256:${'0'.repeat(64)}` })).data.attestations).toEqual([]);
      // in bulk, an organization's: a page of 2 digests, then the next
      const none = `sha256:${'0'.repeat(64)}`;
      const first = await octokit.rest.orgs.listAttestationsBulk({ org: 'acme', subject_digests: [subject_digest, none, none], per_page: 2 });
      expect(first.data.attestations_subject_digests?.[subject_digest]).toHaveLength(3);
      expect(first.data.page_info).toMatchObject({ has_next: true, has_previous: false });
      const second = await octokit.rest.orgs.listAttestationsBulk({
        org: 'acme',
        subject_digests: [subject_digest, none, none],
        per_page: 2,
        after: first.data.page_info!.next
      });
      expect(second.data.attestations_subject_digests).toEqual({ [none]: null });
      // an organization's name under /users: a 404, the fake's choice (GitHub documents only 200), kept out of the check below
      recorded.push(...gh.exchanges);
      gh.resetRequests();
      expect((await octokit.rest.users.listAttestationsBulk({ username: 'acme', subject_digests: [none] }).catch((e: { status: number }) => e)).status).toBe(
        404
      );
      gh.resetRequests();
      recorded.push(...gh.exchanges);
      await gh.close();
      gh = await startFakeGitHub({ ...repo, token: TOKEN, recordExchanges: true, permissions: { attestations: 'read' } });
      const readOnly = new Octokit({ auth: TOKEN, baseUrl: gh.url, log: quiet });
      const refused = await readOnly.rest.repos
        .createAttestation({ ...repo, bundle: bundle('a.tgz', 'https://slsa.dev/provenance/v1') })
        .catch((e: { status: number }) => e);
      expect(refused.status).toBe(403);
      recorded.push(...gh.exchanges);
      await gh.close();
      gh = await startFakeGitHub({ ...repo, token: TOKEN, recordExchanges: true, attestationsOnPlan: false });
      const privateRepo = new Octokit({ auth: TOKEN, baseUrl: gh.url, log: quiet });
      const notOnPlan = await privateRepo.rest.repos
        .createAttestation({ ...repo, bundle: bundle('a.tgz', 'https://slsa.dev/provenance/v1') })
        .catch((e: { status: number; message: string }) => e);
      expect(notOnPlan).toMatchObject({ status: 403, message: expect.stringMatching(/^Feature not available for user-owned private repositories/) });
      recorded.push(...gh.exchanges);
      await gh.close();
      gh = await startFakeGitHub({ ...repo, token: TOKEN, recordExchanges: true, ownerType: 'User' });
      const user = new Octokit({ auth: TOKEN, baseUrl: gh.url, log: quiet });
      const bulk = await user.rest.users.listAttestationsBulk({ username: 'acme', subject_digests: [`sha256:${'0'.repeat(64)}`] });
      expect(bulk.data).toEqual({
        attestations_subject_digests: { [`sha256:${'0'.repeat(64)}`]: null },
        page_info: { has_next: false, has_previous: false }
      });
    });
  });

  it('every request is a documented operation with a valid body, and every answer validates', () => {
    expect(recorded.length).toBeGreaterThan(50);
    const report = checker.check(recorded);
    console.log(`${report.line}\n${[...report.responseSchemas].sort().join(', ')}`);
    expect(report.problems).toEqual([]);
    expect(report.checked).toBe(report.requests);
    expect(report.line).toMatch(/^openapi: \d+ operations, \d+ response schemas, \d+ request body schemas checked over (\d+) of \1 requests/);
    for (const op of [
      'repos/list-commits 200',
      'repos/list-commits 404',
      'repos/list-commits 409',
      'repos/get-commit 200',
      'repos/get-commit 409',
      'repos/get-commit 422',
      'repos/create-attestation 201',
      'repos/create-attestation 403',
      'repos/list-attestations 200',
      'orgs/list-attestations-bulk 200',
      'users/list-attestations-bulk 200'
    ]) {
      expect(report.responseSchemas).toContain(op);
    }
    // the fake serves the operations the action calls, no more (compare stays to show its 300-file limit)
    const fakeSources = [
      new URL('../fake/github-api.ts', import.meta.url),
      ...readdirSync(new URL('../fake/github/', import.meta.url), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts'))
        .map((file) => new URL(`../fake/github/${file}`, import.meta.url))
    ];
    const served = fakeSources.flatMap((source) => [...readFileSync(source, 'utf8').matchAll(/\/\/ operationId: (\S+)/g)].map((m) => m[1]));
    const kept = new Set(['repos/compare-commits-with-basehead']);
    expect(served.filter((op) => !kept.has(op)).sort()).toEqual([...report.operations].filter((op) => !kept.has(op)).sort());
  });

  it('catches an answer that lacks a required field, an undocumented path, a bad body and an undocumented status', () => {
    const ref = recorded.find((x) => x.method === 'GET' && x.path.includes('/git/ref/') && x.status === 200);
    const tree = recorded.find((x) => x.method === 'POST' && x.path.endsWith('/git/trees') && x.status === 201);
    expect(ref && tree).toBeTruthy();
    const tampered: FakeExchange = { ...ref!, responseBody: { ...(ref!.responseBody as object), object: undefined } };
    delete (tampered.responseBody as Record<string, unknown>).object;
    const report = checker.check([
      tampered,
      { ...ref!, path: '/repos/acme/audit/nothing/here' },
      { ...tree!, requestBody: { tree: [{ path: 'a', mode: '100666', type: 'blob', content: 'a' }] } },
      { ...ref!, status: 418 },
      ref!
    ]);
    expect(report.problems).toHaveLength(4);
    expect(report.problems[0]).toMatch(/git\/get-ref.*answer invalid: .*required.*object/);
    expect(report.problems[1]).toMatch(/nothing\/here.*no documented operation/);
    expect(report.problems[2]).toMatch(/git\/create-tree.*request body invalid: .*mode/);
    expect(report.problems[3]).toMatch(/status 418 is not documented/);
    expect(report.checked).toBe(1);
  });
});
