// The ledger (CONTRACT.md § Ledger), as the workspace and the branch write it: one line per run
// that stores, chained by the SHA-256 of the line before, recording the run, what it covered, what
// the API counted and each file it changed with that file's SHA-256; a baseline over files made
// before the ledger; and the tamper alarm of a sync over a record changed outside the action (it
// warns naming the file, loses nothing and rewrites nothing it found). Then ledger.ts alone, and
// the action's version each line records.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type FakeGitHub, startFakeGitHub } from '../fake/github-api.ts';
import { type AuditEventObject, generateEvents, makeEvent } from '../fake/events.ts';
import { appendLedgerLine, chainFindings, LEDGER_FILE, type LedgerLine, LedgerState, readLedger, recordedHashes } from '../src/ledger.ts';
import { DAY, HOUR, MINUTE } from '../src/time.ts';
import { ACTION_VERSION } from '../src/version.ts';
import { isEventFile } from './support/event-files.ts';
import { commitRaw, showRaw } from './support/git-entries.ts';
import { gitRecord } from './support/git-record.ts';
import { harness, type Harness, readTree } from './support/harness.ts';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const DIR = 'cursor-audit-logs';
const TOKEN = 'ghs_ledger_test_token';
const BRANCH = 'cursor-audit-logs';
const HEAD = 'cursor-audit-logs-update';
const TODAY = '2026/11/2026-11-25.jsonl';
const YESTERDAY = '2026/11/2026-11-24.jsonl';
const ALARM = /changed outside the action/;

let h: Harness | undefined;
let gh: FakeGitHub | undefined;
afterEach(async () => {
  await h?.close();
  await gh?.close();
  h = undefined;
  gh = undefined;
});

/** SHA-256 as lowercase hex, computed here (not with the code under test). */
const hash = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');
const iso = (ms: number) => new Date(ms).toISOString();

/** A ledger's lines: the raw text of each, and each parsed. */
function ledgerOf(bytes: Buffer | undefined): { raw: string[]; lines: LedgerLine[] } {
  const raw = bytes ? bytes.toString('utf8').split('\n') : [];
  expect(raw.pop() ?? '').toBe(''); // every line ends with a newline
  return { raw, lines: raw.map((line) => JSON.parse(line) as LedgerLine) };
}

/** The chain: the first `prev` empty, each next one the SHA-256 of the line before it. */
function expectChained(raw: string[]): void {
  raw.forEach((line, index) => expect((JSON.parse(line) as LedgerLine).prev).toBe(index === 0 ? '' : hash(raw[index - 1] as string)));
}

/** Lines of a file's text (without the last newline). */
const linesOf = (bytes: Buffer | undefined) => (bytes ? bytes.toString('utf8').split('\n').filter(Boolean) : []);

/** One record destination, as a test reads and tampers with it. */
interface Record_ {
  /** How the warnings name it ("in the workspace", "on branch x"). */
  where: string;
  run(inputs?: Record<string, string>, env?: Record<string, string>): ReturnType<Harness['run']>;
  /** A file's bytes (relative to `path`), or undefined when it does not exist. */
  read(file: string): Promise<Buffer | undefined>;
  /** A person writes (or, given null, deletes) a file. */
  write(file: string, text: string | null): Promise<void>;
  /** Every file under `path`, relative to it. */
  files(): Promise<string[]>;
}

function workspaceRecord(harnessed: Harness): Record_ {
  const full = (file: string) => join(harnessed.workspace, DIR, file);
  return {
    where: 'in the workspace',
    run: (inputs = {}, env = {}) => harnessed.run(inputs, { env }),
    read: (file) => readFile(full(file)).catch(() => undefined),
    async write(file, text) {
      if (text === null) return rm(full(file));
      await mkdir(dirname(full(file)), { recursive: true });
      await writeFile(full(file), text);
    },
    files: async () => [...(await readTree(join(harnessed.workspace, DIR))).keys()].sort()
  };
}

function branchRecord(harnessed: Harness, github: FakeGitHub): Record_ {
  const git = gitRecord(github.gitDir);
  return {
    where: `on branch ${BRANCH}`,
    run: (inputs = {}, env = {}) =>
      harnessed.run({ destination: 'branch', 'github-token': TOKEN, repository: 'acme/audit', ...inputs }, { env: { GITHUB_API_URL: github.url, ...env } }),
    read: (file) => showRaw(github.gitDir, BRANCH, `${DIR}/${file}`).catch(() => undefined),
    write: async (file, text) => void (await github.commitFiles(BRANCH, { [`${DIR}/${file}`]: text }, 'A person edits the record')),
    async files() {
      if (!(await git.sha(BRANCH))) return [];
      const listed = await git.git('ls-tree', '-r', '--name-only', BRANCH, '--', DIR);
      return listed
        .split('\n')
        .filter(Boolean)
        .map((file) => file.slice(DIR.length + 1))
        .sort();
    }
  };
}

type Destination = 'workspace' | 'branch';

async function start(destination: Destination, events: AuditEventObject[]): Promise<Record_> {
  h = await harness({ start: NOW, events });
  if (destination === 'workspace') return workspaceRecord(h);
  gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
  return branchRecord(h, gh);
}

/** Events of the last hour, served from now on. */
function nextHour(served: AuditEventObject[], count: number, seed: number): void {
  h!.clock.advance(HOUR);
  const at = h!.clock.now();
  const events = generateEvents({ start: at - 50 * MINUTE, end: at - MINUTE, count, seed });
  h!.api.addEvents(events);
  served.push(...events);
}

/** The events served with a timestamp in a window (the fake API's range is inclusive). */
const servedIn = (served: AuditEventObject[], window: { start: string; end: string }) =>
  served.filter((e) => {
    const time = Date.parse(e.timestamp as string);
    return time >= Date.parse(window.start) && time <= Date.parse(window.end);
  }).length;

/** The event ids in the record's event files, one per line. */
async function storedIds(record: Record_): Promise<string[]> {
  const ids: string[] = [];
  for (const file of (await record.files()).filter(isEventFile)) for (const line of linesOf(await record.read(file))) ids.push(JSON.parse(line).event_id);
  return ids.sort();
}

/** Every file a ledger line records has the SHA-256 the line gives it, as `read` reads it. */
async function expectHashes(files: Record<string, string>, read: (file: string) => Promise<Buffer | undefined>): Promise<void> {
  for (const [file, recorded] of Object.entries(files)) expect({ file, hash: hash((await read(file)) ?? '') }).toEqual({ file, hash: recorded });
}

const RUN_ENV = {
  GITHUB_RUN_ID: '918273',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_WORKFLOW: 'Cursor audit log',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_ACTOR: 'octocat'
};

describe.each(['workspace', 'branch'] as const)('the ledger of the %s', (destination) => {
  it('gains one line per run that stores, chained, recording the run, the windows the API counted and each file it changed', async () => {
    const served = generateEvents({ start: NOW - 2 * DAY, end: NOW - MINUTE, count: 40, seed: 21 });
    const record = await start(destination, served);
    const first = await record.run({ 'backfill-start-time': '3d', 'page-size': '10' }, RUN_ENV);
    expect(first.rec.failed).toBeUndefined();
    const commits = [await gh?.branchSha(BRANCH)];
    const one = ledgerOf(await record.read(LEDGER_FILE));
    expect(one.lines).toHaveLength(1);
    const [line] = one.lines as [LedgerLine];
    expect(line).toMatchObject({
      version: 1,
      run: {
        id: '918273',
        attempt: '2',
        workflow: 'Cursor audit log',
        ref: 'refs/heads/main',
        sha: RUN_ENV.GITHUB_SHA,
        actor: 'octocat',
        action: ACTION_VERSION
      },
      range: { start: iso(NOW - 3 * DAY), end: first.outputs.checkpoint },
      filters: { eventTypes: [], users: [] },
      added: 40,
      duplicates: 0,
      gaps: [],
      base: '',
      prev: '',
      attested: false
    });
    expect(line.baseline).toBeUndefined();
    expect(line.windows).toEqual([{ start: iso(NOW - 3 * DAY), end: first.outputs.checkpoint, totalCount: 40, received: 40 }]);
    // every file it wrote, with the SHA-256 of its bytes as stored
    expect(Object.keys(line.files).sort()).toEqual((await record.files()).filter(isEventFile));
    await expectHashes(line.files, (file) => record.read(file));

    nextHour(served, 5, 22);
    const second = await record.run({}, { GITHUB_RUN_ID: '918274', GITHUB_RUN_ATTEMPT: '1' });
    expect(second.outputs['events-count']).toBe('5');
    commits.push(await gh?.branchSha(BRANCH));
    const two = ledgerOf(await record.read(LEDGER_FILE));
    expect(two.raw).toHaveLength(2);
    expect(two.raw[0]).toBe(one.raw[0]); // appended, never rewritten
    expectChained(two.raw);
    const next = two.lines[1] as LedgerLine;
    expect(next.run).toMatchObject({ id: '918274', attempt: '1', action: ACTION_VERSION });
    expect(next).toMatchObject({ added: 5, range: { end: second.outputs.checkpoint } });
    expect(next.files).toEqual({ [TODAY]: hash((await record.read(TODAY)) as Buffer) });
    for (const window of next.windows) expect(window).toEqual({ ...window, totalCount: servedIn(served, window), received: servedIn(served, window) });
    expect(next.duplicates).toBe(Number(second.outputs['fetched-count']) - 5);
    if (destination === 'branch') {
      // the commit each run wrote on top of: none for the new branch, then the first run's
      expect(commits[0]).toBeDefined();
      expect(next.base).toBe(commits[0]);
      expect((await gitRecord(gh!.gitDir).git('rev-parse', `${commits[1]}^`)).trim()).toBe(commits[0]);
    } else expect(next.base).toBe('');

    // A run without new events: the workspace still stores (its state.json), the branch makes no commit.
    h!.clock.advance(HOUR);
    const quiet = await record.run();
    expect(quiet.rec.failed).toBeUndefined();
    const three = ledgerOf(await record.read(LEDGER_FILE));
    if (destination === 'workspace') {
      expect(three.raw.slice(0, 2)).toEqual(two.raw);
      expect(three.lines[2]).toMatchObject({ added: 0, files: {}, duplicates: Number(quiet.outputs['fetched-count']) });
      expectChained(three.raw);
    } else {
      expect(await gh!.branchSha(BRANCH)).toBe(commits[1]);
      expect(three.raw).toEqual(two.raw);
    }
    // A dry run and a run that stores nothing (Cursor down) add no line.
    await record.run({ 'dry-run': 'true' });
    h!.api.injectFaults({ kind: 'status', status: 500 });
    h!.clock.advance(HOUR);
    expect((await record.run({ 'max-retries': '0' })).rec.failed).toMatch(/server error 500/);
    expect(ledgerOf(await record.read(LEDGER_FILE)).raw).toEqual(three.raw);
    expect([...first.rec.warnings, ...second.rec.warnings, ...quiet.rec.warnings].filter((w) => ALARM.test(w))).toEqual([]);
  });

  it('starts with a baseline that records every file a tree made before the ledger held', async () => {
    const served = generateEvents({ start: NOW - 50 * MINUTE, end: NOW - MINUTE, count: 6, seed: 23 });
    const record = await start(destination, served);
    const older = `${JSON.stringify(makeEvent('login', '2026-11-20T08:00:00.000Z', { event_id: 'before-the-ledger-1' }))}\n`;
    const today = `${JSON.stringify(makeEvent('logout', NOW - 3 * HOUR, { event_id: 'before-the-ledger-2' }))}\n`;
    const state = `${JSON.stringify({ version: 1, checkpoint: iso(NOW - 2 * HOUR), updatedAt: iso(NOW - 2 * HOUR), filters: { eventTypes: [], users: [] } })}\n`;
    if (destination === 'workspace') {
      await record.write('2026/11/2026-11-20.jsonl', older);
      await record.write(TODAY, today);
      await record.write('state.json', state);
    } else {
      await gh!.commitFiles(
        BRANCH,
        { [`${DIR}/2026/11/2026-11-20.jsonl`]: older, [`${DIR}/${TODAY}`]: today, [`${DIR}/state.json`]: state },
        'Before the ledger'
      );
    }
    const before = await gh?.branchSha(BRANCH);
    const { rec, outputs } = await record.run();
    expect(rec.failed).toBeUndefined();
    expect(outputs['events-count']).toBe('6');
    expect(rec.warnings.filter((w) => ALARM.test(w))).toEqual([]);
    const { raw, lines } = ledgerOf(await record.read(LEDGER_FILE));
    expect(lines).toHaveLength(1);
    const [line] = lines as [LedgerLine];
    expect(line).toMatchObject({ baseline: true, prev: '', added: 6, base: before ?? '' });
    // every file but state.json and the ledger: the untouched one as it was, the one merged into as it is now
    expect(Object.keys(line.files).sort()).toEqual(['2026/11/2026-11-20.jsonl', TODAY]);
    expect(line.files['2026/11/2026-11-20.jsonl']).toBe(hash(older));
    await expectHashes(line.files, (file) => record.read(file));

    nextHour(served, 2, 24);
    await record.run();
    const after = ledgerOf(await record.read(LEDGER_FILE));
    expect(after.raw[0]).toBe(raw[0]);
    expectChained(after.raw);
    expect(after.lines[1]!.baseline).toBeUndefined();
    expect(Object.keys(after.lines[1]!.files)).toEqual([TODAY]);
  });
});

/** What a person changes outside the action, and the file the warning must name. */
interface Tamper {
  name: string;
  file: string;
  apply(record: Record_): Promise<void>;
}

const TAMPERS: Tamper[] = [
  {
    name: 'a line edited in a day file',
    file: TODAY,
    async apply(record) {
      const text = (await record.read(TODAY))!.toString('utf8');
      const edited = text.replace(/"user_email":"[^"]*"/, '"user_email":"mallory@example.com"');
      expect(edited).not.toBe(text);
      await record.write(TODAY, edited);
    }
  },
  {
    name: 'a day file deleted',
    file: YESTERDAY,
    apply: (record) => record.write(YESTERDAY, null)
  },
  {
    name: 'a ledger line removed',
    file: LEDGER_FILE,
    async apply(record) {
      const lines = linesOf(await record.read(LEDGER_FILE));
      expect(lines).toHaveLength(3);
      await record.write(LEDGER_FILE, `${lines[0]}\n${lines[2]}\n`);
    }
  },
  {
    name: 'a ledger line edited',
    file: LEDGER_FILE,
    async apply(record) {
      const lines = linesOf(await record.read(LEDGER_FILE));
      const edited = lines[1]!.replace('"attested":false', '"attested":true');
      expect(edited).not.toBe(lines[1]);
      await record.write(LEDGER_FILE, `${[lines[0], edited, lines[2]].join('\n')}\n`);
    }
  }
];

describe.each(['workspace', 'branch'] as const)('a sync over a %s changed outside the action', (destination) => {
  it.each(TAMPERS.map((tamper) => [tamper.name, tamper] as const))(
    '%s: warns naming the file, loses nothing and rewrites nothing it found',
    async (_name, tamper) => {
      const served = generateEvents({ start: NOW - 2 * DAY, end: NOW - MINUTE, count: 30, seed: 31 });
      const record = await start(destination, served);
      await record.run({ 'backfill-start-time': '3d' });
      for (const seed of [32, 33]) {
        nextHour(served, 3, seed);
        expect((await record.run()).rec.failed).toBeUndefined();
      }
      await tamper.apply(record);
      const found = new Map<string, Buffer>();
      for (const file of await record.files()) found.set(file, (await record.read(file))!);
      const left = (await storedIds(record)).length;

      // The next sync re-reads every day file (a backfill) and adds events to today's.
      nextHour(served, 3, 34);
      const { rec, outputs } = await record.run({ backfill: 'true', 'backfill-start-time': '3d' });
      expect(rec.failed).toBeUndefined();
      expect(outputs['events-count']).toBe(String(served.length - left)); // the 3 new ones, and those of a deleted file
      const alarms = rec.warnings.filter((w) => ALARM.test(w));
      expect(alarms.some((w) => w.startsWith(`${DIR}/${tamper.file} ${record.where} was changed outside the action: `))).toBe(true);
      // Every event the API served is stored, once.
      expect(await storedIds(record)).toEqual(served.map((e) => e.event_id as string).sort());
      // What it found is kept byte for byte: each file's lines are still there, in order; the ledger only grows.
      for (const [file, bytes] of found) {
        const now = (await record.read(file))!;
        if (file === 'state.json') continue;
        if (file === LEDGER_FILE) expect(now.subarray(0, bytes.length).equals(bytes)).toBe(true);
        else {
          const kept = linesOf(bytes);
          const left = linesOf(now).filter((line) => kept.includes(line));
          expect({ file, left }).toEqual({ file, left: kept });
        }
      }
      if (tamper.file === TODAY) expect(linesOf(await record.read(TODAY)).some((line) => line.includes('mallory@example.com'))).toBe(true);
      // One more ledger line, following the last line it found.
      const before = linesOf(found.get(LEDGER_FILE));
      const after = linesOf(await record.read(LEDGER_FILE));
      expect(after).toHaveLength(before.length + 1);
      expect((JSON.parse(after.at(-1)!) as LedgerLine).prev).toBe(hash(before.at(-1)!));
    }
  );
});

describe('the pull-request head joined to its base after a merge of an older head', () => {
  it('carries no ledger line into an event file, and records what the join wrote', async () => {
    const served = generateEvents({ start: NOW - DAY, end: NOW - MINUTE, count: 12, seed: 41 });
    h = await harness({ start: NOW, events: served });
    gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
    const github = gh;
    const git = gitRecord(github.gitDir);
    const runPr = () => h!.run({ destination: 'pull-request', 'github-token': TOKEN, repository: 'acme/audit' }, { env: { GITHUB_API_URL: github.url } });
    expect((await runPr()).rec.failed).toBeUndefined();
    const merged = (await github.branchSha(HEAD))!;
    nextHour(served, 4, 42);
    expect((await runPr()).outputs['events-count']).toBe('4');
    // A person squashes the head as the first run left it onto main: the head now holds the second
    // run's events and ledger line beyond main.
    const firstFiles = (await git.git('ls-tree', '-r', '--name-only', merged, '--', DIR)).split('\n').filter(Boolean);
    const entries = await Promise.all(firstFiles.map(async (path) => ({ path, content: await showRaw(github.gitDir, merged, path) })));
    await commitRaw(github.gitDir, 'main', entries, 'Cursor audit logs (#1)');
    expect(linesOf(await showRaw(github.gitDir, HEAD, `${DIR}/${LEDGER_FILE}`))).toHaveLength(2);

    h!.clock.advance(HOUR);
    const third = await runPr();
    expect(third.rec.failed).toBeUndefined();
    expect(third.outputs['events-count']).toBe('0');
    expect(third.rec.lines.join('\n')).toMatch(/but the merge wrote 1 file\(s\): committing the ledger line that records them/);
    expect(third.rec.warnings.filter((w) => ALARM.test(w))).toEqual([]);
    // No ledger line in an event file: each line is an event the API served, once; no undated.jsonl.
    const files = (await git.git('ls-tree', '-r', '--name-only', HEAD, '--', DIR)).split('\n').filter(Boolean);
    expect(files).not.toContain(`${DIR}/undated.jsonl`);
    const ids = await git.ids(HEAD);
    expect(ids).toEqual(served.map((e) => e.event_id as string).sort());
    // The head's ledger: main's line, then this run's, which records the file the join wrote.
    const ledger = ledgerOf(await showRaw(github.gitDir, HEAD, `${DIR}/${LEDGER_FILE}`));
    expect(ledger.raw[0]).toBe(linesOf(await showRaw(github.gitDir, 'main', `${DIR}/${LEDGER_FILE}`))[0]);
    expect(ledger.raw).toHaveLength(2);
    expectChained(ledger.raw);
    expect(Object.keys(ledger.lines[1]!.files)).toEqual([TODAY]);
    const atHead = (file: string) => showRaw(github.gitDir, HEAD, `${DIR}/${file}`).catch(() => undefined);
    const recorded = recordedHashes(readLedger(await atHead(LEDGER_FILE)));
    for (const file of files.map((f) => f.slice(DIR.length + 1)).filter(isEventFile))
      expect({ file, hash: hash((await atHead(file))!) }).toEqual({ file, hash: recorded.get(file) });
    expect(github.pulls.filter((p) => p.state === 'open')[0]!.body).toContain('adds **4 Cursor audit event(s)**');
  });
});

describe('ledger.ts', () => {
  const line = (prev: string, added: number): LedgerLine => ({
    version: 1,
    run: { id: '1', attempt: '1', workflow: 'w', ref: 'r', sha: 's', actor: 'a', action: ACTION_VERSION },
    range: { start: '2026-11-25T00:00:00.000Z', end: '2026-11-25T01:00:00.000Z' },
    filters: { eventTypes: [], users: [] },
    windows: [],
    added,
    duplicates: 0,
    files: { [TODAY]: hash(String(added)) },
    gaps: [],
    base: '',
    prev,
    attested: false
  });
  /** Three chained lines, as text. */
  function chain(): string[] {
    let bytes: Buffer | undefined;
    let prev = '';
    for (const added of [1, 2, 3]) {
      bytes = appendLedgerLine(bytes, line(prev, added));
      prev = hash(bytes.toString('utf8').trimEnd().split('\n').at(-1)!);
    }
    return linesOf(bytes);
  }
  const findings = (lines: string[]) => chainFindings(readLedger(Buffer.from(`${lines.join('\n')}\n`)));

  it('finds nothing in an unbroken chain', () => {
    const lines = chain();
    expectChained(lines);
    expect(findings(lines)).toEqual([]);
  });

  it('finds a removed line at the line that follows it', () => {
    const [first, , third] = chain();
    expect(findings([first!, third!])).toEqual([{ file: LEDGER_FILE, line: 2, message: expect.stringMatching(/^line 2 does not follow the line before it/) }]);
  });

  it('finds an edited line at the line after it (the last line edited changes no prev)', () => {
    const [first, second, third] = chain();
    expect(findings([first!, second!.replace('"added":2', '"added":20'), third!])).toEqual([
      { file: LEDGER_FILE, line: 3, message: expect.stringMatching(/^line 3 does not follow the line before it/) }
    ]);
  });

  it('finds a line that is not JSON, and the line after it', () => {
    const [first, , third] = chain();
    expect(findings([first!, '{"version":1,"run":', third!])).toEqual([
      { file: LEDGER_FILE, line: 2, message: 'line 2 is not a ledger line: it is not JSON' },
      { file: LEDGER_FILE, line: 3, message: expect.stringMatching(/^line 3 does not follow the line before it/) }
    ]);
    expect(findings([JSON.stringify({ event_id: 'x' })])).toEqual([
      { file: LEDGER_FILE, line: 1, message: 'line 1 is not a ledger line: its version undefined is not 1' }
    ]);
  });

  it('checks a file against the hash last recorded for it', () => {
    const state = new LedgerState(Buffer.from(`${chain().join('\n')}\n`));
    expect(state.last).toBe(hash(chain()[2]!));
    expect(state.fileFinding(TODAY, Buffer.from('3'))).toBeUndefined();
    expect(state.fileFinding(TODAY, Buffer.from('2'))?.message).toMatch(/has SHA-256 [0-9a-f]{12}, not [0-9a-f]{12} as the ledger last recorded it/);
    expect(state.fileFinding(TODAY, undefined)?.message).toMatch(/is missing, though the ledger recorded it/);
    expect(state.fileFinding('2026/11/2026-11-24.jsonl', Buffer.from('anything'))).toBeUndefined(); // never recorded
  });

  it('appends after a last line that lacks its newline, leaving it as it is', () => {
    const stored = Buffer.from(chain()[0]!);
    const text = appendLedgerLine(stored, line(hash(stored), 9)).toString('utf8');
    expect(text.startsWith(`${stored.toString('utf8')}\n`)).toBe(true);
    expect(linesOf(Buffer.from(text))).toHaveLength(2);
  });
});

describe('the action version', () => {
  it("that each ledger line records is package.json's", () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string };
    expect(ACTION_VERSION).toBe(pkg.version);
  });
});
