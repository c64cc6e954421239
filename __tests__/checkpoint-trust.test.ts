// A checkpoint the action reads back (Actions cache, state.json on the branch or in the workspace)
// is untrusted: one in the future, one that is not a time, one of a version it does not know, is
// ignored with a warning naming where it was found, and never saved, so later runs heal.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FakeGitHub, startFakeGitHub } from '../fake/github-api.ts';
import { makeEvent } from '../fake/events.ts';
import { DAY, HOUR, MINUTE } from '../src/time.ts';
import { commitRaw } from './support/git-entries.ts';
import { isEventFile } from './support/event-files.ts';
import { harness, type Harness } from './support/harness.ts';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const TOKEN = 'ghs_checkpoint_trust_token';
const BRANCH = 'cursor-audit-logs';
const iso = (ms: number) => new Date(ms).toISOString();
const future = (checkpoint: number, extra: Record<string, unknown> = {}) =>
  `${JSON.stringify({ version: 1, checkpoint: iso(checkpoint), updatedAt: iso(NOW), filters: { eventTypes: [], users: [] }, ...extra })}\n`;

let h: Harness;
let gh: FakeGitHub | undefined;
afterEach(async () => {
  await h?.close();
  await gh?.close();
  gh = undefined;
});

const ev = (id: string, at: number) => makeEvent('login', iso(at), { event_id: id });

/** The state.json of the newest cache entry, as the next run restores it. */
function newestCacheState(): string {
  const keys = [...h.cache.entries.keys()];
  return join(h.cache.entries.get(keys[keys.length - 1])!.dir, '0', 'state.json');
}

function storedIds(files: Map<string, string>): string[] {
  const ids: string[] = [];
  for (const [f, text] of files) if (isEventFile(f)) for (const l of text.split('\n')) if (l) ids.push(JSON.parse(l).event_id);
  return ids.sort();
}

describe('a checkpoint in the future', () => {
  it('in the Actions cache is ignored with a warning naming the cache, never saved, and the next runs fetch and heal', async () => {
    h = await harness({ start: NOW, events: [ev('before', NOW - HOUR)] });
    await h.run({});
    await writeFile(newestCacheState(), future(NOW + 5 * HOUR));

    h.clock.advance(HOUR);
    h.api.addEvents([ev('hidden-1', NOW + 30 * MINUTE)]);
    const second = await h.run({});
    expect(second.rec.failed).toBeUndefined();
    const warning = second.rec.warnings.find((w) => w.includes('Ignoring the checkpoint in the Actions cache'));
    expect(warning).toMatch(/later than the start of this run/);
    expect(second.outputs.checkpoint).toBe(iso(NOW + HOUR));
    expect(JSON.parse(await readFile(newestCacheState(), 'utf8')).checkpoint).toBe(iso(NOW + HOUR));
    const files = await h.files();
    expect(JSON.parse(files.get('cursor-audit-logs/state.json')!).checkpoint).toBe(iso(NOW + HOUR));

    h.clock.advance(HOUR);
    h.api.addEvents([ev('hidden-2', NOW + 90 * MINUTE)]);
    const n = h.api.requests.length;
    const third = await h.run({});
    expect(third.rec.warnings.filter((w) => /checkpoint/i.test(w))).toEqual([]);
    expect(h.api.requests.length).toBeGreaterThan(n);
    expect(third.outputs.complete).toBe('true');
    expect(storedIds(await h.files())).toEqual(['before', 'hidden-1', 'hidden-2']);
  });

  it('in the workspace state.json is ignored naming the workspace, and not written back', async () => {
    h = await harness({ start: NOW, events: [ev('before', NOW - HOUR)] });
    await h.run({});
    const state = join(h.workspace, 'cursor-audit-logs', 'state.json');
    await writeFile(state, future(NOW + DAY));
    h.cache.entries.clear();

    h.clock.advance(HOUR);
    h.api.addEvents([ev('hidden', NOW + 30 * MINUTE)]);
    const { rec, outputs } = await h.run({});
    expect(rec.warnings.find((w) => w.startsWith('Ignoring the checkpoint in cursor-audit-logs/state.json in the workspace'))).toMatch(
      /later than the start of this run/
    );
    expect(outputs.checkpoint).toBe(iso(NOW + HOUR));
    expect(JSON.parse(await readFile(state, 'utf8')).checkpoint).toBe(iso(NOW + HOUR));
    expect(storedIds(await h.files())).toEqual(['before', 'hidden']);
  });

  it('with an updatedAt in the future, not a time, or an unknown version: ignored, named, and healed', async () => {
    h = await harness({ start: NOW, events: [ev('before', NOW - HOUR)] });
    await h.run({});
    const state = join(h.workspace, 'cursor-audit-logs', 'state.json');
    const cases: [string, RegExp][] = [
      [future(NOW - HOUR, { updatedAt: iso(NOW + 2 * DAY) }), /updatedAt 2026-11-27T12:00:00.000Z is later than the start of this run/],
      [future(NOW - HOUR, { updatedAt: 'tomorrow' }), /updatedAt "tomorrow" that is not an RFC 3339 time/],
      [future(NOW - HOUR, { checkpoint: 'soon' }), /checkpoint "soon" is not an RFC 3339 time/],
      [future(NOW - HOUR, { version: 2 }), /version 2, which this action does not know/]
    ];
    for (const [text, message] of cases) {
      await writeFile(state, text);
      await writeFile(newestCacheState(), text);
      h.clock.advance(HOUR);
      const { rec, outputs } = await h.run({});
      expect(rec.failed).toBeUndefined();
      expect(rec.warnings.find((w) => w.includes('Actions cache'))).toMatch(message);
      expect(rec.warnings.find((w) => w.includes('in the workspace'))).toMatch(message);
      expect(JSON.parse(await readFile(state, 'utf8')).checkpoint).toBe(outputs.checkpoint);
      expect(JSON.parse(await readFile(newestCacheState(), 'utf8')).checkpoint).toBe(outputs.checkpoint);
    }
  });

  it('in state.json on the branch is ignored naming the branch, replaced on the branch, and the cache never holds it', async () => {
    h = await harness({ start: NOW, events: [ev('before', NOW - HOUR)] });
    gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
    const runBranch = () => h.run({ destination: 'branch', 'github-token': TOKEN, repository: 'acme/audit' }, { env: { GITHUB_API_URL: gh!.url } });
    await runBranch();
    await commitRaw(gh.gitDir, BRANCH, [{ path: 'cursor-audit-logs/state.json', content: future(NOW + 3 * HOUR) }]);
    h.cache.entries.clear();

    // No new event: the branch still gets a correct state.json.
    h.clock.advance(HOUR);
    const { rec, outputs } = await runBranch();
    expect(rec.failed).toBeUndefined();
    expect(rec.warnings.find((w) => w.startsWith('Ignoring the checkpoint in cursor-audit-logs/state.json on branch cursor-audit-logs'))).toMatch(
      /later than the start/
    );
    expect(outputs.checkpoint).toBe(iso(NOW + HOUR));
    expect(JSON.parse(await readFile(newestCacheState(), 'utf8')).checkpoint).toBe(iso(NOW + HOUR));
    expect(JSON.parse((await gh.readFile(BRANCH, 'cursor-audit-logs/state.json'))!).checkpoint).toBe(iso(NOW + HOUR));

    h.clock.advance(HOUR);
    h.api.addEvents([ev('hidden', NOW + 90 * MINUTE)]);
    const next = await runBranch();
    expect(next.rec.warnings).toEqual([]);
    expect(await gh.readFile(BRANCH, 'cursor-audit-logs/2026/11/2026-11-25.jsonl')).toMatch(/"hidden"/);
  });
});
