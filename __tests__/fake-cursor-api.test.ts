// Tests of the fake Cursor Admin API itself (fake/cursor-api.ts) and of the event generator.
import { afterEach, describe, expect, test } from '@jest/globals';
import { DEFAULT_API_KEY, startFakeCursorApi } from '../fake/cursor-api.ts';
import type { FakeCursorApi, FakeCursorApiOptions } from '../fake/cursor-api.ts';
import { ADMIN_API_EVENT_TYPES, EVENT_TYPES, generateEvents, makeEvent } from '../fake/events.ts';

const T0 = Date.parse('2026-05-04T00:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number): string => new Date(ms).toISOString();
const basic = (key: string, password = ''): string => `Basic ${Buffer.from(`${key}:${password}`).toString('base64')}`;

let api: FakeCursorApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

// The fake's clock defaults to two days after T0: the 30-day retention (on by default) is measured
// against it, and the tests' data lie around T0.
async function start(opts: FakeCursorApiOptions = {}): Promise<FakeCursorApi> {
  api = await startFakeCursorApi({ rateLimit: null, now: () => T0 + 2 * DAY, ...opts });
  return api;
}

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: () => any;
}

async function get(params: Record<string, string | number>, init: { auth?: string | null; path?: string } = {}): Promise<Reply> {
  const url = new URL((api as FakeCursorApi).url + (init.path ?? '/teams/audit-logs'));
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = {};
  const auth = init.auth === undefined ? basic(DEFAULT_API_KEY) : init.auth;
  if (auth !== null) headers.authorization = auth;
  const res = await fetch(url, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

const dayRange = { startTime: iso(T0), endTime: iso(T0 + DAY) };

describe('paging and selection', () => {
  test('pages oldest first (the default) with correct pagination fields and params', async () => {
    const events = generateEvents({ start: T0, end: T0 + DAY, count: 250, seed: 7 });
    await start({ events });
    const seen: any[] = [];
    for (let page = 1; page <= 3; page++) {
      const r = await get({ ...dayRange, page, pageSize: 100 });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      const body = r.json();
      expect(body.pagination).toEqual({
        page,
        pageSize: 100,
        totalCount: 250,
        totalPages: 3,
        hasNextPage: page < 3,
        hasPreviousPage: page > 1
      });
      expect(body.events).toHaveLength(page < 3 ? 100 : 50);
      expect(body.params).toEqual({ teamId: 4817203, startDate: T0, endDate: T0 + DAY });
      expect(Object.keys(body)).toEqual(['events', 'pagination', 'params']);
      seen.push(...body.events);
    }
    expect(seen).toEqual(events);
    const beyond = (await get({ ...dayRange, page: 4, pageSize: 100 })).json();
    expect(beyond.events).toEqual([]);
    expect(beyond.pagination).toMatchObject({ page: 4, hasNextPage: false, hasPreviousPage: true });
    // Default pageSize is 100, default page 1.
    expect((await get(dayRange)).json().pagination).toMatchObject({ page: 1, pageSize: 100 });
  });

  test("order 'newest-first' serves the same events in reverse; teamId is an option", async () => {
    const events = generateEvents({ start: T0, end: T0 + DAY, count: 30, seed: 8 });
    await start({ events, order: 'newest-first', teamId: 12345 });
    const body = (await get({ ...dayRange, pageSize: 500 })).json();
    expect(body.events).toEqual([...events].reverse());
    expect(body.params.teamId).toBe(12345);
  });

  test('nothing matching: totalCount 0, totalPages 0, no next page', async () => {
    await start();
    expect((await get(dayRange)).json()).toEqual({
      events: [],
      pagination: { page: 1, pageSize: 100, totalCount: 0, totalPages: 0, hasNextPage: false, hasPreviousPage: false },
      params: { teamId: 4817203, startDate: T0, endDate: T0 + DAY }
    });
  });

  test('startTime and endTime in the formats Cursor documents; defaults 7 days ago and now', async () => {
    const now = T0 + 10 * DAY + 5 * HOUR;
    await start({ now: () => now });
    const params = async (q: Record<string, string>): Promise<[number, number]> => {
      const r = await get(q);
      expect(r.status).toBe(200);
      const p = r.json().params;
      return [p.startDate, p.endDate];
    };
    expect(await params({})).toEqual([now - 7 * DAY, now]);
    expect(await params({ startTime: '7d', endTime: 'now' })).toEqual([now - 7 * DAY, now]);
    expect(await params({ startTime: '5h', endTime: '300s' })).toEqual([now - 5 * HOUR, now - 300_000]);
    expect(await params({ startTime: 'yesterday', endTime: 'today' })).toEqual([T0 + 9 * DAY, T0 + 10 * DAY]);
    expect(await params({ startTime: '2026-05-04', endTime: '2026-05-05' })).toEqual([T0, T0 + DAY]);
    expect(await params({ startTime: String(T0 / 1000), endTime: String(T0 + DAY) })).toEqual([T0, T0 + DAY]);
    expect(await params({ startTime: '2026-05-04T10:00:00-05:00', endTime: iso(T0 + DAY) })).toEqual([T0 + 15 * HOUR, T0 + DAY]);
  });

  test("ties on timestamp: event_id ascending by default, descending with 'newest-first'", async () => {
    const ts = T0 + HOUR;
    const events = ['b', 'c', 'a'].map((id) => makeEvent('login', ts, { event_id: id }));
    await start({ events });
    expect((await get(dayRange)).json().events.map((e: any) => e.event_id)).toEqual(['a', 'b', 'c']);
    await api?.close();
    await start({ events, order: 'newest-first' });
    expect((await get(dayRange)).json().events.map((e: any) => e.event_id)).toEqual(['c', 'b', 'a']);
  });

  test('startTime and endTime are both inclusive, with or without milliseconds and with offsets', async () => {
    const s = T0 + HOUR;
    const e = T0 + 2 * HOUR;
    await start({
      events: [
        makeEvent('login', s - 1, { event_id: 'before' }),
        makeEvent('login', s, { event_id: 'at-start' }),
        makeEvent('logout', s + 1000, { event_id: 'inside' }),
        makeEvent('login', e, { event_id: 'at-end' }),
        makeEvent('login', e + 1, { event_id: 'after' })
      ]
    });
    const ids = async (q: Record<string, string>): Promise<string[]> => (await get(q)).json().events.map((x: any) => x.event_id);
    expect(await ids({ startTime: iso(s), endTime: iso(e) })).toEqual(['at-start', 'inside', 'at-end']);
    expect(await ids({ startTime: '2026-05-04T01:00:00Z', endTime: '2026-05-04T02:00:00Z' })).toEqual(['at-start', 'inside', 'at-end']);
    expect(await ids({ startTime: '2026-05-04T03:00:00+02:00', endTime: '2026-05-03T21:00:00.000-05:00' })).toEqual(['at-start', 'inside', 'at-end']);
  });

  test('eventTypes and users filters (users case-insensitive)', async () => {
    await start({
      events: [
        makeEvent('login', T0 + 1, { event_id: '1', user_email: 'Maria@example.com' }),
        makeEvent('logout', T0 + 2, { event_id: '2', user_email: 'maria@example.com' }),
        makeEvent('team_settings', T0 + 3, { event_id: '3', user_email: 'wei@example.com' }),
        makeEvent('remove_user', T0 + 4, { event_id: '4', user_email: 'maria@example.com' })
      ]
    });
    const ids = async (q: Record<string, string>): Promise<string[]> => (await get({ ...dayRange, ...q })).json().events.map((x: any) => x.event_id);
    expect(await ids({ eventTypes: 'login,logout' })).toEqual(['1', '2']);
    expect(await ids({ users: 'MARIA@EXAMPLE.COM' })).toEqual(['1', '2', '4']);
    expect(await ids({ users: 'nobody@example.com, wei@example.com' })).toEqual(['3']);
    expect(await ids({ users: 'maria@example.com', eventTypes: 'remove_user,team_settings' })).toEqual(['4']);
    const r = (await get({ ...dayRange, eventTypes: 'login' })).json();
    expect(r.pagination).toMatchObject({ totalCount: 1, totalPages: 1, hasNextPage: false });
  });

  test('raw events are served byte for byte', async () => {
    const raw =
      '{"event_id":"raw-1","timestamp":"2026-05-04T10:00:00.000Z","ip_address":"192.0.2.1","user_email":"a@example.com",' +
      '"event_type":"team_settings","event_data":{"z":1,"big":12345678901234567890,"text":"line\\u2028sep \\"q\\" \\u00e9","a":[1.50,2e3]}}';
    const raw2 = ' { "event_id" : "raw-2", "timestamp":"2026-05-04T09:00:00Z" } ';
    await start({ events: [raw, raw2] });
    const r = await get(dayRange);
    expect(r.text.startsWith(`{"events":[${raw2},${raw}],"pagination":{`)).toBe(true);
    expect(r.text).toContain('12345678901234567890');
    expect(r.text).toContain('\\u2028');
  });

  test('addEvents, setEvents and eventCount', async () => {
    const fake = await start();
    expect(fake.eventCount()).toBe(0);
    fake.addEvents([makeEvent('login', T0 + 5, { event_id: 'x' })]);
    fake.addEvents(['{"event_id":"y","timestamp":"2026-05-04T00:00:00.010Z"}']);
    expect(fake.eventCount()).toBe(2);
    expect((await get(dayRange)).json().events.map((e: any) => e.event_id)).toEqual(['x', 'y']);
    fake.setEvents([]);
    expect(fake.eventCount()).toBe(0);
    expect(() => fake.addEvents(['{not json'])).toThrow(TypeError);
  });
});

describe('tie order, endless hasNextPage, users cap', () => {
  const tiedAt = T0 + HOUR;
  const tied = Array.from({ length: 30 }, (_, i) => makeEvent('login', tiedAt, { event_id: `tie-${String(i).padStart(2, '0')}` }));
  const others = [makeEvent('logout', T0 + 2 * HOUR, { event_id: 'newer' }), makeEvent('logout', T0 + 1, { event_id: 'older' })];
  const order = async (): Promise<string[]> => (await get(dayRange)).json().events.map((e: any) => e.event_id);

  test("tieOrder 'shuffle': ties come in a new order on every request, seeded; other events keep their places", async () => {
    const runs = async (opts: FakeCursorApiOptions): Promise<string[][]> => {
      await start({ events: [...tied, ...others], ...opts });
      const out: string[][] = [];
      for (let i = 0; i < 6; i++) out.push(await order());
      await api?.close();
      api = undefined;
      return out;
    };
    const stable = await runs({});
    expect(new Set(stable.map((o) => o.join()))).toHaveProperty('size', 1);
    expect(stable[0]?.slice(1, 4)).toEqual(['tie-00', 'tie-01', 'tie-02']);
    const shuffled = await runs({ tieOrder: 'shuffle', seed: 5 });
    expect(new Set(shuffled.map((o) => o.join())).size).toBe(6); // a new order each time
    for (const o of shuffled) {
      expect(o[0]).toBe('older');
      expect(o[31]).toBe('newer');
      expect([...o.slice(1, 31)].sort()).toEqual(tied.map((e) => e.event_id));
    }
    expect(await runs({ tieOrder: 'shuffle', seed: 5 })).toEqual(shuffled); // deterministic
    expect(await runs({ tieOrder: 'shuffle', seed: 6 })).not.toEqual(shuffled);
  });

  test("tieOrder 'shuffle': paging by offset can repeat and skip tied events", async () => {
    let broken = 0;
    for (let seed = 1; seed <= 5; seed++) {
      await start({ events: tied, tieOrder: 'shuffle', seed });
      const ids: string[] = [];
      for (let page = 1; page <= 3; page++) ids.push(...(await get({ ...dayRange, page, pageSize: 10 })).json().events.map((e: any) => e.event_id));
      expect(ids).toHaveLength(30);
      if (new Set(ids).size < 30) broken++;
      await api?.close();
      api = undefined;
    }
    expect(broken).toBeGreaterThan(0);
  });

  test('endlessNextPage: every page says hasNextPage, pages past the end are empty', async () => {
    await start({ events: generateEvents({ start: T0, end: T0 + DAY, count: 25, seed: 2 }), endlessNextPage: true });
    const pages = [];
    for (let page = 1; page <= 5; page++) pages.push((await get({ ...dayRange, page, pageSize: 10 })).json());
    expect(pages.map((p) => p.events.length)).toEqual([10, 10, 5, 0, 0]);
    for (const [i, p] of pages.entries()) {
      expect(p.pagination).toEqual({ page: i + 1, pageSize: 10, totalCount: 25, totalPages: 3, hasNextPage: true, hasPreviousPage: i > 0 });
    }
  });

  test("users: more entries than the pageSize is refused with 400 in Cursor's shape; maxUsers overrides the cap", async () => {
    const list = (n: number): string => Array.from({ length: n }, (_, i) => `u${i}@example.com`).join(',');
    await start({ events: others });
    const over = await get({ ...dayRange, pageSize: 2, users: list(3) });
    expect(over.status).toBe(400);
    expect(over.json()).toEqual({ error: 'Bad Request', message: expect.stringMatching(/users.*3.*2/i) });
    expect((await get({ ...dayRange, pageSize: 2, users: list(2) })).status).toBe(200);
    expect((await get({ ...dayRange, users: list(101) })).status).toBe(400); // default pageSize 100
    expect((await get({ ...dayRange, users: list(100) })).status).toBe(200);
    expect((await get({ ...dayRange, pageSize: 500, users: list(500) })).status).toBe(200);
    await api?.close();
    await start({ events: others, maxUsers: 5 });
    expect((await get({ ...dayRange, pageSize: 500, users: list(6) })).status).toBe(400);
    expect((await get({ ...dayRange, pageSize: 1, users: list(5) })).status).toBe(200);
  });
});

describe('validation', () => {
  test('400 for a range over 30 days; exactly 30 days is accepted', async () => {
    await start();
    const over = await get({ startTime: iso(T0), endTime: iso(T0 + 30 * DAY + 1) });
    expect(over.status).toBe(400);
    expect(over.json()).toEqual({ error: 'Bad Request', message: 'Date range cannot exceed 30 days' });
    expect((await get({ startTime: iso(T0), endTime: iso(T0 + 30 * DAY) })).status).toBe(200);
  });

  test.each([
    [{ pageSize: 501 }, /500/],
    [{ pageSize: 0 }, /pageSize/],
    [{ pageSize: 'ten' }, /pageSize/],
    [{ page: 0 }, /page/],
    [{ page: '1.5' }, /page/],
    [{ startTime: 'last week' }, /^Invalid startTime/],
    [{ endTime: '2026-13-01T00:00:00Z' }, /^Invalid endTime/],
    [{ startTime: '2026-05-04T10:00:00' }, /^Invalid startTime/],
    [{ startTime: '3w' }, /^Invalid startTime/],
    [{ startTime: iso(T0 + DAY), endTime: iso(T0) }, /before/]
  ] as Array<[Record<string, string | number>, RegExp]>)('400 for %j', async (q, message) => {
    await start();
    const r = await get({ ...dayRange, ...q });
    expect(r.status).toBe(400);
    expect(r.json()).toEqual({ error: 'Bad Request', message: expect.stringMatching(message) });
  });

  test("retention, on by default: a startTime more than 30 days before the request is refused in Cursor's shape", async () => {
    let now = T0 + 40 * DAY;
    await start({ now: () => now });
    const old = await get({ startTime: iso(now - 30 * DAY - 1), endTime: iso(now - 2 * DAY) });
    expect(old.status).toBe(400);
    expect(old.json()).toEqual({ error: 'Bad Request', message: 'startTime cannot be more than 30 days in the past' });
    expect((await get({ startTime: iso(now - 30 * DAY), endTime: iso(now) })).status).toBe(200);
    // measured at each request: the same start is refused a millisecond later
    now += 1;
    expect((await get({ startTime: iso(now - 1 - 30 * DAY), endTime: iso(now) })).status).toBe(400);
  });

  test('retention: retentionDays sets the period; false turns it off', async () => {
    const now = T0 + 40 * DAY;
    await start({ now: () => now, retentionDays: 7 });
    const r = await get({ startTime: iso(now - 8 * DAY), endTime: iso(now) });
    expect(r.status).toBe(400);
    expect(r.json().message).toBe('startTime cannot be more than 7 days in the past');
    await api?.close();
    await start({ now: () => now, retentionDays: false });
    expect((await get({ startTime: iso(T0), endTime: iso(T0 + DAY) })).status).toBe(200);
  });

  test('404 for another path', async () => {
    await start();
    const r = await get({}, { path: '/teams/members' });
    expect(r.status).toBe(404);
    expect(r.json()).toEqual({ error: 'Not Found', message: 'Resource not found' });
  });
});

describe('auth', () => {
  test.each([
    ['no header', null],
    ['wrong key', basic('crsr_' + 'b'.repeat(64))],
    ['key with a password', basic(DEFAULT_API_KEY, 'x')],
    ['bearer', `Bearer ${DEFAULT_API_KEY}`],
    ['key with a trailing space', basic(DEFAULT_API_KEY + ' ')]
  ])('401 for %s', async (_name, auth) => {
    const fake = await start();
    const r = await get(dayRange, { auth });
    expect(r.status).toBe(401);
    expect(r.json()).toEqual({ error: 'Unauthorized', message: 'Invalid API key' });
    expect(fake.requests[0]).toMatchObject({ status: 401, authorization: auth ?? undefined });
  });

  test('403 for a forbidden key; a custom key works', async () => {
    await start({ apiKey: 'crsr_custom', forbiddenKeys: ['crsr_member'] });
    expect((await get(dayRange, { auth: basic('crsr_member') })).status).toBe(403);
    expect((await get(dayRange, { auth: basic('crsr_member') })).json()).toEqual({ error: 'Forbidden', message: 'Enterprise access required' });
    expect((await get(dayRange, { auth: basic('crsr_custom') })).status).toBe(200);
    expect((await get(dayRange)).status).toBe(401);
  });
});

describe('rate limit', () => {
  test('rolling window under a virtual clock, with Retry-After when asked for', async () => {
    let clock = T0;
    const fake = await start({ rateLimit: { limit: 3, windowMs: 60_000 }, now: () => clock, retryAfter: true });
    for (const t of [0, 10_000, 20_000]) {
      clock = T0 + t;
      expect((await get(dayRange)).status).toBe(200);
    }
    expect((await get(dayRange, { auth: null })).status).toBe(401); // auth first, not counted
    clock = T0 + 30_500;
    const limited = await get(dayRange);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30'); // the request at T0 leaves at T0 + 60 s
    expect(limited.json()).toEqual({ error: 'Too Many Requests', message: 'Rate limit exceeded. Please try again later.' });
    clock = T0 + 59_999;
    expect((await get(dayRange)).status).toBe(429);
    expect((await get(dayRange)).headers.get('retry-after')).toBe('1');
    clock = T0 + 60_000;
    expect((await get(dayRange)).status).toBe(200); // 429s were not counted
    expect((await get(dayRange)).status).toBe(429); // 10 s, 20 s and 60 s are in the window
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 200, 401, 429, 429, 429, 200, 429]);
    expect(fake.requests.map((r) => r.at - T0)).toEqual([0, 10_000, 20_000, 20_000, 30_500, 59_999, 59_999, 60_000, 60_000]);
  });

  test('by default a 429 has no Retry-After; retryAfter: "date" sends an HTTP date', async () => {
    const clock = T0 + 0.5 * 1000;
    await start({ rateLimit: { limit: 1, windowMs: 60_000 }, now: () => clock });
    expect((await get(dayRange)).status).toBe(200);
    const bare = await get(dayRange);
    expect(bare.status).toBe(429);
    expect(bare.headers.get('retry-after')).toBeNull();
    expect(bare.json()).toEqual({ error: 'Too Many Requests', message: 'Rate limit exceeded. Please try again later.' });
    await api?.close();
    await start({ rateLimit: { limit: 1, windowMs: 60_000 }, now: () => clock, retryAfter: 'date' });
    await get(dayRange);
    const dated = await get(dayRange);
    expect(dated.headers.get('retry-after')).toBe(new Date(T0 + 60_500).toUTCString());
  });

  test('default limit is 20 per minute; injected faults count', async () => {
    const clock = T0;
    api = await startFakeCursorApi({ now: () => clock });
    api.injectFaults({ kind: 'status', status: 503 });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await get(dayRange)).status);
    expect(statuses[0]).toBe(503);
    expect(api.requests.length).toBe(21);
    expect(statuses.slice(1, 20).every((s) => s === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});

describe('faults', () => {
  const events = generateEvents({ start: T0, end: T0 + DAY, count: 30, seed: 3 });

  test('status faults, FIFO, with headers and body; recorded', async () => {
    const fake = await start({ events });
    fake.injectFaults(
      { kind: 'status', status: 429, headers: { 'Retry-After': '2' } },
      { kind: 'status', status: 503, body: 'upstream unavailable', headers: { 'Content-Type': 'text/plain' } },
      { kind: 'status', status: 429, headers: { 'Retry-After': 'Wed, 21 Oct 2026 07:28:00 GMT' } }
    );
    expect(fake.pendingFaults()).toBe(3);
    const a = await get(dayRange);
    expect([a.status, a.headers.get('retry-after')]).toEqual([429, '2']);
    const b = await get(dayRange);
    expect([b.status, b.text, b.headers.get('content-type')]).toEqual([503, 'upstream unavailable', 'text/plain']);
    const c = await get(dayRange);
    expect([c.status, c.headers.get('retry-after')]).toEqual([429, 'Wed, 21 Oct 2026 07:28:00 GMT']);
    expect((await get(dayRange)).status).toBe(200);
    expect(fake.pendingFaults()).toBe(0);
    expect(fake.requests.map((r) => [r.status, r.fault])).toEqual([
      [429, 'status'],
      [503, 'status'],
      [429, 'status'],
      [200, undefined]
    ]);
  });

  test('faults wait for a matching request (page, startTime)', async () => {
    const fake = await start({ events });
    fake.injectFaults({ kind: 'status', status: 500, match: { page: 2 } }, { kind: 'status', status: 502, match: { startTime: '2026-05-04T00:00:00Z' } });
    expect((await get({ ...dayRange, startTime: '2026-05-04T00:00:00.001Z', page: 1 })).status).toBe(200);
    expect((await get({ ...dayRange, page: 1 })).status).toBe(502); // same instant as the match
    expect(fake.pendingFaults()).toBe(1);
    expect((await get({ ...dayRange, page: 2, pageSize: 10 })).status).toBe(500);
    expect((await get({ ...dayRange, page: 2, pageSize: 10 })).status).toBe(200);
  });

  test('reset destroys the socket without a response', async () => {
    const fake = await start({ events });
    fake.injectFaults({ kind: 'reset' });
    await expect(get(dayRange)).rejects.toThrow();
    expect(fake.requests[0]).toMatchObject({ status: 0, fault: 'reset' });
    expect((await get(dayRange)).status).toBe(200);
  });

  test('truncate: 200 and half the body, ended cleanly', async () => {
    const fake = await start({ events });
    const full = (await get(dayRange)).text;
    fake.injectFaults({ kind: 'truncate' });
    const r = await get(dayRange);
    expect(r.status).toBe(200);
    expect(r.text).toBe(
      Buffer.from(full)
        .subarray(0, Math.floor(Buffer.byteLength(full) / 2))
        .toString()
    );
    expect(() => r.json()).toThrow(SyntaxError);
  });

  test('truncate-abort: full Content-Length, half the body, then the connection drops', async () => {
    const fake = await start({ events });
    const full = (await get(dayRange)).text;
    fake.injectFaults({ kind: 'truncate-abort' });
    const res = await fetch(`${fake.url}/teams/audit-logs?startTime=${dayRange.startTime}&endTime=${dayRange.endTime}`, {
      headers: { authorization: basic(DEFAULT_API_KEY) }
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(full)));
    await expect(res.text()).rejects.toThrow();
  });

  test('nonjson: 200 with an HTML page', async () => {
    const fake = await start({ events });
    fake.injectFaults({ kind: 'nonjson' });
    const r = await get(dayRange);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(() => r.json()).toThrow(SyntaxError);
  });

  test('slow: answers normally after the delay', async () => {
    const fake = await start({ events });
    fake.injectFaults({ kind: 'slow', delayMs: 150 });
    const t = performance.now();
    const r = await get(dayRange);
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
    expect(r.status).toBe(200);
    expect(r.json().events).toHaveLength(30);
    expect(fake.requests[0]).toMatchObject({ status: 200, fault: 'slow' });
  });

  test('slow: close() does not wait for a pending slow answer', async () => {
    const fake = await start({ events });
    fake.injectFaults({ kind: 'slow', delayMs: 60_000 });
    const pending = get(dayRange).catch((err: unknown) => err);
    while (fake.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await fake.close();
    expect(await pending).toMatchObject({ name: 'TypeError', message: 'fetch failed' }); // from another realm: no instanceof
  });

  test('empty-page and wrong-total-pages', async () => {
    const fake = await start({ events });
    fake.injectFaults({ kind: 'empty-page' }, { kind: 'wrong-total-pages', totalPages: 1 });
    const empty = (await get({ ...dayRange, pageSize: 500 })).json();
    expect(empty.events).toEqual([]);
    expect(empty.pagination).toMatchObject({ totalCount: 30, hasNextPage: true });
    const wrong = (await get({ ...dayRange, pageSize: 10 })).json();
    expect(wrong.events).toHaveLength(10);
    expect(wrong.pagination).toMatchObject({ totalPages: 1, totalCount: 30, hasNextPage: true });
  });

  test('onRequest hook can return a fault', async () => {
    await start({ events, onRequest: (req) => (req.query.page === '3' ? { kind: 'status', status: 500 } : undefined) });
    expect((await get({ ...dayRange, page: 3, pageSize: 10 })).status).toBe(500);
    expect((await get({ ...dayRange, page: 2, pageSize: 10 })).status).toBe(200);
  });
});

describe('event generator', () => {
  test('deterministic, unique, sorted, within [start, end), mostly logins', () => {
    const opts = { start: new Date(T0), end: T0 + 7 * DAY, count: 2000, seed: 42 };
    const a = generateEvents(opts);
    expect(generateEvents(opts)).toEqual(a);
    expect(generateEvents({ ...opts, seed: 43 })).not.toEqual(a);
    expect(new Set(a.map((e) => e.event_id)).size).toBe(2000);
    const times = a.map((e) => Date.parse(e.timestamp as string));
    expect(times.every((t, i) => t >= T0 && t < T0 + 7 * DAY && (i === 0 || t >= (times[i - 1] as number)))).toBe(true);
    for (const e of a) {
      expect(Object.keys(e)).toEqual(['event_id', 'timestamp', 'ip_address', 'user_email', 'event_type', 'event_data']);
      expect(e.event_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(new Date(e.timestamp as string).toISOString()).toBe(e.timestamp);
      if (e.user_email === 'unknown') {
        expect(e.ip_address).toBe('unknown'); // a system event (auto-enrolment, automated removal)
        expect(['add_user', 'remove_user']).toContain(e.event_type);
      } else {
        expect(e.ip_address).toMatch(/^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/);
        expect(e.user_email).toMatch(/@example\.com$/);
      }
    }
    expect(a.filter((e) => e.user_email === 'unknown').length).toBeGreaterThan(0);
    const counts = new Map<string, number>();
    for (const e of a) counts.set(e.event_type as string, (counts.get(e.event_type as string) ?? 0) + 1);
    expect((counts.get('login') ?? 0) / 2000).toBeGreaterThan(0.5);
    expect(counts.size).toBeGreaterThanOrEqual(30);
    for (const type of counts.keys()) expect(EVENT_TYPES).toContain(type);
    const only = generateEvents({ ...opts, count: 50, types: ['team_hook', 'privacy_mode'] });
    expect(new Set(only.map((e) => e.event_type))).toEqual(new Set(['team_hook', 'privacy_mode']));
  });

  test("every event type in Cursor's list is generated, with a non-empty event_data but logout's", () => {
    expect(EVENT_TYPES.slice(0, ADMIN_API_EVENT_TYPES.length)).toEqual(ADMIN_API_EVENT_TYPES);
    expect(ADMIN_API_EVENT_TYPES).toHaveLength(27);
    for (const t of ['team_repo', 'team_hook', 'team_command', 'user_spend_limit', 'delete_directory_group', 'bugbot_bulk_repo_update']) {
      expect(ADMIN_API_EVENT_TYPES).toContain(t);
    }
    const all = generateEvents({ start: T0, end: T0 + 30 * DAY, count: 20_000, seed: 11 });
    expect(new Set(all.map((e) => e.event_type))).toEqual(new Set(EVENT_TYPES));
    for (const type of EVENT_TYPES) {
      const data = makeEvent(type, T0, undefined, { seed: 3 }).event_data as Record<string, unknown>;
      if (type === 'logout') expect(data).toEqual({});
      else expect(Object.keys(data).length).toBeGreaterThan(0);
    }
    expect(Object.keys(makeEvent('team_hook', T0, undefined, { seed: 2 }).event_data as object)).toEqual(
      expect.arrayContaining(['action', 'hook_id', 'hook_step', 'hook_type', 'script_name', 'operating_systems', 'is_active'])
    );
  });

  test('makeEvent: event_data per type, overrides, determinism', () => {
    for (const type of EVENT_TYPES) {
      const e = makeEvent(type, T0, undefined, { seed: 1 });
      expect(e).toEqual(makeEvent(type, T0, undefined, { seed: 1 }));
      expect(e.event_type).toBe(type);
      expect(e.timestamp).toBe('2026-05-04T00:00:00.000Z');
    }
    expect(Object.keys(makeEvent('add_user', T0, { event_id: 'x' }).event_data as object)).toEqual([
      'user_email',
      'role',
      'source',
      'team_id',
      'invited_by_email',
      'invited_by_user_id',
      'invite_id'
    ]);
    expect(makeEvent('logout', T0).event_data).toEqual({});
    expect(makeEvent('login', T0, { event_id: 'same' })).toEqual(makeEvent('login', T0, { event_id: 'same' }));
    expect(makeEvent('login', T0).event_id).not.toBe(makeEvent('login', T0).event_id);
    const failed = makeEvent('login', '2026-05-04T09:30:22.1Z', { event_data: { success: false }, ip_address: undefined, extra: 1 });
    expect(Object.keys(failed)).toEqual(['event_id', 'timestamp', 'user_email', 'event_type', 'event_data', 'extra']);
    expect(failed.timestamp).toBe('2026-05-04T09:30:22.1Z');
    expect(failed.event_data).toMatchObject({ success: false, login_type: expect.stringMatching(/^LOGIN_TYPE_(WEB|APP)$/) });
    const group = makeEvent('create_directory_group', T0, undefined, { seed: 9 }).event_data as Record<string, unknown>;
    expect(typeof JSON.parse(group.metadata as string)).toBe('object');
  });
});
