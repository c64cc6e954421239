// Part 4, GitHub calls: how many requests a branch run makes to the GitHub API when its events fall
// on 1 and 30 distinct UTC days (one day file each; Cursor keeps 30 days, so no run writes more),
// and when the branch already holds a year of day files (365) that the run does not touch.
// dist/index.js runs as a process against the fake GitHub API (a real bare repository behind it)
// and an unlimited fake Cursor API. The branch already exists with earlier history (a README, then
// a state.json, and for the year its day files with a ledger line recording them), and none of the
// day files the run writes, so no day file has to be read: the goals are files30 − files1 ≤
// filesRead (= 0 here) and held365 − files1 ≤ 0 (the calls do not grow with the files held).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startFakeCursorApi } from '../../fake/cursor-api.ts';
import { makeEvent } from '../../fake/events.ts';
import { type FakeGitHub, startFakeGitHub } from '../../fake/github-api.ts';
import { round, runAction, tail } from './process.ts';

const DAY = 86_400_000;
const OWNER = 'acme';
const REPO = 'audit';
const TOKEN = 'ghs_bench_token';
const BRANCH = 'cursor-audit-logs';
const FOLDER = 'cursor-audit-logs';

const exec = promisify(execFile);

export interface GitHubCalls {
  files1: number;
  files30: number;
  /** A run with events on 1 day over a branch holding 365 other day files. */
  held365: number;
  /** Day files the runs touched that already existed on the branch (had to be read): 0 by design. */
  filesRead: number;
  /** Answers 404 (a file asked for that does not exist), per run. */
  notFound1: number;
  notFound30: number;
  notFound365: number;
  /** The run over 365 held files: its calls by method, route and status, e.g. "GET contents 404": 365. */
  calls365: Record<string, number>;
  /** Spawn to exit of that run (the fake answers each call in a few ms; GitHub takes longer). */
  seconds365: number;
}

const dayFile = (ms: number) => {
  const iso = new Date(ms).toISOString();
  return `${FOLDER}/${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(0, 10)}.jsonl`;
};

/** "GET contents 404" for GET /repos/acme/audit/contents/… answered 404. */
function kind(r: FakeGitHub['requests'][number]): string {
  const route = r.path.replace(`/repos/${OWNER}/${REPO}/`, '').split('/');
  const name = route[0] === 'git' ? `git/${route[1] ?? ''}` : (route[0] ?? '');
  return `${r.method} ${name} ${r.status}`;
}

/** Every file path on `branch` of the fake's repository. */
async function filesOn(gh: FakeGitHub, branch: string): Promise<string[]> {
  const { stdout } = await exec('git', ['--git-dir', gh.gitDir, 'ls-tree', '-r', '--name-only', branch]);
  return stdout.split('\n').filter(Boolean);
}

/** The files of a branch that already holds `held` day files (a year before the run's), with the ledger line that recorded them. */
function heldYear(held: number, before: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < held; i++) {
    const day = before - (i + 1) * DAY;
    files[dayFile(day)] = `${JSON.stringify(makeEvent('login', day + 9 * 3_600_000, undefined, { seed: 10_000 + i }))}\n`;
  }
  const recorded = Object.fromEntries(
    Object.entries(files).map(([file, text]) => [file.slice(FOLDER.length + 1), createHash('sha256').update(text).digest('hex')])
  );
  const range = { start: new Date(before - (held + 1) * DAY).toISOString(), end: new Date(before).toISOString() };
  const line = {
    version: 1,
    run: { id: '1', attempt: '1', workflow: 'bench', ref: '', sha: '', actor: '', action: '1.0.0' },
    range,
    filters: { eventTypes: [], users: [] },
    windows: [],
    added: held,
    duplicates: 0,
    files: recorded,
    gaps: [],
    base: '',
    prev: '',
    attested: false
  };
  return { ...files, [`${FOLDER}/ledger.jsonl`]: `${JSON.stringify(line)}\n` };
}

/** One branch run with events on `days` distinct UTC days ending today, over a branch holding `held` other day files. */
async function branchRun(days: number, dir: string, today: number, held = 0) {
  // The days end today (a start 30 days before midnight would be older than Cursor keeps by now).
  const start = today - (days - 1) * DAY;
  // Two events a day, in its first seconds (today's are past whenever the bench runs).
  const events = Array.from({ length: days }, (_, i) => [
    makeEvent('login', start + i * DAY + 1_000 + i, undefined, { seed: 2 * i + 1 }),
    makeEvent('update_user_role', start + i * DAY + 2_000 + i, undefined, { seed: 2 * i + 2 })
  ]).flat();
  const cursor = await startFakeCursorApi({ events, rateLimit: null });
  const gh = await startFakeGitHub({ owner: OWNER, repo: REPO, token: TOKEN });
  try {
    await gh.commitFiles(BRANCH, { 'README.md': '# Cursor audit log\n' }, 'Start the Cursor audit log');
    const checkpoint = new Date(start - DAY).toISOString();
    const state = { version: 1, checkpoint, updatedAt: checkpoint, filters: { eventTypes: [], users: [] } };
    await gh.commitFiles(
      BRANCH,
      { [`${FOLDER}/state.json`]: `${JSON.stringify(state, null, 2)}\n`, ...heldYear(held, start - 40 * DAY) },
      'Cursor audit logs: an earlier run'
    );

    const touched = Array.from({ length: days }, (_, i) => dayFile(start + i * DAY));
    const before = new Set(await filesOn(gh, BRANCH));
    const existing = touched.filter((f) => before.has(f)).length;

    gh.resetRequests();
    const run = await runAction(
      join(dir, `branch-${days}-${held}`),
      {
        'api-key': cursor.apiKey,
        'base-url': cursor.url,
        destination: 'branch',
        'github-token': TOKEN,
        repository: `${OWNER}/${REPO}`,
        branch: BRANCH,
        backfill: 'true',
        'backfill-start-time': new Date(start).toISOString(),
        'requests-per-minute': '6000'
      },
      { GITHUB_API_URL: gh.url }
    );
    if (run.code !== 0) throw new Error(`github calls: the ${days}-day branch run exited with ${run.code}:\n${tail(run.stdout)}\n${tail(run.stderr)}`);
    const files = JSON.parse(run.outputs.files || '[]') as string[];
    const written = files.filter((f) => f.endsWith('.jsonl')).sort();
    if (written.join('\n') !== touched.sort().join('\n')) {
      throw new Error(
        `github calls: the ${days}-day run should write ${days} day file(s), its files output lists ${written.length}: ${written.slice(0, 3).join(', ')}…`
      );
    }
    const byKind: Record<string, number> = {};
    for (const r of gh.requests) byKind[kind(r)] = (byKind[kind(r)] ?? 0) + 1;
    return { calls: gh.requests.length, notFound: gh.requests.filter((r) => r.status === 404).length, existing, byKind, seconds: run.seconds };
  } finally {
    await cursor.close();
    await gh.close();
  }
}

export async function measureGitHubCalls(dir: string): Promise<GitHubCalls> {
  const today = Math.floor(Date.now() / DAY) * DAY;
  const [one, thirty, year] = [await branchRun(1, dir, today), await branchRun(30, dir, today), await branchRun(1, dir, today, 365)];
  return {
    files1: one.calls,
    files30: thirty.calls,
    held365: year.calls,
    filesRead: year.existing,
    notFound1: one.notFound,
    notFound30: thirty.notFound,
    notFound365: year.notFound,
    calls365: year.byKind,
    seconds365: round(year.seconds, 3)
  };
}
