// What the action reads back from the workspace or the branch cannot make it lose, change or leak
// events: symbolic links and submodules are refused, stored bytes are kept as they are, identity
// comes from the event's own top-level fields, and the layout's edges keep events in their files.
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeEvent } from '../fake/events.ts';
import { type FakeGitHub, startFakeGitHub } from '../fake/github-api.ts';
import { readPage } from '../src/cursor-client.ts';
import { eventFile, toEvent } from '../src/events.ts';
import { md } from '../src/markdown.ts';
import { HOUR, MINUTE } from '../src/time.ts';
import { commitRaw, showRaw } from './support/git-entries.ts';
import { harness, type Harness } from './support/harness.ts';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const TOKEN = 'ghs_untrusted_files_token';
const BRANCH = 'cursor-audit-logs';
const DAY_FILE = 'cursor-audit-logs/2026/11/2026-11-25.jsonl';
const iso = (ms: number) => new Date(ms).toISOString();
const ev = (id: string, at: number, extra: Record<string, unknown> = {}) => makeEvent('login', iso(at), { event_id: id, ...extra });

let h: Harness;
let gh: FakeGitHub | undefined;
afterEach(async () => {
  await h?.close();
  await gh?.close();
  gh = undefined;
});

function runBranch(inputs: Record<string, string> = {}) {
  return h.run({ destination: 'branch', 'github-token': TOKEN, repository: 'acme/audit', ...inputs }, { env: { GITHUB_API_URL: gh!.url } });
}

/** Every line's bytes of a file, without the newline. */
function lineBytes(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let from = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, from)) {
    out.push(bytes.subarray(from, i));
    from = i + 1;
  }
  if (from < bytes.length) out.push(bytes.subarray(from));
  return out;
}

/** Whether `before`'s lines are all in `after`, byte for byte, in the same order. */
function keepsLines(before: Buffer, after: Buffer): boolean {
  const want = lineBytes(before);
  let i = 0;
  for (const line of lineBytes(after)) if (i < want.length && line.equals(want[i])) i++;
  return i === want.length;
}

/** A stored file an insider or a broken tool could leave: not UTF-8, a BOM, CRLF, not events, no final newline. */
function oddFile(): Buffer {
  return Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(`${JSON.stringify(ev('a', NOW - 3 * HOUR))}\r\n`),
    Buffer.from('{"event_id":"b","timestamp":"2026-11-25T09:30:00.000Z","note":"'),
    Buffer.from([0xff, 0xfe, 0xc3]),
    Buffer.from('"}\n# not an event\n\n'),
    Buffer.from(JSON.stringify(ev('c', NOW - HOUR)))
  ]);
}

describe('symbolic links and other entries that are not plain files', () => {
  it('the workspace refuses a day file, a month folder, path or a parent that is a symlink, and reads or writes nothing outside', async () => {
    h = await harness({ start: NOW, events: [ev('one', NOW - HOUR)] });
    const outside = join(h.home, 'outside');
    await mkdir(outside, { recursive: true });
    await writeFile(join(outside, 'secret.jsonl'), '{"event_id":"leaked","timestamp":"2026-11-25T10:00:00.000Z"}\n');
    const base = join(h.workspace, 'cursor-audit-logs');

    // A day file linking to a file outside the workspace.
    await mkdir(join(base, '2026', '11'), { recursive: true });
    await symlink(join(outside, 'secret.jsonl'), join(base, '2026', '11', '2026-11-25.jsonl'));
    const first = await h.run({});
    let rec = first.rec;
    const text = first.text;
    expect(rec.failed).toMatch(/cursor-audit-logs\/2026\/11\/2026-11-25\.jsonl in the workspace is a symbolic link/);
    expect(text).not.toMatch(/leaked/);
    expect(await readFile(join(outside, 'secret.jsonl'), 'utf8')).not.toMatch(/"one"/);

    // A month folder linking outside.
    await h.close();
    h = await harness({ start: NOW, events: [ev('one', NOW - HOUR)] });
    await mkdir(join(h.home, 'outside'), { recursive: true });
    await mkdir(join(h.workspace, 'cursor-audit-logs', '2026'), { recursive: true });
    await symlink(join(h.home, 'outside'), join(h.workspace, 'cursor-audit-logs', '2026', '11'));
    ({ rec } = await h.run({}));
    expect(rec.failed).toMatch(/cursor-audit-logs\/2026\/11 in the workspace is a symbolic link/);
    expect((await h.files()).size).toBe(0);

    // path itself, and a folder above it inside the workspace.
    await h.close();
    h = await harness({ start: NOW, events: [ev('one', NOW - HOUR)] });
    await mkdir(join(h.home, 'outside'), { recursive: true });
    await mkdir(h.workspace, { recursive: true });
    await symlink(join(h.home, 'outside'), join(h.workspace, 'logs'));
    ({ rec } = await h.run({ path: 'logs' }));
    expect(rec.failed).toMatch(/^Destination failed.*logs in the workspace is a symbolic link/s);
    ({ rec } = await h.run({ path: 'logs/audit' }));
    expect(rec.failed).toMatch(/logs in the workspace is a symbolic link/);
    expect(rec.warnings.join('\n')).toMatch(/Ignoring the checkpoint of the workspace destination: logs in the workspace is a symbolic link/);
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(join(h.home, 'outside'))).toEqual([]);
  });

  it('the branch refuses a symlink (120000) or a submodule (160000) under path, and commits nothing', async () => {
    h = await harness({ start: NOW, events: [ev('one', NOW - HOUR)] });
    gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
    await commitRaw(gh.gitDir, BRANCH, [{ path: DAY_FILE, content: '/etc/passwd', mode: '120000' }]);
    const before = await gh.branchSha(BRANCH);
    let { rec } = await runBranch();
    expect(rec.failed).toMatch(/cursor-audit-logs\/2026\/11\/2026-11-25\.jsonl on branch cursor-audit-logs of acme\/audit is a symbolic link \(mode 120000\)/);
    expect(await gh.branchSha(BRANCH)).toBe(before);

    await commitRaw(gh.gitDir, BRANCH, [
      { path: DAY_FILE, content: '' },
      { path: 'cursor-audit-logs/2026/10', submodule: before! }
    ]);
    const second = await gh.branchSha(BRANCH);
    ({ rec } = await runBranch());
    expect(rec.failed).toMatch(/cursor-audit-logs\/2026\/10 on branch cursor-audit-logs of acme\/audit is a submodule \(mode 160000\)/);
    expect(await gh.branchSha(BRANCH)).toBe(second);

    // path itself a symlink, and a listing cut short (each file then asked for, still refused).
    await gh.close();
    gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN, truncateTrees: true });
    await commitRaw(gh.gitDir, BRANCH, [{ path: DAY_FILE, content: 'x', mode: '120000' }]);
    ({ rec } = await runBranch());
    expect(rec.failed).toMatch(/is a symbolic link \(mode 120000\)/);
    await commitRaw(gh.gitDir, 'other', [{ path: 'cursor-audit-logs', content: '/tmp', mode: '120000' }]);
    ({ rec } = await runBranch({ branch: 'other' }));
    expect(rec.failed).toMatch(/cursor-audit-logs on branch other of acme\/audit is a symbolic link/);
  });
});

describe('stored bytes', () => {
  it('the workspace keeps every stored line byte for byte (not UTF-8, BOM, CRLF, not an event, no final newline)', async () => {
    h = await harness({ start: NOW, events: [ev('a', NOW - 3 * HOUR), ev('new-1', NOW - 2 * HOUR), ev('new-2', NOW - 30 * MINUTE)] });
    const file = join(h.workspace, DAY_FILE);
    await mkdir(join(file, '..'), { recursive: true });
    const before = oddFile();
    await writeFile(file, before);
    const { rec, outputs } = await h.run({});
    expect(rec.failed).toBeUndefined();
    expect(outputs['events-count']).toBe('2'); // "a" behind the BOM is recognised as stored
    const after = await readFile(file);
    expect(keepsLines(before, after)).toBe(true);
    expect(after.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(after.includes(Buffer.from([0xff, 0xfe, 0xc3]))).toBe(true);
  });

  it('the branch keeps every stored line byte for byte too', async () => {
    h = await harness({ start: NOW, events: [ev('a', NOW - 3 * HOUR), ev('new-1', NOW - 2 * HOUR), ev('new-2', NOW - 30 * MINUTE)] });
    gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
    const before = oddFile();
    await commitRaw(gh.gitDir, BRANCH, [{ path: DAY_FILE, content: before }]);
    const { rec, outputs } = await runBranch();
    expect(rec.failed).toBeUndefined();
    expect(outputs['events-count']).toBe('2');
    const after = await showRaw(gh.gitDir, BRANCH, DAY_FILE);
    expect(keepsLines(before, after)).toBe(true);
    expect(after.includes(Buffer.from([0xff, 0xfe, 0xc3]))).toBe(true);
  });
});

describe('event identity', () => {
  it('takes a numeric event_id from the top level, not from one nested in event_data', async () => {
    const first = '{"event_id":7,"timestamp":"2026-11-25T10:00:00.000Z","event_type":"login"}';
    const second = '{"event_data":{"event_id":7},"event_id":8,"timestamp":"2026-11-25T10:00:01.000Z","event_type":"login"}';
    h = await harness({ start: NOW, events: [first, second] });
    const { outputs } = await h.run({});
    expect(outputs['events-count']).toBe('2');
    expect((await h.files()).get(DAY_FILE)).toBe(`${first}\n${second}\n`);
  });

  it('refuses a page with two top-level events arrays as malformed', () => {
    const body =
      '{"events":[{"event_id":"x","timestamp":"2026-11-25T10:00:00Z"}],"events":[{"event_id":"y","timestamp":"2026-11-25T10:00:00Z"}],"pagination":{"page":1}}';
    expect(() => readPage(body)).toThrow(/"events" twice/);
    // one array nested under another key is not a second one
    expect(readPage('{"meta":{"events":[]},"events":[],"pagination":{"page":1}}').events).toEqual([]);
  });

  it('keeps an event once in the tree when it is served without a timestamp, then with one, or the other way round', async () => {
    const undated = '{"event_id":"shifty","event_type":"login"}';
    const dated = '{"event_id":"shifty","timestamp":"2026-11-25T11:00:00.000Z","event_type":"login"}';
    h = await harness({ start: NOW, events: [undated] });
    await h.run({});
    h.api.setEvents([dated]);
    h.clock.advance(HOUR);
    await h.run({ backfill: 'true' });
    let files = await h.files();
    expect(files.get('cursor-audit-logs/undated.jsonl')).toBe(`${undated}\n`);
    expect(files.get(DAY_FILE)).toBeUndefined();

    await h.close();
    h = await harness({ start: NOW, events: [dated] });
    await h.run({});
    h.api.setEvents([undated, '{"event_type":"no id at all"}']);
    h.clock.advance(HOUR);
    const { outputs } = await h.run({ backfill: 'true' });
    files = await h.files();
    expect(files.get(DAY_FILE)).toBe(`${dated}\n`);
    expect(files.get('cursor-audit-logs/undated.jsonl')).toBe('{"event_type":"no id at all"}\n');
    expect(outputs['events-count']).toBe('1');

    // Both forms in one run: the dated one is kept.
    await h.close();
    h = await harness({ start: NOW, events: [undated, dated] });
    await h.run({});
    files = await h.files();
    expect(files.get(DAY_FILE)).toBe(`${dated}\n`);
    expect(files.has('cursor-audit-logs/undated.jsonl')).toBe(false);
  });
});

describe('layout edges', () => {
  it('sends a UTC year outside 0001–9999 to undated, a leap second and long fractions to their day, and counts events outside the window', async () => {
    const far = '{"event_id":"far","timestamp":"9999-12-31T23:30:00-01:00","event_type":"login"}';
    const leap = '{"event_id":"leap","timestamp":"2026-11-24T23:59:60Z","event_type":"login"}';
    const fine = '{"event_id":"fine","timestamp":"2026-11-25T10:00:00.123456789012Z","event_type":"login"}';
    // The fake reads the far one as its own time (year 10000), so it is never in a window: read it here.
    const farEvent = toEvent(far);
    expect(farEvent.time).toBeNull();
    expect(eventFile(farEvent.time)).toBe('undated.jsonl');
    expect(toEvent('{"event_id":"old","timestamp":"0001-01-01T00:30:00+01:00"}').time).toBeNull();
    expect(eventFile(toEvent('{"event_id":"first","timestamp":"0001-01-01T00:00:00Z"}').time)).toBe('0001/01/0001-01-01.jsonl');
    h = await harness({ start: NOW, events: [leap, fine] });
    const { rec } = await h.run({ 'backfill-start-time': iso(NOW - 5 * HOUR) });
    expect(rec.failed).toBeUndefined();
    const files = await h.files();
    expect([...files.keys()].some((f) => f.includes('+'))).toBe(false);
    expect(files.has('cursor-audit-logs/undated.jsonl')).toBe(false);
    expect(files.get('cursor-audit-logs/2026/11/2026-11-24.jsonl')).toBe(`${leap}\n`);
    expect(files.get(DAY_FILE)).toBe(`${fine}\n`);
    // The fake serves what it cannot read in every range: the leap second falls outside this one.
    expect(rec.warnings.find((w) => /Cursor returned 1 event\(s\) with a timestamp outside the range asked for/.test(w))).toBeDefined();
  });

  it('the Markdown escaper never cuts inside a surrogate pair', () => {
    const text = `${'a'.repeat(9)}😀 tail`;
    const out = md(text, 10);
    expect(out).toBe(`${'a'.repeat(9)}…`);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(out)).toBe(false);
    expect(md('😀😀', 4)).toBe('😀😀');
  });
});
