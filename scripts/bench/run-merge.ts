// Part 2, merge: runs `node scripts/bench/merge.ts --json` (the merge benchmark, its own module) and
// reads the JSON object on its last line: events merged, events a second, peak RSS in MB.
import { join } from 'node:path';
import { ROOT, round, tail, timeNode } from './process.ts';

export interface Merge {
  events: number;
  eventsPerSecond: number;
  peakRssMb: number;
  /** Seconds of the timed work (spool, merge, files). */
  workSeconds: number;
  /** Events a second of the client's page parsing, timed apart. */
  pageParseEventsPerSecond: number;
  /** Spawn to exit of the merge benchmark (making the data included). */
  seconds: number;
}

const MERGE = join(ROOT, 'scripts', 'bench', 'merge.ts');

export async function runMergeBench(): Promise<Merge> {
  const run = await timeNode([MERGE, '--json'], process.env as Record<string, string>, ROOT, 180_000);
  if (run.code !== 0) throw new Error(`merge: node scripts/bench/merge.ts --json exited with ${run.code}:\n${tail(run.stdout)}\n${tail(run.stderr)}`);
  const last = run.stdout.trimEnd().split('\n').at(-1) ?? '';
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(last) as Record<string, unknown>;
  } catch {
    throw new Error(`merge: the last line of scripts/bench/merge.ts --json is not JSON: ${JSON.stringify(last.slice(0, 200))}`);
  }
  const figure = (name: string): number => {
    const value = parsed[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`merge: "${name}" is missing or not a number in ${last.slice(0, 200)}`);
    return value;
  };
  return {
    events: figure('events'),
    eventsPerSecond: figure('eventsPerSecond'),
    peakRssMb: figure('peakRssMb'),
    workSeconds: figure('seconds'),
    pageParseEventsPerSecond: figure('pageParseEventsPerSecond'),
    seconds: round(run.seconds, 3)
  };
}
