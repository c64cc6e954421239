/**
 * A fake GitHub REST API for tests: a real HTTP server on 127.0.0.1 whose git objects and refs
 * live in a real bare repository, written with git plumbing (execFile, no shell).
 *
 * It answers only the endpoints the branch and pull-request destinations call (each route names
 * its operationId in GitHub's OpenAPI description), plus compare, kept to show its documented
 * 300-file limit; anything else is a 404. Status codes, messages and response shapes are
 * GitHub's (errors carry `message`, `documentation_url` and `status` like api.github.com does);
 * __tests__/github-openapi.test.ts checks every exchange of the action's flows against the
 * OpenAPI description of api.github.com (npm @octokit/openapi).
 */
import http from 'node:http';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';

export interface FakeGitHubOptions {
  owner: string;
  repo: string;
  /** The valid token (`Authorization: token X` or `Bearer X`). */
  token: string;
  /** Path of the bare repository to create (must be missing or empty). Default: a new temp dir. */
  dir?: string;
  /** Start with no commit at all (GitHub's "empty repository"). Default false. */
  empty?: boolean;
  /** Default 'main'. */
  defaultBranch?: string;
  /** What the token may do. Default write for both. */
  permissions?: { contents?: 'read' | 'write'; pullRequests?: 'read' | 'write' };
  /** Branch name -> rule message. Creating or moving that branch is refused. */
  rules?: Record<string, string>;
  /** Repository setting "Allow GitHub Actions to create and approve pull requests". Default true. */
  actionsCanCreatePullRequests?: boolean;
  /** Commits made through the API without author/committer are signed by GitHub. Default true. */
  signCommits?: boolean;
  /** Recursive tree listings come back cut short (`truncated: true`, half the entries), as GitHub does past its limits. */
  truncateTrees?: boolean;
  /**
   * Keep every exchange (request body and headers, answer status, headers and body) in
   * `exchanges`, for checking them against GitHub's OpenAPI description. Default false.
   */
  recordExchanges?: boolean;
}

/** One request and the fake's answer, as sent on the wire (kept with `recordExchanges`). */
export interface FakeExchange {
  method: string;
  /** Decoded path, without the query string. */
  path: string;
  query: URLSearchParams;
  requestHeaders: http.IncomingHttpHeaders;
  /** The parsed JSON body, or undefined when there was none. */
  requestBody: unknown;
  status: number;
  responseHeaders: Record<string, string>;
  /** The parsed JSON answer, or undefined (204, or a raw answer). */
  responseBody: unknown;
  /** The answer was raw bytes (`Accept: application/vnd.github.raw`), not JSON. */
  raw: boolean;
}

export interface FakeRequest {
  method: string;
  /** Decoded path, without the query string. */
  path: string;
  /** The raw query string including '?', or ''. */
  query: string;
  status: number;
}

export interface FakeFault {
  status: number;
  /** JSON body (a string is sent as is). Default `{"message": <status text>}`. */
  body?: unknown;
  headers?: Record<string, string>;
  match?: { method?: string; pathIncludes?: string };
}

export interface FakePullRequest {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  /** Head branch name. */
  head: string;
  /** Base branch name. */
  base: string;
  /** Head / base commit when the pull request was closed or merged (live tips while open). */
  headSha: string;
  baseSha: string;
  labels: string[];
  draft: boolean;
  merged: boolean;
  merged_at: string | null;
  merge_commit_sha: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export type MergeMethod = 'merge' | 'squash' | 'rebase';

export interface RefUpdate {
  /** Full ref name, e.g. `refs/heads/main`. */
  ref: string;
  sha: string;
  force: boolean;
}

export interface FakeGitHub {
  url: string;
  gitDir: string;
  requests: FakeRequest[];
  /** Every exchange, when started with `recordExchanges` (emptied by resetRequests too). */
  exchanges: FakeExchange[];
  resetRequests(): void;
  /** Called once per PATCH of a ref, before it is applied (outside the git lock). */
  beforeRefUpdate?: (update: RefUpdate) => Promise<void> | void;
  /** Writes a commit on top of `branch` (or creates the branch as an orphan). Returns its sha. */
  commitFiles(branch: string, files: Record<string, string | null>, message: string): Promise<string>;
  /** UTF-8 content of `path` at `ref` (branch, tag or sha), or undefined. */
  readFile(ref: string, path: string): Promise<string | undefined>;
  /** Sha of the branch tip, or undefined. */
  branchSha(branch: string): Promise<string | undefined>;
  /** Queues a canned response for the next request that matches. */
  injectFault(fault: FakeFault): void;
  pulls: FakePullRequest[];
  /** Labels of the repository (created on first use). */
  labels: string[];
  /**
   * Merges the pull request as GitHub's merge button does: a merge commit, a squash (one commit
   * with the merged tree), or a rebase (refused, as GitHub does, when it would not give the merged
   * tree). Returns the base's new tip.
   */
  mergePullRequest(number: number, method?: MergeMethod): Promise<string>;
  /** The Actions setting "Allow GitHub Actions to create … pull requests" and the token's permissions, changeable between runs. */
  settings: { actionsCanCreatePullRequests: boolean; permissions: { contents: string; pullRequests: string } };
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// git plumbing

interface GitOptions {
  input?: string | Buffer;
  env?: Record<string, string>;
  /** Exit codes that are not errors (0 always is). */
  okCodes?: number[];
}

interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

const ZERO_SHA = '0'.repeat(40);
const SHA_RE = /^[0-9a-f]{40}$/;
const GITHUB_BOT = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com'
};
const WEB_FLOW = { name: 'GitHub', email: 'noreply@github.com' };

function baseEnv(gitDir: string): NodeJS.ProcessEnv {
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
class ObjectReader {
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

const OBJECT_READS = new Set(['cat-file', 'ls-tree', 'merge-base', 'diff', 'rev-list', 'rev-parse', 'merge-tree']);
const OBJECT_ID = /^[0-9a-f]{40}(?:\^\{(?:commit|tree)\}|\.\.\.?[0-9a-f]{40})?$/;

/** A key for a read whose answer depends on object ids alone (flags, ids, paths after `--`), else undefined. */
function memoKey(args: string[], opts: GitOptions = {}): string | undefined {
  if (!OBJECT_READS.has(args[0] ?? '') || opts.env) return undefined;
  if (args[0] === 'merge-tree' && !args.includes('--write-tree')) return undefined;
  const dash = args.indexOf('--');
  for (const a of (dash === -1 ? args : args.slice(0, dash)).slice(1)) if (!a.startsWith('-') && !OBJECT_ID.test(a)) return undefined;
  const input = opts.input === undefined ? '' : opts.input.toString();
  if (input && !input.split('\n').every((line) => line === '' || OBJECT_ID.test(line))) return undefined;
  return `${args.join('\0')}\n${input}`;
}

function runGit(gitDir: string, args: string[], opts: GitOptions = {}): Promise<GitResult> {
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

interface Identity {
  name: string;
  email: string;
  /** Unix seconds. */
  time: number;
  /** `+HHMM` / `-HHMM`. */
  tz: string;
}

interface ParsedCommit {
  sha: string;
  tree: string;
  parents: string[];
  author: Identity;
  committer: Identity;
  message: string;
  signature: string | null;
  /** The commit without its signature header (what was signed). */
  payload: string;
}

function parseIdentity(line: string): Identity {
  const m = /^(.*) <(.*)> (-?\d+) ([+-]\d{4})$/.exec(line);
  if (!m) return { name: line, email: '', time: 0, tz: '+0000' };
  return { name: m[1] ?? '', email: m[2] ?? '', time: Number(m[3]), tz: m[4] ?? '+0000' };
}

function formatIdentity(id: Identity): string {
  return `${id.name} <${id.email}> ${id.time} ${id.tz}`;
}

function parseCommit(sha: string, raw: string): ParsedCommit {
  const sep = raw.indexOf('\n\n');
  const headerText = sep === -1 ? raw : raw.slice(0, sep);
  const messageRaw = sep === -1 ? '' : raw.slice(sep + 2);
  const lines = headerText.split('\n');
  const headers: { key: string; value: string }[] = [];
  for (const line of lines) {
    const last = headers[headers.length - 1];
    if (line.startsWith(' ') && last) last.value += `\n${line.slice(1)}`;
    else {
      const sp = line.indexOf(' ');
      headers.push({ key: line.slice(0, sp), value: line.slice(sp + 1) });
    }
  }
  const get = (k: string) => headers.find((h) => h.key === k)?.value;
  const signature = get('gpgsig') ?? null;
  const unsigned = headers
    .filter((h) => h.key !== 'gpgsig' && h.key !== 'gpgsig-sha256')
    .map((h) => `${h.key} ${h.value.split('\n').join('\n ')}`)
    .join('\n');
  return {
    sha,
    tree: get('tree') ?? '',
    parents: headers.filter((h) => h.key === 'parent').map((h) => h.value),
    author: parseIdentity(get('author') ?? ''),
    committer: parseIdentity(get('committer') ?? ''),
    message: messageRaw.endsWith('\n') ? messageRaw.slice(0, -1) : messageRaw,
    signature,
    payload: `${unsigned}\n\n${messageRaw}`
  };
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function nowIso(): string {
  return isoSeconds(Date.now());
}

function identityFromInput(input: unknown, fallback: { name: string; email: string }, now: number): Identity {
  const obj = isRecord(input) ? input : {};
  const name = typeof obj.name === 'string' ? obj.name : fallback.name;
  const email = typeof obj.email === 'string' ? obj.email : fallback.email;
  let time = now;
  let tz = '+0000';
  if (typeof obj.date === 'string') {
    const parsed = Date.parse(obj.date);
    if (Number.isNaN(parsed)) throw new ApiError(422, 'Invalid request.\n\nInvalid date', 'git/commits#create-a-commit');
    time = Math.floor(parsed / 1000);
    const m = /([+-])(\d{2}):?(\d{2})$/.exec(obj.date);
    if (m) tz = `${m[1]}${m[2]}${m[3]}`;
  }
  return { name, email, time, tz };
}

// ---------------------------------------------------------------------------------------------
// HTTP plumbing

class ApiError extends Error {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
  constructor(status: number, message: string, doc: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
    this.body = {
      message,
      ...extra,
      documentation_url: doc.startsWith('http') ? doc : `https://docs.github.com/rest/${doc}`,
      status: String(status)
    };
  }
}

interface Reply {
  status: number;
  body?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function wrapBase64(buf: Buffer): string {
  const b64 = buf.toString('base64');
  let out = '';
  for (let i = 0; i < b64.length; i += 60) out += `${b64.slice(i, i + 60)}\n`;
  return out;
}

function nodeId(kind: string, id: string): string {
  return Buffer.from(`${kind}:${id}`).toString('base64').replace(/=+$/, '');
}

/** Branch-name check after git check-ref-format's rules (refs are never passed to git raw). */
function validBranchName(name: string): boolean {
  if (!name || name.length > 255) return false;
  if (name.startsWith('-') || name.startsWith('/') || name.endsWith('/') || name.endsWith('.')) return false;
  if (name.includes('..') || name.includes('//') || name.includes('@{') || name === '@') return false;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what git refuses
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return false;
  return name.split('/').every((seg) => seg.length > 0 && !seg.startsWith('.') && !seg.endsWith('.lock'));
}

function validTreePath(p: string): boolean {
  if (!p || p.startsWith('/') || p.endsWith('/')) return false;
  return p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..' && seg.toLowerCase() !== '.git' && !seg.includes('\0'));
}

const MODES: Record<string, 'blob' | 'tree' | 'commit'> = {
  '100644': 'blob',
  '100755': 'blob',
  '120000': 'blob',
  '040000': 'tree',
  '160000': 'commit'
};

const CONTENTS_INLINE_LIMIT = 1024 * 1024;
/** Changed files a compare lists at most (see the compare route). */
const COMPARE_FILES_LIMIT = 300;

interface TreeChange {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  /** null deletes the path. */
  sha?: string | null;
  content?: Buffer;
}

// ---------------------------------------------------------------------------------------------

export async function startFakeGitHub(opts: FakeGitHubOptions): Promise<FakeGitHub> {
  const owner = opts.owner;
  const repo = opts.repo;
  const defaultBranch = opts.defaultBranch ?? 'main';
  const perms = {
    contents: opts.permissions?.contents ?? 'write',
    pullRequests: opts.permissions?.pullRequests ?? 'write'
  };
  const rules = opts.rules ?? {};
  const signCommits = opts.signCommits ?? true;
  /** What a test may change between runs: the Actions setting and the token's permissions. */
  const settings = { actionsCanCreatePullRequests: opts.actionsCanCreatePullRequests ?? true, permissions: perms };

  let tempRoot: string | undefined;
  let gitDir: string;
  if (opts.dir) {
    gitDir = path.resolve(opts.dir);
    await mkdir(gitDir, { recursive: true });
    if ((await readdir(gitDir)).length > 0) throw new Error(`startFakeGitHub: ${gitDir} is not empty`);
  } else {
    tempRoot = await mkdtemp(path.join(os.tmpdir(), 'fake-github-'));
    gitDir = path.join(tempRoot, `${repo}.git`);
    await mkdir(gitDir);
  }
  const scratchRoot = await mkdtemp(path.join(os.tmpdir(), 'fake-github-scratch-'));
  // Git objects never change: a read that names only object ids (no ref, no index) gives the same
  // answer every time, so it is kept rather than asked of git again (one process less per request).
  const reads = new Map<string, GitResult>();
  const git = async (args: string[], o?: GitOptions): Promise<GitResult> => {
    const key = memoKey(args, o);
    const kept = key === undefined ? undefined : reads.get(key);
    if (kept) return kept;
    const result = await runGit(gitDir, args, o);
    if (key !== undefined && (result.code === 0 || args[0] === 'merge-base') && !/ missing$/m.test(result.stdout.toString('latin1'))) reads.set(key, result);
    return result;
  };
  await git(['init', '--bare', '-q', `--initial-branch=${defaultBranch}`, gitDir]);

  // one lock for everything that mutates git (or the pull-request state)
  let tail: Promise<void> = Promise.resolve();
  const lock = async <T>(fn: () => Promise<T>): Promise<T> => {
    const prev = tail;
    let release: () => void = () => undefined;
    tail = new Promise<void>((r) => {
      release = r;
    });
    await prev;
    try {
      return await fn();
    } finally {
      release();
    }
  };

  let baseUrl = '';
  const apiRepo = () => `${baseUrl}/repos/${owner}/${repo}`;
  const htmlRepo = () => `${baseUrl}/html/${owner}/${repo}`;

  // --- git helpers ----------------------------------------------------------------------------

  const objects = new ObjectReader(gitDir);

  /** A branch or tag's target, read from the ref files as git writes them (loose, then packed). */
  const readRef = async (full: string): Promise<string | undefined> => {
    if (!/^refs\/[^\0]+$/.test(full) || full.split('/').some((part) => part === '' || part === '.' || part === '..')) return undefined;
    try {
      const text = (await readFile(path.join(gitDir, full), 'utf8')).trim();
      if (SHA_RE.test(text)) return text;
    } catch {
      // not a loose ref: perhaps a packed one
    }
    const packed = await readFile(path.join(gitDir, 'packed-refs'), 'utf8').catch(() => '');
    const line = packed.split('\n').find((l) => l.slice(41) === full);
    return line && SHA_RE.test(line.slice(0, 40)) ? line.slice(0, 40) : undefined;
  };

  const refSha = async (ref: string): Promise<string | undefined> => {
    if (ref.startsWith('refs/')) {
      const target = await readRef(ref);
      if (!target) return undefined;
      if ((await objects.type(target)) === 'commit') return target;
    }
    const r = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { okCodes: [1, 128] });
    const out = r.stdout.toString('utf8').trim();
    return r.code === 0 && SHA_RE.test(out) ? out : undefined;
  };
  const branchSha = (branch: string) => (validBranchName(branch) ? refSha(`refs/heads/${branch}`) : Promise.resolve(undefined));

  /** Branch, tag, or (abbreviated) commit sha -> commit sha. */
  const resolveCommitish = async (ref: string): Promise<string | undefined> => {
    if (validBranchName(ref)) {
      const b = (await refSha(`refs/heads/${ref}`)) ?? (await refSha(`refs/tags/${ref}`));
      if (b) return b;
    }
    if (/^[0-9a-f]{4,40}$/i.test(ref)) return refSha(ref.toLowerCase());
    return undefined;
  };

  /** No branch, loose or packed (read from the files, as one process per request would cost). */
  const isEmptyRepo = async (): Promise<boolean> => {
    const loose = await readdir(path.join(gitDir, 'refs', 'heads'), { recursive: true, withFileTypes: true }).catch(() => []);
    if (loose.some((e) => e.isFile())) return false;
    const packed = await readFile(path.join(gitDir, 'packed-refs'), 'utf8').catch(() => '');
    return !/ refs\/heads\//.test(packed);
  };

  /** sha -> object type, or undefined when missing (sha must be 40 hex). */
  const objectTypes = async (shas: string[]): Promise<Map<string, string | undefined>> => {
    const types = await Promise.all(shas.map((s) => (SHA_RE.test(s) ? objects.type(s) : Promise.resolve(undefined))));
    return new Map(shas.map((s, i) => [s, types[i]]));
  };
  const objectType = async (sha: string) => (await objectTypes([sha])).get(sha);

  const readCommits = async (shas: string[]): Promise<ParsedCommit[]> => {
    const read = await Promise.all(shas.map((sha) => objects.read(sha)));
    const commits: ParsedCommit[] = [];
    read.forEach((o, i) => {
      if (o?.type === 'commit') commits.push(parseCommit(shas[i] ?? '', o.content.toString('utf8')));
    });
    return commits;
  };
  const readCommit = async (sha: string): Promise<ParsedCommit | undefined> => {
    if (!SHA_RE.test(sha)) return undefined;
    return (await readCommits([sha]))[0];
  };

  const readBlob = async (sha: string): Promise<Buffer> => {
    const o = await objects.read(sha);
    if (o?.type !== 'blob') throw new Error(`git cat-file blob ${sha} failed: not a blob`);
    return o.content;
  };

  const isAncestor = async (ancestor: string, descendant: string): Promise<boolean> => {
    const r = await git(['merge-base', '--is-ancestor', ancestor, descendant], { okCodes: [1] });
    return r.code === 0;
  };

  const fakeSignature = (payload: string): string => {
    const digest = crypto.createHash('sha256').update(payload).digest('base64');
    const body = Buffer.from(`fake-github web-flow signature ${digest}`).toString('base64');
    const lines = ['-----BEGIN PGP SIGNATURE-----', ''];
    for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
    lines.push(`=${digest.slice(0, 4)}`, '-----END PGP SIGNATURE-----');
    return lines.join('\n');
  };

  const writeCommit = async (c: {
    tree: string;
    parents: string[];
    author: Identity;
    committer: Identity;
    message: string;
    sign: boolean;
  }): Promise<string> => {
    const head = [`tree ${c.tree}`, ...c.parents.map((p) => `parent ${p}`)];
    head.push(`author ${formatIdentity(c.author)}`, `committer ${formatIdentity(c.committer)}`);
    const message = c.message.endsWith('\n') ? c.message : `${c.message}\n`;
    let text = `${head.join('\n')}\n\n${message}`;
    if (c.sign) {
      const sig = fakeSignature(text);
      text = `${head.join('\n')}\ngpgsig ${sig.split('\n').join('\n ')}\n\n${message}`;
    }
    const r = await git(['hash-object', '-t', 'commit', '-w', '--stdin'], { input: text });
    return r.stdout.toString('utf8').trim();
  };

  /** Identity GitHub gives a commit made through the API. */
  const apiIdentities = (author: unknown, committer: unknown) => {
    const now = Math.floor(Date.now() / 1000);
    if (author === undefined && committer === undefined) {
      if (signCommits) {
        return {
          author: identityFromInput(undefined, GITHUB_BOT, now),
          committer: identityFromInput(undefined, WEB_FLOW, now),
          sign: true
        };
      }
      return {
        author: identityFromInput(undefined, GITHUB_BOT, now),
        committer: identityFromInput(undefined, GITHUB_BOT, now),
        sign: false
      };
    }
    const a = identityFromInput(author, GITHUB_BOT, now);
    const c = committer === undefined ? a : identityFromInput(committer, a, now);
    return { author: a, committer: c, sign: false };
  };

  const hashBlobs = async (contents: Buffer[]): Promise<string[]> => {
    if (contents.length === 0) return [];
    const dir = await mkdtemp(path.join(scratchRoot, 'blobs-'));
    try {
      const files = await Promise.all(
        contents.map(async (c, i) => {
          const f = path.join(dir, `b${i}`);
          await writeFile(f, c);
          return f;
        })
      );
      const r = await git(['hash-object', '-w', '--no-filters', '--stdin-paths'], { input: files.join('\n') + '\n' });
      return r.stdout.toString('utf8').trim().split('\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  /** Applies changes on top of baseTree (or nothing) with a temporary index; returns the tree sha. */
  const buildTree = async (baseTree: string | undefined, changes: TreeChange[]): Promise<string> => {
    const dir = await mkdtemp(path.join(scratchRoot, 'index-'));
    const env = { GIT_INDEX_FILE: path.join(dir, 'index') };
    try {
      await git(baseTree ? ['read-tree', baseTree] : ['read-tree', '--empty'], { env });
      const listed = (await git(['ls-files', '-z'], { env })).stdout.toString('utf8').split('\0');
      const present = new Set(listed.filter(Boolean));
      const withContent = changes.filter((c) => c.content !== undefined);
      const shas = await hashBlobs(withContent.map((c) => c.content as Buffer));
      const blobSha = new Map<TreeChange, string>();
      withContent.forEach((c, i) => blobSha.set(c, shas[i] ?? ''));
      const lines: string[] = [];
      const remove = (p: string) => {
        for (const f of [...present]) {
          if (f === p || f.startsWith(`${p}/`)) {
            lines.push(`0 ${ZERO_SHA}\t${f}`);
            present.delete(f);
          }
        }
      };
      for (const c of changes) {
        if (c.sha === null && c.content === undefined) {
          remove(c.path);
        } else if (c.type === 'tree') {
          remove(c.path);
          const sub = (await git(['ls-tree', '-r', '-z', c.sha as string])).stdout.toString('utf8');
          for (const entry of sub.split('\0').filter(Boolean)) {
            const m = /^(\d+) \w+ ([0-9a-f]{40})\t(.*)$/s.exec(entry);
            if (!m) continue;
            const p = `${c.path}/${m[3]}`;
            lines.push(`${m[1]} ${m[2]}\t${p}`);
            present.add(p);
          }
        } else {
          const sha = blobSha.get(c) ?? (c.sha as string);
          // a file replacing a directory (or the other way round) is handled by --replace
          for (const f of [...present]) if (f.startsWith(`${c.path}/`)) present.delete(f);
          lines.push(`${c.mode} ${sha}\t${c.path}`);
          present.add(c.path);
        }
      }
      if (lines.length > 0) {
        await git(['update-index', '--add', '--remove', '--replace', '-z', '--index-info'], {
          env,
          input: lines.join('\0') + '\0'
        });
      }
      return (await git(['write-tree'], { env })).stdout.toString('utf8').trim();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  /** Moves refs/heads/<branch> from `old` (undefined: must not exist) to `sha`, atomically. */
  const updateBranch = async (branch: string, sha: string, old: string | undefined): Promise<boolean> => {
    const r = await git(['update-ref', `refs/heads/${branch}`, sha, old ?? ZERO_SHA], { okCodes: [1, 128] });
    return r.code === 0;
  };

  interface LsEntry {
    mode: string;
    type: string;
    sha: string;
    size: number | undefined;
    path: string;
  }
  const lsTree = async (treeish: string, args: string[], paths: string[] = []): Promise<LsEntry[]> => {
    const r = await git(['ls-tree', '-z', '-l', ...args, treeish, '--', ...paths]);
    const out: LsEntry[] = [];
    for (const entry of r.stdout.toString('utf8').split('\0')) {
      const m = /^(\d+) (\w+) ([0-9a-f]{40}) +(\S+)\t(.*)$/s.exec(entry);
      if (!m) continue;
      out.push({
        mode: m[1] ?? '',
        type: m[2] ?? '',
        sha: m[3] ?? '',
        size: m[4] === '-' ? undefined : Number(m[4]),
        path: m[5] ?? ''
      });
    }
    return out;
  };

  // --- JSON shapes ----------------------------------------------------------------------------

  /** GitHub's simple-user shape. */
  const userJson = (login: string, type = 'User') => {
    // as api.github.com: github-actions[bot] is users/github-actions%5Bbot%5D
    const url = `${baseUrl}/users/${encodeURIComponent(login)}`;
    const id = Number.parseInt(crypto.createHash('sha1').update(login).digest('hex').slice(0, 7), 16);
    return {
      login,
      id,
      node_id: nodeId('User', login),
      avatar_url: `${baseUrl}/avatars/u/${id}?v=4`,
      gravatar_id: '',
      url,
      html_url: `${baseUrl}/html/${encodeURIComponent(login)}`,
      followers_url: `${url}/followers`,
      following_url: `${url}/following{/other_user}`,
      gists_url: `${url}/gists{/gist_id}`,
      starred_url: `${url}/starred{/owner}{/repo}`,
      subscriptions_url: `${url}/subscriptions`,
      organizations_url: `${url}/orgs`,
      repos_url: `${url}/repos`,
      events_url: `${url}/events{/privacy}`,
      received_events_url: `${url}/received_events`,
      type,
      user_view_type: 'public',
      site_admin: false
    };
  };

  const createdAt = nowIso();

  /** GitHub's full-repository shape (also a valid `repository`, as pull requests embed it). */
  const repoJson = () => {
    const api = apiRepo();
    return {
      id: 1,
      node_id: nodeId('Repository', `${owner}/${repo}`),
      name: repo,
      full_name: `${owner}/${repo}`,
      private: true,
      owner: userJson(owner, 'Organization'),
      html_url: htmlRepo(),
      description: null,
      fork: false,
      url: api,
      archive_url: `${api}/{archive_format}{/ref}`,
      assignees_url: `${api}/assignees{/user}`,
      blobs_url: `${api}/git/blobs{/sha}`,
      branches_url: `${api}/branches{/branch}`,
      collaborators_url: `${api}/collaborators{/collaborator}`,
      comments_url: `${api}/comments{/number}`,
      commits_url: `${api}/commits{/sha}`,
      compare_url: `${api}/compare/{base}...{head}`,
      contents_url: `${api}/contents/{+path}`,
      contributors_url: `${api}/contributors`,
      deployments_url: `${api}/deployments`,
      downloads_url: `${api}/downloads`,
      events_url: `${api}/events`,
      forks_url: `${api}/forks`,
      git_commits_url: `${api}/git/commits{/sha}`,
      git_refs_url: `${api}/git/refs{/sha}`,
      git_tags_url: `${api}/git/tags{/sha}`,
      git_url: `git://127.0.0.1/${owner}/${repo}.git`,
      hooks_url: `${api}/hooks`,
      issue_comment_url: `${api}/issues/comments{/number}`,
      issue_events_url: `${api}/issues/events{/number}`,
      issues_url: `${api}/issues{/number}`,
      keys_url: `${api}/keys{/key_id}`,
      labels_url: `${api}/labels{/name}`,
      languages_url: `${api}/languages`,
      merges_url: `${api}/merges`,
      milestones_url: `${api}/milestones{/number}`,
      notifications_url: `${api}/notifications{?since,all,participating}`,
      pulls_url: `${api}/pulls{/number}`,
      releases_url: `${api}/releases{/id}`,
      ssh_url: `git@127.0.0.1:${owner}/${repo}.git`,
      stargazers_url: `${api}/stargazers`,
      statuses_url: `${api}/statuses/{sha}`,
      subscribers_url: `${api}/subscribers`,
      subscription_url: `${api}/subscription`,
      tags_url: `${api}/tags`,
      teams_url: `${api}/teams`,
      trees_url: `${api}/git/trees{/sha}`,
      clone_url: `${htmlRepo()}.git`,
      mirror_url: null,
      svn_url: htmlRepo(),
      homepage: null,
      language: null,
      forks: 0,
      forks_count: 0,
      stargazers_count: 0,
      watchers: 0,
      watchers_count: 0,
      size: 0,
      default_branch: defaultBranch,
      open_issues: 0,
      open_issues_count: 0,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: false,
      has_wiki: false,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: 'private',
      license: null,
      pushed_at: nowIso(),
      created_at: createdAt,
      updated_at: createdAt,
      permissions: {
        admin: false,
        maintain: false,
        push: perms.contents === 'write',
        triage: perms.pullRequests === 'write',
        pull: true
      },
      allow_forking: false,
      web_commit_signoff_required: false,
      network_count: 0,
      subscribers_count: 0
    };
  };

  const refJson = (ref: string, sha: string) => ({
    ref,
    node_id: nodeId('Ref', ref),
    url: `${apiRepo()}/git/${ref}`,
    object: { sha, type: 'commit', url: `${apiRepo()}/git/commits/${sha}` }
  });

  const identityJson = (id: Identity) => ({
    name: id.name,
    email: id.email,
    date: isoSeconds(id.time * 1000)
  });

  const verificationJson = (c: ParsedCommit) =>
    c.signature && c.committer.email === WEB_FLOW.email
      ? {
          verified: true,
          reason: 'valid',
          signature: c.signature,
          payload: c.payload,
          verified_at: isoSeconds(c.committer.time * 1000)
        }
      : c.signature
        ? { verified: false, reason: 'unknown_key', signature: c.signature, payload: c.payload, verified_at: null }
        : { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };

  const gitCommitJson = (c: ParsedCommit) => ({
    sha: c.sha,
    node_id: nodeId('Commit', c.sha),
    url: `${apiRepo()}/git/commits/${c.sha}`,
    html_url: `${htmlRepo()}/commit/${c.sha}`,
    author: identityJson(c.author),
    committer: identityJson(c.committer),
    tree: { sha: c.tree, url: `${apiRepo()}/git/trees/${c.tree}` },
    message: c.message,
    parents: c.parents.map((p) => ({ sha: p, url: `${apiRepo()}/git/commits/${p}`, html_url: `${htmlRepo()}/commit/${p}` })),
    verification: verificationJson(c)
  });

  /** The REST "commit" shape (compare). */
  const restCommitJson = (c: ParsedCommit) => ({
    sha: c.sha,
    node_id: nodeId('Commit', c.sha),
    url: `${apiRepo()}/commits/${c.sha}`,
    html_url: `${htmlRepo()}/commit/${c.sha}`,
    comments_url: `${apiRepo()}/commits/${c.sha}/comments`,
    commit: {
      url: `${apiRepo()}/git/commits/${c.sha}`,
      author: identityJson(c.author),
      committer: identityJson(c.committer),
      message: c.message,
      tree: { sha: c.tree, url: `${apiRepo()}/git/trees/${c.tree}` },
      comment_count: 0,
      verification: verificationJson(c)
    },
    author: null,
    committer: null,
    parents: c.parents.map((p) => ({ sha: p, url: `${apiRepo()}/commits/${p}`, html_url: `${htmlRepo()}/commit/${p}` }))
  });

  const contentEntryJson = (e: LsEntry, ref: string) => {
    const name = e.path.split('/').pop() ?? e.path;
    const type = e.type === 'tree' ? 'dir' : e.type === 'commit' ? 'submodule' : e.mode === '120000' ? 'symlink' : 'file';
    const self = `${apiRepo()}/contents/${e.path}?ref=${encodeURIComponent(ref)}`;
    const gitUrl = `${apiRepo()}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`;
    const html = `${htmlRepo()}/${e.type === 'tree' ? 'tree' : 'blob'}/${ref}/${e.path}`;
    return {
      type,
      name,
      path: e.path,
      sha: e.sha,
      size: e.size ?? 0,
      url: self,
      html_url: html,
      git_url: gitUrl,
      download_url: type === 'file' ? `${baseUrl}/raw/${owner}/${repo}/${ref}/${e.path}` : null,
      _links: { self, git: gitUrl, html }
    };
  };

  const labelJson = (name: string) => ({
    id: Number.parseInt(crypto.createHash('sha1').update(name).digest('hex').slice(0, 8), 16),
    node_id: nodeId('Label', name),
    url: `${apiRepo()}/labels/${encodeURIComponent(name)}`,
    name,
    color: 'ededed',
    default: false,
    description: null
  });

  const pulls: FakePullRequest[] = [];
  const labels: string[] = [];

  /**
   * GitHub's pull-request shape; the list answers the shorter pull-request-simple (no diff counts,
   * no `merged`, no mergeability), as api.github.com does.
   */
  const pullJson = async (pr: FakePullRequest, full = true) => {
    const headSha = pr.state === 'open' ? ((await branchSha(pr.head)) ?? pr.headSha) : pr.headSha;
    const baseSha = pr.state === 'open' ? ((await branchSha(pr.base)) ?? pr.baseSha) : pr.baseSha;
    const url = `${apiRepo()}/pulls/${pr.number}`;
    const html = `${htmlRepo()}/pull/${pr.number}`;
    const issue = `${apiRepo()}/issues/${pr.number}`;
    const simple = {
      url,
      id: 1000 + pr.number,
      node_id: nodeId('PullRequest', String(pr.number)),
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: issue,
      commits_url: `${url}/commits`,
      review_comments_url: `${url}/comments`,
      review_comment_url: `${apiRepo()}/pulls/comments{/number}`,
      comments_url: `${issue}/comments`,
      statuses_url: `${apiRepo()}/statuses/${headSha}`,
      number: pr.number,
      state: pr.state,
      locked: false,
      title: pr.title,
      user: userJson(GITHUB_BOT.name, 'Bot'),
      body: pr.body,
      // pull-request-simple documents a label's description as a string, never null (the full
      // pull-request and label shapes allow null): an empty string satisfies both
      labels: pr.labels.map((l) => ({ ...labelJson(l), description: '' })),
      milestone: null,
      active_lock_reason: null,
      created_at: pr.created_at,
      updated_at: pr.updated_at,
      closed_at: pr.closed_at,
      merged_at: pr.merged_at,
      merge_commit_sha: pr.merge_commit_sha,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: { label: `${owner}:${pr.head}`, ref: pr.head, sha: headSha, user: userJson(owner, 'Organization'), repo: repoJson() },
      base: { label: `${owner}:${pr.base}`, ref: pr.base, sha: baseSha, user: userJson(owner, 'Organization'), repo: repoJson() },
      _links: {
        self: { href: url },
        html: { href: html },
        issue: { href: issue },
        comments: { href: `${issue}/comments` },
        review_comments: { href: `${url}/comments` },
        review_comment: { href: `${apiRepo()}/pulls/comments{/number}` },
        commits: { href: `${url}/commits` },
        statuses: { href: `${apiRepo()}/statuses/${headSha}` }
      },
      author_association: 'NONE',
      auto_merge: null,
      draft: pr.draft
    };
    if (!full) return simple;
    // the diff counts GitHub gives a pull request: base...head, from their merge base
    const mb = (await git(['merge-base', baseSha, headSha], { okCodes: [1] })).stdout.toString('utf8').trim();
    let additions = 0;
    let deletions = 0;
    let changedFiles = 0;
    let commits = 0;
    if (SHA_RE.test(mb)) {
      const numstat = (await git(['diff', '--no-renames', '-z', '--numstat', mb, headSha])).stdout.toString('utf8');
      for (const row of numstat.split('\0').filter(Boolean)) {
        const [add, del] = row.split('\t');
        additions += add === '-' ? 0 : Number(add);
        deletions += del === '-' ? 0 : Number(del);
        changedFiles++;
      }
      commits = Number((await git(['rev-list', '--count', `${mb}..${headSha}`])).stdout.toString('utf8').trim());
    }
    return {
      ...simple,
      merged: pr.merged,
      mergeable: null,
      rebaseable: null,
      mergeable_state: 'unknown',
      merged_by: pr.merged ? userJson(owner) : null,
      comments: 0,
      review_comments: 0,
      maintainer_can_modify: false,
      commits,
      additions,
      deletions,
      changed_files: changedFiles
    };
  };

  // --- request handling -----------------------------------------------------------------------

  const requireWrite = (kind: 'contents' | 'pullRequests', doc: string) => {
    if (perms[kind] !== 'write') throw new ApiError(403, 'Resource not accessible by integration', doc);
  };
  const requireNotEmpty = async (doc: string) => {
    if (await isEmptyRepo()) throw new ApiError(409, 'Git Repository is empty.', doc);
  };
  const ruleViolation = (branch: string, doc: string, status = 422) => {
    const rule = rules[branch];
    if (rule !== undefined) throw new ApiError(status, `Repository rule violations found\n\n${rule}\n\n`, doc);
  };
  const bodyOf = (body: unknown, doc: string): Record<string, unknown> => {
    if (!isRecord(body)) throw new ApiError(400, 'Problems parsing JSON', doc);
    return body;
  };
  const str = (b: Record<string, unknown>, key: string, doc: string, required = true): string | undefined => {
    const v = b[key];
    if (v === undefined || v === null) {
      if (required) throw new ApiError(422, `Invalid request.\n\n"${key}" wasn't supplied.`, doc);
      return undefined;
    }
    if (typeof v !== 'string') throw new ApiError(422, `Invalid request.\n\nFor '${key}', ${JSON.stringify(v)} is not a string.`, doc);
    return v;
  };

  async function route(method: string, p: string, query: URLSearchParams, headers: http.IncomingHttpHeaders, body: unknown): Promise<Reply> {
    const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(p);
    if (!m) throw new ApiError(404, 'Not Found', 'https://docs.github.com/rest');
    if ((m[1] ?? '').toLowerCase() !== owner.toLowerCase() || (m[2] ?? '').toLowerCase() !== repo.toLowerCase()) {
      throw new ApiError(404, 'Not Found', 'repos/repos#get-a-repository');
    }
    const rest = (m[3] ?? '').replace(/\/+$/, '');
    let r: RegExpExecArray | null;

    // operationId: repos/get
    if (rest === '' && method === 'GET') return { status: 200, body: repoJson() };

    // ---- refs
    // operationId: git/get-ref
    if (method === 'GET' && (r = /^\/git\/ref\/(.+)$/.exec(rest))) {
      const ref = `refs/${r[1] ?? ''}`;
      const doc = 'git/refs#get-a-reference';
      await requireNotEmpty(doc);
      // exact match only: GitHub's "get a reference" does not match prefixes
      const out = await readRef(ref);
      if (!out) throw new ApiError(404, 'Not Found', doc);
      return { status: 200, body: refJson(ref, out) };
    }

    // operationId: git/create-ref
    if (method === 'POST' && rest === '/git/refs') {
      const doc = 'git/refs#create-a-reference';
      requireWrite('contents', doc);
      await requireNotEmpty(doc);
      const b = bodyOf(body, doc);
      const ref = str(b, 'ref', doc) as string;
      const sha = str(b, 'sha', doc) as string;
      if (!/^refs\/[^/]+\/.+/.test(ref) || !validBranchName(ref.slice(5))) {
        throw new ApiError(422, 'Reference name is not well-formed', doc);
      }
      return lock(async () => {
        if (!SHA_RE.test(sha) || (await objectType(sha)) === undefined) throw new ApiError(422, 'Object does not exist', doc);
        if (await refSha(ref)) throw new ApiError(422, 'Reference already exists', doc);
        if (ref.startsWith('refs/heads/')) ruleViolation(ref.slice('refs/heads/'.length), doc);
        const ok = await git(['update-ref', ref, sha, ZERO_SHA], { okCodes: [1, 128] });
        if (ok.code !== 0) throw new ApiError(422, 'Reference already exists', doc);
        return { status: 201, body: refJson(ref, sha), headers: { location: `${apiRepo()}/git/${ref}` } };
      });
    }

    // operationId: git/update-ref
    if (method === 'PATCH' && (r = /^\/git\/refs\/(.+)$/.exec(rest))) {
      const doc = 'git/refs#update-a-reference';
      requireWrite('contents', doc);
      await requireNotEmpty(doc);
      const b = bodyOf(body, doc);
      const sha = str(b, 'sha', doc) as string;
      const force = b.force === true;
      const ref = `refs/${r[1] ?? ''}`;
      if (!validBranchName(ref.slice(5))) throw new ApiError(422, 'Reference does not exist', doc);
      const hook = fake.beforeRefUpdate;
      if (hook) await hook({ ref, sha, force });
      return lock(async () => {
        const current = await refSha(ref);
        if (!current) throw new ApiError(422, 'Reference does not exist', doc);
        if (!SHA_RE.test(sha) || (await objectType(sha)) !== 'commit') throw new ApiError(422, 'Object does not exist', doc);
        if (!force && current !== sha && !(await isAncestor(current, sha))) {
          throw new ApiError(422, 'Update is not a fast forward', doc);
        }
        if (ref.startsWith('refs/heads/')) ruleViolation(ref.slice('refs/heads/'.length), doc);
        const ok = await git(['update-ref', ref, sha, current], { okCodes: [1, 128] });
        if (ok.code !== 0) throw new ApiError(422, 'Reference cannot be updated', doc);
        return { status: 200, body: refJson(ref, sha) };
      });
    }

    // ---- commits
    // operationId: git/get-commit
    if (method === 'GET' && (r = /^\/git\/commits\/([^/]+)$/.exec(rest))) {
      const doc = 'git/commits#get-a-commit-object';
      await requireNotEmpty(doc);
      const c = await readCommit(r[1] ?? '');
      if (!c) throw new ApiError(404, 'Not Found', doc);
      return { status: 200, body: gitCommitJson(c) };
    }

    // operationId: git/create-commit
    if (method === 'POST' && rest === '/git/commits') {
      const doc = 'git/commits#create-a-commit';
      requireWrite('contents', doc);
      await requireNotEmpty(doc);
      const b = bodyOf(body, doc);
      const message = str(b, 'message', doc) as string;
      const tree = str(b, 'tree', doc) as string;
      const parents = b.parents === undefined ? [] : b.parents;
      if (!Array.isArray(parents) || parents.some((x) => typeof x !== 'string')) {
        throw new ApiError(422, "Invalid request.\n\nFor 'parents', it is not an array of strings.", doc);
      }
      const ids = apiIdentities(b.author ?? undefined, b.committer ?? undefined);
      return lock(async () => {
        const types = await objectTypes([tree, ...(parents as string[])]);
        if (types.get(tree) !== 'tree') throw new ApiError(422, 'Tree SHA does not exist', doc);
        for (const p of parents as string[]) {
          if (types.get(p) !== 'commit') throw new ApiError(422, 'Parent SHA does not exist or is not a commit object', doc);
        }
        const sha = await writeCommit({ tree, parents: parents as string[], message, ...ids });
        const c = (await readCommit(sha)) as ParsedCommit;
        return { status: 201, body: gitCommitJson(c), headers: { location: `${apiRepo()}/git/commits/${sha}` } };
      });
    }

    // ---- trees
    // operationId: git/get-tree
    if (method === 'GET' && (r = /^\/git\/trees\/(.+)$/.exec(rest))) {
      const doc = 'git/trees#get-a-tree';
      await requireNotEmpty(doc);
      const ref = r[1] ?? '';
      let treeSha: string | undefined;
      if (SHA_RE.test(ref)) {
        const t = await objectType(ref);
        if (t === 'tree') treeSha = ref;
        else if (t === 'commit') treeSha = (await readCommit(ref))?.tree;
      } else {
        const c = await resolveCommitish(ref);
        if (c) treeSha = (await readCommit(c))?.tree;
      }
      if (!treeSha) throw new ApiError(404, 'Not Found', doc);
      const all = await lsTree(treeSha, query.has('recursive') ? ['-r', '-t'] : []);
      const truncated = opts.truncateTrees === true && query.has('recursive');
      const entries = truncated ? all.slice(0, Math.floor(all.length / 2)) : all;
      return {
        status: 200,
        body: {
          sha: treeSha,
          url: `${apiRepo()}/git/trees/${treeSha}`,
          tree: entries.map((e) => ({
            path: e.path,
            mode: e.mode,
            type: e.type,
            sha: e.sha,
            ...(e.type === 'blob' ? { size: e.size } : {}),
            url: `${apiRepo()}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`
          })),
          truncated
        }
      };
    }

    // operationId: git/create-tree
    if (method === 'POST' && rest === '/git/trees') {
      const doc = 'git/trees#create-a-tree';
      requireWrite('contents', doc);
      await requireNotEmpty(doc);
      const b = bodyOf(body, doc);
      if (!Array.isArray(b.tree)) throw new ApiError(422, 'Invalid request.\n\n"tree" wasn\'t supplied.', doc);
      const baseTree = b.base_tree === undefined || b.base_tree === null ? undefined : b.base_tree;
      if (baseTree !== undefined && typeof baseTree !== 'string') throw new ApiError(422, 'Invalid tree info', doc);
      const changes: TreeChange[] = [];
      for (const raw of b.tree as unknown[]) {
        if (!isRecord(raw)) throw new ApiError(422, 'Invalid tree info', doc);
        const p = raw.path;
        const mode = raw.mode;
        if (typeof p !== 'string' || !validTreePath(p)) {
          throw new ApiError(422, 'tree.path contains a malformed path component', doc);
        }
        if (typeof mode !== 'string' || !(mode in MODES)) {
          throw new ApiError(
            422,
            `Invalid request.\n\nFor 'properties/mode', ${JSON.stringify(mode)} is not one of ["100644", "100755", "040000", "160000", "120000"].`,
            doc
          );
        }
        const type = (raw.type ?? MODES[mode]) as string;
        if (type !== MODES[mode]) throw new ApiError(422, 'Invalid tree info', doc);
        const hasContent = raw.content !== undefined && raw.content !== null;
        if (hasContent && raw.sha !== undefined && raw.sha !== null) {
          throw new ApiError(422, 'Only one of tree.sha or tree.content may be specified', doc);
        }
        if (hasContent) {
          if (typeof raw.content !== 'string' || type !== 'blob') throw new ApiError(422, 'Invalid tree info', doc);
          changes.push({ path: p, mode, type, content: Buffer.from(raw.content, 'utf8') });
        } else if (raw.sha === null) {
          changes.push({ path: p, mode, type: type as TreeChange['type'], sha: null });
        } else if (typeof raw.sha === 'string') {
          changes.push({ path: p, mode, type: type as TreeChange['type'], sha: raw.sha });
        } else {
          throw new ApiError(422, 'Must supply either tree.sha or tree.content', doc);
        }
      }
      return lock(async () => {
        const toCheck = changes.filter((c) => typeof c.sha === 'string' && c.type !== 'commit').map((c) => c.sha as string);
        const types = await objectTypes(baseTree ? [baseTree, ...toCheck] : toCheck);
        if (baseTree && types.get(baseTree) !== 'tree') throw new ApiError(422, 'Invalid tree info', doc);
        for (const c of changes) {
          if (typeof c.sha === 'string' && c.type !== 'commit' && types.get(c.sha) !== c.type) {
            throw new ApiError(422, `tree.sha ${c.sha} is not a valid ${c.type}`, doc);
          }
          if (typeof c.sha === 'string' && c.type === 'commit' && !SHA_RE.test(c.sha)) {
            throw new ApiError(422, `tree.sha ${c.sha} is not a valid commit`, doc);
          }
        }
        const sha = await buildTree(baseTree, changes);
        const entries = await lsTree(sha, []);
        return {
          status: 201,
          headers: { location: `${apiRepo()}/git/trees/${sha}` },
          body: {
            sha,
            url: `${apiRepo()}/git/trees/${sha}`,
            tree: entries.map((e) => ({
              path: e.path,
              mode: e.mode,
              type: e.type,
              sha: e.sha,
              ...(e.type === 'blob' ? { size: e.size } : {}),
              url: `${apiRepo()}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`
            })),
            truncated: false
          }
        };
      });
    }

    // ---- blobs
    // operationId: git/get-blob
    if (method === 'GET' && (r = /^\/git\/blobs\/([^/]+)$/.exec(rest))) {
      const doc = 'git/blobs#get-a-blob';
      await requireNotEmpty(doc);
      const sha = r[1] ?? '';
      if ((await objectType(sha)) !== 'blob') throw new ApiError(404, 'Not Found', doc);
      const content = await readBlob(sha);
      if (/vnd\.github(\.v3)?\.raw/.test(String(headers.accept ?? ''))) {
        return { status: 200, raw: content, headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' } };
      }
      return {
        status: 200,
        body: {
          sha,
          node_id: nodeId('Blob', sha),
          size: content.length,
          url: `${apiRepo()}/git/blobs/${sha}`,
          content: wrapBase64(content),
          encoding: 'base64'
        }
      };
    }

    // operationId: git/create-blob
    if (method === 'POST' && rest === '/git/blobs') {
      const doc = 'git/blobs#create-a-blob';
      requireWrite('contents', doc);
      await requireNotEmpty(doc);
      const b = bodyOf(body, doc);
      const content = str(b, 'content', doc) as string;
      const encoding = b.encoding ?? 'utf-8';
      if (encoding !== 'utf-8' && encoding !== 'utf8' && encoding !== 'base64') {
        throw new ApiError(422, `Invalid request.\n\nencoding ${String(encoding)} is not supported`, doc);
      }
      const buf = encoding === 'base64' ? Buffer.from(content, 'base64') : Buffer.from(content, 'utf8');
      return lock(async () => {
        const [sha] = await hashBlobs([buf]);
        return {
          status: 201,
          headers: { location: `${apiRepo()}/git/blobs/${sha}` },
          body: { sha, url: `${apiRepo()}/git/blobs/${sha}` }
        };
      });
    }

    // ---- contents
    // operationId: repos/get-content
    if (method === 'GET' && (r = /^\/contents(?:\/(.*))?$/.exec(rest))) {
      const doc = 'repos/contents#get-repository-content';
      const filePath = (r[1] ?? '').replace(/^\/+|\/+$/g, '');
      if (await isEmptyRepo()) throw new ApiError(404, 'This repository is empty.', doc);
      const ref = query.get('ref') ?? defaultBranch;
      const commit = await resolveCommitish(ref);
      if (!commit) throw new ApiError(404, `No commit found for the ref ${ref}`, doc);
      const raw = /vnd\.github(\.v3)?\.raw/.test(String(headers.accept ?? ''));
      if (filePath === '') {
        const entries = await lsTree(commit, []);
        return { status: 200, body: entries.map((e) => contentEntryJson(e, ref)) };
      }
      const [entry] = await lsTree(commit, [], [filePath]);
      if (!entry || entry.path !== filePath) throw new ApiError(404, 'Not Found', doc);
      if (entry.type === 'tree') {
        const entries = await lsTree(commit, [], [`${filePath}/`]);
        return { status: 200, body: entries.map((e) => contentEntryJson(e, ref)) };
      }
      if (entry.type !== 'blob') return { status: 200, body: contentEntryJson(entry, ref) };
      const content = await readBlob(entry.sha);
      if (raw) {
        return {
          status: 200,
          raw: content,
          headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8', 'x-github-media-type': 'github.v3; param=raw' }
        };
      }
      const big = content.length > CONTENTS_INLINE_LIMIT;
      return {
        status: 200,
        body: {
          ...contentEntryJson(entry, ref),
          content: big ? '' : wrapBase64(content),
          encoding: big ? 'none' : 'base64'
        }
      };
    }

    // operationId: repos/create-or-update-file-contents
    if (method === 'PUT' && (r = /^\/contents\/(.+)$/.exec(rest))) {
      const doc = 'repos/contents#create-or-update-file-contents';
      requireWrite('contents', doc);
      const filePath = (r[1] ?? '').replace(/^\/+|\/+$/g, '');
      if (!validTreePath(filePath)) throw new ApiError(422, 'path contains a malformed path component', doc);
      const b = bodyOf(body, doc);
      const message = str(b, 'message', doc) as string;
      const contentB64 = str(b, 'content', doc) as string;
      if (!/^[A-Za-z0-9+/=\s]*$/.test(contentB64)) throw new ApiError(422, 'content is not valid Base64', doc);
      const branch = str(b, 'branch', doc, false) ?? defaultBranch;
      const expected = str(b, 'sha', doc, false);
      if (!validBranchName(branch)) throw new ApiError(404, `Branch ${branch} not found`, doc);
      const ids = apiIdentities(b.author ?? undefined, b.committer ?? undefined);
      return lock(async () => {
        const empty = await isEmptyRepo();
        const head = await branchSha(branch);
        if (!head && !empty) throw new ApiError(404, `Branch ${branch} not found`, doc);
        let baseTree: string | undefined;
        let existing: LsEntry | undefined;
        if (head) {
          const parent = (await readCommit(head)) as ParsedCommit;
          baseTree = parent.tree;
          [existing] = await lsTree(head, [], [filePath]);
          if (existing && existing.path !== filePath) existing = undefined;
        }
        if (existing && existing.type !== 'blob') throw new ApiError(422, `${filePath} is a directory`, doc);
        if (existing && expected === undefined) throw new ApiError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.', doc);
        if (existing && expected !== existing.sha) throw new ApiError(409, `${filePath} does not match ${expected}`, doc);
        if (!existing && expected !== undefined && head) throw new ApiError(409, `${filePath} does not match ${expected}`, doc);
        // GitHub refuses the push itself here, with a 409 (the Git data API answers 422)
        ruleViolation(branch, doc, 409);
        const tree = await buildTree(baseTree, [{ path: filePath, mode: '100644', type: 'blob', content: Buffer.from(contentB64, 'base64') }]);
        const sha = await writeCommit({ tree, parents: head ? [head] : [], message, ...ids });
        if (!(await updateBranch(branch, sha, head))) throw new ApiError(409, `${filePath} does not match ${expected ?? ''}`, doc);
        const c = (await readCommit(sha)) as ParsedCommit;
        const [entry] = await lsTree(sha, [], [filePath]);
        return {
          status: existing ? 200 : 201,
          body: { content: contentEntryJson(entry as LsEntry, branch), commit: gitCommitJson(c) }
        };
      });
    }

    // ---- compare
    // operationId: repos/compare-commits-with-basehead
    if (method === 'GET' && (r = /^\/compare\/(.+)$/.exec(rest))) {
      const doc = 'commits/commits#compare-two-commits';
      const basehead = r[1] ?? '';
      const dots = basehead.indexOf('...');
      if (dots === -1) throw new ApiError(404, 'Not Found', doc);
      const stripOwner = (x: string) => (x.includes(':') ? x.slice(x.indexOf(':') + 1) : x);
      const baseRef = stripOwner(basehead.slice(0, dots));
      const headRef = stripOwner(basehead.slice(dots + 3));
      if (await isEmptyRepo()) throw new ApiError(404, 'Not Found', doc);
      const baseSha = await resolveCommitish(baseRef);
      const headSha = await resolveCommitish(headRef);
      if (!baseSha || !headSha) throw new ApiError(404, 'Not Found', doc);
      const mb = await git(['merge-base', baseSha, headSha], { okCodes: [1] });
      const mergeBase = mb.stdout.toString('utf8').trim();
      if (mb.code !== 0 || !mergeBase) throw new ApiError(404, `No common ancestor between ${baseRef} and ${headRef}.`, doc);
      const count = async (range: string) => Number((await git(['rev-list', '--count', range])).stdout.toString('utf8').trim());
      const aheadBy = await count(`${baseSha}..${headSha}`);
      const behindBy = await count(`${headSha}..${baseSha}`);
      const status = aheadBy === 0 && behindBy === 0 ? 'identical' : behindBy === 0 ? 'ahead' : aheadBy === 0 ? 'behind' : 'diverged';
      const list = (await git(['rev-list', '--reverse', `${baseSha}..${headSha}`])).stdout.toString('utf8').split('\n').filter(Boolean);
      const commits = await readCommits(list.slice(0, 250));
      const numstat = (await git(['diff', '--no-renames', '-z', '--numstat', mergeBase, headSha])).stdout.toString('utf8');
      const nameStatus = (await git(['diff', '--no-renames', '-z', '--name-status', mergeBase, headSha])).stdout.toString('utf8');
      const statusOf = new Map<string, string>();
      const ns = nameStatus.split('\0');
      for (let i = 0; i + 1 < ns.length; i += 2) statusOf.set(ns[i + 1] ?? '', ns[i] ?? '');
      const treeEntries = await lsTree(headSha, ['-r']);
      const shaOf = new Map(treeEntries.map((e) => [e.path, e.sha] as const));
      // "The list of changed files is only shown on the first page of results, and it includes up
      // to 300 changed files for the entire comparison."
      // (https://docs.github.com/rest/commits/commits#compare-two-commits): past 300, the rest
      // are left out, with nothing in the answer to say so.
      const files = numstat
        .split('\0')
        .filter(Boolean)
        .slice(0, COMPARE_FILES_LIMIT)
        .map((line) => {
          const [add, del, file] = line.split('\t');
          const filename = file ?? '';
          const additions = add === '-' ? 0 : Number(add);
          const deletions = del === '-' ? 0 : Number(del);
          const s = statusOf.get(filename);
          return {
            sha: shaOf.get(filename) ?? ZERO_SHA,
            filename,
            status: s === 'A' ? 'added' : s === 'D' ? 'removed' : 'modified',
            additions,
            deletions,
            changes: additions + deletions,
            blob_url: `${htmlRepo()}/blob/${headSha}/${filename}`,
            raw_url: `${htmlRepo()}/raw/${headSha}/${filename}`,
            contents_url: `${apiRepo()}/contents/${filename}?ref=${headSha}`
          };
        });
      const [baseCommit, mbCommit] = await readCommits([baseSha, mergeBase]);
      return {
        status: 200,
        body: {
          url: `${apiRepo()}/compare/${basehead}`,
          html_url: `${htmlRepo()}/compare/${basehead}`,
          permalink_url: `${htmlRepo()}/compare/${owner}:${baseSha.slice(0, 7)}...${owner}:${headSha.slice(0, 7)}`,
          diff_url: `${htmlRepo()}/compare/${basehead}.diff`,
          patch_url: `${htmlRepo()}/compare/${basehead}.patch`,
          base_commit: restCommitJson(baseCommit as ParsedCommit),
          merge_base_commit: restCommitJson(mbCommit as ParsedCommit),
          status,
          ahead_by: aheadBy,
          behind_by: behindBy,
          total_commits: list.length,
          commits: commits.map(restCommitJson),
          files
        }
      };
    }

    // ---- pulls
    // operationId: pulls/list
    if (method === 'GET' && rest === '/pulls') {
      const state = query.get('state') ?? 'open';
      const head = query.get('head');
      const base = query.get('base');
      let list = pulls.filter((pr) => state === 'all' || pr.state === state);
      if (head) {
        const [o, br] = head.includes(':') ? [head.slice(0, head.indexOf(':')), head.slice(head.indexOf(':') + 1)] : [head, undefined];
        list = list.filter((pr) => o.toLowerCase() === owner.toLowerCase() && (br === undefined || pr.head === br));
      }
      if (base) list = list.filter((pr) => pr.base === base);
      const sort = query.get('sort') ?? 'created';
      const direction = query.get('direction') ?? (sort === 'created' ? 'desc' : 'asc');
      const key = (pr: FakePullRequest) => (sort === 'updated' ? pr.updated_at : pr.created_at) + String(pr.number).padStart(8, '0');
      list = [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      if (direction === 'desc') list.reverse();
      const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30) || 30));
      const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
      const slice = list.slice((page - 1) * perPage, page * perPage);
      const replyHeaders: Record<string, string> = {};
      const lastPage = Math.ceil(list.length / perPage);
      if (lastPage > 1) {
        const link = (pg: number, rel: string) => {
          const q = new URLSearchParams(query);
          q.set('page', String(pg));
          q.set('per_page', String(perPage));
          return `<${apiRepo()}/pulls?${q.toString()}>; rel="${rel}"`;
        };
        const links: string[] = [];
        if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'));
        if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
        replyHeaders.link = links.join(', ');
      }
      return { status: 200, body: await Promise.all(slice.map((pr) => pullJson(pr, false))), headers: replyHeaders };
    }

    // operationId: pulls/create
    if (method === 'POST' && rest === '/pulls') {
      const doc = 'pulls/pulls#create-a-pull-request';
      requireWrite('pullRequests', doc);
      if (!settings.actionsCanCreatePullRequests) {
        throw new ApiError(403, 'GitHub Actions is not permitted to create or approve pull requests.', doc);
      }
      const b = bodyOf(body, doc);
      const title = str(b, 'title', doc) as string;
      let head = str(b, 'head', doc) as string;
      const base = str(b, 'base', doc) as string;
      const prBody = str(b, 'body', doc, false) ?? null;
      if (head.includes(':')) {
        const o = head.slice(0, head.indexOf(':'));
        if (o.toLowerCase() !== owner.toLowerCase()) {
          throw new ApiError(422, 'Validation Failed', doc, { errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }] });
        }
        head = head.slice(head.indexOf(':') + 1);
      }
      return lock(async () => {
        const headSha = await branchSha(head);
        const baseSha = await branchSha(base);
        const invalid = (field: string) => new ApiError(422, 'Validation Failed', doc, { errors: [{ resource: 'PullRequest', field, code: 'invalid' }] });
        if (!baseSha) throw invalid('base');
        if (!headSha) throw invalid('head');
        if (pulls.some((pr) => pr.state === 'open' && pr.head === head && pr.base === base)) {
          throw new ApiError(422, 'Validation Failed', doc, {
            errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${owner}:${head}.` }]
          });
        }
        const mb = await git(['merge-base', baseSha, headSha], { okCodes: [1] });
        if (mb.code !== 0) {
          throw new ApiError(422, 'Validation Failed', doc, {
            errors: [{ resource: 'PullRequest', code: 'custom', message: `The ${base} branch has no history in common with ${head}` }]
          });
        }
        if (await isAncestor(headSha, baseSha)) {
          throw new ApiError(422, 'Validation Failed', doc, {
            errors: [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${head}` }]
          });
        }
        const now = nowIso();
        const pr: FakePullRequest = {
          number: pulls.length + 1,
          title,
          body: prBody,
          state: 'open',
          head,
          base,
          headSha,
          baseSha,
          labels: [],
          draft: b.draft === true,
          merged: false,
          merged_at: null,
          merge_commit_sha: null,
          closed_at: null,
          created_at: now,
          updated_at: now
        };
        pulls.push(pr);
        return { status: 201, body: await pullJson(pr), headers: { location: `${apiRepo()}/pulls/${pr.number}` } };
      });
    }

    // operationId: pulls/update
    if (method === 'PATCH' && (r = /^\/pulls\/(\d+)$/.exec(rest))) {
      const doc = 'pulls/pulls#update-a-pull-request';
      const pr = pulls.find((x) => x.number === Number(r?.[1]));
      requireWrite('pullRequests', doc);
      if (!pr) throw new ApiError(404, 'Not Found', doc);
      const b = bodyOf(body, doc);
      return lock(async () => {
        const title = str(b, 'title', doc, false);
        const newBody = b.body === null ? null : str(b, 'body', doc, false);
        const state = str(b, 'state', doc, false);
        const base = str(b, 'base', doc, false);
        if (state !== undefined && state !== 'open' && state !== 'closed') {
          throw new ApiError(422, 'Validation Failed', doc, { errors: [{ resource: 'PullRequest', field: 'state', code: 'invalid' }] });
        }
        if (base !== undefined && !(await branchSha(base))) {
          throw new ApiError(422, 'Validation Failed', doc, { errors: [{ resource: 'PullRequest', field: 'base', code: 'invalid' }] });
        }
        if (state === 'open' && pr.state === 'closed') {
          if (pr.merged)
            throw new ApiError(422, 'Validation Failed', doc, {
              errors: [{ resource: 'PullRequest', code: 'custom', message: 'Cannot reopen a merged pull request' }]
            });
          if (pulls.some((x) => x !== pr && x.state === 'open' && x.head === pr.head && x.base === (base ?? pr.base))) {
            throw new ApiError(422, 'Validation Failed', doc, {
              errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${owner}:${pr.head}.` }]
            });
          }
        }
        if (state === 'closed' && pr.state === 'open') {
          pr.headSha = (await branchSha(pr.head)) ?? pr.headSha;
          pr.baseSha = (await branchSha(pr.base)) ?? pr.baseSha;
          pr.closed_at = nowIso();
        }
        if (state === 'open') pr.closed_at = null;
        if (title !== undefined) pr.title = title;
        if (newBody !== undefined) pr.body = newBody;
        if (state !== undefined) pr.state = state;
        if (base !== undefined) pr.base = base;
        pr.updated_at = nowIso();
        return { status: 200, body: await pullJson(pr) };
      });
    }

    // operationId: issues/add-labels
    if (method === 'POST' && (r = /^\/issues\/(\d+)\/labels$/.exec(rest))) {
      const doc = 'issues/labels#add-labels-to-an-issue';
      requireWrite('pullRequests', doc);
      const pr = pulls.find((x) => x.number === Number(r?.[1]));
      if (!pr) throw new ApiError(404, 'Not Found', doc);
      const raw = Array.isArray(body) ? body : isRecord(body) ? body.labels : undefined;
      if (!Array.isArray(raw)) throw new ApiError(422, 'Invalid request.\n\n"labels" wasn\'t supplied.', doc);
      const names = raw.map((x) => (typeof x === 'string' ? x : isRecord(x) && typeof x.name === 'string' ? x.name : ''));
      if (names.some((n) => n.trim() === '')) {
        throw new ApiError(422, 'Validation Failed', doc, { errors: [{ resource: 'Label', code: 'invalid', field: 'name' }] });
      }
      return lock(async () => {
        for (const n of names) {
          const known = labels.find((l) => l.toLowerCase() === n.toLowerCase());
          const name = known ?? n;
          if (!known) labels.push(name);
          if (!pr.labels.some((l) => l.toLowerCase() === name.toLowerCase())) pr.labels.push(name);
        }
        pr.updated_at = nowIso();
        return { status: 200, body: pr.labels.map(labelJson) };
      });
    }

    throw new ApiError(404, 'Not Found', 'https://docs.github.com/rest');
  }

  // --- server -----------------------------------------------------------------------------------

  const requests: FakeRequest[] = [];
  const exchanges: FakeExchange[] = [];
  const faults: FakeFault[] = [];

  const send = (res: http.ServerResponse, reply: Reply): Record<string, string> => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const headers: Record<string, string> = {
      'x-github-request-id': crypto.randomBytes(8).toString('hex').toUpperCase(),
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-used': '1',
      'x-ratelimit-resource': 'core'
    };
    let payload: Buffer | undefined;
    if (reply.raw) {
      payload = reply.raw;
    } else if (reply.body !== undefined && reply.status !== 204) {
      payload = Buffer.from(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
      headers['content-type'] = 'application/json; charset=utf-8';
      headers['x-github-media-type'] = 'github.v3; format=json';
    }
    for (const [k, v] of Object.entries(reply.headers ?? {})) headers[k.toLowerCase()] = v;
    if (payload) headers['content-length'] = String(payload.length);
    res.writeHead(reply.status, headers);
    res.end(payload);
    return headers;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const method = (req.method ?? 'GET').toUpperCase();
        const rawUrl = req.url ?? '/';
        const qIndex = rawUrl.indexOf('?');
        const rawPath = qIndex === -1 ? rawUrl : rawUrl.slice(0, qIndex);
        const queryString = qIndex === -1 ? '' : rawUrl.slice(qIndex);
        let p: string;
        try {
          p = decodeURIComponent(rawPath);
        } catch {
          p = rawPath;
        }
        const record: FakeRequest = { method, path: p, query: queryString, status: 0 };
        requests.push(record);
        let reply: Reply;
        let requestBody: unknown;
        try {
          const faultIndex = faults.findIndex(
            (f) =>
              (!f.match?.method || f.match.method.toUpperCase() === method) &&
              (!f.match?.pathIncludes || p.includes(f.match.pathIncludes) || rawUrl.includes(f.match.pathIncludes))
          );
          if (faultIndex !== -1) {
            const [fault] = faults.splice(faultIndex, 1) as [FakeFault];
            reply = {
              status: fault.status,
              body: fault.body ?? { message: http.STATUS_CODES[fault.status] ?? 'Error' },
              headers: fault.headers
            };
          } else {
            const auth = /^(?:token|bearer)\s+(.+)$/i.exec(String(req.headers.authorization ?? '').trim());
            if (!auth || auth[1] !== opts.token) throw new ApiError(401, 'Bad credentials', 'https://docs.github.com/rest');
            let body: unknown;
            const text = Buffer.concat(chunks).toString('utf8');
            if (text.trim() !== '') {
              try {
                body = JSON.parse(text);
                requestBody = body;
              } catch {
                throw new ApiError(400, 'Problems parsing JSON', 'https://docs.github.com/rest');
              }
            }
            reply = await route(method, p, new URLSearchParams(queryString), req.headers, body);
          }
        } catch (err) {
          if (err instanceof ApiError) reply = { status: err.status, body: err.body, headers: err.headers };
          else {
            reply = { status: 500, body: { message: `fake-github: ${err instanceof Error ? err.message : String(err)}` } };
          }
        }
        record.status = reply.status;
        const sent = send(res, reply);
        if (opts.recordExchanges) {
          exchanges.push({
            method,
            path: p,
            query: new URLSearchParams(queryString),
            requestHeaders: req.headers,
            requestBody,
            status: reply.status,
            responseHeaders: sent,
            // as the client receives it: through JSON, so undefined fields are gone
            responseBody:
              reply.raw || reply.body === undefined || reply.status === 204
                ? undefined
                : typeof reply.body === 'string'
                  ? reply.body
                  : JSON.parse(JSON.stringify(reply.body)),
            raw: reply.raw !== undefined
          });
        }
      })();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake-github: no address');
  baseUrl = `http://127.0.0.1:${address.port}`;

  // --- helpers for tests ----------------------------------------------------------------------

  const commitFiles = (branch: string, files: Record<string, string | null>, message: string): Promise<string> => {
    if (!validBranchName(branch)) return Promise.reject(new Error(`invalid branch name ${branch}`));
    return lock(async () => {
      const head = await branchSha(branch);
      const base = head ? (await readCommit(head))?.tree : undefined;
      const changes: TreeChange[] = Object.entries(files).map(([p, c]) =>
        c === null ? { path: p, mode: '100644', type: 'blob', sha: null } : { path: p, mode: '100644', type: 'blob', content: Buffer.from(c, 'utf8') }
      );
      const tree = await buildTree(base, changes);
      const now = Math.floor(Date.now() / 1000);
      const writer: Identity = { name: 'Concurrent Writer', email: 'writer@example.com', time: now, tz: '+0000' };
      const sha = await writeCommit({ tree, parents: head ? [head] : [], author: writer, committer: writer, message, sign: false });
      if (!(await updateBranch(branch, sha, head))) throw new Error(`fake-github: ${branch} moved during commitFiles`);
      return sha;
    });
  };

  const readFileAt = async (ref: string, filePath: string): Promise<string | undefined> => {
    const commit = await resolveCommitish(ref);
    if (!commit) return undefined;
    const [entry] = await lsTree(commit, [], [filePath]);
    if (!entry || entry.path !== filePath || entry.type !== 'blob') return undefined;
    return (await readBlob(entry.sha)).toString('utf8');
  };

  /**
   * GitHub's "Rebase and merge": the head's commits replayed one by one onto the base with new SHAs
   * and GitHub as committer, merge commits left out (as `git rebase` does), then the base moved to
   * the last. GitHub refuses when the replay conflicts or gives another tree than a merge would
   * ("This branch cannot be rebased safely ... this would create a different result than a regular
   * merge": GitHub community discussion 22403); so does this. Returns the new tip, or undefined.
   */
  const rebaseOnto = async (baseSha: string, headSha: string, expectedTree: string): Promise<string | undefined> => {
    const dir = await mkdtemp(path.join(scratchRoot, 'rebase-'));
    const work = path.join(dir, 'work');
    await git(['worktree', 'add', '--detach', '-q', work, headSha]);
    try {
      const linked = (await readFile(path.join(work, '.git'), 'utf8')).replace(/^gitdir:\s*/, '').trim();
      const inWork = (args: string[], env: Record<string, string> = {}) =>
        new Promise<{ code: number; stdout: string }>((resolve) =>
          execFile('git', args, { cwd: work, env: { ...baseEnv(linked), GIT_WORK_TREE: work, ...env } }, (error, stdout) =>
            resolve({ code: error ? 1 : 0, stdout: String(stdout).trim() })
          )
        );
      const when = `${Math.floor(Date.now() / 1000)} +0000`;
      const replay = await inWork(['rebase', '--force-rebase', '--no-autosquash', '-q', baseSha], {
        GIT_COMMITTER_NAME: WEB_FLOW.name,
        GIT_COMMITTER_EMAIL: WEB_FLOW.email,
        GIT_COMMITTER_DATE: when
      });
      if (replay.code !== 0) return undefined;
      const tip = (await inWork(['rev-parse', 'HEAD'])).stdout;
      const tree = (await inWork(['rev-parse', 'HEAD^{tree}'])).stdout;
      return tree === expectedTree ? tip : undefined;
    } finally {
      await git(['worktree', 'remove', '--force', work], { okCodes: [128] });
      await git(['worktree', 'prune']);
      await rm(dir, { recursive: true, force: true });
    }
  };

  const mergePullRequest = (number: number, method: MergeMethod = 'merge'): Promise<string> =>
    lock(async () => {
      const pr = pulls.find((x) => x.number === number);
      if (!pr) throw new Error(`fake-github: no pull request #${number}`);
      if (pr.state !== 'open') throw new Error(`fake-github: pull request #${number} is ${pr.state}`);
      const headSha = await branchSha(pr.head);
      const baseSha = await branchSha(pr.base);
      if (!headSha || !baseSha) throw new Error(`fake-github: pull request #${number} lost a branch`);
      const merged = await git(['merge-tree', '--write-tree', '--no-messages', baseSha, headSha], { okCodes: [1] });
      if (merged.code !== 0) throw new Error(`fake-github: pull request #${number} has conflicts`);
      const tree = merged.stdout.toString('utf8').split('\n')[0]?.trim() ?? '';
      const now = Math.floor(Date.now() / 1000);
      const author: Identity = { name: owner, email: `${owner}@users.noreply.github.com`, time: now, tz: '+0000' };
      const committer: Identity = { ...WEB_FLOW, time: now, tz: '+0000' };
      let sha: string | undefined;
      if (method === 'rebase') {
        sha = await rebaseOnto(baseSha, headSha, tree);
        if (!sha) throw new Error(`fake-github: pull request #${number} cannot be rebased safely`);
      } else {
        sha = await writeCommit({
          tree,
          parents: method === 'squash' ? [baseSha] : [baseSha, headSha],
          author,
          committer,
          message: method === 'squash' ? `${pr.title} (#${number})` : `Merge pull request #${number} from ${owner}/${pr.head}\n\n${pr.title}`,
          sign: signCommits
        });
      }
      if (!(await updateBranch(pr.base, sha, baseSha))) throw new Error(`fake-github: ${pr.base} moved during merge`);
      const at = nowIso();
      pr.state = 'closed';
      pr.merged = true;
      pr.merged_at = at;
      pr.closed_at = at;
      pr.updated_at = at;
      pr.merge_commit_sha = sha;
      pr.headSha = headSha;
      pr.baseSha = baseSha;
      return sha;
    });

  const fake: FakeGitHub = {
    settings,
    url: baseUrl,
    gitDir,
    requests,
    exchanges,
    resetRequests: () => {
      requests.length = 0;
      exchanges.length = 0;
    },
    beforeRefUpdate: undefined,
    commitFiles,
    readFile: readFileAt,
    branchSha,
    injectFault: (fault) => {
      faults.push(fault);
    },
    pulls,
    labels,
    mergePullRequest,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await tail;
      objects.close();
      await rm(scratchRoot, { recursive: true, force: true });
      if (tempRoot) await rm(tempRoot, { recursive: true, force: true });
    }
  };

  if (!opts.empty) {
    const now = Math.floor(Date.now() / 1000);
    const readme = Buffer.from(`# ${repo}\n`);
    const tree = await buildTree(undefined, [{ path: 'README.md', mode: '100644', type: 'blob', content: readme }]);
    const author: Identity = { name: owner, email: `${owner}@users.noreply.github.com`, time: now, tz: '+0000' };
    const committer: Identity = signCommits ? { ...WEB_FLOW, time: now, tz: '+0000' } : author;
    const sha = await writeCommit({ tree, parents: [], author, committer, message: 'Initial commit', sign: signCommits });
    await updateBranch(defaultBranch, sha, undefined);
  }

  return fake;
}
