// `npm run local`: one run of the bundled action (dist/index.js) against the real Cursor API, from a
// laptop, as the runner would start it. Reads `.env` in the current folder (copy .env.example):
//
//   CURSOR_API_KEY=crsr_…            required: the api-key input
//   BACKFILL_START_TIME=2d           any other input: its name in capitals, `_` for `-`
//   PATH_DIR=cursor-audit-logs       the `path` input (PATH is the shell's)
//   HTTPS_PROXY=…, GITHUB_API_URL=…  passed through
//
// The same names in the shell's environment win over .env (`END_TIME=1h npm run local`). The
// destination is `workspace` unless DESTINATION says otherwise; the files land in
// .local-run/workspace/ (git-ignored), with state.json there, so the next run is incremental.
// Prints the log (without the ::add-mask:: lines, which hold the key), the outputs and the summary.
// (@github/local-action does not fit this action: it calls a `run()` exported by the entry point,
// which src/main.ts is not, and stubs the toolkit at @actions/core 2 where this action uses 3.)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseEnv } from 'node:util';
import { parseOutputFile, readableLogLine, runnerEnv } from '../fake/runner.ts';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist', 'index.js');
const cwd = process.cwd();
const fail = (message: string): never => {
  console.error(`npm run local: ${message}`);
  process.exit(2);
};
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(
    readFileSync(import.meta.filename, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('//'))
      .map((l) => l.slice(3))
      .join('\n')
  );
  process.exit(0);
}

// The inputs of action.yml, and the variable that sets each.
const actionYml = readFileSync(join(root, 'action.yml'), 'utf8');
const inputsBlock = /^inputs:\n([\s\S]*?)^\S/m.exec(actionYml)?.[1] ?? '';
const inputNames = [...inputsBlock.matchAll(/^ {2}([a-z][a-z0-9-]*):\s*$/gm)].map((m) => m[1]);
const variableOf = (input: string) => (input === 'api-key' ? 'CURSOR_API_KEY' : input === 'path' ? 'PATH_DIR' : input.toUpperCase().replaceAll('-', '_'));
const byVariable = new Map(inputNames.map((name) => [variableOf(name), name]));
const PASSED_THROUGH = ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy', 'GITHUB_API_URL', 'GITHUB_SERVER_URL'];

const envFile = join(cwd, '.env');
const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
const unknown = Object.keys(fromFile).filter((k) => !byVariable.has(k) && !PASSED_THROUGH.includes(k));
if (unknown.length) {
  fail(
    `.env sets ${unknown.join(', ')}, which is not an input. Accepted: ${[...byVariable.keys()].join(', ')} (and ${PASSED_THROUGH.filter((v) => v === v.toUpperCase()).join(', ')}).`
  );
}
const value = (variable: string): string | undefined => process.env[variable] ?? fromFile[variable];

if (!value('CURSOR_API_KEY')?.trim()) {
  fail(
    `CURSOR_API_KEY is not set. Copy .env.example to .env${existsSync(envFile) ? ` (${relative(cwd, envFile)} gives none)` : ''} and put a Cursor Admin API key in it (Dashboard → Settings → Advanced → Admin API Keys), or run CURSOR_API_KEY=… npm run local.`
  );
}
if (!existsSync(dist)) fail(`${relative(cwd, dist)} is missing: run npm run build first.`);

const run = join(cwd, '.local-run');
// A clean environment, as on a runner: only what the action reads, never the caller's secrets.
const env: Record<string, string> = { ...(await runnerEnv(run)), GITHUB_RUN_ID: 'local', INPUT_DESTINATION: 'workspace' };
const outputFile = env.GITHUB_OUTPUT as string;
const summaryFile = env.GITHUB_STEP_SUMMARY as string;
for (const variable of PASSED_THROUGH) {
  const v = value(variable);
  if (v !== undefined) env[variable] = v;
}
for (const [variable, input] of byVariable) {
  const v = value(variable);
  if (v !== undefined) env[`INPUT_${input.toUpperCase()}`] = v;
}
const shown = Object.keys(env)
  .filter((k) => k.startsWith('INPUT_') && k !== 'INPUT_API-KEY')
  .map((k) => `${k.slice(6).toLowerCase()}: ${env[k]}`);
console.log(`npm run local: node dist/index.js with ${shown.join(', ')}; files in ${relative(cwd, env.GITHUB_WORKSPACE) || '.'}/\n`);

const child = spawn(process.execPath, [dist], { env, cwd: run, stdio: ['ignore', 'pipe', 'inherit'] });
const exited = new Promise<number>((done) => child.on('close', (c) => done(c ?? 1)));
// Forward Ctrl-C as the runner does on cancel: the action stops at its next safe point.
process.on('SIGINT', () => child.kill('SIGINT'));
// Show the log as a reader of the job sees it: masks hidden, groups as headings, annotations tagged.
for await (const line of createInterface({ input: child.stdout })) {
  const shown = readableLogLine(line);
  if (shown !== undefined) console.log(shown);
}
const code = await exited;

const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
console.log(`\nOutputs (${relative(cwd, outputFile)}):`);
for (const [name, v] of Object.entries(outputs)) console.log(`  ${name}: ${v.length > 200 ? `${v.slice(0, 200)}…` : v}`);
console.log(`\nJob summary (${relative(cwd, summaryFile)}):\n\n${readFileSync(summaryFile, 'utf8')}`);
console.log(code === 0 ? 'The run succeeded.' : `The run failed (exit code ${code}).`);
process.exit(code);
