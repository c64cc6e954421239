/**
 * Commit objects: their text (with the fake's web-flow signature when GitHub would sign), parsing
 * them back, and the identities GitHub gives a commit made through the API.
 */
import crypto from 'node:crypto';
import { ApiError, isRecord } from './http.ts';

export const GITHUB_BOT = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com'
};
export const WEB_FLOW = { name: 'GitHub', email: 'noreply@github.com' };

export interface Identity {
  name: string;
  email: string;
  /** Unix seconds. */
  time: number;
  /** `+HHMM` / `-HHMM`. */
  tz: string;
}

export interface ParsedCommit {
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

export function parseIdentity(line: string): Identity {
  const m = /^(.*) <(.*)> (-?\d+) ([+-]\d{4})$/.exec(line);
  if (!m) return { name: line, email: '', time: 0, tz: '+0000' };
  return { name: m[1] ?? '', email: m[2] ?? '', time: Number(m[3]), tz: m[4] ?? '+0000' };
}

export function formatIdentity(id: Identity): string {
  return `${id.name} <${id.email}> ${id.time} ${id.tz}`;
}

export function parseCommit(sha: string, raw: string): ParsedCommit {
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

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function nowIso(): string {
  return isoSeconds(Date.now());
}

export function identityFromInput(input: unknown, fallback: { name: string; email: string }, now: number): Identity {
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

/** Identities GitHub gives a commit made through the API, and whether it signs it. */
export function apiIdentities(author: unknown, committer: unknown, signCommits: boolean): { author: Identity; committer: Identity; sign: boolean } {
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
  const authorIdentity = identityFromInput(author, GITHUB_BOT, now);
  const committerIdentity = committer === undefined ? authorIdentity : identityFromInput(committer, authorIdentity, now);
  return { author: authorIdentity, committer: committerIdentity, sign: false };
}

/** A commit to write. */
export interface NewCommit {
  tree: string;
  parents: string[];
  author: Identity;
  committer: Identity;
  message: string;
  sign: boolean;
}

function fakeSignature(payload: string): string {
  const digest = crypto.createHash('sha256').update(payload).digest('base64');
  const body = Buffer.from(`fake-github web-flow signature ${digest}`).toString('base64');
  const lines = ['-----BEGIN PGP SIGNATURE-----', ''];
  for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
  lines.push(`=${digest.slice(0, 4)}`, '-----END PGP SIGNATURE-----');
  return lines.join('\n');
}

/** The commit object's text, signed with the fake's web-flow signature when `sign` is set. */
export function commitText(commit: NewCommit): string {
  const head = [`tree ${commit.tree}`, ...commit.parents.map((parent) => `parent ${parent}`)];
  head.push(`author ${formatIdentity(commit.author)}`, `committer ${formatIdentity(commit.committer)}`);
  const message = commit.message.endsWith('\n') ? commit.message : `${commit.message}\n`;
  const text = `${head.join('\n')}\n\n${message}`;
  if (!commit.sign) return text;
  const signature = fakeSignature(text);
  return `${head.join('\n')}\ngpgsig ${signature.split('\n').join('\n ')}\n\n${message}`;
}
