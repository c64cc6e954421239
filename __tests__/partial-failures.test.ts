// Several destinations under partial failures, over seeds: `branch, pull-request` and
// `branch, artifact`, each run failing one part (the branch, the pull request, the artifact, the
// cache, Cursor) or none, with merges of the pull request between runs. After every run, each
// destination holds every event served up to the saved checkpoint, once: the branch in its files,
// the pull request on the base or its head, the artifacts in the union of those uploaded. After a
// last plain run, every destination holds every event served (the failure messages' "the next run
// fetches these events again" comes true). The artifact service cannot run here: it is mocked at the
// @actions/artifact boundary, as in artifact.test.ts.
import { jest } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';

const uploads: { name: string; ids: string[] }[] = [];
let uploadFails = false;
jest.unstable_mockModule('@actions/artifact', () => ({
  DefaultArtifactClient: class {
    async uploadArtifact(name: string, files: string[], root: string) {
      if (uploadFails) throw new Error('Failed to FinalizeArtifact: Received non-retryable error: Failed request: (500) Internal Server Error');
      const ids: string[] = [];
      for (const f of files) {
        if (!relative(root, f).endsWith('.jsonl')) continue;
        for (const line of (await readFile(f, 'utf8')).split('\n')) if (line) ids.push(String(JSON.parse(line).event_id));
      }
      uploads.push({ name, ids });
      return { id: uploads.length, size: 1 };
    }
  }
}));

const { harness } = await import('./support/harness.ts');
const { duplicates, gitRecord } = await import('./support/git-record.ts');
const { createRng, generateEvents } = await import('../fake/events.ts');
const { startFakeGitHub } = await import('../fake/github-api.ts');
const { DAY, MINUTE } = await import('../src/time.ts');

const SEEDS = 6;
const RUNS = 5;
const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const TOKEN = 'ghs_partial_failures';
const BRANCH = 'cursor-audit-logs';
const HEAD = 'cursor-audit-logs-update';
const env = { GITHUB_SERVER_URL: 'https://github.example', GITHUB_REPOSITORY: 'acme/audit' };

type Combo = 'branch, pull-request' | 'branch, artifact';
const FAILURES = {
  'branch, pull-request': ['none', 'none', 'branch', 'pull-request rule', 'pull-request forbidden', 'cache', 'cursor'],
  'branch, artifact': ['none', 'none', 'branch', 'artifact', 'cache', 'cursor']
} as const;

async function partialFailures(combo: Combo, seed: number): Promise<string[]> {
  const random = createRng(seed * 7919);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const served = generateEvents({ start: NOW - 2 * DAY, end: NOW - MINUTE, count: 5 + Math.floor(random() * 10), seed: 2000 + seed });
  const h = await harness({ start: NOW, events: served });
  const rules: Record<string, string> = {};
  const gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN, rules });
  const rec = gitRecord(gh.gitDir);
  uploads.length = 0;
  const log: string[] = [];
  let checkpoint = -Infinity;

  /** What each destination holds, and that none holds an event twice. */
  const held = async (): Promise<Record<string, Set<string>>> => {
    const branch = await rec.ids(BRANCH);
    const base = await rec.ids('main');
    const head = await rec.ids(HEAD);
    const artifacts = uploads.flatMap((u) => u.ids);
    expect({ branch: duplicates(branch), base: duplicates(base), head: duplicates(head), inOneArtifact: uploads.flatMap((u) => duplicates(u.ids)) }).toEqual({
      branch: [],
      base: [],
      head: [],
      inOneArtifact: []
    });
    return combo === 'branch, artifact'
      ? { branch: new Set(branch), artifact: new Set(artifacts) }
      : { branch: new Set(branch), 'pull-request': new Set([...base, ...head]) };
  };
  const missingUpTo = async (until: number) => {
    const out: Record<string, string[]> = {};
    for (const [where, ids] of Object.entries(await held()))
      out[where] = served.filter((e) => Date.parse(String(e.timestamp)) < until && !ids.has(String(e.event_id))).map((e) => String(e.event_id));
    return out;
  };
  const none = (o: Record<string, string[]>) => Object.fromEntries(Object.keys(o).map((k) => [k, []]));

  try {
    for (let i = 0; i <= RUNS; i++) {
      const last = i === RUNS;
      const failure = last ? 'none' : pick(FAILURES[combo]);
      if (i > 0) {
        h.clock.advance(60 * MINUTE);
        const at = h.clock.now();
        const fresh = generateEvents({ start: at - 50 * MINUTE, end: at - MINUTE, count: Math.floor(random() * 5), seed: seed * 100 + i });
        h.api.addEvents(fresh);
        served.push(...fresh);
      }
      if (failure === 'branch') rules[BRANCH] = 'Cannot update this protected ref.';
      if (failure === 'pull-request rule') rules[HEAD] = 'Cannot create ref due to creations being restricted.';
      if (failure === 'pull-request forbidden') gh.settings.permissions.pullRequests = 'read';
      if (failure === 'artifact') uploadFails = true;
      if (failure === 'cache') h.cache.failSave = new Error('Cache service responded with 503');
      if (failure === 'cursor') h.api.injectFaults({ kind: 'status', status: 500 });
      const r = await h.run(
        { destination: combo, 'github-token': TOKEN, repository: 'acme/audit', 'max-retries': '0' },
        { env: { ...env, GITHUB_API_URL: gh.url } }
      );
      for (const k of Object.keys(rules)) delete rules[k];
      gh.settings.permissions.pullRequests = 'write';
      uploadFails = false;
      h.cache.failSave = undefined;
      if (r.outputs.checkpoint) checkpoint = Date.parse(r.outputs.checkpoint);
      log.push(`${failure}: ${r.rec.failed ? `failed: ${r.rec.failed.replace(/\s+/g, ' ').slice(0, 140)}` : 'ok'}`);
      if (failure === 'none') expect(r.rec.failed).toBeUndefined();
      // only the action writes under path here: its ledger never finds a file changed outside it
      expect(r.rec.warnings.filter((warning) => /changed outside the action/.test(warning))).toEqual([]);
      if (r.rec.failed && /Destination failed/.test(r.rec.failed)) expect(r.outputs.checkpoint).toBe('');
      const missing = await missingUpTo(last ? Infinity : checkpoint);
      expect(missing).toEqual(none(missing));
      // a reviewer merges the pull request now and then
      const open = gh.pulls.find((p) => p.state === 'open');
      if (!last && open && random() < 0.3) {
        const method = pick(['merge', 'squash', 'rebase'] as const);
        await gh.mergePullRequest(open.number, method).catch(() => gh.mergePullRequest(open.number, 'merge'));
        log.push(`${method} #${open.number}`);
      }
    }
    return log;
  } catch (error) {
    (error as Error).message = `${combo}, seed ${seed}, after: ${log.join(' → ')}\n${(error as Error).message}`;
    throw error;
  } finally {
    await h.close();
    await gh.close();
  }
}

const seen = new Map<string, number>();
describe.each(['branch, pull-request', 'branch, artifact'] as const)('%s under partial failures', (combo) => {
  it.each(Array.from({ length: SEEDS }, (_, i) => i + 1))('seed %i: every destination gets every event since its own last success', async (seed) => {
    for (const line of await partialFailures(combo, seed)) {
      const kind = `${combo}: ${line.split(':')[0]}`;
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
    }
  });

  it(`the ${SEEDS} seeds fail every part at least once`, () => {
    for (const failure of FAILURES[combo]) expect({ failure, seen: (seen.get(`${combo}: ${failure}`) ?? 0) > 0 }).toEqual({ failure, seen: true });
  });
});
