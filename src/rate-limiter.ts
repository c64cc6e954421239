// A rolling-window rate limiter: never more than `limit` grants in any `windowMs`.
// A grant counts from when its answer arrived (`Grant.done()`), not from when it was sent: the
// server counts a request when it receives it, somewhere between the two, so counting from the
// answer can never run ahead of the server's window, whatever the network delay or its jitter.
import { type Clock, MAX_TIMER_MS, type Sleep } from './clock.ts';

export interface Grant {
  /** Milliseconds waited for the grant. */
  waitedMs: number;
  /** The answer arrived: the grant's window starts now. */
  done(): void;
}

export class RateLimiter {
  /** Times the recent grants count from, oldest first. */
  private readonly grants: { at: number }[] = [];
  private blockedUntil = 0;
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly clock: Clock;
  private readonly sleep: Sleep;

  constructor(limit: number, windowMs: number, clock: Clock, sleep: Sleep) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.clock = clock;
    this.sleep = sleep;
  }

  /** How long a grant asked for now would wait. */
  delay(): number {
    const now = this.clock.now();
    let wait = Math.max(0, this.blockedUntil - now);
    if (this.grants.length >= this.limit) {
      wait = Math.max(wait, this.grants[this.grants.length - this.limit].at + this.windowMs - now);
    }
    return wait;
  }

  /** Waits until a request may be sent, then counts it from now until `done()` moves it later. */
  async acquire(): Promise<Grant> {
    let waitedMs = 0;
    for (let wait = this.delay(); wait > 0; wait = this.delay()) {
      // No single sleep past what a timer can hold: the loop sleeps again for the rest.
      const step = Math.min(wait, MAX_TIMER_MS);
      await this.sleep(step);
      waitedMs += step;
    }
    const grant = { at: this.clock.now() };
    this.grants.push(grant);
    if (this.grants.length > this.limit) this.grants.splice(0, this.grants.length - this.limit);
    return { waitedMs, done: () => void (grant.at = Math.max(grant.at, this.clock.now())) };
  }

  /** No grant before `time` (the server asked us to wait). */
  blockUntil(time: number): void {
    if (Number.isNaN(time)) return;
    this.blockedUntil = Math.max(this.blockedUntil, time);
  }
}
