// A rolling-window rate limiter: never more than `limit` grants in any `windowMs`.
// A grant counts from when its answer arrived (`Grant.done()`), not from when it was sent: the
// server counts a request when it receives it, somewhere between the two, so counting from the
// answer can never run ahead of the server's window, whatever the network delay or its jitter.

export interface Clock {
  now(): number;
}
export type Sleep = (ms: number) => Promise<void>;

export const realClock: Clock = { now: () => Date.now() };
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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
      await this.sleep(wait);
      waitedMs += wait;
    }
    const grant = { at: this.clock.now() };
    this.grants.push(grant);
    if (this.grants.length > this.limit) this.grants.splice(0, this.grants.length - this.limit);
    return { waitedMs, done: () => void (grant.at = Math.max(grant.at, this.clock.now())) };
  }

  /** No grant before `time` (the server asked us to wait). */
  blockUntil(time: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, time);
  }
}
