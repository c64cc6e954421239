// mode: verify (CONTRACT.md § Verify) over the branch (through the GitHub API) and over a checked-out
// workspace (its git history): an intact record passes, and each way of tampering with it fails
// verify with a problem naming the file, the line or the commit. A sync over a tampered record
// warns and loses nothing (ledger.test.ts); here the auditor's side. A month of hourly runs:
// verify-thirty-days.test.ts.
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { type FakeGitHub, startFakeGitHub } from '../fake/github-api.ts';
import { type AuditEventObject, generateEvents, makeEvent } from '../fake/events.ts';
import { DAY, HOUR, MINUTE } from '../src/time.ts';
import { commitRaw } from './support/git-entries.ts';
import { harness, type Harness } from './support/harness.ts';
import { BRANCH, DIR, exec, git, NOW, type Problem, problemsOf, read, TOKEN } from './support/verify-record.ts';

let h: Harness | undefined;
let gh: FakeGitHub | undefined;
afterEach(async () => {
  await h?.close();
  await gh?.close();
  h = undefined;
  gh = undefined;
});

type Kind = 'branch' | 'workspace';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

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
