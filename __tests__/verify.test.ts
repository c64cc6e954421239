// mode: verify (CONTRACT.md § Verify) over the branch (through the GitHub API) and over a checked-out
// workspace (its git history): an intact record passes, and each way of tampering with it fails
// verify with a problem naming the file, the line or the commit. A sync over a tampered record
// warns and loses nothing (ledger.test.ts); here the auditor's side.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Fault } from '../fake/cursor-api.ts';
import { type FakeGitHub, startFakeGitHub } from '../fake/github-api.ts';
import { type AuditEventObject, generateEvents, makeEvent } from '../fake/events.ts';
import { DAY, HOUR, MINUTE } from '../src/time.ts';
import { commitRaw, showRaw } from './support/git-entries.ts';
import { harness, type Harness, KEY } from './support/harness.ts';
import { recorder } from './support/recorder.ts';
import { run } from '../src/run.ts';

const exec = promisify(execFile);
const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const DIR = 'cursor-audit-logs';
const TOKEN = 'ghs_verify_test_token';
const BRANCH = 'cursor-audit-logs';

let h: Harness | undefined;
let gh: FakeGitHub | undefined;
afterEach(async () => {
  await h?.close();
  await gh?.close();
  h = undefined;
  gh = undefined;
});

type Kind = 'branch' | 'workspace';
interface Problem {
  check: string;
  where: string;
  message: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const git = async (gitDir: string, ...args: string[]) => (await exec('git', ['--git-dir', gitDir, ...args])).stdout.trim();

/** Syncs to the branch: `runs` hourly runs, each with new events, the first a 3-day backfill. */
async function buildRecord(runs: number, served: AuditEventObject[] = []): Promise<void> {
  const first = generateEvents({ start: NOW - 3 * DAY, end: NOW - MINUTE, count: 120, seed: 1 });
  h = await harness({ start: NOW, events: first });
  served.push(...first);
  gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
  for (let run = 0; run < runs; run++) {
    if (run > 0) {
      h.clock.advance(HOUR);
      const events = generateEvents({ start: h.clock.now() - 50 * MINUTE, end: h.clock.now() - MINUTE, count: 6, seed: 100 + run });
      h.api.addEvents(events);
      served.push(...events);
    }
    const { rec } = await sync(run === 0 ? { 'backfill-start-time': '4d' } : {});
    expect(rec.failed).toBeUndefined();
  }
}

function sync(inputs: Record<string, string> = {}) {
  return h!.run({ destination: 'branch', 'github-token': TOKEN, repository: 'acme/audit', ...inputs }, { env: { GITHUB_API_URL: gh!.url } });
}

/** Where the record is verified: the branch itself, or a clone of it as actions/checkout with fetch-depth: 0 leaves it. */
interface Place {
  /** The git directory to tamper in (the fake's bare repository, or the checkout's .git). */
  gitDir: string;
  /** After a tamper: the checkout's files follow its branch. */
  settle(): Promise<void>;
  verify(inputs?: Record<string, string>): ReturnType<Harness['run']>;
}

async function place(kind: Kind): Promise<Place> {
  if (kind === 'branch') {
    return {
      gitDir: gh!.gitDir,
      settle: async () => {},
      verify: (inputs = {}) =>
        h!.run({ mode: 'verify', destination: 'branch', 'github-token': TOKEN, repository: 'acme/audit', ...inputs }, { env: { GITHUB_API_URL: gh!.url } })
    };
  }
  await rm(h!.workspace, { recursive: true, force: true });
  await exec('git', ['clone', '--quiet', '--branch', BRANCH, gh!.gitDir, h!.workspace]);
  return {
    gitDir: `${h!.workspace}/.git`,
    settle: async () => void (await exec('git', ['-C', h!.workspace, 'reset', '--quiet', '--hard', `refs/heads/${BRANCH}`])),
    verify: (inputs = {}) => h!.run({ mode: 'verify', destination: 'workspace', ...inputs })
  };
}

const read = async (gitDir: string, file: string) => (await showRaw(gitDir, BRANCH, `${DIR}/${file}`)).toString('utf8');
const linesOf = (text: string) => text.split('\n').slice(0, -1);
const withLines = (lines: string[]) => lines.map((line) => `${line}\n`).join('');

/** A day file of the record with at least three events. */
async function dayFile(gitDir: string): Promise<string> {
  const files = (await git(gitDir, 'ls-tree', '-r', '--name-only', BRANCH, '--', DIR)).split('\n').map((file) => file.slice(DIR.length + 1));
  for (const file of files.filter((name) => /\d{4}-\d{2}-\d{2}\.jsonl$/.test(name))) if (linesOf(await read(gitDir, file)).length >= 3) return file;
  throw new Error('no day file with three events');
}

async function commitFile(gitDir: string, file: string, text: string, message: string): Promise<string> {
  return commitRaw(gitDir, BRANCH, [{ path: `${DIR}/${file}`, content: text }], message);
}

function problemsOf(outputs: Record<string, string>): Problem[] {
  return JSON.parse(outputs.problems ?? '[]') as Problem[];
}

/** Each way of tampering: it changes the place, and says what verify must report. */
const TAMPERS: {
  name: string;
  tamper(place: Place): Promise<(problems: Problem[], outputs: Record<string, string>) => void>;
}[] = [
  {
    name: 'a line removed in a later commit',
    async tamper({ gitDir }) {
      const file = await dayFile(gitDir);
      const lines = linesOf(await read(gitDir, file));
      const commit = await commitFile(gitDir, file, withLines([lines[0]!, ...lines.slice(2)]), 'tidy up');
      return (problems) => {
        const removed = problems.find((p) => p.check === 'history');
        expect(removed?.where).toBe(`commit ${commit.slice(0, 12)}`);
        expect(removed?.message).toContain(`removed or changed line 2 of ${DIR}/${file} (the event ${JSON.parse(lines[1]!).event_id} of `);
        expect(problems.some((p) => p.check === 'ledger' && p.where === `${DIR}/${file}`)).toBe(true);
      };
    }
  },
  {
    name: 'a line edited',
    async tamper({ gitDir }) {
      const file = await dayFile(gitDir);
      const lines = linesOf(await read(gitDir, file));
      const edited = JSON.parse(lines[1]!) as Record<string, unknown>;
      edited.ip_address = '203.0.113.66';
      const commit = await commitFile(gitDir, file, withLines([lines[0]!, JSON.stringify(edited), ...lines.slice(2)]), 'fix an address');
      return (problems) => {
        expect(problems.find((p) => p.check === 'history')).toMatchObject({ where: `commit ${commit.slice(0, 12)}` });
        expect(problems.find((p) => p.check === 'history')?.message).toContain(`line 2 of ${DIR}/${file}`);
        expect(problems.find((p) => p.check === 'ledger')).toMatchObject({
          where: `${DIR}/${file}`,
          message: expect.stringMatching(/changed outside the action/)
        });
      };
    }
  },
  {
    name: 'a day file replaced',
    async tamper({ gitDir }) {
      const file = await dayFile(gitDir);
      const day = Date.parse(`${file.slice(8, 18)}T00:00:00.000Z`);
      const other = generateEvents({ start: day, end: day + HOUR, count: 3, seed: 77 }).map((event) => JSON.stringify(event));
      await commitFile(gitDir, file, withLines(other), 'replace a day');
      return (problems) => {
        expect(problems.filter((p) => p.check === 'ledger').map((p) => p.where)).toContain(`${DIR}/${file}`);
        expect(problems.some((p) => p.check === 'history' && p.message.includes(`line 1 of ${DIR}/${file}`))).toBe(true);
      };
    }
  },
  {
    name: 'a forged ledger line',
    async tamper({ gitDir }) {
      const ledger = linesOf(await read(gitDir, 'ledger.jsonl'));
      const last = ledger[ledger.length - 1]!;
      // chained correctly, claiming a run that never was, on top of the commit the last line named
      const forged = JSON.stringify({ ...JSON.parse(last), added: 0, run: { ...JSON.parse(last).run, id: '999999' }, prev: sha256(last) });
      const commit = await commitFile(gitDir, 'ledger.jsonl', withLines([...ledger, forged]), 'Cursor audit logs: 0 events');
      return (problems) => {
        expect(problems.filter((p) => p.check === 'ledger')).toEqual([]);
        const found = problems.find((p) => p.check === 'history');
        expect(found?.where).toBe(`commit ${commit.slice(0, 12)}`);
        expect(found?.message).toMatch(/adds a ledger line written on top of .*, but its parent is/);
      };
    }
  },
  {
    name: 'a ledger line removed',
    async tamper({ gitDir }) {
      const ledger = linesOf(await read(gitDir, 'ledger.jsonl'));
      const commit = await commitFile(gitDir, 'ledger.jsonl', withLines([ledger[0]!, ...ledger.slice(2)]), 'shorter ledger');
      return (problems) => {
        expect(problems.find((p) => p.check === 'ledger')).toMatchObject({ where: `${DIR}/ledger.jsonl:2` });
        expect(problems.find((p) => p.check === 'history')).toMatchObject({ where: `commit ${commit.slice(0, 12)}` });
        expect(problems.find((p) => p.check === 'history')?.message).toContain(`line 2 of ${DIR}/ledger.jsonl`);
      };
    }
  },
  {
    name: 'an event missing that the API still serves',
    async tamper() {
      // arrived late: two hours before the checkpoint, beyond every run's 10-minute lookback
      const late = makeEvent('login', new Date(h!.clock.now() - 2 * HOUR), { event_id: 'late-arrival-1' });
      h!.api.addEvents([late]);
      const day = new Date(h!.clock.now() - 2 * HOUR).toISOString().slice(0, 10);
      return (problems, outputs) => {
        expect(outputs['missing-count']).toBe('1');
        expect(problems).toEqual([
          expect.objectContaining({
            check: 'reconciliation',
            where: `${DIR}/${day.slice(0, 4)}/${day.slice(5, 7)}/${day}.jsonl`,
            message: expect.stringContaining('late-arrival-1')
          })
        ]);
      };
    }
  },
  {
    name: 'a force-pushed rewrite that keeps the files',
    async tamper({ gitDir }) {
      const bases = linesOf(await read(gitDir, 'ledger.jsonl')).map((line) => (JSON.parse(line) as { base: string }).base);
      const rewritten = await git(gitDir, 'commit-tree', `${BRANCH}^{tree}`, '-m', 'history, squashed');
      await git(gitDir, 'update-ref', `refs/heads/${BRANCH}`, rewritten);
      return (problems) => {
        const history = problems.filter((p) => p.check === 'history');
        expect(history.length).toBeGreaterThan(0);
        expect(history[0]!.message).toMatch(/written on top of commit [0-9a-f]{12}, which is not in the history any more/);
        expect(bases.map((base) => `commit ${base.slice(0, 12)}`)).toContain(history[0]!.where);
        expect(problems.filter((p) => p.check !== 'history')).toEqual([]);
      };
    }
  }
];

describe.each<Kind>(['branch', 'workspace'])('verify over the %s', (kind) => {
  it('passes an intact record, and reads it without writing', async () => {
    await buildRecord(4);
    const where = await place(kind);
    const head = await git(where.gitDir, 'rev-parse', BRANCH);
    const { outputs, rec } = await where.verify();
    expect(problemsOf(outputs)).toEqual([]);
    expect(outputs).toMatchObject({ verified: 'true', 'problems-count': '0', 'missing-count': '0' });
    expect(rec.failed).toBeUndefined();
    expect(rec.summary).toMatch(/^## ✅ Verified/);
    expect(await git(where.gitDir, 'rev-parse', BRANCH)).toBe(head);
  });

  it.each(TAMPERS.map((tamper) => [tamper.name, tamper] as const))('catches %s', async (_name, { tamper }) => {
    await buildRecord(4);
    const where = await place(kind);
    const expectations = await tamper(where);
    await where.settle();
    const { outputs, rec } = await where.verify();
    expect(outputs.verified).toBe('false');
    expect(Number(outputs['problems-count'])).toBeGreaterThan(0);
    expect(rec.failed).toMatch(/did not verify/);
    expect(rec.summary).toMatch(/^## ❌ Not verified/);
    expectations(problemsOf(outputs), outputs);
  });
});

/** The faults the hourly runs meet, one every few runs: each is retried, or fails the run and the next run catches up. */
const HOURLY_FAULTS: Fault[][] = [
  [{ kind: 'status', status: 429, headers: { 'Retry-After': '7' } }],
  [{ kind: 'status', status: 500 }],
  [{ kind: 'reset' }],
  [{ kind: 'truncate' }],
  [{ kind: 'nonjson' }],
  [{ kind: 'empty-page' }],
  // more than max-retries: the run fails, stores nothing, and the next run fetches it again
  [
    { kind: 'status', status: 503 },
    { kind: 'status', status: 503 },
    { kind: 'status', status: 503 }
  ]
];

/** Commits, oldest first, each a snapshot of the files under `path`, written into a bare repository with one `git fast-import`. */
async function importCommits(gitDir: string, snapshots: Map<string, Buffer>[]): Promise<void> {
  const parts: Buffer[] = [];
  let previous = new Map<string, Buffer>();
  snapshots.forEach((files, index) => {
    const message = `hour ${index}`;
    const time = Math.floor(NOW / 1000) + index * 3600;
    parts.push(Buffer.from(`commit refs/heads/${BRANCH}\ncommitter Actions <actions@example.com> ${time} +0000\ndata ${message.length}\n${message}\n`));
    for (const [file, bytes] of files) {
      if (previous.get(file)?.equals(bytes)) continue;
      parts.push(Buffer.from(`M 100644 inline ${DIR}/${file}\ndata ${bytes.length}\n`), bytes, Buffer.from('\n'));
    }
    previous = files;
  });
  await new Promise<void>((done, fail) => {
    const child = execFile('git', ['--git-dir', gitDir, 'fast-import', '--quiet'], (error) => (error ? fail(error) : done()));
    child.stdin!.end(Buffer.concat(parts));
  });
}

describe('thirty days of hourly runs with faults', () => {
  // Each hour the action syncs into a checkout of the branch (destination: workspace) and the
  // workflow's next step commits what it wrote: the commits are written afterwards, one per hour,
  // with one git fast-import, then the branch is verified through the API and as a fresh checkout.
  // (The branch destination writes the same files through the API; over 720 runs the fake GitHub's
  // git processes would take minutes, so ledger.test.ts and the tampers above cover it.)
  it('leave a record that verifies over the branch and over a checkout', async () => {
    const served: AuditEventObject[] = [];
    h = await harness({ start: NOW, events: [] });
    gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
    const synced = `${h.home}/synced`;
    const snapshots: Map<string, Buffer>[] = [];
    let failed = 0;
    for (let hour = 0; hour < 30 * 24; hour++) {
      const count = (hour * 7) % 5;
      if (count) {
        const events = generateEvents({ start: h.clock.now() - 55 * MINUTE, end: h.clock.now() - MINUTE, count, seed: 1000 + hour });
        h.api.addEvents(events);
        served.push(...events);
      }
      if (hour % 5 === 3) h.api.injectFaults(...HOURLY_FAULTS[((hour / 5) | 0) % HOURLY_FAULTS.length]!);
      const rec = recorder();
      const values: Record<string, string> = {
        'api-key': KEY,
        'base-url': h.api.url,
        destination: 'workspace',
        'backfill-start-time': '1h',
        'max-retries': '2'
      };
      const outputs = await run({
        getInput: (name) => values[name] ?? '',
        reporter: rec,
        cache: h.cache,
        clock: h.clock,
        sleep: h.clock.sleep,
        random: () => 0.5,
        env: { HOME: h.home, GITHUB_WORKSPACE: synced, GITHUB_RUN_ID: String(5000 + hour), GITHUB_RUN_ATTEMPT: '1' }
      });
      if (rec.rec.failed) failed++;
      // what the run wrote: the files that received events, the ledger and state.json
      const snapshot = new Map(snapshots[snapshots.length - 1]);
      const written = [...(JSON.parse(outputs.files || '[]') as string[]).map((file) => file.slice(DIR.length + 1)), 'ledger.jsonl', 'state.json'];
      for (const file of written) {
        const bytes = await readFile(`${synced}/${DIR}/${file}`).catch(() => undefined);
        if (bytes) snapshot.set(file, bytes);
      }
      snapshots.push(snapshot);
      h.clock.advance(HOUR);
    }
    expect(failed).toBeGreaterThan(0);
    await importCommits(gh.gitDir, snapshots);
    await exec('git', ['clone', '--quiet', '--branch', BRANCH, gh.gitDir, h.workspace]);
    const { outputs: overCheckout } = await h.run({ mode: 'verify', destination: 'workspace' });
    expect(problemsOf(overCheckout)).toEqual([]);
    const { outputs: overBranch } = await h.run(
      { mode: 'verify', destination: 'branch', 'github-token': TOKEN, repository: 'acme/audit' },
      { env: { GITHUB_API_URL: gh.url } }
    );
    expect(problemsOf(overBranch)).toEqual([]);
    expect([overCheckout.verified, overBranch.verified]).toEqual(['true', 'true']);
    expect(served.length).toBeGreaterThan(1000);
    expect(Number(await git(gh.gitDir, 'rev-list', '--count', BRANCH))).toBeGreaterThan(690);
  }, 120_000);
});
