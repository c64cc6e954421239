// Part 2, merge: runs `node scripts/bench/merge.ts --json` (the merge benchmark, its own module) and
// reads the JSON object on its last line: events merged, events a second, peak RSS in MB; then the
// same with `--destinations workspace,artifact`, for the peak RSS a second destination costs.
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
  /** Peak RSS of the same backfill stored in `workspace, artifact`. */
  multiDestinationPeakRssMb: number;
  /** multiDestinationPeakRssMb / peakRssMb (goal ≤ 1.5). */
  multiDestinationRssRatio: number;
  /** Peak RSS of updating a pull request that already adds 1M events, over a 1M-event workspace backfill (goal ≤ 1.5; pull-request-rss.ts). */
  pullRequestRssRatio: number;
  pullRequestPeakRssMb: number;
}

const MERGE = join(ROOT, 'scripts', 'bench', 'merge.ts');
const PULL_REQUEST = join(ROOT, 'scripts', 'bench', 'pull-request-rss.ts');

/** One run of merge.ts; the figures of its last line. */
async function mergeRun(extra: string[], script = MERGE): Promise<{ figure: (name: string) => number; seconds: number }> {
  const command = [`node ${script.slice(ROOT.length + 1)}`, '--json', ...extra].join(' ');
  const run = await timeNode([script, '--json', ...extra], process.env as Record<string, string>, ROOT, 300_000);
  if (run.code !== 0) throw new Error(`merge: ${command} exited with ${run.code}:\n${tail(run.stdout)}\n${tail(run.stderr)}`);
  const last = run.stdout.trimEnd().split('\n').at(-1) ?? '';
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(last) as Record<string, unknown>;
  } catch {
    throw new Error(`merge: the last line of ${command} is not JSON: ${JSON.stringify(last.slice(0, 200))}`);
  }
  const figure = (name: string): number => {
    const value = parsed[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`merge: "${name}" is missing or not a number in ${last.slice(0, 200)}`);
    return value;
  };
  return { figure, seconds: run.seconds };
}

export async function runMergeBench(): Promise<Merge> {
  const one = await mergeRun([]);
  const two = await mergeRun(['--destinations', 'workspace,artifact']);
  const pr = await mergeRun([], PULL_REQUEST);
  const peakRssMb = one.figure('peakRssMb');
  const multiDestinationPeakRssMb = two.figure('peakRssMb');
  return {
    events: one.figure('events'),
    eventsPerSecond: one.figure('eventsPerSecond'),
    peakRssMb,
    workSeconds: one.figure('seconds'),
    pageParseEventsPerSecond: one.figure('pageParseEventsPerSecond'),
    seconds: round(one.seconds, 3),
    multiDestinationPeakRssMb,
    multiDestinationRssRatio: round(multiDestinationPeakRssMb / peakRssMb, 3),
    pullRequestRssRatio: pr.figure('pullRequestRssRatio'),
    pullRequestPeakRssMb: pr.figure('pullRequestPeakRssMb')
  };
}
