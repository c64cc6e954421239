import { RateLimiter } from '../src/rate-limiter.ts';
import { MINUTE } from '../src/time.ts';
import { virtualClock } from './support/clock.ts';

describe('RateLimiter', () => {
  it('never grants more than the limit in any rolling window', async () => {
    const clock = virtualClock(0);
    const limiter = new RateLimiter(20, MINUTE, clock, clock.sleep);
    const grants: number[] = [];
    for (let i = 0; i < 95; i++) {
      if (i % 7 === 0) clock.advance(1234); // irregular work between requests
      await limiter.acquire();
      grants.push(clock.now());
    }
    for (let i = 20; i < grants.length; i++) expect(grants[i] - grants[i - 20]).toBeGreaterThanOrEqual(MINUTE);
    // and it does not wait more than it must: the 21st grant comes exactly a window after the 1st
    expect(grants[20] - grants[0]).toBe(MINUTE);
  });

  it('counts a grant from when its answer arrived, so a slow first answer cannot let the next window start early', async () => {
    const clock = virtualClock(0);
    const limiter = new RateLimiter(2, 1000, clock, clock.sleep);
    const first = await limiter.acquire();
    clock.advance(300); // the first request takes 300 ms: the server may have counted it at any point until then
    first.done();
    (await limiter.acquire()).done();
    const third = await limiter.acquire();
    expect(clock.now()).toBe(1300);
    expect(third.waitedMs).toBe(1000);
  });

  it('waits until a time the server asked for', async () => {
    const clock = virtualClock(1000);
    const limiter = new RateLimiter(20, MINUTE, clock, clock.sleep);
    limiter.blockUntil(6000);
    expect((await limiter.acquire()).waitedMs).toBe(5000);
    expect(clock.now()).toBe(6000);
  });
});
