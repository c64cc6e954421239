// The pull request's lifecycle loses nothing: after a merge (merge commit or squash), after a refusal
// to open the pull request, and with a commit a person pushed to the head, every event served up to
// the checkpoint is on the base or in the open pull request, exactly once, and the head only moves
// forward.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type FakeGitHub, startFakeGitHub } from '../fake/github-api.ts';
import { type AuditEventObject, generateEvents } from '../fake/events.ts';
import { DAY, MINUTE } from '../src/time.ts';
import { gitRecord } from './support/git-record.ts';
import { harness, type Harness } from './support/harness.ts';

const exec = promisify(execFile);
const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const TOKEN = 'ghs_pr_lifecycle';
const HEAD = 'cursor-audit-logs-update';

let h: Harness;
let gh: FakeGitHub;
let served: AuditEventObject[];
afterEach(async () => {
  await h?.close();
  await gh?.close();
});

const git = async (...args: string[]) => (await exec('git', ['--git-dir', gh.gitDir, ...args])).stdout.trim();

async function setup(count: number) {
  served = generateEvents({ start: NOW - 2 * DAY, end: NOW - MINUTE, count, seed: count });
  h = await harness({ start: NOW, events: served });
  gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
}

const runPr = () => h.run({ destination: 'pull-request', 'github-token': TOKEN, repository: 'acme/audit' }, { env: { GITHUB_API_URL: gh.url } });

/** A later hour with new events, served from now on. */
function nextHour(count: number, seed: number) {
  h.clock.advance(60 * MINUTE);
  const at = h.clock.now();
  const events = generateEvents({ start: at - 50 * MINUTE, end: at - MINUTE, count, seed });
  h.api.addEvents(events);
  served.push(...events);
}

const ids = (ref: string) => gitRecord(gh.gitDir).ids(ref);

/** Every event served is on the base or on the head, once in each tree; the head only added lines to the base. */
async function nothingLost() {
  const base = await ids('main');
  const head = await ids(HEAD);
  expect(new Set(base).size).toBe(base.length);
  expect(new Set(head).size).toBe(head.length);
  expect([...new Set([...base, ...head])].sort()).toEqual(served.map((e) => String(e.event_id)).sort());
  if (head.length) {
    for (const row of (await git('diff', '--numstat', 'main', HEAD)).split('\n').filter(Boolean)) {
      const [, deleted, file] = row.split('\t');
      if (!file!.endsWith('state.json')) expect(deleted).toBe('0');
    }
  }
}

describe('the pull request lifecycle', () => {
  it('after a merge, a run whose pull request Actions may not open keeps its events on the head for the next pull request', async () => {
    await setup(30);
    expect((await runPr()).rec.failed).toBeUndefined();
    await gh.mergePullRequest(gh.pulls[0]!.number);

    gh.settings.actionsCanCreatePullRequests = false;
    nextHour(6, 2);
    const refused = await runPr();
    expect(refused.rec.warnings.join('\n')).toMatch(/does not let Actions create pull requests/);
    await nothingLost();

    gh.settings.actionsCanCreatePullRequests = true;
    nextHour(4, 3);
    const third = await runPr();
    expect(third.rec.failed).toBeUndefined();
    await nothingLost();
    const open = gh.pulls.filter((p) => p.state === 'open');
    expect(open).toHaveLength(1);
    expect(open[0]!.body).toContain('adds **10 Cursor audit event(s)**');
  });

  it('after a squash merge, merges the base into the head (no force) and the pull request adds only what is new', async () => {
    await setup(25);
    await runPr();
    const before = await git('rev-parse', HEAD);
    await gh.mergePullRequest(gh.pulls[0]!.number, 'squash');
    nextHour(5, 4);
    const next = await runPr();
    expect(next.rec.failed).toBeUndefined();
    await nothingLost();
    // the old tip is the first parent of a merge with the base, the new events an ordinary commit on top: a fast forward
    expect((await git('rev-list', '--parents', '-n', '1', `${HEAD}~1`)).split(' ').slice(1)).toEqual([before, await git('rev-parse', 'main')]);
    expect(await git('rev-list', '--count', '--merges', `${HEAD}~1..${HEAD}`)).toBe('0');
    await exec('git', ['--git-dir', gh.gitDir, 'merge-base', '--is-ancestor', 'main', HEAD]);
    expect(gh.pulls.filter((p) => p.state === 'open')[0]!.body).toContain('adds **5 Cursor audit event(s)**');
    expect(next.outputs['events-count']).toBe('5');
  });

  it('after a rebase merge, the next pull request can be rebase-merged too, losing nothing', async () => {
    await setup(20);
    await runPr();
    await gh.mergePullRequest(gh.pulls[0]!.number, 'rebase');
    nextHour(5, 6);
    expect((await runPr()).rec.failed).toBeUndefined();
    await nothingLost();
    const open = gh.pulls.filter((p) => p.state === 'open');
    expect(open).toHaveLength(1);
    expect(open[0]!.body).toContain('adds **5 Cursor audit event(s)**');
    // GitHub refuses a rebase whose result differs from a merge: the new events must not sit in a merge commit
    await gh.mergePullRequest(open[0]!.number, 'rebase');
    expect((await ids('main')).length).toBe(25);
    await nothingLost();
  });

  it('keeps a commit a person pushed to the head after the merge (never a force update)', async () => {
    await setup(12);
    await runPr();
    await gh.mergePullRequest(gh.pulls[0]!.number);
    // after the merge, before the next run: the head is no longer what was merged
    const person = await gh.commitFiles(HEAD, { 'NOTES.md': 'reviewed by the security team\n' }, 'Review notes');
    nextHour(3, 5);
    expect((await runPr()).rec.failed).toBeUndefined();
    await exec('git', ['--git-dir', gh.gitDir, 'merge-base', '--is-ancestor', person, HEAD]);
    await nothingLost();
  });

  it('opens the pull request on the next run after opening it failed, though nothing is new, and counts what the failed run stored', async () => {
    await setup(18);
    gh.settings.permissions.pullRequests = 'read';
    const failed = await runPr();
    expect(failed.rec.failed).toMatch(/cursor-audit-logs-update holds the events, but the pull request was not opened: .*pull-requests: write/s);
    expect(failed.outputs['events-count']).toBe('18');
    expect(gh.pulls).toHaveLength(0);

    gh.settings.permissions.pullRequests = 'write';
    h.clock.advance(60 * MINUTE);
    const again = await runPr();
    expect(again.rec.failed).toBeUndefined();
    expect(gh.pulls.filter((p) => p.state === 'open')).toHaveLength(1);
    expect(gh.pulls[0]!.body).toContain('adds **18 Cursor audit event(s)**');
    await nothingLost();
  });
});
