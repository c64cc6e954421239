// Peak RSS of updating a pull request that already adds 1,000,000 events, against the peak RSS of
// the same 1,000,000 events backfilled into the workspace (issue 12: goal ≤ 1.5×).
//   node scripts/bench/pull-request-rss.ts [--events 1000000] [--json]
//
// Each part is its own process, so each peak RSS (`process.resourceUsage().maxRSS`) is that part's
// alone:
//   --generate   the events, 30 days of them, as day files (for the branch) and as pages of 500
//                (for the backfill), and 1,000 new events on the last day for the update;
//   --workspace  the backfill: the pages read one at a time, spooled, stored by the workspace
//                destination into an empty folder;
//   --serve      the fake GitHub API (not measured): a head branch from main already holding the
//                day files, and its pull request open;
//   --update     the update: the pull-request destination stores the 1,000 new events, so it
//                commits to the head branch and rewrites the body over everything the pull
//                request adds (1,001,000 events).
// The last line of stdout is one JSON object; `pullRequestRssRatio` is update / backfill.
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createRng, EVENT_TYPES, makeEvent } from '../../fake/events.ts';
import { startFakeGitHub } from '../../fake/github-api.ts';
import { readPage } from '../../src/cursor-client.ts';
import { PullRequestDestination } from '../../src/destinations/pull-request.ts';
import { WorkspaceDestination } from '../../src/destinations/workspace.ts';
import { eventFile } from '../../src/events.ts';
import { loopbackGitHubClient } from '../../__tests__/support/loopback-github.ts';
import { DEFAULT_NOTABLE_EVENT_TYPES } from '../../src/inputs.ts';
import { NewEvents } from '../../src/new-events.ts';
import { EventSpool } from '../../src/spool.ts';
import { DAY } from '../../src/time.ts';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? (args[args.indexOf(name) + 1] as string) : undefined);
const EVENTS = Number(arg('--events')) || 1_000_000;
const NEW_EVENTS = 1_000;
const DAYS = 30;
const PAGE = 500;
const START = Date.parse('2026-10-01T00:00:00.000Z');
const PATH = 'cursor-audit-logs';
const HEAD = 'cursor-audit-logs-update';
const TOKEN = 'ghs_bench_pull_request_rss';
const notable = new Set(DEFAULT_NOTABLE_EVENT_TYPES);
const quiet = { info: () => {}, debug: () => {}, warning: (m: string) => console.error(m) };

/** `count` events between `from` and `from + span`, oldest first, deterministic per seed. */
function events(seed: number, count: number, from: number, span: number): string[] {
  const rng = createRng(seed);
  const out: { ms: number; line: string }[] = [];
  for (let i = 0; i < count; i++) {
    const type = EVENT_TYPES[Math.floor(rng() * EVENT_TYPES.length)] as string;
    const ms = from + Math.floor(rng() * span);
    out.push({ ms, line: JSON.stringify(makeEvent(type, ms, undefined, { seed: (seed * 7919 + i) >>> 0 })) });
  }
  return out.sort((a, b) => a.ms - b.ms).map((e) => e.line);
}

const page = (lines: string[], n: number, hasNext: boolean) =>
  `{"events":[${lines.join(',')}],"pagination":{"page":${n},"pageSize":${PAGE},"totalCount":-1,"totalPages":-1,"hasNextPage":${hasNext}}}`;

async function generate(root: string): Promise<void> {
  const pages = join(root, 'pages.jsonl');
  await writeFile(pages, '');
  const days: string[] = [];
  for (let d = 0; d < DAYS; d++) {
    const perDay = Math.floor(EVENTS / DAYS) + (d < EVENTS % DAYS ? 1 : 0);
    // each day's first 20 hours: the update's new events come after
    const lines = events(100 + d, perDay, START + d * DAY, (20 * DAY) / 24);
    const file = join(root, 'days', eventFile(START + d * DAY));
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, `${lines.join('\n')}\n`);
    days.push(eventFile(START + d * DAY));
    const newestFirst = lines.reverse();
    const texts: string[] = [];
    for (let i = 0; i < newestFirst.length; i += PAGE) texts.push(page(newestFirst.slice(i, i + PAGE), i / PAGE + 1, i + PAGE < newestFirst.length));
    await appendFile(pages, `${texts.join('\n')}\n`);
  }
  const last = START + (DAYS - 1) * DAY;
  await writeFile(join(root, 'new-page.json'), page(events(99, NEW_EVENTS, last + (21 * DAY) / 24, DAY / 48), 1, false));
  await writeFile(join(root, 'days.json'), JSON.stringify(days));
  console.log(JSON.stringify({ days: days.length }));
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function backfillWorkspace(root: string): Promise<void> {
  const spool = new EventSpool(join(root, 'temp-workspace'));
  for await (const text of createInterface({ input: createReadStream(join(root, 'pages.jsonl')), crlfDelay: Infinity })) spool.add(readPage(text).events);
  const result = await new WorkspaceDestination(root, 'workspace').store({
    events: spool,
    tally: () => new NewEvents(notable),
    state: undefined,
    render: (t) => t
  });
  spool.dispose();
  if (result.added.count !== EVENTS) throw new Error(`workspace backfill stored ${result.added.count} events, expected ${EVENTS}`);
  console.log(JSON.stringify({ peakRssMb: peakRssMb(), added: result.added.count }));
}

async function serve(root: string): Promise<void> {
  const gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN, dir: join(root, 'audit.git') });
  execFileSync('git', ['--git-dir', gh.gitDir, 'branch', HEAD, 'main']);
  const days = JSON.parse(await readFile(join(root, 'days.json'), 'utf8')) as string[];
  for (let i = 0; i < days.length; i += 5) {
    const files: Record<string, string> = {};
    for (const day of days.slice(i, i + 5)) files[`${PATH}/${day}`] = await readFile(join(root, 'days', day), 'utf8');
    await gh.commitFiles(HEAD, files, `events of an earlier run (${i / 5 + 1})`);
  }
  const opened = await fetch(`${gh.url}/repos/acme/audit/pulls`, {
    method: 'POST',
    headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ head: HEAD, base: 'main', title: 'Cursor audit logs', body: 'earlier' })
  });
  if (opened.status !== 201) throw new Error(`serve: opening the pull request answered ${opened.status}`);
  console.log(gh.url);
  // until the parent closes stdin
  process.stdin.resume();
  process.stdin.on('end', () => void gh.close().then(() => process.exit(0)));
}

async function update(root: string, url: string): Promise<void> {
  const github = loopbackGitHubClient({ token: TOKEN, baseUrl: url, log: quiet });
  const destination = new PullRequestDestination({
    github,
    owner: 'acme',
    repo: 'audit',
    head: HEAD,
    base: 'main',
    path: PATH,
    title: 'Cursor audit logs: {count} events',
    labels: [],
    commitMessage: 'Cursor audit logs: {count} events',
    notableTypes: notable,
    serverUrl: 'https://github.com',
    log: quiet
  });
  const spool = new EventSpool(join(root, 'temp-update'));
  spool.add(readPage(await readFile(join(root, 'new-page.json'), 'utf8')).events);
  const result = await destination.store({
    events: spool,
    tally: () => new NewEvents(notable),
    state: undefined,
    render: (t, n) => t.replace('{count}', String(n))
  });
  spool.dispose();
  if (result.added.count !== NEW_EVENTS || !result.outputs['pull-request-number']) {
    throw new Error(`update added ${result.added.count} events (expected ${NEW_EVENTS}), pull request ${result.outputs['pull-request-number']}`);
  }
  console.log(JSON.stringify({ peakRssMb: peakRssMb(), added: result.added.count }));
}

/** Runs this file in `mode`, returns the JSON of its last line. */
function part(mode: string[]): Record<string, number> {
  const out = execFileSync(process.execPath, [import.meta.filename, '--events', String(EVENTS), ...mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024
  }).toString('utf8');
  return JSON.parse(out.trimEnd().split('\n').at(-1) ?? '') as Record<string, number>;
}

async function measure(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'cursor-audit-bench-pr-rss-'));
  const t0 = performance.now();
  part(['--generate', root]);
  const server = spawn(process.execPath, [import.meta.filename, '--events', String(EVENTS), '--serve', root], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const workspace = part(['--workspace', root]);
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      server.stdout.on('data', (b: Buffer) => {
        text += b.toString('utf8');
        const line = text.split('\n').find((l) => l.startsWith('http'));
        if (line) resolve(line.trim());
      });
      server.on('exit', (code) => reject(new Error(`serve exited with ${code} before listening`)));
    });
    const updated = part(['--update', root, url]);
    const pulls = (await (await fetch(`${url}/repos/acme/audit/pulls?state=open`, { headers: { authorization: `token ${TOKEN}` } })).json()) as {
      title: string;
      body: string;
    }[];
    const expected = EVENTS + NEW_EVENTS;
    if (
      pulls.length !== 1 ||
      pulls[0]?.title !== `Cursor audit logs: ${expected} events` ||
      !pulls[0].body.includes(`adds **${expected} Cursor audit event(s)**`)
    ) {
      throw new Error(`the pull request does not say it adds ${expected} events: ${JSON.stringify(pulls.map((p) => p.title))}`);
    }
    const figures = {
      events: EVENTS,
      pullRequestPeakRssMb: updated.peakRssMb as number,
      workspacePeakRssMb: workspace.peakRssMb as number,
      pullRequestRssRatio: Number(((updated.peakRssMb as number) / (workspace.peakRssMb as number)).toFixed(3)),
      seconds: Number(((performance.now() - t0) / 1000).toFixed(1))
    };
    if (!args.includes('--json')) {
      console.log(
        `updating a pull request that adds ${expected} events: peak RSS ${figures.pullRequestPeakRssMb} MB; the same ${EVENTS} events backfilled into the workspace: ${figures.workspacePeakRssMb} MB; ratio ${figures.pullRequestRssRatio}`
      );
    }
    console.log(JSON.stringify(figures));
  } finally {
    server.stdin.end();
    await new Promise((r) => (server.exitCode === null ? server.once('exit', r) : r(undefined)));
    await rm(root, { recursive: true, force: true });
  }
}

const root = arg('--generate') ?? arg('--workspace') ?? arg('--serve') ?? arg('--update');
if (args.includes('--generate')) await generate(root as string);
else if (args.includes('--workspace')) await backfillWorkspace(root as string);
else if (args.includes('--serve')) await serve(root as string);
else if (args.includes('--update')) await update(root as string, args[args.indexOf('--update') + 2] as string);
else await measure();
