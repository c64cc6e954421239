// Waits are bounded (issue 11): a Retry-After beyond the backoff cap (1 min) or beyond what is left
// of time-budget is capped and the log says so, and no wait reaches setTimeout above 2^31 − 1 ms
// (Node fires such a timer at once). Against the fake Cursor API with a virtual clock and sleep.
import { jest } from '@jest/globals';
import { generateEvents } from '../fake/events.ts';
import { MAX_TIMER_MS, realSleep } from '../src/clock.ts';
import { RateLimiter } from '../src/rate-limiter.ts';
import { DAY, MINUTE, SECOND } from '../src/time.ts';
import { allLines, harness, type Harness } from './support/harness.ts';
import { virtualClock } from './support/clock.ts';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
let h: Harness;
afterEach(async () => h?.close());

async function runWith429(retryAfter: string, inputs: Record<string, string> = {}) {
  const events = generateEvents({ start: NOW - DAY, end: NOW - MINUTE, count: 30, seed: 3 });
  h = await harness({ start: NOW, events });
  h.api.injectFaults({ kind: 'status', status: 429, headers: { 'Retry-After': retryAfter } });
  const result = await h.run({ 'backfill-start-time': '1d', ...inputs });
  expect(result.rec.failed).toBeUndefined();
  expect(allLines(await h.files())).toHaveLength(30);
  return { ...result, retry: result.rec.lines.filter((l) => l.startsWith('Retry ')) };
}

describe('Retry-After is capped', () => {
  it('a Retry-After of 2 h (seconds) waits 1 min, and the log says it was capped', async () => {
    const { retry } = await runWith429('7200');
    expect(Math.max(...h.clock.slept)).toBeLessThanOrEqual(MINUTE);
    expect(h.clock.slept).not.toContain(7200 * SECOND);
    expect(retry).toHaveLength(1);
    expect(retry[0]).toMatch(/rate limited \(429, Retry-After 2h\); waiting 1m \(Retry-After 2h capped to 1m, the longest wait\)\./);
  });

  it('an HTTP-date Retry-After a year ahead waits 1 min, and the log says it was capped', async () => {
    const { retry } = await runWith429(new Date(NOW + 365 * DAY).toUTCString());
    expect(Math.max(...h.clock.slept)).toBeLessThanOrEqual(MINUTE);
    expect(retry[0]).toMatch(/Retry-After 365d capped to 1m, the longest wait/);
  });

  it('a Retry-After of 2^31 ms or more never reaches a sleep (so never a setTimeout) uncapped', async () => {
    const { retry } = await runWith429(String(Math.ceil(2 ** 31 / SECOND) + 1)); // 24d 20h…
    expect(h.clock.slept.length).toBeGreaterThan(0);
    for (const ms of h.clock.slept) expect(ms).toBeLessThanOrEqual(MINUTE);
    expect(retry[0]).toMatch(/capped to 1m/);
  });

  it('a Retry-After longer than what is left of time-budget waits only what is left, and says so', async () => {
    const { retry } = await runWith429('50', { 'time-budget': '20s' });
    expect(Math.max(...h.clock.slept)).toBeLessThanOrEqual(20 * SECOND);
    expect(h.clock.slept).not.toContain(50 * SECOND);
    expect(retry[0]).toMatch(/Retry-After 50s capped to 20s, what is left of time-budget/);
  });

  it('a Retry-After within both bounds is honoured as given, with no "capped"', async () => {
    const { retry } = await runWith429('7', { 'time-budget': '10m' });
    expect(h.clock.slept).toContain(7 * SECOND);
    expect(retry[0]).not.toMatch(/capped/);
  });
});

describe('no timer overflows', () => {
  it('the rate limiter never asks for one sleep above 2^31 − 1 ms, however far it is blocked', async () => {
    const clock = virtualClock(0);
    const limiter = new RateLimiter(20, MINUTE, clock, clock.sleep);
    limiter.blockUntil(2 ** 33);
    const grant = await limiter.acquire();
    expect(clock.now()).toBe(2 ** 33); // it still waits the whole time, in steps
    for (const ms of clock.slept) expect(ms).toBeLessThanOrEqual(MAX_TIMER_MS);
    expect(grant.waitedMs).toBe(2 ** 33);
  });

  it('realSleep splits a wait of 2^31 ms or more into timers of at most 2^31 − 1 ms', async () => {
    const delays: number[] = [];
    const spy = jest.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      queueMicrotask(fn);
      return 0 as unknown as NodeJS.Timeout;
    }) as unknown as typeof setTimeout);
    try {
      await realSleep(2 ** 32 + 5);
    } finally {
      spy.mockRestore();
    }
    expect(delays.length).toBeGreaterThan(1);
    for (const ms of delays) expect(ms).toBeLessThanOrEqual(MAX_TIMER_MS);
    expect(delays.reduce((a, b) => a + b, 0)).toBe(2 ** 32 + 5);
  });
});
