// The engine end to end, in-process: the fake Cursor API on loopback, the workspace destination,
// the fake cache service, and a virtual clock (rate-limit waits cost no real time).
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { generateEvents, makeEvent } from '../fake/events.ts';
import { DAY, MINUTE, parseRfc3339 } from '../src/time.ts';
import { allLines, harness, type Harness } from './support/harness.ts';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
let h: Harness;
afterEach(async () => h?.close());

function ids(lines: { line: string }[]): string[] {
  return lines.map((l) => JSON.parse(l.line).event_id as string);
}

function expectSortedFiles(files: Map<string, string>) {
  for (const [file, text] of files) {
    if (!/\d{4}-\d{2}-\d{2}\.jsonl$/.test(file)) continue;
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    const keys = lines.map((l) => JSON.parse(l) as { timestamp: string; event_id: string });
    for (const k of keys) expect(file.endsWith(`${k.timestamp.slice(0, 10)}.jsonl`)).toBe(true);
    const sorted = [...keys].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || (a.event_id < b.event_id ? -1 : 1));
    expect(keys).toEqual(sorted);
  }
}

describe('a 40-day backfill', () => {
  it('is fetched in windows of at most 30 days and pages of at most 500, every event stored once', async () => {
    // Events in the 29 days Cursor still serves; the first window (from 40 days back) starts at its
    // 30-day limit.
    const events = generateEvents({ start: NOW - 29 * DAY, end: NOW - MINUTE, count: 1600, seed: 7 });
    h = await harness({ start: NOW, events });
    const { outputs, rec } = await h.run({ 'backfill-start-time': '40d' });
    expect(rec.failed).toBeUndefined();

    const served = h.api.requests.filter((r) => r.status === 200);
    for (const r of h.api.requests) {
      expect(Number(r.query.pageSize)).toBeLessThanOrEqual(500);
      expect(parseRfc3339(r.query.endTime)! - parseRfc3339(r.query.startTime)!).toBeLessThanOrEqual(30 * DAY);
    }
    expect(new Set(served.map((r) => r.query.startTime)).size).toBe(2);
    expect(h.api.requests.every((r) => r.status !== 429)).toBe(true);

    const files = await h.files();
    const lines = allLines(files);
    expect(ids(lines).sort()).toEqual(events.map((e) => e.event_id as string).sort());
    // the lines are the API's objects, unchanged
    expect(new Set(lines.map((l) => l.line))).toEqual(new Set(events.map((e) => JSON.stringify(e))));
    expectSortedFiles(files);

    const state = JSON.parse(files.get('cursor-audit-logs/state.json')!);
    expect(state).toMatchObject({ version: 1, checkpoint: '2026-11-25T12:00:00.000Z', filters: { eventTypes: [], users: [] } });
    expect(outputs).toMatchObject({
      'events-count': '1600',
      'fetched-count': String(served.reduce((n) => n, 0) >= 0 ? outputs['fetched-count'] : ''),
      complete: 'true',
      checkpoint: '2026-11-25T12:00:00.000Z',
      'window-start': new Date(NOW - 40 * DAY).toISOString(),
      'window-end': '2026-11-25T12:00:00.000Z',
      requests: String(h.api.requests.length)
    });
    expect(JSON.parse(outputs.files).length).toBe(new Set(lines.map((l) => l.file)).size);
    expect(h.cache.calls.some((c) => c.startsWith('save cursor-audit-logs-checkpoint-v1-'))).toBe(true);
    // the summary counts what was stored
    expect(rec.summary).toContain('**1600 new event(s)**');
    expect(rec.summary).toContain('### Events by type');
  });

  it('never sends more than the rate limit in any rolling minute, and reports the wait', async () => {
    const events = generateEvents({ start: NOW - 20 * DAY, end: NOW - MINUTE, count: 2600, seed: 3 });
    h = await harness({ start: NOW, events });
    const { outputs, rec } = await h.run({ 'backfill-start-time': '20d', 'page-size': '100' });
    expect(rec.failed).toBeUndefined();
    const at = h.api.requests.map((r) => r.at);
    expect(at.length).toBe(26);
    for (let i = 20; i < at.length; i++) expect(at[i] - at[i - 20]).toBeGreaterThanOrEqual(60_000);
    expect(h.api.requests.some((r) => r.status === 429)).toBe(false);
    expect(outputs['events-count']).toBe('2600');
    expect(rec.lines.some((l) => /^::debug::Window 1 of 1, page 2 of 26: 200 event\(s\) in this window, about 24 request\(s\) left/.test(l))).toBe(true);
    // every 20th page of a long window shows in the log, the others in the debug log
    expect(rec.lines.filter((l) => /^Window 1 of 1, page \d+ of 26/.test(l))).toEqual([
      expect.stringMatching(/^Window 1 of 1, page 20 of 26: 2000 event\(s\)/)
    ]);
    expect(rec.lines).toContainEqual(expect.stringMatching(/^Window 1 of 1 \(.*\): 2,600 events in 26 pages\. Every window fetched\.$/));
  });
});

describe('an incremental run', () => {
  it('adds only new events, including a late one inside the lookback, and leaves every line in place', async () => {
    const first = generateEvents({ start: NOW - 3 * DAY, end: NOW - MINUTE, count: 300, seed: 11 });
    h = await harness({ start: NOW, events: first });
    await h.run({});
    const before = await h.files();

    h.clock.advance(6 * 60 * MINUTE);
    const later = generateEvents({ start: NOW, end: NOW + 6 * 60 * MINUTE - MINUTE, count: 40, seed: 12 });
    const late = makeEvent('remove_user', NOW - 4 * MINUTE, { event_id: 'late-arrival-1' });
    const outside = makeEvent('login', NOW - 30 * MINUTE, { event_id: 'too-late-to-see' });
    h.api.addEvents([...later, late, outside]);
    const requestsBefore = h.api.requests.length;
    const { outputs, rec } = await h.run({});
    expect(rec.failed).toBeUndefined();

    // started at the checkpoint minus the 10-minute lookback
    expect(h.api.requests[requestsBefore].query.startTime).toBe(new Date(NOW - 10 * MINUTE).toISOString());
    expect(outputs['events-count']).toBe('41');
    const after = await h.files();
    for (const [file, text] of before) {
      if (file.endsWith('state.json')) continue;
      const now = after.get(file)!.split('\n');
      const old = text.split('\n').filter(Boolean);
      // every old line is still there, in order: the diff only adds lines
      expect(now.filter((l) => old.includes(l))).toEqual(old);
    }
    const all = ids(allLines(after));
    expect(all).toContain('late-arrival-1');
    expect(all).not.toContain('too-late-to-see');
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(341);
  });

  it('with no new events, succeeds, says so, changes no event file and advances the checkpoint', async () => {
    h = await harness({ start: NOW, events: generateEvents({ start: NOW - DAY, end: NOW - MINUTE, count: 20, seed: 1 }) });
    await h.run({});
    const before = await h.files();
    h.clock.advance(60 * MINUTE);
    const { outputs, rec } = await h.run({});
    expect(rec.failed).toBeUndefined();
    expect(outputs['events-count']).toBe('0');
    expect(outputs.files).toBe('[]');
    expect(rec.lines.some((l) => /^Summary: .*: no new events \(/.test(l))).toBe(true);
    const after = await h.files();
    for (const [f, text] of before) {
      // the ledger only gains this run's line; every event file is as it was
      if (f.endsWith('ledger.jsonl')) expect(after.get(f)!.startsWith(text)).toBe(true);
      else if (!f.endsWith('state.json')) expect(after.get(f)).toBe(text);
    }
    expect(JSON.parse(after.get('cursor-audit-logs/state.json')!).checkpoint).toBe(new Date(NOW + 60 * MINUTE).toISOString());
    expect(h.cache.entries.size).toBe(2);
  });

  it('starts from the earliest of the cache and the workspace checkpoints', async () => {
    h = await harness({ start: NOW, events: [] });
    await h.run({});
    h.clock.advance(DAY);
    await h.run({ path: 'elsewhere' }); // the cache moves on; the first folder stays behind
    h.clock.advance(DAY);
    const n = h.api.requests.length;
    await h.run({});
    expect(h.api.requests[n].query.startTime).toBe(new Date(NOW - 10 * MINUTE).toISOString());
  });
});

describe('faults', () => {
  it('retries 429 (Retry-After), 5xx, resets and truncated bodies to a correct result', async () => {
    const events = generateEvents({ start: NOW - 2 * DAY, end: NOW - MINUTE, count: 1200, seed: 5 });
    h = await harness({ start: NOW, events });
    h.api.injectFaults(
      { kind: 'status', status: 429, headers: { 'Retry-After': '7' } },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503 },
      { kind: 'reset' },
      { kind: 'truncate' },
      { kind: 'truncate-abort' },
      { kind: 'nonjson' },
      { kind: 'status', status: 429 }
    );
    const { outputs, rec } = await h.run({ 'backfill-start-time': '2d' });
    expect(rec.failed).toBeUndefined();
    expect(outputs.retries).toBe('8');
    expect(ids(allLines(await h.files())).sort()).toEqual(events.map((e) => e.event_id as string).sort());
    expect(h.clock.slept).toContain(7000); // Retry-After honoured
    const retryLines = rec.lines.filter((l) => l.startsWith('Retry '));
    expect(retryLines).toHaveLength(8);
    expect(retryLines.join('\n')).toMatch(/rate limited \(429, Retry-After 7s\)/);
    expect(retryLines.join('\n')).toMatch(/server error 503/);
    expect(retryLines.join('\n')).toMatch(/connection reset|network error/);
    expect(retryLines.join('\n')).toMatch(/malformed JSON/);
    expect(rec.summary).toMatch(/\| \d+ \| 8 \| 2 \|/);
  });

  it('keeps the windows before a window that fails after retries, with their checkpoint, then fails', async () => {
    const start = NOW - 40 * DAY;
    // Events in the 29 days Cursor still serves: the first window starts at its 30-day limit.
    const events = generateEvents({ start: NOW - 29 * DAY, end: NOW - MINUTE, count: 400, seed: 9 });
    h = await harness({ start: NOW, events });
    const second = new Date(start + 30 * DAY).toISOString();
    h.api.injectFaults(...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 502, match: { startTime: second } })));
    const { outputs, rec } = await h.run({ 'backfill-start-time': '40d', 'max-retries': '2' });
    expect(rec.failed).toMatch(
      new RegExp(`Cursor API request failed for window ${second} – 2026-11-25T12:00:00.000Z, page 1 after 3 attempt\\(s\\): server error 502`)
    );
    const stored = ids(allLines(await h.files()));
    const firstWindow = events.filter((e) => Date.parse(e.timestamp as string) <= start + 30 * DAY);
    expect(stored.sort()).toEqual(firstWindow.map((e) => e.event_id as string).sort());
    const files = await h.files();
    expect(JSON.parse(files.get('cursor-audit-logs/state.json')!).checkpoint).toBe(second);
    expect(outputs).toMatchObject({ checkpoint: second, complete: 'false', 'window-end': second });
    expect(h.cache.calls.filter((c) => c.startsWith('save'))).toHaveLength(1);

    // the rerun picks up from there and completes without duplicates
    const rerun = await h.run({ 'backfill-start-time': '40d' });
    expect(rerun.rec.failed).toBeUndefined();
    expect(ids(allLines(await h.files())).sort()).toEqual(events.map((e) => e.event_id as string).sort());
  });

  it('stores nothing of a window that fails half-way: its first pages are dropped with it', async () => {
    const start = NOW - 40 * DAY;
    // Events in the 29 days Cursor still serves: the first window starts at its 30-day limit.
    const events = generateEvents({ start: NOW - 29 * DAY, end: NOW - MINUTE, count: 400, seed: 11 });
    h = await harness({ start: NOW, events });
    const second = new Date(start + 30 * DAY).toISOString();
    h.api.injectFaults(...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 502, match: { startTime: second, page: 2 } })));
    const { rec } = await h.run({ 'backfill-start-time': '40d', 'max-retries': '2', 'page-size': '20' });
    expect(rec.failed).toMatch(/page 2 after 3 attempt\(s\): server error 502/);
    expect(h.api.requests.some((r) => r.status === 200 && r.query.startTime === second && r.query.page === '1')).toBe(true);
    const firstWindow = events.filter((e) => Date.parse(e.timestamp as string) <= start + 30 * DAY);
    expect(ids(allLines(await h.files())).sort()).toEqual(firstWindow.map((e) => e.event_id as string).sort());
  });

  it.each([
    [
      401,
      { 'api-key': `crsr_${'b'.repeat(64)}` },
      /401 Unauthorized: the key is wrong, revoked, truncated or has spaces\. It must be an Admin API key .*Dashboard → Settings → Advanced → Admin API Keys/
    ],
    [
      403,
      { 'api-key': `crsr_${'f'.repeat(64)}` },
      /403 Forbidden: the key's creator is not a team admin, or the team's plan lacks audit log access \(Enterprise\)/
    ]
  ])('%d fails with the contract message and no retries', async (_status, inputs, message) => {
    h = await harness({ start: NOW, forbiddenKeys: [`crsr_${'f'.repeat(64)}`] });
    const { rec, outputs } = await h.run(inputs);
    expect(rec.failed).toMatch(message);
    expect(h.api.requests).toHaveLength(1);
    expect(outputs.checkpoint ?? '').toBe('');
    expect((await h.files()).size).toBe(0);
  });

  it('fails with the API message on another 4xx', async () => {
    h = await harness({ start: NOW });
    h.api.injectFaults({ kind: 'status', status: 422, body: '{"error":"Unprocessable","message":"eventTypes has an unknown type"}' });
    const { rec } = await h.run({ 'event-types': 'nope' });
    expect(rec.failed).toMatch(/refused window .* with 422: Unprocessable: eventTypes has an unknown type/);
  });

  it("starts inside Cursor's 30-day retention, without a refused request, naming the gap", async () => {
    const events = generateEvents({ start: NOW - 35 * DAY, end: NOW - MINUTE, count: 100, seed: 2 });
    h = await harness({ start: NOW, events });
    const { rec, outputs } = await h.run({ 'backfill-start-time': '35d' });
    expect(rec.failed).toBeUndefined();
    expect(rec.notices.join()).toMatch(/more than 30 days ago/);
    expect(rec.warnings.join()).toMatch(/Cursor no longer serves audit events from 2026-10-21T12:00:00.000Z to 2026-10-26T12:10:00.000Z/);
    expect(outputs.complete).toBe('true');
    const kept = events.filter((e) => Date.parse(e.timestamp as string) >= NOW - 30 * DAY + 10 * MINUTE);
    expect(ids(allLines(await h.files())).sort()).toEqual(kept.map((e) => e.event_id as string).sort());
    expect(rec.summary).toContain('a gap in the log');
    expect(h.api.requests.filter((r) => r.status === 400)).toEqual([]);
  });
});

describe('a start years back', () => {
  it('costs no request per refused window: later windows before the accepted start are skipped, one gap named', async () => {
    h = await harness({ start: NOW, events: generateEvents({ start: NOW - 20 * DAY, end: NOW - MINUTE, count: 50, seed: 3 }) });
    const { rec, outputs } = await h.run({ 'backfill-start-time': '2020-01-01' });
    expect(rec.failed).toBeUndefined();
    expect(h.api.requests.length).toBeLessThanOrEqual(3);
    expect(rec.warnings.filter((w) => w.startsWith('Cursor no longer serves'))).toEqual([
      'Cursor no longer serves audit events from 2020-01-01T00:00:00.000Z to 2026-10-26T12:10:00.000Z (it keeps about 30 days): that range is a gap in the log.'
    ]);
    expect(outputs['events-count']).toBe('50');
  });
});

describe('run options', () => {
  it('dry-run fetches and reports but writes and saves nothing', async () => {
    h = await harness({ start: NOW, events: generateEvents({ start: NOW - DAY, end: NOW - MINUTE, count: 30, seed: 4 }) });
    const { outputs, rec } = await h.run({ 'dry-run': 'true' });
    expect(rec.failed).toBeUndefined();
    expect((await h.files()).size).toBe(0);
    expect(h.cache.calls.filter((c) => c.startsWith('save'))).toEqual([]);
    expect(outputs['fetched-count']).toBe('30');
    expect(rec.summary).toContain('dry run');
  });

  it('time-budget stops starting windows and keeps what is complete', async () => {
    const events = generateEvents({ start: NOW - 10 * DAY, end: NOW - MINUTE, count: 100, seed: 6 });
    h = await harness({ start: NOW, events, rateLimit: { limit: 1, windowMs: 60_000 } });
    const { outputs, rec } = await h.run({ 'backfill-start-time': '10d', 'window-days': '1', 'requests-per-minute': '1', 'time-budget': '3m' });
    expect(rec.failed).toBeUndefined();
    expect(outputs.complete).toBe('false');
    expect(h.api.requests.length).toBe(4);
    expect(rec.warnings.join()).toMatch(/time-budget of 3m used up: stopped before window 5 of 10/);
    expect(outputs.checkpoint).toBe(new Date(NOW - 6 * DAY).toISOString());
  });

  it('end-time bounds the fetch and the checkpoint', async () => {
    h = await harness({ start: NOW, events: generateEvents({ start: NOW - 5 * DAY, end: NOW - MINUTE, count: 50, seed: 8 }) });
    const { outputs } = await h.run({ 'backfill-start-time': '5d', 'end-time': '2d' });
    expect(outputs.checkpoint).toBe(new Date(NOW - 2 * DAY).toISOString());
    for (const l of allLines(await h.files())) expect(Date.parse(JSON.parse(l.line).timestamp)).toBeLessThanOrEqual(NOW - 2 * DAY);
  });

  it('backfill re-reads from backfill-start-time without duplicates and never moves the checkpoint back', async () => {
    const events = generateEvents({ start: NOW - 5 * DAY, end: NOW - MINUTE, count: 80, seed: 10 });
    h = await harness({ start: NOW, events });
    await h.run({ 'backfill-start-time': '2d' });
    const { outputs } = await h.run({ backfill: 'true', 'backfill-start-time': '5d', 'end-time': '1d' });
    expect(outputs.checkpoint).toBe(new Date(NOW).toISOString());
    const stored = ids(allLines(await h.files()));
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored.length).toBe(events.length);
  });

  it('sends the eventTypes and users filters and records them in state.json', async () => {
    h = await harness({ start: NOW, events: generateEvents({ start: NOW - DAY, end: NOW - MINUTE, count: 200, seed: 13 }) });
    await h.run({ 'event-types': 'login,remove_user', users: 'alice@example.com' });
    expect(h.api.requests[0].query).toMatchObject({ eventTypes: 'login,remove_user', users: 'alice@example.com' });
    const lines = allLines(await h.files()).map((l) => JSON.parse(l.line));
    for (const e of lines) expect(['login', 'remove_user']).toContain(e.event_type);
    const state = JSON.parse((await h.files()).get('cursor-audit-logs/state.json')!);
    expect(state.filters).toEqual({ eventTypes: ['login', 'remove_user'], users: ['alice@example.com'] });
  });

  it('lists notable events in the outputs and the summary, escaped', async () => {
    const evil = makeEvent('update_user_role', NOW - HOUR_MS(), {
      event_id: 'n1',
      user_email: '<img src=x onerror=alert(1)>@evil',
      event_data: { user_email: '[click](https://evil.example)', old_role: 'MEMBER', new_role: 'ADMIN' }
    });
    const failed = makeEvent('login', NOW - HOUR_MS(), { event_id: 'n2', event_data: { login_type: 'LOGIN_TYPE_WEB', success: false } });
    const ok = makeEvent('login', NOW - HOUR_MS(), { event_id: 'n3', event_data: { login_type: 'LOGIN_TYPE_WEB', success: true } });
    h = await harness({ start: NOW, events: [evil, failed, ok] });
    const { outputs, rec } = await h.run({});
    expect(outputs['notable-count']).toBe('2');
    expect(
      JSON.parse(outputs['notable-events'])
        .map((e: { event_id: string }) => e.event_id)
        .sort()
    ).toEqual(['n1', 'n2']);
    expect(rec.summary).toContain('login (failed)');
    expect(rec.summary).not.toContain('<img');
    expect(rec.summary).not.toContain('[click]');
    expect(rec.summary).not.toContain('https://evil');
  });
});

describe('the Actions cache', () => {
  it.each([
    ['not available', (c: Harness['cache']) => void (c.available = false), /Actions cache is not available here/],
    [
      'saveCache throwing',
      (c: Harness['cache']) => void (c.failSave = new Error('Path Validation Error: Path(s) specified in the action for caching do(es) not exist')),
      /Could not save the checkpoint .*Path Validation Error/
    ],
    ['saveCache returning -1', (c: Harness['cache']) => void (c.failSave = 'minus-one'), /Could not save the checkpoint .*did not accept it/]
  ])('%s is a warning, never a failure', async (_name, breakIt, warning) => {
    h = await harness({ start: NOW, events: generateEvents({ start: NOW - DAY, end: NOW - MINUTE, count: 10, seed: 1 }) });
    breakIt(h.cache);
    const { rec, outputs } = await h.run({});
    expect(rec.failed).toBeUndefined();
    expect(rec.warnings.join('\n')).toMatch(warning);
    expect(outputs['events-count']).toBe('10');
  });

  it('restores by prefix from an earlier run, with the same path list', async () => {
    h = await harness({ start: NOW, events: [] });
    await h.run({});
    // Only the cache has the checkpoint now.
    await rm(join(h.workspace, 'cursor-audit-logs', 'state.json'));
    h.clock.advance(DAY);
    const n = h.api.requests.length;
    await h.run({});
    expect(h.cache.calls.filter((c) => c.startsWith('restore'))[1]).toBe('restore cursor-audit-logs-checkpoint-v1-1002-1 cursor-audit-logs-checkpoint-v1-');
    expect(h.api.requests[n].query.startTime).toBe(new Date(NOW - 10 * MINUTE).toISOString());
  });
});

function HOUR_MS() {
  return 60 * MINUTE;
}
