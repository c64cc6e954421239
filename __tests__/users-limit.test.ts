// users (issue 11): Cursor accepts at most pageSize users per request (the fake answers 400 past
// that), and the action keeps every request URL within 8 KB. The action refuses a list it cannot
// send, before any request, naming the count, the limit and what to do; it does not batch.
import { generateEvents, makeEvent } from '../fake/events.ts';
import { auditLogsUrl } from '../src/cursor-client.ts';
import { DAY, formatTime, MINUTE } from '../src/time.ts';
import { harness, type Harness } from './support/harness.ts';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
let h: Harness;
afterEach(async () => h?.close());

const emails = (n: number, width = 0) => Array.from({ length: n }, (_, i) => `user${i}${'x'.repeat(width)}@example.com`);

describe('users over page-size', () => {
  it('is refused before any request, naming the count, the limit and what to do', async () => {
    h = await harness({ start: NOW });
    const { rec } = await h.run({ 'backfill-start-time': '1d', 'page-size': '3', users: emails(4).join(',') });
    expect(h.api.requests).toHaveLength(0);
    expect(rec.failed).toContain('users lists 4 users, but Cursor accepts at most page-size (3) users in one request');
    expect(rec.failed).toMatch(/raise page-size to 4 or more .*or split the users into several steps of at most 3 users each/);
  });

  it('over 500 users: refused before any request, only splitting can help', async () => {
    h = await harness({ start: NOW });
    const { rec } = await h.run({ 'backfill-start-time': '1d', users: emails(501).join(',') });
    expect(h.api.requests).toHaveLength(0);
    expect(rec.failed).toContain('users lists 501 users, but Cursor accepts at most page-size (500) users in one request');
    expect(rec.failed).toContain('split the users into several steps of at most 500 users each');
    expect(rec.failed).not.toContain('raise page-size');
  });

  it('exactly page-size users is accepted, sent in one list, and their events stored', async () => {
    const users = emails(3);
    const events = [
      ...generateEvents({ start: NOW - DAY, end: NOW - MINUTE, count: 20, seed: 4 }),
      ...users.map((u, i) => makeEvent('login', NOW - 3600_000 * (i + 1), { event_id: `mine-${i}`, user_email: u }))
    ];
    h = await harness({ start: NOW, events });
    const { rec, outputs } = await h.run({ 'backfill-start-time': '1d', 'page-size': '3', users: users.join(',') });
    expect(rec.failed).toBeUndefined();
    expect(h.api.requests.length).toBeGreaterThan(0);
    expect(h.api.requests.every((r) => r.status === 200 && r.query.users === users.join(','))).toBe(true);
    expect(outputs['events-count']).toBe('3');
  });
});

describe('request URL over 8 KB', () => {
  /** `n` users whose longest request URL is exactly `bytes` long (the base URL and times as the run will have them). */
  function usersForUrl(baseUrl: string, bytes: number): string[] {
    const time = formatTime(NOW);
    const length = (users: string[]) =>
      auditLogsUrl(baseUrl, { startTime: time, endTime: time, page: 999_999_999, pageSize: 500, eventTypes: [], users }).length;
    const users = emails(60, 100);
    const short = length(users) - bytes;
    if (short > 0) throw new Error('test setup: base list already too long');
    users[0] = users[0].replace('@', `${'y'.repeat(-short)}@`);
    expect(length(users)).toBe(bytes);
    return users;
  }

  it('a users list making a URL of 8193 bytes is refused before any request, naming the size and the limit', async () => {
    h = await harness({ start: NOW });
    const { rec } = await h.run({ 'backfill-start-time': '1d', users: usersForUrl(h.api.url, 8193).join(',') });
    expect(h.api.requests).toHaveLength(0);
    expect(rec.failed).toContain(
      'users and event-types make a request URL of up to 8193 bytes, over the 8192 bytes (8 KB) the action sends (60 user(s), 0 event type(s))'
    );
    expect(rec.failed).toMatch(/split the users or event types into several steps/);
  });

  it('long event-types are counted too', async () => {
    h = await harness({ start: NOW });
    const types = Array.from({ length: 300 }, (_, i) => `bugbot_installation_settings_${i}`);
    const { rec } = await h.run({ 'backfill-start-time': '1d', 'event-types': types.join(',') });
    expect(h.api.requests).toHaveLength(0);
    expect(rec.failed).toMatch(/request URL of up to \d+ bytes, over the 8192 bytes \(8 KB\) the action sends \(0 user\(s\), 300 event type\(s\)\)/);
  });

  it('a list making a URL of exactly 8192 bytes is accepted, and no URL sent is longer', async () => {
    h = await harness({ start: NOW, events: generateEvents({ start: NOW - 40 * DAY, end: NOW - MINUTE, count: 50, seed: 2 }) });
    const lengths: number[] = [];
    const fetch = ((url: string | URL | Request, init?: RequestInit) => {
      lengths.push(Buffer.byteLength(String(url)));
      return globalThis.fetch(url, init);
    }) as typeof globalThis.fetch;
    const { rec } = await h.run({ 'backfill-start-time': '1d', users: usersForUrl(h.api.url, 8192).join(',') }, { fetch });
    expect(rec.failed).toBeUndefined();
    expect(lengths.length).toBeGreaterThan(0);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(8192);
  });
});
