// A quiet stream: a run every two hours with no new events for 40 simulated days (virtual clock, the fake
// cache, the fake Cursor API with its 30-day retention and the fake GitHub on loopback). The
// branch's checkpoint must stay current without a commit a run: no "audit log gap", few
// commits, the same requests every run. (Every two hours rather than hourly: the same days, half the
// suite's time.)
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_API_KEY, type FakeCursorApi, startFakeCursorApi } from '../fake/cursor-api.ts';
import { makeEvent } from '../fake/events.ts';
import { type FakeGitHub, startFakeGitHub } from '../fake/github-api.ts';
import { run } from '../src/run.ts';
import { DAY, HOUR } from '../src/time.ts';
import { virtualClock } from './support/clock.ts';
import { fakeCache } from './support/fake-cache.ts';
import { recorder } from './support/recorder.ts';
import { loopbackGitHubClient } from './support/loopback-github.ts';

const exec = promisify(execFile);
const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const TOKEN = 'ghs_quiet_stream_token';

let api: FakeCursorApi | undefined;
let gh: FakeGitHub | undefined;
let root: string | undefined;
afterEach(async () => {
  await api?.close();
  await gh?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

it('40 days of runs every two hours without events: no gap warning, a state.json commit every 3 days, one request a run', async () => {
  const clock = virtualClock(NOW);
  api = await startFakeCursorApi({ now: clock.now, retentionDays: 30, events: [makeEvent('login', new Date(NOW - HOUR).toISOString(), { event_id: 'only' })] });
  gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
  root = await mkdtemp(join(tmpdir(), 'quiet-'));
  const home = join(root, 'home');
  const cache = fakeCache(join(root, 'cache'), home);
  const inputs: Record<string, string> = {
    'api-key': DEFAULT_API_KEY,
    'base-url': api.url,
    destination: 'branch',
    'github-token': TOKEN,
    repository: 'acme/audit'
  };
  const requestsPerRun: number[] = [];
  const warnings: string[] = [];
  const runs = 40 * 12;
  for (let i = 0; i < runs; i++) {
    const rec = recorder();
    const before = api.requests.length;
    await run({
      getInput: (n) => inputs[n] ?? '',
      reporter: rec,
      cache,
      clock,
      sleep: clock.sleep,
      random: () => 0.5,
      createGitHubClient: loopbackGitHubClient,
      env: { HOME: home, GITHUB_WORKSPACE: join(root, 'ws'), GITHUB_RUN_ID: String(i + 1), GITHUB_RUN_ATTEMPT: '1', GITHUB_API_URL: gh.url }
    });
    expect(rec.rec.failed).toBeUndefined();
    warnings.push(...rec.rec.warnings);
    if (i > 0) requestsPerRun.push(api.requests.length - before);
    // Only the newest entry is ever restored: older ones would be evicted by GitHub too.
    for (const key of [...cache.entries.keys()].slice(0, -1)) cache.entries.delete(key);
    clock.advance(2 * HOUR);
  }
  expect(warnings).toEqual([]);
  expect(new Set(requestsPerRun)).toEqual(new Set([1]));
  const commits = Number((await exec('git', ['--git-dir', gh.gitDir, 'rev-list', '--count', 'cursor-audit-logs'])).stdout.trim());
  // The first run's commit, then state.json alone about every 3 days.
  expect(commits).toBeGreaterThanOrEqual(1 + 12);
  expect(commits).toBeLessThanOrEqual(1 + 14);
  const state = JSON.parse((await gh.readFile('cursor-audit-logs', 'cursor-audit-logs/state.json'))!);
  expect(clock.now() - HOUR - Date.parse(state.checkpoint)).toBeLessThanOrEqual(3 * DAY + HOUR);
}, 300_000);
