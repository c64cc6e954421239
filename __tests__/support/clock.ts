// A virtual clock: sleeping advances it at once, so rate-limit waits cost no real time.
export interface VirtualClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  advance(ms: number): void;
  slept: number[];
}

export function virtualClock(start = Date.parse('2026-11-25T12:00:00.000Z')): VirtualClock {
  let t = start;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
    advance: (ms) => {
      t += ms;
    },
    slept
  };
}
