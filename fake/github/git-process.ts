/**
 * The git processes behind the fake GitHub: one `git` per command (execFile, no shell) in an
 * environment that ignores the user's configuration, and one long-lived `git cat-file
 * --batch-command` for reads by object id.
 */
import { execFile, spawn } from 'node:child_process';
import os from 'node:os';

export interface GitOptions {
  input?: string | Buffer;
  env?: Record<string, string>;
  /** Exit codes that are not errors (0 always is). */
  okCodes?: number[];
}

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

export function baseEnv(gitDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('GIT_')) env[k] = v;
  }
  env.GIT_DIR = gitDir;
  env.GIT_CONFIG_NOSYSTEM = '1';
  env.GIT_CONFIG_GLOBAL = os.devNull;
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_LITERAL_PATHSPECS = '1';
  env.LC_ALL = 'C';
  return env;
}

/**
 * One long-lived `git cat-file --batch-command` for reads by object id: a process per read costs
 * several milliseconds here, and the fake reads objects on nearly every request. Objects written
 * later (by `hash-object -w`, by a test's own git) are found, as git looks loose objects up anew.
 */
export class ObjectReader {
  private readonly child: ReturnType<typeof spawn>;
  private pending: { info: boolean; resolve: (v: { type: string; content: Buffer } | undefined) => void }[] = [];
  private buffer = Buffer.alloc(0);

  constructor(gitDir: string) {
    this.child = spawn('git', ['cat-file', '--batch-command'], { cwd: gitDir, env: baseEnv(gitDir), stdio: ['pipe', 'pipe', 'ignore'] });
    this.child.stdout!.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    this.child.on('error', () => undefined);
  }

  /** Type and content of an object, or undefined when it is missing. */
  read(sha: string): Promise<{ type: string; content: Buffer } | undefined> {
    return this.ask(`contents ${sha}`, false);
  }

  /** The object's type, or undefined when it is missing. */
  async type(sha: string): Promise<string | undefined> {
    return (await this.ask(`info ${sha}`, true))?.type;
  }

  close(): void {
    this.child.stdin!.end();
    this.child.kill();
  }

  private ask(command: string, info: boolean): Promise<{ type: string; content: Buffer } | undefined> {
    return new Promise((resolve) => {
      this.pending.push({ info, resolve });
      this.child.stdin!.write(`${command}\n`);
    });
  }

  private drain(): void {
    for (;;) {
      const next = this.pending[0];
      const nl = this.buffer.indexOf(10);
      if (!next || nl === -1) return;
      const header = this.buffer.subarray(0, nl).toString('utf8').split(' ');
      if (header[1] === 'missing' || header.length < 3) {
        this.buffer = this.buffer.subarray(nl + 1);
        this.pending.shift();
        next.resolve(undefined);
        continue;
      }
      const size = next.info ? 0 : Number(header[2]);
      const end = next.info ? nl + 1 : nl + 1 + size + 1;
      if (this.buffer.length < end) return;
      const content = next.info ? Buffer.alloc(0) : Buffer.from(this.buffer.subarray(nl + 1, nl + 1 + size));
      this.buffer = this.buffer.subarray(end);
      this.pending.shift();
      next.resolve({ type: header[1] ?? '', content });
    }
  }
}

const OBJECT_READS = new Set(['cat-file', 'ls-tree', 'merge-base', 'diff', 'diff-tree', 'rev-list', 'rev-parse', 'merge-tree']);
const OBJECT_ID = /^[0-9a-f]{40}(?:\^\{(?:commit|tree)\}|\.\.\.?[0-9a-f]{40})?$/;

/** A key for a read whose answer depends on object ids alone (flags, ids, paths after `--`), else undefined. */
export function memoKey(args: string[], opts: GitOptions = {}): string | undefined {
  if (!OBJECT_READS.has(args[0] ?? '') || opts.env) return undefined;
  if (args[0] === 'merge-tree' && !args.includes('--write-tree')) return undefined;
  const dash = args.indexOf('--');
  for (const a of (dash === -1 ? args : args.slice(0, dash)).slice(1)) if (!a.startsWith('-') && !OBJECT_ID.test(a)) return undefined;
  const input = opts.input === undefined ? '' : opts.input.toString();
  if (input && !input.split('\n').every((line) => line === '' || OBJECT_ID.test(line))) return undefined;
  return `${args.join('\0')}\n${input}`;
}

export function runGit(gitDir: string, args: string[], opts: GitOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      {
        cwd: gitDir,
        env: { ...baseEnv(gitDir), ...opts.env },
        encoding: 'buffer',
        maxBuffer: 512 * 1024 * 1024
      },
      (error, stdout, stderr) => {
        const err = error as (Error & { code?: unknown }) | null;
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        const result = { stdout, stderr: stderr.toString('utf8'), code };
        if (code === 0 || opts.okCodes?.includes(code)) resolve(result);
        else reject(new Error(`git ${args.join(' ')} failed (${code}): ${result.stderr.trim()}`));
      }
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(opts.input ?? '');
  });
}
