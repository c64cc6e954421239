// A rolling-window rate limiter: never more than `limit` grants in any `windowMs`.

export interface Clock {
  now(): number;
}
export type Sleep = (ms: number) => Promise<void>;

export const realClock: Clock = { now: () => Date.now() };
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class RateLimiter {
  private readonly grants: number[] = [];
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
      wait = Math.max(wait, this.grants[this.grants.length - this.limit] + this.windowMs - now);
    }
    return wait;
  }

  /** Waits until a request may be sent, then counts it. Returns the milliseconds waited. */
  async acquire(): Promise<number> {
    let waited = 0;
    for (let wait = this.delay(); wait > 0; wait = this.delay()) {
      await this.sleep(wait);
      waited += wait;
    }
    this.grants.push(this.clock.now());
    if (this.grants.length > this.limit) this.grants.splice(0, this.grants.length - this.limit);
    return waited;
  }

  /** No grant before `time` (the server asked us to wait). */
  blockUntil(time: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, time);
  }
}
