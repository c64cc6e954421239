// The artifact destination at the @actions/artifact module boundary (the artifact service cannot
// run here), and a run with several destinations where one fails.
import { jest } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';

const uploads: { name: string; files: Record<string, string>; root: string; options: unknown }[] = [];
let failWith: Error | undefined;
jest.unstable_mockModule('@actions/artifact', () => ({
  DefaultArtifactClient: class {
    async uploadArtifact(name: string, files: string[], root: string, options: unknown) {
      if (failWith) throw failWith;
      const contents: Record<string, string> = {};
      for (const f of files) contents[relative(root, f)] = await readFile(f, 'utf8');
      uploads.push({ name, files: contents, root, options });
      return { id: 4711, size: 1 };
    }
  }
}));

const { harness } = await import('./support/harness.ts');
const { generateEvents } = await import('../fake/events.ts');
const { startFakeGitHub } = await import('../fake/github-api.ts');
const { DAY, MINUTE } = await import('../src/time.ts');

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const env = { GITHUB_SERVER_URL: 'https://github.example', GITHUB_REPOSITORY: 'acme/audit' };
let h: Awaited<ReturnType<typeof harness>>;
beforeEach(() => {
  uploads.length = 0;
  failWith = undefined;
});
afterEach(async () => h?.close());

it('uploads this run’s events in the contract layout with state.json, named and retained as asked', async () => {
  const events = generateEvents({ start: NOW - 2 * DAY, end: NOW - MINUTE, count: 40, seed: 1 });
  h = await harness({ start: NOW, events });
  const { outputs, rec } = await h.run({ destination: 'artifact', 'artifact-name': 'audit-1', 'artifact-retention-days': '30' }, { env });
  expect(rec.failed).toBeUndefined();
  expect(uploads).toHaveLength(1);
  const u = uploads[0];
  expect(u.name).toBe('audit-1');
  expect(u.options).toEqual({ retentionDays: 30 });
  expect(Object.keys(u.files).sort()).toEqual([...JSON.parse(outputs.files), 'cursor-audit-logs/state.json'].sort());
  const lines = Object.entries(u.files)
    .filter(([f]) => f.endsWith('.jsonl'))
    .flatMap(([, t]) => t.split('\n').filter(Boolean));
  expect(lines.length).toBe(40);
  expect(JSON.parse(u.files['cursor-audit-logs/state.json']).checkpoint).toBe(outputs.checkpoint);
  expect(outputs['artifact-id']).toBe('4711');
  expect(rec.summary).toContain('(https://github.example/acme/audit/actions/runs/1001/artifacts/4711)');
});

it.each([
  [
    'GHESNotSupportedError: @actions/artifact v2.0.0+, upload-artifact@v4+ and download-artifact@v4+ are not currently supported on GHES.',
    /not supported on GitHub Enterprise Server: use destination: branch or pull-request/
  ],
  ['Unable to get the ACTIONS_RUNTIME_TOKEN env variable', /only reachable from a GitHub Actions runner: use destination: workspace/],
  [
    'Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run',
    /already exists in this workflow run: give each step its own artifact-name/
  ]
])('turns "%s" into what to do', async (message, help) => {
  h = await harness({ start: NOW, events: generateEvents({ start: NOW - DAY, end: NOW - MINUTE, count: 5, seed: 2 }) });
  failWith = new Error(message);
  const { rec } = await h.run({ destination: 'artifact' }, { env });
  expect(rec.failed).toMatch(/Uploading the artifact "cursor-audit-logs-1001-1" failed/);
  expect(rec.failed).toMatch(help);
});

it('with branch and artifact, a failed upload keeps the branch, saves no checkpoint, names the artifact, and the next artifact holds the events it missed', async () => {
  const events = generateEvents({ start: NOW - DAY, end: NOW - MINUTE, count: 25, seed: 3 });
  h = await harness({ start: NOW, events });
  const gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: 'ghs_t' });
  try {
    failWith = new Error('Unable to get the ACTIONS_RUNTIME_TOKEN env variable');
    const { rec, outputs } = await h.run({ destination: 'artifact, branch', 'github-token': 'ghs_t' }, { env: { ...env, GITHUB_API_URL: gh.url } });
    expect(rec.failed).toMatch(/Destination failed \(branch stored the events\); the checkpoint was not saved.*artifact: Uploading the artifact/s);
    expect(await gh.readFile('cursor-audit-logs', 'cursor-audit-logs/state.json')).toBeDefined();
    expect(h.cache.calls.filter((c) => c.startsWith('save'))).toEqual([]);
    expect(outputs['commit-sha']).toBe(await gh.branchSha('cursor-audit-logs'));
    expect(outputs.checkpoint).toBe(''); // not saved: no output claims it

    // When both work, the artifact (no checkpoint of its own yet: the cache holds none) pulls the
    // start back and holds the 25 events it missed and the 3 new ones; the run reports the 3 new to the branch.
    h.clock.advance(60 * MINUTE);
    failWith = undefined;
    h.api.addEvents(generateEvents({ start: NOW, end: NOW + 30 * MINUTE, count: 3, seed: 4 }));
    const ok = await h.run({ destination: 'branch, artifact', 'github-token': 'ghs_t' }, { env: { ...env, GITHUB_API_URL: gh.url } });
    expect(ok.rec.failed).toBeUndefined();
    const lines = Object.entries(uploads[0].files)
      .filter(([f]) => f.endsWith('.jsonl'))
      .flatMap(([, t]) => t.split('\n').filter(Boolean));
    expect(lines).toHaveLength(28);
    expect(ok.outputs['events-count']).toBe('3');
    expect(ok.text).toMatch(/the artifact destination holds no usable checkpoint of its own/);
    expect(h.cache.calls.filter((c) => c.startsWith('save'))).toHaveLength(1);

    // Then the artifact's checkpoint is the cache's: the next artifact holds what is new since it (and the lookback).
    h.clock.advance(60 * MINUTE);
    h.api.addEvents(generateEvents({ start: NOW + 60 * MINUTE, end: NOW + 90 * MINUTE, count: 2, seed: 5 }));
    const third = await h.run({ destination: 'branch, artifact', 'github-token': 'ghs_t' }, { env: { ...env, GITHUB_API_URL: gh.url } });
    expect(third.rec.failed).toBeUndefined();
    const thirdLines = Object.entries(uploads[1].files)
      .filter(([f]) => f.endsWith('.jsonl'))
      .flatMap(([, t]) => t.split('\n').filter(Boolean));
    expect(thirdLines.length).toBeGreaterThanOrEqual(2);
    expect(thirdLines.length).toBeLessThan(28);
  } finally {
    await gh.close();
  }
});
