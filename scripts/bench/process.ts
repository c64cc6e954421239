// Running a Node program as a child process, timed from spawn to exit, and running dist/index.js
// the way a runner does (inputs as INPUT_* variables, outputs in GITHUB_OUTPUT). No Jest here.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseOutputFile, runnerEnv } from '../../fake/runner.ts';

export { runnerEnv };

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const DIST = join(ROOT, 'dist', 'index.js');

export interface Timed {
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Spawn to the child's exit, in seconds. */
  seconds: number;
  /** Epoch milliseconds (sub-millisecond precision) of the spawn and of the exit. */
  spawnedAt: number;
  exitedAt: number;
}

/** Runs `node <args>` with exactly `env` (nothing inherited), and times it from spawn to exit. */
export function timeNode(args: string[], env: Record<string, string>, cwd: string, timeoutMs = 240_000): Promise<Timed> {
  return new Promise((done, fail) => {
    const started = performance.now();
    let exitedAt = 0;
    const child = spawn(process.execPath, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(new Error(`could not start ${process.execPath} ${args.join(' ')}: ${e.message}`));
    });
    child.on('exit', () => {
      exitedAt = performance.now();
    });
    // 'close' comes after 'exit' once the pipes are drained, so the output is complete.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({
        code: code ?? -1,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        seconds: ((exitedAt || performance.now()) - started) / 1000,
        spawnedAt: performance.timeOrigin + started,
        exitedAt: performance.timeOrigin + (exitedAt || performance.now())
      });
    });
  });
}

export interface ActionRun extends Timed {
  outputs: Record<string, string>;
}

/** Runs dist/index.js with `inputs` (as INPUT_* variables) in a runner-like environment under `root`. */
export async function runAction(root: string, inputs: Record<string, string>, extraEnv: Record<string, string> = {}, timeoutMs?: number): Promise<ActionRun> {
  const env = { ...(await runnerEnv(root)), ...extraEnv };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const run = await timeNode([DIST], env, root, timeoutMs);
  return { ...run, outputs: parseOutputFile(await readFile(env.GITHUB_OUTPUT as string, 'utf8')) };
}

/** The last lines of a process's output, for an error message. */
export function tail(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export const round = (value: number, digits: number): number => Number(value.toFixed(digits));
