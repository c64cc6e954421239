// Cursor's retention limit, as the record has it (docs/cursor-api.md § Retention): the fake refuses
// a startTime more than 30 days before the moment of each request, with the wording a run against
// Cursor saw. The client must never ask for such a start, whatever the refusal says.
import { generateEvents } from '../fake/events.ts';
import { DAY, MINUTE, SECOND } from '../src/time.ts';
import { allLines, harness, type Harness } from './support/harness.ts';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
let h: Harness;
afterEach(async () => h?.close());

const iso = (ms: number) => new Date(ms).toISOString();
const ids = (lines: { line: string }[]) => lines.map((l) => JSON.parse(l.line).event_id as string);

/**
 * A fetch that reaches the API `latency` of virtual time after the client read its clock, and whose
 * answer takes `answer` more to arrive (a slow API, or a large page).
 */
function slowFetch(clock: Harness['clock'], latency: number, answer = 0): typeof fetch {
  return async (input, init) => {
    clock.advance(latency);
    const res = await fetch(input, init);
    clock.advance(answer);
    return res;
  };
}

/** What a first run must store: each event from the last start asked for on, none before the first, each once. */
async function expectStoredFromStarts(events: ReturnType<typeof generateEvents>) {
  const starts = h.api.requests.filter((r) => r.status === 200).map((r) => Date.parse(r.query.startTime));
  const stored = ids(allLines(await h.files()));
  expect(new Set(stored).size).toBe(stored.length);
  const time = new Map(events.map((e) => [e.event_id as string, Date.parse(e.timestamp as string)]));
  for (const id of stored) expect(time.get(id)!).toBeGreaterThanOrEqual(Math.min(...starts));
  const must = events.filter((e) => Date.parse(e.timestamp as string) >= Math.max(...starts)).map((e) => e.event_id as string);
  expect(new Set(stored)).toEqual(new Set([...stored, ...must]));
  expect(must.length).toBeGreaterThan(0);
}

describe('the default start against the strict 30-day limit', () => {
  // Every input at its default but the destination (workspace: no GitHub in-process); the process
  // test in action-process.test.ts runs the default destination too.
  it('a first run with every input at its default: exit 0, complete, no 400, no gap warning', async () => {
    const events = generateEvents({ start: NOW - 40 * DAY, end: NOW - MINUTE, count: 3000, seed: 31 });
    h = await harness({ start: NOW, events });
    const { outputs, rec } = await h.run({}, { fetch: slowFetch(h.clock, 2 * SECOND) });
    expect(rec.failed).toBeUndefined();
    expect(h.api.requests.filter((r) => r.status === 400)).toEqual([]);
    expect(h.api.requests.length).toBeGreaterThan(2);
    expect(outputs.complete).toBe('true');
    expect(rec.warnings).toEqual([]);
    expect(rec.summary).not.toMatch(/gap/i);
    await expectStoredFromStarts(events);
  });

  it('a window paged for longer than the margin moves its start before Cursor would refuse it', async () => {
    // Each page takes 3 minutes to arrive (and 20 s to reach Cursor): 9 pages take 30 minutes, far
    // past the 10-minute margin the first start was given.
    const events = generateEvents({ start: NOW - 35 * DAY, end: NOW - MINUTE, count: 4000, seed: 32 });
    h = await harness({ start: NOW, events });
    const { outputs, rec } = await h.run({}, { fetch: slowFetch(h.clock, 20 * SECOND, 3 * MINUTE) });
    expect(rec.failed).toBeUndefined();
    expect(h.api.requests.filter((r) => r.status === 400)).toEqual([]);
    expect(outputs.complete).toBe('true');
    expect(rec.warnings).toEqual([]);
    for (const r of h.api.requests) expect(Date.parse(r.query.startTime)).toBeGreaterThan(r.at - 30 * DAY);
    // it did move while paging, and read the rest in halves
    expect(rec.lines.filter((l) => /within 5 minutes of Cursor's 30-day retention limit; reading from .* again, in halves/.test(l)).length).toBeGreaterThan(0);
    await expectStoredFromStarts(events);
  });
});

describe('a 400 near the limit, whatever its text', () => {
  const first = iso(NOW - 30 * DAY + 10 * MINUTE);
  const unknown = { kind: 'status' as const, status: 400, body: '{"error":"Bad Request","message":"Invalid request"}' };

  it('moves the window forward once (a day) and completes, naming the range skipped', async () => {
    const events = generateEvents({ start: NOW - 30 * DAY, end: NOW - MINUTE, count: 300, seed: 33 });
    h = await harness({ start: NOW, events });
    h.api.injectFaults({ ...unknown, match: { startTime: first } });
    const { outputs, rec } = await h.run({});
    expect(rec.failed).toBeUndefined();
    expect(outputs.complete).toBe('true');
    expect(h.api.requests.map((r) => [r.status, r.query.startTime])).toEqual([
      [400, first],
      [200, iso(NOW - 29 * DAY + 10 * MINUTE)]
    ]);
    expect(rec.warnings.filter((w) => w.startsWith('Cursor no longer serves'))).toEqual([
      `Cursor no longer serves audit events from ${first} to ${iso(NOW - 29 * DAY + 10 * MINUTE)} (it keeps about 30 days): that range is a gap in the log.`
    ]);
    expect(rec.lines.join('\n')).toContain('Invalid request');
  });

  it('only once: a second 400 near the limit fails the run, saying so', async () => {
    h = await harness({ start: NOW, events: generateEvents({ start: NOW - 30 * DAY, end: NOW - MINUTE, count: 50, seed: 34 }) });
    h.api.injectFaults(unknown, unknown);
    const { outputs, rec } = await h.run({});
    expect(h.api.requests.map((r) => r.status)).toEqual([400, 400]);
    expect(rec.failed).toMatch(
      /refused window .* with 400: Bad Request: Invalid request\. Its start .* is within a day of Cursor's 30-day retention limit, and a start near that limit was already moved forward once/
    );
    expect(outputs.complete).toBe('false');
  });

  it('a 400 far from the limit is a refusal, not retention', async () => {
    h = await harness({ start: NOW, events: generateEvents({ start: NOW - 10 * DAY, end: NOW - MINUTE, count: 50, seed: 35 }) });
    h.api.injectFaults({ kind: 'status', status: 400, body: '{"error":"Bad Request","message":"startTime cannot be more than 30 days in the past"}' });
    const { rec } = await h.run({ 'backfill-start-time': '10d' });
    expect(h.api.requests).toHaveLength(1);
    expect(rec.failed).toMatch(/refused window .* with 400: Bad Request: startTime cannot be more than 30 days in the past/);
    expect(rec.warnings.filter((w) => w.startsWith('Cursor no longer serves'))).toEqual([]);
  });
});

describe('a start the user set beyond the limit', () => {
  it('gives one warning naming both dates, and costs no refused request, over many windows', async () => {
    const events = generateEvents({ start: NOW - 45 * DAY, end: NOW - MINUTE, count: 400, seed: 36 });
    h = await harness({ start: NOW, events });
    const { outputs, rec } = await h.run({ 'backfill-start-time': '45d', 'window-days': '4' });
    expect(rec.failed).toBeUndefined();
    expect(outputs.complete).toBe('true');
    expect(h.api.requests.filter((r) => r.status !== 200)).toEqual([]);
    const gaps = rec.warnings.filter((w) => /gap/i.test(w));
    expect(gaps).toEqual([
      `Cursor no longer serves audit events from ${iso(NOW - 45 * DAY)} to ${iso(NOW - 30 * DAY + 10 * MINUTE)} (it keeps about 30 days): that range is a gap in the log.`
    ]);
    const kept = events.filter((e) => Date.parse(e.timestamp as string) >= NOW - 30 * DAY + 10 * MINUTE).map((e) => e.event_id as string);
    expect(ids(allLines(await h.files())).sort()).toEqual(kept.sort());
  });
});
