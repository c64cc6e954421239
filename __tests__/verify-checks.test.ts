// The checks of mode: verify one at a time, on records made by hand: what each finds, and where it
// says it is. (verify.test.ts runs them over real branches and checkouts.)
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sha256 } from '../src/ledger.ts';
import { coverageCheck } from '../src/verify/coverage-check.ts';
import { commitChanges, historyCheck, type History } from '../src/verify/history-check.ts';
import { isContractFile, RecordScan } from '../src/verify/layout-check.ts';
import { ledgerCheck } from '../src/verify/ledger-check.ts';
import { changeFromContents, changeFromPatch } from '../src/verify/unified-diff.ts';
import { WorkspaceRecord } from '../src/verify/workspace-record.ts';
import { readLedger } from '../src/ledger.ts';
import { harness } from './support/harness.ts';

const exec = promisify(execFile);
const P = 'logs';
const event = (id: string, timestamp: string) => JSON.stringify({ event_id: id, timestamp, event_type: 'login', event_data: {} });
const file = (...lines: string[]) => Buffer.from(lines.map((line) => `${line}\n`).join(''));

function scanOf(files: Record<string, Buffer | string>, recentFrom = 0): RecordScan {
  const scan = new RecordScan(P, recentFrom);
  for (const [name, bytes] of Object.entries(files)) scan.addFile(name, Buffer.from(bytes));
  return scan;
}

const STATE = '{"version":1,"checkpoint":"2026-11-02T00:00:00.000Z","updatedAt":"2026-11-02T00:00:00.000Z","filters":{"eventTypes":[],"users":[]}}\n';

describe('layout', () => {
  it('passes a record as the contract lays it out', () => {
    const scan = scanOf({ '2026/11/2026-11-01.jsonl': file(event('a', '2026-11-01T01:00:00Z'), event('b', '2026-11-01T02:00:00Z')), 'state.json': STATE });
    expect(scan.finish().problems).toEqual([]);
    expect(scan.events).toBe(2);
  });

  it('names the line of each problem: wrong day, out of order, an id twice, not an event, no newline at the end', () => {
    const scan = scanOf({
      '2026/11/2026-11-01.jsonl': Buffer.concat([
        file(
          event('b', '2026-11-01T02:00:00Z'),
          event('a', '2026-11-01T01:00:00Z'),
          event('c', '2026-11-02T00:00:01Z'),
          'not json',
          event('a', '2026-11-01T03:00:00Z')
        ),
        Buffer.from(event('d', '2026-11-01T04:00:00Z'))
      ]),
      'state.json': STATE
    });
    const found = scan.finish().problems.map((p) => `${p.where} ${p.message}`);
    expect(found).toEqual([
      expect.stringMatching(/^logs\/2026\/11\/2026-11-01\.jsonl:6 the last line .* does not end in a newline/),
      expect.stringMatching(/^logs\/2026\/11\/2026-11-01\.jsonl:2 line 2 .* out of order/),
      expect.stringMatching(/^logs\/2026\/11\/2026-11-01\.jsonl:3 the event c at line 3 belongs in 2026\/11\/2026-11-02\.jsonl/),
      expect.stringMatching(/^logs\/2026\/11\/2026-11-01\.jsonl:4 line 4 .* is not an event/),
      // after the event of the 2nd (line 3), the event of the 1st is out of order too
      expect.stringMatching(/^logs\/2026\/11\/2026-11-01\.jsonl:5 line 5 .* out of order/),
      expect.stringMatching(/^logs\/2026\/11\/2026-11-01\.jsonl:5 the event a at line 5 is also in 2026\/11\/2026-11-01\.jsonl/)
    ]);
  });

  it('refuses files the contract does not list, and a record without state.json', () => {
    expect(['2026/11/2026-11-01.jsonl', 'undated.jsonl', 'state.json', 'ledger.jsonl'].every(isContractFile)).toBe(true);
    expect(['2026/12/2026-11-01.jsonl', 'notes.md', '2026-11-01.jsonl', '2026/11/2026-11-01.jsonl.bak'].some(isContractFile)).toBe(false);
    const scan = scanOf({ 'notes.md': 'hello\n' });
    expect(scan.finish().problems.map((p) => p.where)).toEqual(['logs/notes.md', 'logs/state.json']);
  });
});

describe('ledger', () => {
  it('finds a file never recorded, a file changed and a recorded file missing, each by name', () => {
    const day = file(event('a', '2026-11-01T01:00:00Z'));
    const line = JSON.stringify({
      version: 1,
      prev: '',
      files: { '2026/11/2026-11-01.jsonl': sha256('other bytes'), '2026/11/2026-11-03.jsonl': sha256('x') },
      range: { start: '2026-11-01T00:00:00.000Z', end: '2026-11-02T00:00:00.000Z' },
      windows: [],
      gaps: []
    });
    const scan = scanOf({ '2026/11/2026-11-01.jsonl': day, '2026/11/2026-11-02.jsonl': file(event('b', '2026-11-02T01:00:00Z')), 'ledger.jsonl': `${line}\n` });
    const { result } = ledgerCheck(scan, P);
    expect(result.problems.map((p) => [p.where, p.message.split(':')[0]])).toEqual([
      ['logs/2026/11/2026-11-01.jsonl', expect.stringMatching(/^has SHA-256/)],
      ['logs/2026/11/2026-11-02.jsonl', 'never recorded by the ledger'],
      ['logs/2026/11/2026-11-03.jsonl', 'missing, though the ledger recorded it (SHA-256 2d711642b726)']
    ]);
  });
});

describe('coverage', () => {
  const line = (n: number, start: string, end: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ version: 1, prev: '', files: {}, range: { start, end }, windows: [], gaps: [], ...extra, n });

  it('finds a hole between two runs, but not one declared as a gap; a window short of its totalCount', () => {
    const ledger = [
      line(1, '2026-11-01T00:00:00.000Z', '2026-11-01T06:00:00.000Z', {
        windows: [{ start: '2026-11-01T00:00:00.000Z', end: '2026-11-01T06:00:00.000Z', totalCount: 3, received: 3 }]
      }),
      line(2, '2026-11-01T08:00:00.000Z', '2026-11-01T12:00:00.000Z'),
      line(3, '2026-11-01T14:00:00.000Z', '2026-11-02T00:00:00.000Z', { gaps: [{ start: '2026-11-01T12:00:00.000Z', end: '2026-11-01T14:00:00.000Z' }] })
    ];
    const scan = scanOf({ '2026/11/2026-11-01.jsonl': file(event('a', '2026-11-01T01:00:00Z'), event('b', '2026-11-01T05:59:59Z')), 'state.json': STATE });
    const result = coverageCheck(scan, readLedger(Buffer.from(ledger.map((l) => `${l}\n`).join(''))), P);
    expect(result.problems.map((p) => `${p.where} ${p.message}`)).toEqual([
      expect.stringMatching(/^logs\/ledger\.jsonl:1 the window .* the API counted 3 events, the record holds 2$/),
      expect.stringMatching(/^logs\/ledger\.jsonl:2 nothing covers 2026-11-01T06:00:00\.000Z → 2026-11-01T08:00:00\.000Z/)
    ]);
  });
});

describe('history', () => {
  it('reads removed lines from a patch, and from the bytes when there is no patch; a line moved within the file is not lost', () => {
    const patch = '@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n@@ -10 +10,2 @@\n-j\n\\ No newline at end of file\n+j\n+k';
    expect(changeFromPatch('f', patch)).toEqual({
      file: 'f',
      removed: [
        { line: 2, text: 'b' },
        { line: 10, text: 'j' }
      ],
      added: ['B', 'j', 'k']
    });
    expect(commitChanges('c1', ['c0'], [changeFromPatch('f', patch)]).lost).toEqual([{ file: 'f', line: 2, text: 'b' }]);
    expect(changeFromContents('f', file('a', 'b', 'c'), file('c', 'a', 'x')).removed).toEqual([{ line: 2, text: 'b' }]);
  });

  it('checks from the first commit that added a ledger line; unread commits and a shallow clone are problems, no git history is said', () => {
    const history = (commits: History['commits'], extra: Partial<History> = {}): History => ({
      reachable: new Set(['c0', 'c1', 'c2']),
      commits,
      unread: 0,
      cost: 'test',
      ...extra
    });
    const before = commitChanges('c0', [], [{ file: '2026/11/2026-11-01.jsonl', removed: [{ line: 1, text: 'old' }], added: [] }]);
    const first = commitChanges('c1', ['c0'], [{ file: 'ledger.jsonl', removed: [], added: ['{}'] }]);
    const later = commitChanges('c2', ['c1'], [{ file: 'state.json', removed: [{ line: 2, text: 'x' }], added: [] }]);
    expect(historyCheck(history([later, first, before]), [], P).problems).toEqual([]);
    expect(historyCheck(history([later, first], { unread: 5, unreadHelp: 'raise it' }), [], P).problems[0]?.message).toBe(
      '5 older commit(s) since the first ledger line were not read: raise it'
    );
    expect(historyCheck(history([], { unavailable: 'shallow' }), [], P).count).toBe(1);
    const skipped = historyCheck(history([], { skipped: 'no git' }), [], P);
    expect([skipped.count, skipped.notes]).toEqual([0, ['no git']]);
  });
});

describe('a workspace as verify reads it', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verify-ws-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reports a symbolic link under path, and skips the history when there is no git', async () => {
    await mkdir(join(dir, P, '2026', '11'), { recursive: true });
    await writeFile(join(dir, P, 'state.json'), STATE);
    await symlink('/etc/passwd', join(dir, P, '2026', '11', '2026-11-01.jsonl'));
    const record = new WorkspaceRecord(dir, P);
    const scan = new RecordScan(P, 0);
    await record.scan(scan);
    expect(scan.finish().problems.map((p) => `${p.where} ${p.message}`)).toEqual([
      'logs/2026/11/2026-11-01.jsonl 2026/11/2026-11-01.jsonl is a symbolic link, not a plain file'
    ]);
    expect((await record.history([])).skipped).toMatch(/not a git checkout/);
  });

  it('fails the history of a shallow clone', async () => {
    const origin = join(dir, 'origin');
    const git = (cwd: string, ...args: string[]) => exec('git', ['-C', cwd, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args]);
    await mkdir(origin);
    await git(origin, 'init', '--quiet');
    for (const n of [1, 2]) {
      await writeFile(join(origin, `f${n}`), `${n}\n`);
      await git(origin, 'add', '.');
      await git(origin, 'commit', '--quiet', '-m', `c${n}`);
    }
    await exec('git', ['clone', '--quiet', '--depth', '1', `file://${origin}`, join(dir, 'shallow')]);
    expect((await new WorkspaceRecord(join(dir, 'shallow'), P).history([])).unavailable).toMatch(/shallow clone.*fetch-depth: 0/);
  });
});

describe('the outputs of a verify run', () => {
  it('lists at most 100 problems (counting them all), leaves the sync outputs empty, and a sync leaves the verify outputs empty', async () => {
    const h = await harness({ start: Date.parse('2026-11-25T12:00:00.000Z'), events: [] });
    try {
      const synced = await h.run({ 'backfill-start-time': '1d' });
      expect([synced.outputs.verified, synced.outputs['problems-count'], synced.outputs['missing-count'], synced.outputs.problems]).toEqual(['', '', '', '']);
      // attest is off: no attestation to name
      expect(synced.outputs['attestation-id']).toBe('');
      await mkdir(join(h.workspace, 'cursor-audit-logs', '2026', '11'), { recursive: true });
      await writeFile(join(h.workspace, 'cursor-audit-logs', '2026', '11', '2026-11-24.jsonl'), 'not an event\n'.repeat(150));
      const { outputs, rec } = await h.run({ mode: 'verify' });
      expect(rec.failed).toMatch(/did not verify/);
      expect(Number(outputs['problems-count'])).toBeGreaterThanOrEqual(150);
      expect(JSON.parse(outputs.problems)).toHaveLength(100);
      for (const name of [
        'events-count',
        'fetched-count',
        'duplicates-count',
        'window-start',
        'window-end',
        'complete',
        'files',
        'commit-sha',
        'notable-count',
        'notable-events',
        'attestation-id'
      ]) {
        expect({ name, value: outputs[name] }).toEqual({ name, value: '' });
      }
    } finally {
      await h.close();
    }
  });
});
