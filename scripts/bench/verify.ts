// Part 5, verify: `mode: verify` over a year of hourly commits (365 day files, 3,000,000 events,
// 8,760 commits, a ledger line each), read through the GitHub API (the branch) and from a checkout
// (its git history, no API calls). The record is written straight into the fake GitHub's bare
// repository with one `git fast-import`: each commit appends an hour's events to its day file and a
// line to the ledger, as an hourly sync does (written once a day into .bench-cache/, and pushed into
// the fake from there: writing it takes a quarter of an hour). dist/index.js runs as a process; the reconciliation
// reads the last `verify-days` from an unlimited fake Cursor API (its requests are counted, and
// what they cost under Cursor's 20 a minute is worked out).
import { createHash } from 'node:crypto';
import { execFile, spawn } from 'node:child_process';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startFakeCursorApi } from '../../fake/cursor-api.ts';
import { type FakeGitHub, startFakeGitHub } from '../../fake/github-api.ts';
import { ACTION_VERSION } from '../../src/version.ts';
import { ROOT, round, runAction, tail } from './process.ts';

const exec = promisify(execFile);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OWNER = 'acme';
const REPO = 'audit';
const TOKEN = 'ghs_bench_token';
const BRANCH = 'cursor-audit-logs';
const FOLDER = 'cursor-audit-logs';
/** Each verify run may take this long (a year over the API reads 8,760 commits). */
const TIMEOUT_MS = 60 * 60_000;

export interface VerifyScale {
  days: number;
  events: number;
}
export const FULL_SCALE: VerifyScale = { days: 365, events: 3_000_000 };

export interface VerifyFigures {
  files: number;
  events: number;
  commits: number;
  /** Writing the record with git fast-import (not part of verify); null when .bench-cache/ held it. */
  buildSeconds: number | null;
  checkoutSeconds: number;
  branchSeconds: number;
  branchCalls: number;
  /** The branch run's GitHub calls by kind ("GET commits 200": 8760). */
  branchCallsByKind: Record<string, number>;
  /** Cursor requests for `verify-days` (1 here), and the days they cover. */
  reconcileRequests: number;
  verifyDays: number;
  /** Both verdicts (each must be true). */
  verified: string;
}

const iso = (ms: number) => new Date(ms).toISOString();
const dayPath = (ms: number) => `${iso(ms).slice(0, 4)}/${iso(ms).slice(5, 7)}/${iso(ms).slice(0, 10)}.jsonl`;
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** One event of ours (not a copy of anyone's sample): a login, a role change or a key made. */
function eventLine(n: number, time: number): string {
  const type = n % 50 === 0 ? 'update_user_role' : n % 97 === 0 ? 'team_api_key' : 'login';
  const data = type === 'login' ? `{"success":${n % 31 !== 0},"method":"sso"}` : `{"actor":"admin${n % 7}@example.com"}`;
  return `{"event_id":"evt-${String(n).padStart(8, '0')}","timestamp":"${iso(time)}","ip_address":"198.51.100.${n % 250}","user_email":"user${n % 400}@example.com","event_type":"${type}","event_data":${data}}`;
}

/** The events of one hour of the year: how many, and each line. */
function hourEvents(hour: number, hours: number, total: number, start: number): string[] {
  const first = Math.floor((hour * total) / hours);
  const count = Math.floor(((hour + 1) * total) / hours) - first;
  const from = start + hour * HOUR;
  return Array.from({ length: count }, (_, i) => eventLine(first + i, from + Math.floor(((i + 0.5) * HOUR) / count)));
}

/** Writes the year into the bare repository: one commit an hour, each with its day file, state.json and ledger line. */
async function writeYear(gitDir: string, scale: VerifyScale, end: number): Promise<void> {
  const hours = scale.days * 24;
  const start = end - scale.days * DAY;
  const child = spawn('git', ['--git-dir', gitDir, 'fast-import', '--quiet', '--depth=10'], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = new Promise<number>((done) => child.on('close', (code) => done(code ?? 1)));
  const write = (chunk: Buffer | string) =>
    child.stdin.write(chunk) ? Promise.resolve() : new Promise<void>((done) => child.stdin.once('drain', () => done()));
  const file = async (path: string, bytes: Buffer) => {
    await write(`M 100644 inline ${FOLDER}/${path}\ndata ${bytes.length}\n`);
    await write(bytes);
    await write('\n');
  };
  let day: Buffer[] = [];
  let ledger: Buffer[] = [];
  let prev = '';
  for (let hour = 0; hour < hours; hour++) {
    const from = start + hour * HOUR;
    if (hour % 24 === 0) day = [];
    const lines = hourEvents(hour, hours, scale.events, start);
    day.push(Buffer.from(lines.map((line) => `${line}\n`).join('')));
    const dayBytes = Buffer.concat(day);
    day = [dayBytes];
    const window = { start: iso(from - 10 * 60_000), end: iso(from + HOUR) };
    const line = JSON.stringify({
      version: 1,
      run: { id: String(100_000 + hour), attempt: '1', workflow: 'Cursor audit logs', ref: 'refs/heads/main', sha: '', actor: 'bench', action: ACTION_VERSION },
      range: window,
      filters: { eventTypes: [], users: [] },
      windows: [{ ...window, totalCount: lines.length, received: lines.length }],
      added: lines.length,
      duplicates: 0,
      files: { [dayPath(from)]: sha256(dayBytes) },
      gaps: [],
      base: '',
      prev,
      attested: false
    });
    prev = sha256(line);
    ledger.push(Buffer.from(`${line}\n`));
    const ledgerBytes = Buffer.concat(ledger);
    ledger = [ledgerBytes];
    const state = `${JSON.stringify({ version: 1, checkpoint: iso(from + HOUR), updatedAt: iso(from + HOUR), filters: { eventTypes: [], users: [] } }, null, 2)}\n`;
    const message = `Cursor audit logs: ${lines.length} events through ${iso(from + HOUR)}`;
    await write(
      `commit refs/heads/${BRANCH}\ncommitter Cursor audit logs <bench@example.com> ${Math.floor((from + HOUR) / 1000)} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n`
    );
    await file(dayPath(from), dayBytes);
    await file('ledger.jsonl', ledgerBytes);
    await file('state.json', Buffer.from(state));
    if (hour % 720 === 719) console.error(`  verify: wrote ${hour + 1} of ${hours} commits`);
  }
  child.stdin.end();
  if ((await closed) !== 0) throw new Error(`verify: git fast-import failed: ${stderr}`);
}

/** The year's repository for this scale and end day, written when .bench-cache/ does not hold it yet. */
async function cachedYear(scale: VerifyScale, end: number): Promise<{ gitDir: string; seconds: number | undefined }> {
  const gitDir = join(ROOT, '.bench-cache', `verify-${scale.days}d-${scale.events}-${iso(end).slice(0, 10)}.git`);
  try {
    await access(gitDir);
    return { gitDir, seconds: undefined };
  } catch {
    // not written yet
  }
  const started = performance.now();
  const writing = `${gitDir}.writing`;
  await rm(writing, { recursive: true, force: true });
  await mkdir(writing, { recursive: true });
  await exec('git', ['init', '--bare', '--quiet', writing]);
  await writeYear(writing, scale, end);
  await rename(writing, gitDir);
  return { gitDir, seconds: (performance.now() - started) / 1000 };
}

/** "GET commits 200" for GET /repos/acme/audit/commits/… answered 200. */
function kind(r: FakeGitHub['requests'][number]): string {
  const route = r.path.replace(`/repos/${OWNER}/${REPO}/`, '').split('/');
  const name = route[0] === 'git' ? `git/${route[1] ?? ''}` : (route[0] ?? '');
  return `${r.method} ${name}${route[0] === 'commits' && route.length > 1 ? '/{sha}' : ''} ${r.status}`;
}

export async function measureVerify(dir: string, scale: VerifyScale = FULL_SCALE): Promise<VerifyFigures> {
  const end = Math.floor(Date.now() / DAY) * DAY;
  const year = await cachedYear(scale, end);
  const gh = await startFakeGitHub({ owner: OWNER, repo: REPO, token: TOKEN });
  await exec('git', ['--git-dir', year.gitDir, 'push', '--quiet', gh.gitDir, `refs/heads/${BRANCH}`], { maxBuffer: 1 << 26 });
  const hours = scale.days * 24;
  const lastDay = Array.from({ length: 24 }, (_, i) => hourEvents(hours - 24 + i, hours, scale.events, end - scale.days * DAY)).flat();
  const cursor = await startFakeCursorApi({ events: lastDay, rateLimit: null });
  const commits = hours;
  try {
    const inputs = { 'api-key': cursor.apiKey, 'base-url': cursor.url, mode: 'verify', 'verify-days': '1', 'requests-per-minute': '6000', path: FOLDER };
    console.error('  verify: a checkout (git clone), then mode: verify with destination: workspace');
    await exec('git', ['clone', '--quiet', '--branch', BRANCH, gh.gitDir, join(dir, 'checkout', 'workspace')]);
    const checkout = await runAction(join(dir, 'checkout'), { ...inputs, destination: 'workspace' }, {}, TIMEOUT_MS);
    if (checkout.outputs.verified !== 'true') throw new Error(`verify over the checkout did not pass:\n${tail(checkout.stdout)}\n${tail(checkout.stderr)}`);
    console.error(`  verify: the checkout passed in ${round(checkout.seconds, 1)} s; now the branch through the API`);
    gh.resetRequests();
    const branch = await runAction(
      join(dir, 'branch'),
      { ...inputs, destination: 'branch', 'github-token': TOKEN, repository: `${OWNER}/${REPO}`, branch: BRANCH, 'verify-max-commits': String(commits + 100) },
      { GITHUB_API_URL: gh.url },
      TIMEOUT_MS
    );
    if (branch.outputs.verified !== 'true') throw new Error(`verify over the branch did not pass:\n${tail(branch.stdout)}\n${tail(branch.stderr)}`);
    const byKind: Record<string, number> = {};
    for (const r of gh.requests) byKind[kind(r)] = (byKind[kind(r)] ?? 0) + 1;
    return {
      files: scale.days,
      events: scale.events,
      commits,
      buildSeconds: year.seconds === undefined ? null : round(year.seconds, 1),
      checkoutSeconds: round(checkout.seconds, 1),
      branchSeconds: round(branch.seconds, 1),
      branchCalls: gh.requests.length,
      branchCallsByKind: byKind,
      reconcileRequests: Number(branch.outputs.requests),
      verifyDays: 1,
      verified: `${checkout.outputs.verified}/${branch.outputs.verified}`
    };
  } finally {
    await cursor.close();
    await gh.close();
  }
}

// `node scripts/bench/verify.ts [days] [events]`: this part alone (a smaller year to try it).
if (import.meta.main) {
  const [days, events] = process.argv.slice(2).map(Number);
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'verify-bench-'));
  try {
    console.log(JSON.stringify(await measureVerify(dir, days ? { days, events: events || days * 8219 } : FULL_SCALE), null, 2));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
