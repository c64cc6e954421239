// `npm run demo`: runs the bundled action (dist/index.js) as a process, twice, against the
// embedded fake Cursor API seeded with a realistic month of events. No key, no network.
// The files land in .demo/workspace (git-ignored).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startFakeCursorApi } from '../fake/cursor-api.ts';
import { generateEvents, makeEvent } from '../fake/events.ts';
import { parseOutputFile, readableLogLine, runnerEnv } from '../fake/runner.ts';

const DAY = 86_400_000;
const root = resolve(import.meta.dirname, '..');
const demo = join(root, '.demo');
const workspace = join(demo, 'workspace');
rmSync(demo, { recursive: true, force: true });

const now = Date.now();
const api = await startFakeCursorApi({ events: generateEvents({ start: now - 30 * DAY, end: now - 60_000, count: 3000, seed: 2026 }) });

// Asynchronous: the fake API answers from this same process, so it must not be blocked.
async function runAction(label: string): Promise<string> {
  console.log(`\n━━━ ${label}: node dist/index.js (destination: workspace) ━━━`);
  const env: Record<string, string> = {
    ...(await runnerEnv(demo)),
    GITHUB_RUN_ID: label === 'first sync' ? '1' : '2',
    'INPUT_API-KEY': api.apiKey,
    'INPUT_BASE-URL': api.url,
    INPUT_DESTINATION: 'workspace',
    INPUT_PATH: 'cursor-audit-logs'
  };
  let log: string;
  try {
    log = (await promisify(execFile)(process.execPath, [join(root, 'dist', 'index.js')], { env, encoding: 'utf8' })).stdout;
  } catch (error) {
    const e = error as { stdout?: string; code?: number };
    console.log(e.stdout ?? '');
    throw new Error(`the action failed with exit code ${e.code}`, { cause: error });
  }
  // The runner hides ::add-mask:: commands and folds groups; show the log as a reader sees it.
  for (const line of log.split('\n')) {
    const shown = line === '' ? undefined : readableLogLine(line);
    if (shown !== undefined) console.log(shown);
  }
  console.log(`\nOutputs (${env.GITHUB_OUTPUT}):`);
  for (const [name, v] of Object.entries(parseOutputFile(readFileSync(env.GITHUB_OUTPUT as string, 'utf8')))) {
    console.log(`${name}: ${v.length > 160 ? `${v.slice(0, 160)}…` : v}`);
  }
  console.log(`Job summary: ${env.GITHUB_STEP_SUMMARY}`);
  return env.GITHUB_STEP_SUMMARY as string;
}

try {
  await runAction('first sync');
  // New events arrive, one of them late (inside the 10-minute lookback before the checkpoint).
  api.addEvents([
    ...generateEvents({ start: Date.now() - 1000, end: Date.now(), count: 5, seed: 7 }),
    makeEvent('update_user_role', Date.now() - 5 * 60_000, { event_data: { user_email: 'new.admin@example.com', old_role: 'MEMBER', new_role: 'ADMIN' } }),
    makeEvent('login', Date.now() - 2 * 60_000, { event_data: { login_type: 'LOGIN_TYPE_WEB', success: false } })
  ]);
  const summary = await runAction('incremental run');
  console.log(`\n━━━ Done ━━━\nFiles: ${join(workspace, 'cursor-audit-logs')} (daily JSONL under YYYY/MM/, state.json)`);
  console.log(`Summary of the second run:\n\n${readFileSync(summary, 'utf8')}`);
} finally {
  await api.close();
}
