// The pull-request destination against the fake GitHub API (pulls, labels, compare, merges).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type FakeGitHub, type FakeGitHubOptions, startFakeGitHub } from '../fake/github-api.ts';
import { generateEvents } from '../fake/events.ts';
import { DAY, MINUTE } from '../src/time.ts';
import { harness, type Harness } from './support/harness.ts';

const exec = promisify(execFile);
const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const TOKEN = 'ghs_pr_test_token';
const HEAD = 'cursor-audit-logs-update';

let h: Harness;
let gh: FakeGitHub;
afterEach(async () => {
  await h?.close();
  await gh?.close();
});

async function git(...args: string[]): Promise<string> {
  return (await exec('git', ['--git-dir', gh.gitDir, ...args])).stdout;
}

async function setup(count: number, opts: Partial<FakeGitHubOptions> = {}) {
  h = await harness({ start: NOW, events: generateEvents({ start: NOW - 2 * DAY, end: NOW - MINUTE, count, seed: count }) });
  gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN, ...opts });
}

function runPr(inputs: Record<string, string> = {}) {
  return h.run(
    { destination: 'pull-request', 'github-token': TOKEN, repository: 'acme/audit', 'pull-request-labels': 'audit, security', ...inputs },
    { env: { GITHUB_API_URL: gh.url, GITHUB_SERVER_URL: 'https://github.example' } }
  );
}

async function onlyAdded(base: string, head: string) {
  for (const row of (await git('diff', '--numstat', base, head)).trim().split('\n')) {
    const [, deleted, file] = row.split('\t');
    if (!file.endsWith('state.json')) expect(deleted).toBe('0');
  }
}

describe('the pull-request destination', () => {
  it('opens one pull request of added lines, then updates it with a body covering both runs', async () => {
    await setup(150);
    const first = await runPr();
    expect(first.rec.failed).toBeUndefined();
    expect(gh.pulls).toHaveLength(1);
    const pr = gh.pulls[0];
    expect(pr).toMatchObject({ state: 'open', head: HEAD, base: 'main', title: 'Cursor audit logs through 2026-11-25T12:00:00.000Z' });
    expect(pr.labels.sort()).toEqual(['audit', 'security']);
    expect(pr.body).toContain('adds **150 Cursor audit event(s)**');
    expect(first.outputs).toMatchObject({ 'pull-request-number': String(pr.number), 'pull-request-url': expect.stringContaining(`/pull/${pr.number}`) });
    await onlyAdded('main', HEAD);
    expect((await git('merge-base', 'main', HEAD)).trim()).toBe((await git('rev-parse', 'main')).trim());

    h.clock.advance(60 * MINUTE);
    h.api.addEvents(generateEvents({ start: NOW, end: NOW + 50 * MINUTE, count: 12, seed: 99 }));
    const second = await runPr();
    expect(second.rec.failed).toBeUndefined();
    expect(gh.pulls).toHaveLength(1);
    expect(gh.pulls[0].body).toContain('adds **162 Cursor audit event(s)**');
    await onlyAdded('main', HEAD);
  });

  it('after the merge, starts a fresh branch from the base and does not re-add merged events', async () => {
    await setup(80);
    await runPr();
    await gh.mergePullRequest(gh.pulls[0].number);
    h.clock.advance(60 * MINUTE);
    h.api.addEvents(generateEvents({ start: NOW, end: NOW + 50 * MINUTE, count: 7, seed: 98 }));
    const { rec, outputs } = await runPr();
    expect(rec.failed).toBeUndefined();
    expect(rec.lines.join('\n')).toMatch(/cursor-audit-logs-update is contained in [0-9a-f]{7} \(its pull request was merged\): building on that/);
    expect(gh.pulls).toHaveLength(2);
    expect(gh.pulls[1].state).toBe('open');
    expect(gh.pulls[1].body).toContain('adds **7 Cursor audit event(s)**');
    expect(outputs['events-count']).toBe('7');
    await onlyAdded('main', HEAD);
    expect((await git('rev-list', '--count', `main..${HEAD}`)).trim()).toBe('1');
  });

  it('still pushes the branch when Actions may not create pull requests, and gives the link', async () => {
    await setup(20, { actionsCanCreatePullRequests: false });
    const { rec } = await runPr();
    expect(rec.failed).toBeUndefined();
    expect(await gh.branchSha(HEAD)).toBeDefined();
    expect(gh.pulls).toHaveLength(0);
    expect(rec.warnings.join('\n')).toMatch(
      /Settings → Actions → General → "Allow GitHub Actions to create and approve pull requests".*https:\/\/github.example\/acme\/audit\/compare\/main\.\.\.cursor-audit-logs-update\?expand=1/
    );
  });

  it('names pull-requests: write when the token may not open pull requests', async () => {
    await setup(20, { permissions: { contents: 'write', pullRequests: 'read' } });
    const { rec } = await runPr();
    expect(rec.failed).toMatch(/GitHub answered 403 to opening the pull request on acme\/audit.*pull-requests: write/);
  });

  /** A head branch from main that already adds `days` day files of two events each (days ending 40 days ago). */
  async function headWithDays(days: number): Promise<number> {
    await git('branch', HEAD, 'main');
    const files: Record<string, string> = {};
    for (let i = 0; i < days; i++) {
      const day = new Date(NOW - (40 + i) * DAY).toISOString().slice(0, 10);
      const lines = [0, 1].map((k) => JSON.stringify({ event_id: `old-${day}-${k}`, timestamp: `${day}T0${k}:00:00.000Z`, event_type: 'login' }));
      files[`cursor-audit-logs/${day.slice(0, 4)}/${day.slice(5, 7)}/${day}.jsonl`] = `${lines.join('\n')}\n`;
    }
    await gh.commitFiles(HEAD, files, 'events from earlier runs');
    return 2 * days;
  }

  it('counts every event the pull request adds when it touches more than the 300 files compare lists', async () => {
    await setup(20);
    const earlier = await headWithDays(320);
    const { rec } = await runPr();
    expect(rec.failed).toBeUndefined();
    expect(gh.pulls).toHaveLength(1);
    expect(gh.pulls[0].body).toContain(`adds **${earlier + 20} Cursor audit event(s)**`);
    expect(gh.pulls[0].title).toBe('Cursor audit logs through 2026-11-25T12:00:00.000Z');
    await onlyAdded('main', HEAD);
  }, 180_000);

  it('counts the events it adds when GitHub cuts the recursive tree listing short', async () => {
    await setup(30, { truncateTrees: true });
    const earlier = await headWithDays(40);
    const { rec } = await runPr();
    expect(rec.failed).toBeUndefined();
    expect(gh.pulls[0].body).toContain(`adds **${earlier + 30} Cursor audit event(s)**`);
    // the folders were listed one at a time
    expect(gh.requests.filter((r) => r.method === 'GET' && r.path.includes('/git/trees/') && r.query === '').length).toBeGreaterThan(4);
  }, 60_000);

  it('escapes what came from the API in the body', async () => {
    h = await harness({ start: NOW });
    gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
    h.api.addEvents([
      {
        event_id: 'x1',
        timestamp: new Date(NOW - MINUTE).toISOString(),
        user_email: '@acme/security-team',
        event_type: 'remove_user',
        event_data: { user_email: '<script>alert(1)</script> [x](javascript:alert(1))' }
      }
    ]);
    await runPr();
    const body = gh.pulls[0].body!;
    expect(body).not.toContain('<script>');
    expect(body).not.toContain('@acme');
    expect(body).not.toContain('[x]');
  });
});
