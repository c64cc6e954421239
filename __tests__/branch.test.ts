// The branch destination against the fake GitHub REST API, which keeps a real bare git
// repository: what was committed is checked with the git CLI.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type FakeGitHub, type FakeGitHubOptions, startFakeGitHub } from '../fake/github-api.ts';
import { generateEvents, makeEvent } from '../fake/events.ts';
import { DAY, MINUTE } from '../src/time.ts';
import { isEventFile } from './support/event-files.ts';
import { harness, type Harness } from './support/harness.ts';

const exec = promisify(execFile);
const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const TOKEN = 'ghs_branch_test_token';
const BRANCH = 'cursor-audit-logs';

let h: Harness;
let gh: FakeGitHub;
afterEach(async () => {
  await h?.close();
  await gh?.close();
});

async function git(...args: string[]): Promise<string> {
  return (await exec('git', ['--git-dir', gh.gitDir, ...args])).stdout;
}

async function setup(events: Record<string, unknown>[], opts: Partial<FakeGitHubOptions> = {}) {
  h = await harness({ start: NOW, events });
  gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN, ...opts });
}

function runBranch(inputs: Record<string, string> = {}) {
  return h.run({ destination: 'branch', 'github-token': TOKEN, repository: 'acme/audit', ...inputs }, { env: { GITHUB_API_URL: gh.url } });
}

async function storedIds(ref = BRANCH): Promise<string[]> {
  const files = (await git('ls-tree', '-r', '--name-only', ref)).split('\n').filter(isEventFile);
  const ids: string[] = [];
  for (const f of files) for (const line of (await git('show', `${ref}:${f}`)).split('\n')) if (line) ids.push(JSON.parse(line).event_id);
  return ids;
}

const month = (count: number, seed: number) => generateEvents({ start: NOW - 3 * DAY, end: NOW - MINUTE, count, seed });

describe('the branch destination', () => {
  it('creates the branch as an orphan holding only the files, and leaves main untouched', async () => {
    const events = month(300, 1);
    await setup(events);
    const mainBefore = await git('rev-parse', 'main');
    const { outputs, rec } = await runBranch();
    expect(rec.failed).toBeUndefined();
    expect(await git('rev-parse', 'main')).toBe(mainBefore);
    expect((await git('rev-list', BRANCH)).trim().split('\n')).toHaveLength(1); // a root commit
    const paths = (await git('ls-tree', '-r', '--name-only', BRANCH)).trim().split('\n');
    expect(paths.every((p) => p.startsWith('cursor-audit-logs/'))).toBe(true);
    expect(paths).toContain('cursor-audit-logs/state.json');
    expect(paths).toContain('cursor-audit-logs/ledger.jsonl');
    expect((await storedIds()).sort()).toEqual(events.map((e) => e.event_id as string).sort());
    expect(outputs['commit-sha']).toBe((await git('rev-parse', BRANCH)).trim());
    expect(JSON.parse(outputs.files).length).toBe(paths.filter(isEventFile).length);
    expect(await git('log', '-1', '--format=%s', BRANCH)).toMatch(/^Cursor audit logs: 300 events through 2026-11-25T12:00:00.000Z/);
    expect(rec.lines.join('\n')).toMatch(/signed by GitHub, verified/);
    expect(rec.summary).toMatch(/\[Commit [0-9a-f]{7} on cursor-audit-logs\]\(http/);
  });

  it('initialises an empty repository', async () => {
    const events = month(50, 2);
    await setup(events, { empty: true });
    const { rec } = await runBranch();
    expect(rec.failed).toBeUndefined();
    expect((await storedIds()).sort()).toEqual(events.map((e) => e.event_id as string).sort());
    expect((await git('log', '--format=%s', BRANCH)).trim().split('\n')).toHaveLength(2);
  });

  it('a second run only adds lines (and state.json), and a run without new events makes no commit', async () => {
    const events = month(200, 3);
    await setup(events);
    await runBranch();
    const first = (await git('rev-parse', BRANCH)).trim();
    h.clock.advance(2 * 60 * MINUTE);
    h.api.addEvents([
      ...generateEvents({ start: NOW, end: NOW + 60 * MINUTE, count: 20, seed: 4 }),
      makeEvent('remove_user', NOW - 5 * MINUTE, { event_id: 'late-1' })
    ]);
    const { outputs } = await runBranch();
    expect(outputs['events-count']).toBe('21');
    const second = (await git('rev-parse', BRANCH)).trim();
    expect((await git('rev-parse', `${second}^`)).trim()).toBe(first);
    for (const row of (await git('diff', '--numstat', first, second)).trim().split('\n')) {
      const [, deleted, file] = row.split('\t');
      if (!file.endsWith('state.json')) expect(deleted).toBe('0');
    }
    const ids = await storedIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('late-1');

    h.clock.advance(60 * MINUTE);
    const none = await runBranch();
    expect(none.rec.failed).toBeUndefined();
    expect(none.outputs['commit-sha'] ?? '').toBe('');
    expect((await git('rev-parse', BRANCH)).trim()).toBe(second);
    expect(none.outputs.checkpoint).toBe(new Date(NOW + 3 * 60 * MINUTE).toISOString());
  });

  it('survives a concurrent commit: re-reads, re-merges, linear history, no duplicate', async () => {
    const events = month(120, 5);
    await setup(events);
    await runBranch({ 'end-time': '2d' });
    const day = (await git('ls-tree', '-r', '--name-only', BRANCH)).split('\n').find(isEventFile)!;
    const other = events.find((e) => Date.parse(e.timestamp as string) > NOW - DAY)!;
    const otherDay = `cursor-audit-logs/${(other.timestamp as string).slice(0, 4)}/${(other.timestamp as string).slice(5, 7)}/${(other.timestamp as string).slice(0, 10)}.jsonl`;
    let injected = '';
    gh.beforeRefUpdate = async () => {
      gh.beforeRefUpdate = undefined;
      // another run stored one of the same events, and someone added a note
      injected = await gh.commitFiles(BRANCH, { [otherDay]: `${JSON.stringify(other)}\n`, 'NOTES.md': 'kept\n' }, 'concurrent writer');
    };
    const { rec } = await runBranch();
    expect(rec.failed).toBeUndefined();
    expect(rec.lines.join('\n')).toMatch(/moved during this run/);
    expect(await git('show', `${BRANCH}:NOTES.md`)).toBe('kept\n');
    expect((await git('merge-base', '--is-ancestor', injected, BRANCH)).trim()).toBe('');
    expect((await git('rev-list', '--merges', BRANCH)).trim()).toBe('');
    const ids = await storedIds();
    expect(ids.sort()).toEqual(events.map((e) => e.event_id as string).sort());
    expect(day).toBeDefined();
  });

  it('fails with the rule message and points to pull-request when a branch rule refuses the push', async () => {
    await setup(month(10, 6), { rules: { [BRANCH]: 'Changes must be made through a pull request.' } });
    const { rec } = await runBranch();
    expect(rec.failed).toMatch(
      /A repository rule refused the update of branch cursor-audit-logs on acme\/audit: .*Changes must be made through a pull request\..*Use `destination: pull-request`/
    );
    expect(h.cache.calls.filter((c) => c.startsWith('save'))).toEqual([]);
  });

  it('names the permission when the token may not write', async () => {
    await setup(month(10, 7), { permissions: { contents: 'read' } });
    const { rec } = await runBranch();
    expect(rec.failed).toMatch(/GitHub answered 403 .*acme\/audit.*permissions: contents: write/);
  });

  it('names the repository and the token when the repository is not found', async () => {
    await setup(month(10, 7));
    const { rec } = await runBranch({ repository: 'acme/missing' });
    expect(rec.failed).toMatch(/GitHub answered 404 .*acme\/missing.*check repository and that github-token has contents: write/);
  });

  it('starts from the branch state.json when the cache has nothing', async () => {
    await setup(month(30, 8));
    await runBranch();
    h.cache.entries.clear();
    h.clock.advance(DAY);
    const n = h.api.requests.length;
    await runBranch();
    expect(h.api.requests[n].query.startTime).toBe(new Date(NOW - 10 * MINUTE).toISOString());
  });

  it('reads every file it touches when GitHub cuts the listing short, so no stored line is lost', async () => {
    const events = generateEvents({ start: NOW - 6 * DAY, end: NOW - MINUTE, count: 60, seed: 4 });
    await setup(events, { truncateTrees: true });
    const days = [...new Set(events.map((e) => (e.timestamp as string).slice(0, 10)))];
    const held = Object.fromEntries(
      days.map((day) => [
        `cursor-audit-logs/${day.slice(0, 4)}/${day.slice(5, 7)}/${day}.jsonl`,
        `${JSON.stringify({ event_id: `old-${day}`, timestamp: `${day}T00:00:00.000Z` })}\n`
      ])
    );
    await gh.commitFiles(BRANCH, held, 'existing branch');
    const { rec } = await runBranch({ 'backfill-start-time': '6d' });
    expect(rec.failed).toBeUndefined();
    expect((await storedIds()).sort()).toEqual([...days.map((d) => `old-${d}`), ...events.map((e) => e.event_id as string)].sort());
  });

  it('makes as many GitHub calls for 30 day files as for 1, beyond the files it had to read', async () => {
    const calls = async (days: number) => {
      const events = generateEvents({ start: NOW - days * DAY, end: NOW - MINUTE, count: 200, seed: 9 });
      await setup(events);
      // The branch already holds the files of the last three days (one event each); the others are new.
      const held = [0, 1, 2].map((d) => new Date(NOW - d * DAY).toISOString().slice(0, 10));
      const files = Object.fromEntries(
        held.map((day) => [
          `cursor-audit-logs/${day.slice(0, 4)}/${day.slice(5, 7)}/${day}.jsonl`,
          `${JSON.stringify({ event_id: `old-${day}`, timestamp: `${day}T00:00:00.000Z` })}\n`
        ])
      );
      await gh.commitFiles(BRANCH, { 'cursor-audit-logs/README.md': 'audit\n', ...files }, 'existing branch');
      gh.resetRequests();
      const { rec } = await runBranch({ 'backfill-start-time': `${days}d` });
      expect(rec.failed).toBeUndefined();
      const touched = new Set(events.map((e) => (e.timestamp as string).slice(0, 10)));
      const reads = gh.requests.filter((r) => r.method === 'GET' && r.path.includes('/contents/cursor-audit-logs/2026/'));
      expect(reads.every((r) => r.status === 200)).toBe(true); // never asks for a file the branch lacks
      // The held files it merges into, and (the ledger's first line: its baseline) the others: each once.
      const heldPaths = held.map((day) => `/contents/cursor-audit-logs/${day.slice(0, 4)}/${day.slice(5, 7)}/${day}.jsonl`);
      expect(reads.map((r) => heldPaths.find((p) => r.path.includes(p))).sort()).toEqual([...heldPaths].sort());
      expect(held.filter((d) => touched.has(d)).length).toBeGreaterThan(0);
      const all = gh.requests.length;
      await h.close();
      await gh.close();
      return { files: touched.size, reads: reads.length, all };
    };
    const one = await calls(1);
    const thirty = await calls(30);
    expect(thirty.files).toBeGreaterThanOrEqual(30);
    expect(thirty.all - one.all).toBe(thirty.reads - one.reads);
  });
  it('waits out a secondary rate limit as GitHub asks (Retry-After) and stores everything once', async () => {
    // GitHub's REST docs ("Rate limits for the REST API"): a secondary rate limit answers 403 or 429
    // with a message naming it and, often, a retry-after header in seconds.
    const events = month(20, 31);
    await setup(events);
    gh.injectFault({
      status: 403,
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      headers: { 'retry-after': '7' },
      match: { method: 'POST', pathIncludes: '/git/commits' }
    });
    const { rec } = await runBranch();
    expect(rec.failed).toBeUndefined();
    expect(rec.warnings.join('\n')).toMatch(/GitHub secondary rate limit for POST .*git\/commits; retrying in 7s\./);
    expect(gh.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/git/commits')).map((r) => r.status)).toEqual([403, 201]);
    expect((await storedIds()).sort()).toEqual(events.map((e) => e.event_id as string).sort());
  });
});
