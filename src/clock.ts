// Time as the run sees it: a clock to read and a sleep to wait. Production uses the real ones;
// tests hand in a virtual clock whose sleep advances it, so no test waits for real.

export interface Clock {
  now(): number;
}
export type Sleep = (ms: number) => Promise<void>;

/** The longest delay setTimeout honours (2^31 − 1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export const realClock: Clock = { now: () => Date.now() };

/** Sleeps `ms`, in steps setTimeout honours, so even a huge wait is a wait and not an immediate wake-up. */
export const realSleep: Sleep = async (ms) => {
  for (let left = Math.max(0, ms); left > 0; left -= MAX_TIMER_MS) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, MAX_TIMER_MS)));
  }
};
