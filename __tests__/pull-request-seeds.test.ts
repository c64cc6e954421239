// The pull request’s lifecycle over 16 seeds: each seed is a sequence of runs (some refused, failed,
// cancelled), merges (merge commit, squash or rebase, the head kept or deleted) and commits a person
// pushes to the head. After every step, every event served up to the saved checkpoint is on the base
// or on the head, once in each; the head only adds lines to the base and only moves forward; after
// a run that succeeded, whatever the head adds is in the one open pull request, counted in its body.
// No run warns of a file changed outside the action (the person's commits touch nothing under path).
// After the last step, one plain run makes every event served reach the base or the open pull request.
import { type FakeGitHub, type MergeMethod, startFakeGitHub } from '../fake/github-api.ts';
import { type AuditEventObject, createRng, generateEvents } from '../fake/events.ts';
import { DAY, MINUTE } from '../src/time.ts';
import { duplicates, type GitRecord, gitRecord } from './support/git-record.ts';
import { harness, type Harness } from './support/harness.ts';

const SEEDS = 16;
const STEPS = 6;
const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const TOKEN = 'ghs_pr_seeds';
const HEAD = 'cursor-audit-logs-update';

type RunKind = 'run' | 'refused' | 'forbidden' | 'read-only' | 'cursor-down' | 'cancelled';
type StepKind = RunKind | 'merge' | 'squash' | 'rebase' | 'person';

interface World {
  h: Harness;
  gh: FakeGitHub;
  rec: GitRecord;
  served: AuditEventObject[];
  /** The last checkpoint saved (ms), or -Infinity. */
  checkpoint: number;
  /** The head's tip after the last step, unless the head was deleted since. */
  head: string | undefined;
  /** Commits a person pushed to the head since it was last deleted. */
  person: string[];
  forced: string[];
  log: string[];
}

async function runStep(w: World, kind: RunKind, count: number, seed: number): Promise<boolean> {
  w.h.clock.advance(60 * MINUTE);
  const at = w.h.clock.now();
  const fresh = generateEvents({ start: at - 50 * MINUTE, end: at - MINUTE, count, seed });
  w.h.api.addEvents(fresh);
  w.served.push(...fresh);
  const { settings } = w.gh;
  if (kind === 'refused') settings.actionsCanCreatePullRequests = false;
  if (kind === 'forbidden') settings.permissions.pullRequests = 'read';
  if (kind === 'read-only') settings.permissions.contents = 'read';
  if (kind === 'cursor-down') w.h.api.injectFaults({ kind: 'status', status: 500 });
  const controller = new AbortController();
  let answered = 0;
  const cancelAfterFirstPage: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (++answered === 1) controller.abort('SIGTERM');
    return res;
  };
  const inputs = { destination: 'pull-request', 'github-token': TOKEN, repository: 'acme/audit', 'page-size': '3', 'max-retries': '0' };
  const r = await w.h.run(inputs, {
    env: { GITHUB_API_URL: w.gh.url },
    ...(kind === 'cancelled' ? { signal: controller.signal, fetch: cancelAfterFirstPage } : {})
  });
  settings.actionsCanCreatePullRequests = true;
  Object.assign(settings.permissions, { contents: 'write', pullRequests: 'write' });
  expect(w.h.api.pendingFaults()).toBe(0);
  if (r.outputs.checkpoint) w.checkpoint = Date.parse(r.outputs.checkpoint);
  const ok = r.rec.failed === undefined && r.rec.warnings.length === 0;
  w.log.push(
    `${kind} (+${count}): ${r.rec.failed ? `failed: ${r.rec.failed.slice(0, 160)}` : 'ok'}${r.outputs.checkpoint ? `, checkpoint ${r.outputs.checkpoint}` : ''}`
  );
  if (kind === 'run') expect(r.rec.failed).toBeUndefined();
  expect(r.rec.warnings.filter((warning) => /changed outside the action/.test(warning))).toEqual([]);
  return ok;
}

async function mergeStep(w: World, method: MergeMethod, keepHead: boolean): Promise<void> {
  const open = w.gh.pulls.find((p) => p.state === 'open');
  if (!open) return;
  let used = method;
  try {
    await w.gh.mergePullRequest(open.number, method);
  } catch (error) {
    // GitHub refuses a rebase that would not give the merged tree: the person picks another button
    if (!/cannot be rebased safely/.test((error as Error).message)) throw error;
    used = 'merge';
    await w.gh.mergePullRequest(open.number, 'merge');
  }
  if (!keepHead) {
    await w.rec.git('update-ref', '-d', `refs/heads/${HEAD}`);
    w.head = undefined;
    w.person = [];
  }
  w.log.push(`${method}${used !== method ? ' (refused; merged instead)' : ''} #${open.number}, head ${keepHead ? 'kept' : 'deleted'}`);
}

async function personStep(w: World, n: number): Promise<void> {
  if (!(await w.rec.sha(HEAD))) return;
  const sha = await w.gh.commitFiles(HEAD, { [`notes/review-${n}.md`]: `reviewed, step ${n}\n` }, `Review notes ${n}`);
  w.person.push(sha);
  w.log.push(`a person pushes ${sha.slice(0, 7)} to the head`);
}

/** The invariant after a step; `current`: the last step was a run that succeeded without a warning. */
async function holds(w: World, current: boolean): Promise<void> {
  const base = await w.rec.ids('main');
  const head = await w.rec.ids(HEAD);
  expect({ duplicatesOnBase: duplicates(base), duplicatesOnHead: duplicates(head) }).toEqual({ duplicatesOnBase: [], duplicatesOnHead: [] });
  const held = new Set([...base, ...head]);
  const missing = w.served.filter((e) => Date.parse(String(e.timestamp)) < w.checkpoint && !held.has(String(e.event_id))).map((e) => e.event_id);
  expect({ missing }).toEqual({ missing: [] });
  expect({ forced: w.forced }).toEqual({ forced: [] });
  const tip = await w.rec.sha(HEAD);
  if (tip) {
    if (w.head) expect({ headMovedForward: await w.rec.isAncestor(w.head, tip) }).toEqual({ headMovedForward: true });
    for (const p of w.person) expect({ personCommitKept: await w.rec.isAncestor(p, tip) }).toEqual({ personCommitKept: true });
    if (await w.rec.isAncestor('main', HEAD))
      expect({ removed: await w.rec.removesLines('main', HEAD, (f) => f.endsWith('state.json')) }).toEqual({ removed: [] });
  }
  w.head = tip;
  const onBase = new Set(base);
  const adds = head.filter((id) => !onBase.has(id)).length;
  const open = w.gh.pulls.filter((p) => p.state === 'open');
  expect(open.length).toBeLessThanOrEqual(1);
  if (current && adds > 0) {
    expect(open).toHaveLength(1);
    expect(open[0]!.body).toContain(`adds **${adds} Cursor audit event(s)**`);
  }
}

async function lifecycle(seed: number): Promise<World> {
  const random = createRng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const served = generateEvents({ start: NOW - 2 * DAY, end: NOW - MINUTE, count: 4 + Math.floor(random() * 8), seed: 1000 + seed });
  const h = await harness({ start: NOW, events: served });
  const gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
  const w: World = { h, gh, rec: gitRecord(gh.gitDir), served: [...served], checkpoint: -Infinity, head: undefined, person: [], forced: [], log: [] };
  gh.beforeRefUpdate = (u) => {
    if (u.force) w.forced.push(`${u.ref} → ${u.sha}`);
  };
  try {
    const runs: RunKind[] = ['run', 'run', 'run', 'refused', 'forbidden', 'read-only', 'cursor-down', 'cancelled'];
    const merges: MergeMethod[] = ['merge', 'squash', 'rebase'];
    for (let step = 0; step < STEPS; step++) {
      const open = gh.pulls.some((p) => p.state === 'open');
      const roll = random();
      let current = false;
      if (step === 0) current = await runStep(w, pick(runs), 0, 0);
      else if (open && roll < 0.35) await mergeStep(w, pick(merges), random() < 0.5);
      else if (roll < 0.45) await personStep(w, step);
      else current = await runStep(w, pick(runs), Math.floor(random() * 5), seed * 100 + step);
      await holds(w, current);
    }
    expect(await runStep(w, 'run', 1, seed * 100 + 99)).toBe(true);
    await holds(w, true);
    // every event served is now on the base or in the open pull request
    const held = new Set([...(await w.rec.ids('main')), ...(await w.rec.ids(HEAD))]);
    expect(w.served.filter((e) => !held.has(String(e.event_id))).map((e) => e.event_id)).toEqual([]);
    return w;
  } catch (error) {
    (error as Error).message = `seed ${seed}, after: ${w.log.join(' → ')}\n${(error as Error).message}`;
    throw error;
  } finally {
    await h.close();
    await gh.close();
  }
}

const kinds = new Map<string, number>();

describe(`the pull request lifecycle loses nothing across merges, squashes, rebases, refusals, failures, cancels and a person's pushes`, () => {
  it.each(Array.from({ length: SEEDS }, (_, i) => i + 1))('seed %i', async (seed) => {
    const w = await lifecycle(seed);
    for (const line of w.log) {
      const kind = /^(\w[\w-]*)/.exec(line)?.[1] ?? line;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
  });

  it(`the ${SEEDS} seeds cover every kind of step`, () => {
    for (const kind of ['run', 'refused', 'forbidden', 'read-only', 'cursor-down', 'cancelled', 'merge', 'squash', 'rebase', 'a'] satisfies (StepKind | 'a')[])
      expect({ kind, seen: (kinds.get(kind) ?? 0) > 0 }).toEqual({ kind, seen: true });
  });
});
