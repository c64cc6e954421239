// scripts/local.ts (`npm run local`): refuses without a key or with an unknown variable, and runs
// dist/index.js from a .env into .local-run/ (here against the fake Cursor API, never the real one).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_API_KEY, type FakeCursorApi, startFakeCursorApi } from '../fake/cursor-api.ts';
import { generateEvents } from '../fake/events.ts';
import { secretForms } from '../src/key-forms.ts';
import { DAY, MINUTE } from '../src/time.ts';

const SCRIPT = join(import.meta.dirname, '..', 'scripts', 'local.ts');

let api: FakeCursorApi;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cal-local-'));
  const now = Date.now();
  // None in the last 30 minutes: the second run's window (checkpoint minus the 10-minute lookback) has no events.
  api = await startFakeCursorApi({ events: generateEvents({ start: now - 2 * DAY, end: now - 30 * MINUTE, count: 300, seed: 5 }) });
});
afterAll(async () => {
  await api.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the script in `dir` with a bare environment (no key inherited from the test's). */
const local = (extraEnv: Record<string, string> = {}) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [SCRIPT], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...extraEnv }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    )
  );

it('refuses to run without CURSOR_API_KEY, saying how to set it', async () => {
  const r = await local();
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('CURSOR_API_KEY is not set. Copy .env.example to .env');
  await writeFile(join(dir, '.env'), 'CURSOR_API_KEY=\n');
  expect((await local()).stderr).toContain('CURSOR_API_KEY is not set');
});

it('refuses a .env variable that is not an input', async () => {
  await writeFile(join(dir, '.env'), `CURSOR_API_KEY=${DEFAULT_API_KEY}\nBACKFIL_START_TIME=2d\n`);
  const r = await local();
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('.env sets BACKFIL_START_TIME, which is not an input');
});

it('runs dist/index.js from .env into .local-run/workspace, prints outputs and summary, never the key', async () => {
  await writeFile(join(dir, '.env'), `CURSOR_API_KEY=${DEFAULT_API_KEY}\nBASE_URL=${api.url}\nBACKFILL_START_TIME=3d\n`);
  const r = await local();
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('  events-count: 300\n');
  expect(r.stdout).toContain('## Cursor audit logs');
  expect(r.stdout).toContain('The run succeeded.');
  const state = JSON.parse(await readFile(join(dir, '.local-run', 'workspace', 'cursor-audit-logs', 'state.json'), 'utf8'));
  expect(r.stdout).toContain(`  checkpoint: ${state.checkpoint}\n`);
  for (const form of secretForms(DEFAULT_API_KEY)) expect(r.stdout).not.toContain(form);

  // the shell's environment wins over .env; the second run is incremental
  const again = await local({ DRY_RUN: 'true' });
  expect(again.code).toBe(0);
  expect(again.stdout).toContain('dry-run: true');
  expect(again.stdout).toContain('  events-count: 0\n');
});
