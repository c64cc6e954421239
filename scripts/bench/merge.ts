// Merge benchmark, run as its own process so its peak RSS is the merge's alone:
//   node scripts/bench/merge.ts [--events 1000000] [--destinations workspace,artifact] [--json]
//
// Day files already hold a month of events (30 days, 10,000 a day, each day's first 12 hours).
// Then 1,000,000 events over the same 30 days arrive as the API serves them (pages of 500, newest
// first) and go the action's way: page parsing (readPage), the spool, and the workspace
// destination's merge into the day files. Of them, 10 % are duplicates (half copies of lines the
// files hold, half served twice) and 1 % are late (times inside the first 12 hours, so they are
// inserted between existing lines); the rest fall in each day's last 12 hours.
// With `--destinations workspace,artifact` the events are stored as a run with both stores them
// (src/store.ts: the workspace, then the artifact with every event fetched; the union reported),
// the artifact's upload a no-op, so the peak RSS shows what a second destination costs.
// The test data is made first by a separate process (so its memory is not counted here), then this
// process reads the pages from a file one at a time and times only the action's work.
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile, appendFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRng, makeEvent, EVENT_TYPES, type AuditEventObject } from '../../fake/events.ts';
import { readPage } from '../../src/cursor-client.ts';
import { ArtifactDestination } from '../../src/destinations/artifact.ts';
import type { Destination } from '../../src/destinations/destination.ts';
import { WorkspaceDestination } from '../../src/destinations/workspace.ts';
import { eventFile } from '../../src/events.ts';
import { DEFAULT_NOTABLE_EVENT_TYPES } from '../../src/inputs.ts';
import { EventSpool } from '../../src/spool.ts';
import { storeEverywhere } from '../../src/store.ts';
import { DAY } from '../../src/time.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const EVENTS = Number(args[args.indexOf('--events') + 1]) || 1_000_000;
const DESTINATIONS = args.includes('--destinations') ? (args[args.indexOf('--destinations') + 1] ?? '').split(',') : ['workspace'];
const DAYS = 30;
const EXISTING_PER_DAY = 10_000;
const PAGE = 500;
const START = Date.parse('2026-10-01T00:00:00.000Z');
const HALF_DAY = DAY / 2;

interface Timed {
  ms: number;
  event: AuditEventObject;
}

/** Events on one day: `count` of them between `from` and `from + span`, deterministic per seed. */
function dayEvents(seed: number, count: number, from: number, span: number): Timed[] {
  const rng = createRng(seed);
  const out: Timed[] = [];
  for (let i = 0; i < count; i++) {
    const type = EVENT_TYPES[Math.floor(rng() * EVENT_TYPES.length)] as string;
    const ms = from + Math.floor(rng() * span);
    out.push({ ms, event: makeEvent(type, ms, undefined, { seed: (seed * 7919 + i) >>> 0 }) });
  }
  return out;
}

const byTime = (a: Timed, b: Timed) => a.ms - b.ms;

/** The existing month: each day's file holds its first 12 hours, sorted, as a run would have written. */
async function writeExisting(root: string): Promise<number> {
  let lines = 0;
  for (let d = 0; d < DAYS; d++) {
    const events = dayEvents(1000 + d, EXISTING_PER_DAY, START + d * DAY, HALF_DAY).sort(byTime);
    const file = join(root, 'audit', eventFile(START + d * DAY));
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, events.map((e) => JSON.stringify(e.event)).join('\n') + '\n');
    lines += events.length;
  }
  return lines;
}

/** One day's incoming events as the API would serve them, newest first, with the duplicates mixed in. */
function incomingDay(d: number, count: number): { events: Timed[]; distinctNew: number } {
  const dayStart = START + d * DAY;
  const copiesOfStored = Math.round(count * 0.05);
  const servedTwice = Math.round(count * 0.05);
  const late = Math.round(count * 0.01);
  const fresh = count - copiesOfStored - servedTwice - late;
  const news = [...dayEvents(5000 + d, fresh, dayStart + HALF_DAY, HALF_DAY), ...dayEvents(9000 + d, late, dayStart, HALF_DAY)];
  const stored = dayEvents(1000 + d, EXISTING_PER_DAY, dayStart, HALF_DAY).slice(0, copiesOfStored);
  const again = news.slice(0, servedTwice);
  return { events: [...news, ...stored, ...again].sort((a, b) => byTime(b, a)), distinctNew: news.length };
}

function pageText(events: Timed[], page: number, hasNext: boolean): string {
  return JSON.stringify({ events: events.map((e) => e.event), pagination: { page, pageSize: PAGE, totalCount: -1, totalPages: -1, hasNextPage: hasNext } });
}

async function countLines(dir: string): Promise<number> {
  let n = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.jsonl')) continue;
    const text = await readFile(join(entry.parentPath, entry.name), 'utf8');
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  }
  return n;
}

/** Writes the day files and the pages (one page's JSON a line); returns the figures to check. */
async function generate(root: string): Promise<void> {
  const existing = await writeExisting(root);
  const pages = join(root, 'pages.jsonl');
  await writeFile(pages, '');
  let expectedNew = 0;
  let sent = 0;
  // Newest day first, as the API pages a window.
  for (let d = DAYS - 1; d >= 0; d--) {
    const perDay = Math.floor(EVENTS / DAYS) + (d < EVENTS % DAYS ? 1 : 0);
    const { events, distinctNew } = incomingDay(d, perDay);
    expectedNew += distinctNew;
    const texts: string[] = [];
    for (let i = 0; i < events.length; i += PAGE) texts.push(pageText(events.slice(i, i + PAGE), i / PAGE + 1, i + PAGE < events.length));
    await appendFile(pages, texts.join('\n') + '\n');
    sent += events.length;
  }
  await writeFile(join(root, 'expected.json'), JSON.stringify({ existing, expectedNew, sent }));
}

async function measure(root: string): Promise<void> {
  const { existing, expectedNew, sent } = JSON.parse(await readFile(join(root, 'expected.json'), 'utf8')) as Record<string, number>;
  const spool = new EventSpool(join(root, 'temp'));
  // Reading a page (the client's JSON parse) is timed apart: the merge starts from its events.
  let parseMs = 0;
  let timedMs = 0;
  for await (const text of createInterface({ input: createReadStream(join(root, 'pages.jsonl')), crlfDelay: Infinity })) {
    const t0 = performance.now();
    const { events } = readPage(text);
    const t1 = performance.now();
    spool.add(events);
    parseMs += t1 - t0;
    timedMs += performance.now() - t1;
  }
  const destinations = DESTINATIONS.map((name): Destination => {
    if (name === 'workspace') return new WorkspaceDestination(root, 'audit');
    if (name === 'artifact') {
      const uploader = { uploadArtifact: async () => ({ id: 1 }) };
      return new ArtifactDestination({ name: 'bench', retentionDays: undefined, path: 'audit', env: { RUNNER_TEMP: join(root, 'temp') }, uploader });
    }
    throw new Error(`merge: unknown destination ${name}`);
  });
  const t0 = performance.now();
  const quiet = { info: () => {}, error: (m: string) => console.error(m), startGroup: () => {}, endGroup: () => {} };
  const result = await storeEverywhere({
    destinations,
    spool,
    state: undefined,
    notableTypes: new Set(DEFAULT_NOTABLE_EVENT_TYPES),
    render: (t) => t,
    reporter: quiet
  });
  if (result.failed.length) throw new Error(`merge: ${result.failed.join('; ')}`);
  timedMs += performance.now() - t0;
  spool.dispose();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

  const lines = await countLines(join(root, 'audit'));
  if (result.added.count !== expectedNew || lines !== existing + expectedNew) {
    throw new Error(`merge result is wrong: ${result.added.count} added (expected ${expectedNew}), ${lines} lines stored (expected ${existing + expectedNew})`);
  }
  const figures = {
    events: sent,
    eventsPerSecond: Math.round(sent / (timedMs / 1000)),
    peakRssMb,
    seconds: Number((timedMs / 1000).toFixed(2)),
    pageParseEventsPerSecond: Math.round(sent / (parseMs / 1000)),
    existingLines: existing,
    added: result.added.count,
    destinations: DESTINATIONS.join(',')
  };
  if (!json) {
    console.log(
      `merged ${sent} events (${result.added.count} new) into ${DAYS} day files holding ${existing} (${figures.destinations}): ${figures.seconds} s, ${figures.eventsPerSecond} events/s, peak RSS ${figures.peakRssMb} MB`
    );
  }
  console.log(JSON.stringify(figures));
}

if (args.includes('--generate')) {
  await generate(args[args.indexOf('--generate') + 1] as string);
} else {
  const root = await mkdtemp(join(tmpdir(), 'cursor-audit-bench-merge-'));
  try {
    execFileSync(process.execPath, [import.meta.filename, '--events', String(EVENTS), '--generate', root], { stdio: 'inherit' });
    await measure(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
