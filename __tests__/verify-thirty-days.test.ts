// mode: verify over a record kept by a month of runs every two hours that met faults (429s, 5xx, resets,
// truncated and non-JSON pages, empty pages, runs that fail outright): it verifies over the branch
// through the API and over a checkout. Tampering: verify.test.ts.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Fault } from '../fake/cursor-api.ts';
import { type FakeGitHub, startFakeGitHub } from '../fake/github-api.ts';
import { type AuditEventObject, generateEvents } from '../fake/events.ts';
import { run } from '../src/run.ts';
import { HOUR, MINUTE } from '../src/time.ts';
import { harness, type Harness, KEY } from './support/harness.ts';
import { recorder } from './support/recorder.ts';
import { BRANCH, DIR, exec, git, NOW, problemsOf, TOKEN } from './support/verify-record.ts';

let h: Harness | undefined;
let gh: FakeGitHub | undefined;
afterEach(async () => {
  await h?.close();
  await gh?.close();
  h = undefined;
  gh = undefined;
});

/** The faults the runs meet, one every few runs: each is retried, or fails the run and the next run catches up. */
const FAULTS: Fault[][] = [
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

describe('thirty days of runs every two hours, with faults', () => {
  // Every two hours the action syncs into a checkout of the branch (destination: workspace) and the
  // workflow's next step commits what it wrote: the commits are written afterwards, one per run,
  // with one git fast-import, then the branch is verified through the API and as a fresh checkout.
  // (The branch destination writes the same files through the API; over 360 runs the fake GitHub's
  // git processes would take minutes, so ledger.test.ts and the tampers above cover it.)
  it('leave a record that verifies over the branch and over a checkout', async () => {
    const served: AuditEventObject[] = [];
    h = await harness({ start: NOW, events: [] });
    gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
    const synced = `${h.home}/synced`;
    const snapshots: Map<string, Buffer>[] = [];
    let failed = 0;
    for (let n = 0; n < 30 * 12; n++) {
      const count = (n * 7) % 9;
      if (count) {
        const events = generateEvents({ start: h.clock.now() - 115 * MINUTE, end: h.clock.now() - MINUTE, count, seed: 1000 + n });
        h.api.addEvents(events);
        served.push(...events);
      }
      if (n % 5 === 3) h.api.injectFaults(...FAULTS[((n / 5) | 0) % FAULTS.length]!);
      const rec = recorder();
      const values: Record<string, string> = {
        'api-key': KEY,
        'base-url': h.api.url,
        destination: 'workspace',
        'backfill-start-time': '2h',
        'max-retries': '2'
      };
      const outputs = await run({
        getInput: (name) => values[name] ?? '',
        reporter: rec,
        cache: h.cache,
        clock: h.clock,
        sleep: h.clock.sleep,
        random: () => 0.5,
        env: { HOME: h.home, GITHUB_WORKSPACE: synced, GITHUB_RUN_ID: String(5000 + n), GITHUB_RUN_ATTEMPT: '1' }
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
      h.clock.advance(2 * HOUR);
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
    expect(Number(await git(gh.gitDir, 'rev-list', '--count', BRANCH))).toBeGreaterThan(340);
  }, 120_000);
});
