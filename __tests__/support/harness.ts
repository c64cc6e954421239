// Runs the action in-process against the fake Cursor API on loopback, with a virtual clock, a
// workspace in a temporary folder and the fake cache; checks that no run leaks the key.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DEFAULT_API_KEY, type FakeCursorApi, type FakeCursorApiOptions, startFakeCursorApi } from '../../fake/cursor-api.ts';
import { secretForms } from '../../src/key-forms.ts';
import { run, type RunDeps } from '../../src/run.ts';
import { type VirtualClock, virtualClock } from './clock.ts';
import { type FakeCache, fakeCache } from './fake-cache.ts';
import { isEventFile } from './event-files.ts';
import { recorder } from './recorder.ts';
import { loopbackGitHubClient } from './loopback-github.ts';

export const KEY = DEFAULT_API_KEY;

export interface Harness {
  api: FakeCursorApi;
  clock: VirtualClock;
  cache: FakeCache;
  workspace: string;
  home: string;
  run(
    inputs: Record<string, string>,
    deps?: Partial<RunDeps>
  ): Promise<{ outputs: Record<string, string>; rec: ReturnType<typeof recorder>['rec']; text: string }>;
  /** Every file under the workspace, by path relative to it. */
  files(): Promise<Map<string, string>>;
  close(): Promise<void>;
}

export async function readTree(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(dir: string) {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isSymbolicLink()) continue; // a test's trap: its target is read where it is
      if (e.isDirectory()) await walk(p);
      else out.set(relative(root, p), await readFile(p, 'utf8'));
    }
  }
  await walk(root);
  return out;
}

/** Fails when any text holds the key in raw, Basic-auth or URL-encoded form. */
export function expectNoLeak(texts: Iterable<string>, key = KEY): void {
  for (const text of texts) for (const form of secretForms(key)) expect(text.includes(form)).toBe(false);
}

export async function harness(options: FakeCursorApiOptions & { start?: number } = {}): Promise<Harness> {
  const clock = virtualClock(options.start);
  const api = await startFakeCursorApi({ now: clock.now, ...options });
  const root = await mkdtemp(join(tmpdir(), 'cal-'));
  const workspace = join(root, 'workspace');
  const home = join(root, 'home');
  const cache = fakeCache(join(root, 'cache-service'), home);
  let runs = 0;
  const h: Harness = {
    api,
    clock,
    cache,
    workspace,
    home,
    async run(inputs, deps = {}) {
      runs++;
      const values: Record<string, string> = {
        'api-key': KEY,
        'base-url': api.url,
        destination: 'workspace',
        'requests-per-minute': '20',
        ...inputs
      };
      const rec = recorder();
      const env = { HOME: home, GITHUB_WORKSPACE: workspace, GITHUB_RUN_ID: String(1000 + runs), GITHUB_RUN_ATTEMPT: '1' };
      const outputs = await run({
        getInput: (n) => (values[n] ?? '').trim(),
        reporter: rec,
        cache,
        clock,
        sleep: clock.sleep,
        random: () => 0.5,
        createGitHubClient: loopbackGitHubClient,
        ...deps,
        env: { ...env, ...deps.env }
      });
      const files = await readTree(root);
      expectNoLeak([rec.text(), ...files.values(), ...files.keys()]);
      return { outputs, rec: rec.rec, text: rec.text() };
    },
    files: () => readTree(workspace),
    async close() {
      await api.close();
      await rm(root, { recursive: true, force: true });
    }
  };
  return h;
}

/** Lines of every event file under the tree (each JSONL file but the ledger), with the file they are in. */
export function allLines(files: Map<string, string>): { file: string; line: string }[] {
  const out: { file: string; line: string }[] = [];
  for (const [file, text] of files) {
    if (!isEventFile(file)) continue;
    for (const line of text.split('\n')) if (line) out.push({ file, line });
  }
  return out;
}
