// Runs dist/index.js as a process, the way the runner does: inputs as INPUT_* variables, outputs
// read from the GITHUB_OUTPUT file, the summary from GITHUB_STEP_SUMMARY.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEvents } from '../fake/events.ts';
import { DEFAULT_API_KEY, type FakeCursorApi, startFakeCursorApi } from '../fake/cursor-api.ts';
import { startFakeGitHub } from '../fake/github-api.ts';
import { startSigstoreProxy } from '../fake/sigstore-proxy.ts';
import { actionsClaims, startFakeOidc, startFakeSigstore } from '../fake/sigstore.ts';
import { sha256 } from '../src/ledger.ts';
import { DAY, MINUTE } from '../src/time.ts';
import { expectNoLeak, readTree } from './support/harness.ts';
import { runDist } from './support/process.ts';

let api: FakeCursorApi;
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cal-proc-'));
  const now = Date.now();
  api = await startFakeCursorApi({ events: generateEvents({ start: now - 3 * DAY, end: now - MINUTE, count: 700, seed: 21 }) });
});
afterAll(async () => {
  await api.close();
  await rm(root, { recursive: true, force: true });
});

it('runs on Node 24 as the runner starts it, and sets outputs, files and the summary', async () => {
  expect(process.versions.node.split('.')[0]).toBe('24');
  const r = await runDist(root, { 'api-key': ` ${DEFAULT_API_KEY} `, 'base-url': api.url, destination: 'workspace', 'backfill-start-time': '3d' });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.outputs).toMatchObject({ 'events-count': '700', 'fetched-count': '700', complete: 'true', requests: '2', retries: '0' });
  expect(JSON.parse(r.outputs.files).every((f: string) => /^cursor-audit-logs\/2026\/\d\d\/2026-\d\d-\d\d\.jsonl$/.test(f))).toBe(true);
  expect(r.summary).toContain('## Cursor audit logs');
  expect(r.summary).toContain('**700 new event(s)**');
  // no cache service off a runner: a warning, not a crash
  expect(r.stdout).toMatch(/::warning title=Checkpoint::The Actions cache is not available here/);
  expect(r.stdout).toMatch(/\nWindow 1 of 1 \(.*\): 700 events in 2 pages\. Every window fetched\.\n/);

  const tree = await readTree(join(root, 'workspace'));
  expect(JSON.parse(tree.get('cursor-audit-logs/state.json')!).checkpoint).toBe(r.outputs.checkpoint);
  // the spool of fetched events lived under RUNNER_TEMP and is gone
  expect(await readdir(join(root, 'temp'))).toEqual([]);

  // The key reaches the runner only in its ::add-mask:: commands, which the runner never shows.
  const shown = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
  expect(r.stdout.split('\n').filter((l) => l.startsWith('::add-mask::')).length).toBeGreaterThanOrEqual(3);
  expectNoLeak([shown.join('\n'), r.stderr, JSON.stringify(r.outputs), r.summary, ...tree.values()]);

  // a second run adds nothing and says so
  const again = await runDist(root, { 'api-key': DEFAULT_API_KEY, 'base-url': api.url, destination: 'workspace' });
  expect(again.code).toBe(0);
  expect(again.outputs['events-count']).toBe('0');
  expect(again.stdout).toMatch(/\nSummary: .*: no new events \(/);
});

it('fails with exit code 1 and a clear message on a bad input, before any request', async () => {
  const before = api.requests.length;
  const r = await runDist(root, { 'api-key': DEFAULT_API_KEY, 'base-url': api.url, destination: 'workspace', 'page-size': '501' });
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('::error::Invalid input: page-size "501" is not valid: expected a whole number from 1 to 500.');
  expect(api.requests.length).toBe(before);
});

it('fails on 401 without showing the key in any form', async () => {
  const wrong = `crsr_${'z'.repeat(64)}`;
  const r = await runDist(root, { 'api-key': wrong, 'base-url': api.url, destination: 'workspace' });
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/::error::Cursor API answered 401 Unauthorized/);
  const shown = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
  expectNoLeak([shown.join('\n'), r.stderr, r.summary, JSON.stringify(r.outputs)], wrong);
});

it('commits to a branch through the GitHub API as a process (destination: branch)', async () => {
  const gh = await startFakeGitHub({ owner: 'acme', repo: 'compliance', token: 'ghs_process_token' });
  try {
    const r = await runDist(
      root,
      {
        'api-key': DEFAULT_API_KEY,
        'base-url': api.url,
        destination: 'branch',
        'github-token': 'ghs_process_token',
        'backfill-start-time': '3d',
        'checkpoint-key': 'branch-test'
      },
      { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'acme/compliance' }
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.outputs['events-count']).toBe('700');
    expect(r.outputs['commit-sha']).toBe(await gh.branchSha('cursor-audit-logs'));
    expect(await gh.readFile('cursor-audit-logs', 'cursor-audit-logs/state.json')).toContain(r.outputs.checkpoint);
    expect(r.summary).toMatch(/Commit [0-9a-f]{7} on cursor-audit-logs/);
    const shown = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(shown.join('\n')).not.toContain('ghs_process_token');
    expectNoLeak([shown.join('\n'), r.summary, JSON.stringify(r.outputs)]);
  } finally {
    await gh.close();
  }
});

it('a first run with every input at its default against the strict 30-day limit, as a process: exit 0, complete, no 400, no gap', async () => {
  // Only what has no default is given: the key, where the fakes are, and the token (github.token on a runner).
  const now = Date.now();
  const strict = await startFakeCursorApi({ events: generateEvents({ start: now - 40 * DAY, end: now - MINUTE, count: 1500, seed: 41 }) });
  const gh = await startFakeGitHub({ owner: 'acme', repo: 'first-run', token: 'ghs_first_run' });
  const dir = await mkdtemp(join(tmpdir(), 'cal-proc-first-'));
  try {
    const r = await runDist(
      dir,
      { 'api-key': DEFAULT_API_KEY, 'base-url': strict.url, 'github-token': 'ghs_first_run' },
      { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'acme/first-run' }
    );
    expect(r.code).toBe(0);
    expect(r.outputs.complete).toBe('true');
    expect(strict.requests.filter((q) => q.status === 400)).toEqual([]);
    expect(r.stdout).not.toMatch(/Audit log gap|no longer serves/);
    expect(Number(r.outputs['events-count'])).toBeGreaterThan(1000);
  } finally {
    await strict.close();
    await gh.close();
    await rm(dir, { recursive: true, force: true });
  }
});

it('attest: true as a process on a public repository: signed through Sigstore’s public-good URLs (a Rekor entry), the attestation stored and linked', async () => {
  const now = Date.now();
  const cursor = await startFakeCursorApi({ events: generateEvents({ start: now - DAY, end: now - MINUTE, count: 40, seed: 43 }) });
  const gh = await startFakeGitHub({ owner: 'acme', repo: 'public-audit', token: 'ghs_attest' });
  const [sigstore, oidc] = await Promise.all([startFakeSigstore(), startFakeOidc(actionsClaims('acme/public-audit'))]);
  const proxy = await startSigstoreProxy(sigstore);
  const dir = await mkdtemp(join(tmpdir(), 'cal-proc-attest-'));
  try {
    // the event's payload says the repository is public: @actions/attest picks the public-good instance
    const event = join(dir, 'event.json');
    await writeFile(event, JSON.stringify({ repository: { full_name: 'acme/public-audit', visibility: 'public' } }));
    const r = await runDist(
      dir,
      { 'api-key': DEFAULT_API_KEY, 'base-url': cursor.url, 'github-token': 'ghs_attest', attest: 'true', 'backfill-start-time': '2d' },
      {
        ...proxy.env,
        ...oidc.env,
        GITHUB_API_URL: gh.url,
        GITHUB_REPOSITORY: 'acme/public-audit',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_EVENT_PATH: event
      }
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.outputs['attestation-id']).toBe('1');
    expect(r.summary).toContain('[Attestation of cursor-audit-logs/ledger.jsonl line 1](https://github.com/acme/public-audit/attestations/1)');
    expect(new Set(proxy.forwarded.map((request) => request.host))).toEqual(new Set(['fulcio.sigstore.dev', 'rekor.sigstore.dev']));
    const ledger = (await gh.readFile('cursor-audit-logs', 'cursor-audit-logs/ledger.jsonl'))!;
    const listed = (await (
      await fetch(`${gh.url}/repos/acme/public-audit/attestations/sha256:${sha256(ledger.trimEnd())}`, { headers: { authorization: 'Bearer ghs_attest' } })
    ).json()) as { attestations: { bundle: { verificationMaterial: { tlogEntries: unknown[] } } }[] };
    expect(listed.attestations.map((a) => a.bundle.verificationMaterial.tlogEntries.length)).toEqual([1]);
  } finally {
    await proxy.close();
    await Promise.all([cursor.close(), gh.close(), sigstore.close(), oidc.close()]);
    await rm(dir, { recursive: true, force: true });
  }
});
