// Seeded fault schedules: 200 seeds, each a dataset, a set of inputs and a mix of faults (429 storms,
// 5xx bursts, resets, truncated and non-JSON bodies, a rare slow answer, pagination anomalies, events
// arriving while the window is paged); the files and the checkpoint must come out right every time.
// `node scripts/soak.ts --seeds 2000` runs the same schedules on more seeds.
import { addToTotals, emptyTotals, formatTotals, runSeeds } from './support/fault-schedule.ts';

const SEEDS = 200;
const CHUNK = 40;
/** Seeds run side by side: each has its own fake API, virtual clock, folders and checkpoint-key. */
const CONCURRENCY = 4;
const totals = emptyTotals();

afterAll(() => {
  console.log(`Fault schedule, seeds 1..${SEEDS}:\n${formatTotals(totals)}`);
});

const chunks = Array.from({ length: SEEDS / CHUNK }, (_, i) => [i * CHUNK + 1, (i + 1) * CHUNK] as const);

describe('seeded fault schedules', () => {
  it.each(chunks)('seeds %d..%d store every event exactly once, in order, behind the checkpoint', async (from, to) => {
    const failures: Record<number, string[]> = {};
    const seeds = Array.from({ length: to - from + 1 }, (_, i) => from + i);
    await runSeeds(seeds, CONCURRENCY, (result) => {
      addToTotals(totals, result);
      if (result.violations.length) failures[result.seed] = [...result.runFailures.map((f) => `(${f.slice(0, 300)})`), ...result.violations];
    });
    expect(failures).toEqual({});
  });
});
