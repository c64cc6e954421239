// `npm run soak`: the seeded fault schedules of __tests__/fault-schedule.test.ts on many more seeds,
// outside Jest (Node runs the TypeScript directly). Each seed is a dataset, a set of inputs and a mix
// of faults the fake Cursor API injects; the files and the checkpoint are checked after every run.
//
//   node scripts/soak.ts --seeds 2000            seeds 1..2000
//   node scripts/soak.ts --from 5000 --seeds 500 seeds 5000..5499
//   node scripts/soak.ts --seed 137 --log        one seed, with the logs of its runs when it fails
//
// Prints progress, the failing seeds with their violations, the totals, and `N passed, M failed`;
// exits 1 when any seed failed.
import { parseArgs } from 'node:util';
import { addToTotals, emptyTotals, formatTotals, runSeeds, type SeedResult } from '../__tests__/support/fault-schedule.ts';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '2000' },
    from: { type: 'string', default: '1' },
    seed: { type: 'string' },
    concurrency: { type: 'string', default: '4' },
    log: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false }
  }
});

if (values.help) {
  console.log('node scripts/soak.ts [--seeds N] [--from S] [--seed X] [--concurrency C] [--log]');
  process.exit(0);
}

const positive = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return n;
};

const seeds =
  values.seed !== undefined
    ? [positive('seed', values.seed)]
    : Array.from({ length: positive('seeds', values.seeds) }, (_, i) => positive('from', values.from) + i);
const concurrency = Math.max(1, positive('concurrency', values.concurrency));
const totals = emptyTotals();
const failed: SeedResult[] = [];
const started = performance.now();
let lastProgress = started;
let done = 0;

console.log(`Soak: ${seeds.length} seed(s) from ${seeds[0] ?? '-'}, ${concurrency} at a time.`);

await runSeeds(
  seeds,
  concurrency,
  (result) => {
    done++;
    addToTotals(totals, result);
    if (result.violations.length) {
      failed.push(result);
      console.log(
        `✗ seed ${result.seed}: ${result.violations.length} violation(s); params ${JSON.stringify(result.params)}; faults ${JSON.stringify(result.faults)}`
      );
      for (const f of result.runFailures) console.log(`    (${f.length > 400 ? `${f.slice(0, 400)}…` : f})`);
      for (const v of result.violations.slice(0, 8)) console.log(`    ${v}`);
      if (result.violations.length > 8) console.log(`    … ${result.violations.length - 8} more`);
      if (result.log) console.log(result.log);
    }
    const now = performance.now();
    if (done === seeds.length || done % 100 === 0 || now - lastProgress > 10_000) {
      lastProgress = now;
      console.log(`  ${done}/${seeds.length} seeds, ${failed.length} failed, ${((now - started) / 1000).toFixed(1)} s`);
    }
  },
  { keepLog: values.log }
);

console.log(`\n${formatTotals(totals)}`);
console.log(
  `\n${seeds.length - failed.length} passed, ${failed.length} failed${
    failed.length
      ? ` (seeds ${failed
          .map((r) => r.seed)
          .sort((a, b) => a - b)
          .join(', ')})`
      : ''
  } in ${((performance.now() - started) / 1000).toFixed(1)} s`
);
process.exit(failed.length ? 1 : 0);
