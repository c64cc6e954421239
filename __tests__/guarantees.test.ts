// Cancellation, proxies and concurrent writers: dist/index.js as a process where the runner's
// behaviour matters (signals, environment), in-process where it does not.
import { execFile, spawn } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_API_KEY, startFakeCursorApi } from '../fake/cursor-api.ts';
import { generateEvents } from '../fake/events.ts';
import { startFakeGitHub } from '../fake/github-api.ts';
import { DAY, MINUTE } from '../src/time.ts';
import { DIST, parseOutputFile, runDist } from './support/process.ts';
import { isEventFile } from './support/event-files.ts';
import { harness } from './support/harness.ts';

let root: string;
beforeEach(async () => (root = await mkdtemp(join(tmpdir(), 'cal-g-'))));
afterEach(async () => rm(root, { recursive: true, force: true }));

/** A forwarding HTTP proxy (absolute-form requests and CONNECT tunnels) that records the hosts it carried. */
async function startProxy(): Promise<{ url: string; hosts: string[]; close(): Promise<void> }> {
  const hosts: string[] = [];
  const server: Server = createServer((req, res) => {
    const target = new URL(req.url!);
    hosts.push(target.host);
    const upstream = request(target, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode!, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    hosts.push(req.url!);
    const [host, port] = req.url!.split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, hosts, close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

describe('cancellation', () => {
  it('on SIGTERM stores the completed windows, saves their checkpoint and exits non-zero within seconds', async () => {
    const now = Date.now();
    let served = 0;
    // three one-day windows answer at once; the fourth request hangs until the run is cancelled
    const fake = await startFakeCursorApi({
      rateLimit: false,
      events: generateEvents({ start: now - 10 * DAY, end: now - MINUTE, count: 500, seed: 3 }),
      onRequest: () => (++served > 3 ? { kind: 'slow', delayMs: 20_000 } : undefined)
    });
    const output = join(root, 'out');
    await writeFile(output, '');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: join(root, 'home'),
      GITHUB_WORKSPACE: join(root, 'ws'),
      GITHUB_OUTPUT: output,
      GITHUB_RUN_ID: '1',
      'INPUT_API-KEY': DEFAULT_API_KEY,
      'INPUT_BASE-URL': fake.url,
      INPUT_DESTINATION: 'workspace',
      'INPUT_BACKFILL-START-TIME': '10d',
      'INPUT_WINDOW-DAYS': '1',
      'INPUT_REQUESTS-PER-MINUTE': '6000'
    };
    try {
      const child = spawn(process.execPath, [DIST], { env, cwd: root });
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      while (served < 4) await new Promise((r) => setTimeout(r, 20));
      const sent = Date.now();
      child.kill('SIGTERM');
      const code = await new Promise<number>((r) => child.on('exit', (c) => r(c ?? -1)));
      expect(Date.now() - sent).toBeLessThan(5000);
      expect(code).toBe(1);
      expect(stdout).toMatch(/Received SIGTERM: stopping at the next safe point/);
      expect(stdout).toMatch(/::error::The run was cancelled \(SIGTERM\): the windows fetched completely are stored and checkpointed up to/);
      const outputs = parseOutputFile(await readFile(output, 'utf8'));
      const state = JSON.parse(await readFile(join(root, 'ws', 'cursor-audit-logs', 'state.json'), 'utf8'));
      expect(Date.parse(state.checkpoint) - Date.parse(outputs['window-start'])).toBe(3 * DAY);
      expect(outputs.complete).toBe('false');
    } finally {
      await fake.close();
    }
  });
});

describe('proxies', () => {
  it('sends the Cursor and GitHub requests through HTTP_PROXY, and none for NO_PROXY hosts', async () => {
    const now = Date.now();
    const api = await startFakeCursorApi({ events: generateEvents({ start: now - DAY, end: now - MINUTE, count: 30, seed: 4 }) });
    const gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: 'ghs_proxy' });
    const proxy = await startProxy();
    try {
      const inputs = { 'api-key': DEFAULT_API_KEY, 'base-url': api.url, destination: 'branch', 'github-token': 'ghs_proxy', repository: 'acme/audit' };
      const r = await runDist(root, inputs, { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, GITHUB_API_URL: gh.url });
      expect(r.code).toBe(0);
      expect(r.outputs['events-count']).toBe('30');
      const cursorHost = new URL(api.url).host;
      const githubHost = new URL(gh.url).host;
      expect(proxy.hosts).toContain(cursorHost);
      expect(proxy.hosts).toContain(githubHost);

      proxy.hosts.length = 0;
      const direct = await runDist(root, inputs, { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1', GITHUB_API_URL: gh.url });
      expect(direct.code).toBe(0);
      expect(proxy.hosts).toEqual([]);
    } finally {
      await proxy.close();
      await gh.close();
      await api.close();
    }
  });
});

describe('concurrent runs', () => {
  it('two runs against the same branch at once store both runs’ events once, in a linear history', async () => {
    const NOW = Date.parse('2026-11-25T12:00:00.000Z');
    const a = await harness({ start: NOW, events: generateEvents({ start: NOW - 2 * DAY, end: NOW - MINUTE, count: 150, seed: 5 }) });
    const b = await harness({ start: NOW, events: generateEvents({ start: NOW - 2 * DAY, end: NOW - MINUTE, count: 150, seed: 6 }) });
    b.api.addEvents(generateEvents({ start: NOW - 2 * DAY, end: NOW - MINUTE, count: 150, seed: 5 })); // overlap: the same events
    const gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: 'ghs_c' });
    try {
      const inputs = { destination: 'branch', 'github-token': 'ghs_c', repository: 'acme/audit', 'backfill-start-time': '2d' };
      const [ra, rb] = await Promise.all([a.run(inputs, { env: { GITHUB_API_URL: gh.url } }), b.run(inputs, { env: { GITHUB_API_URL: gh.url } })]);
      expect(ra.rec.failed).toBeUndefined();
      expect(rb.rec.failed).toBeUndefined();
      const git = (...args: string[]) => promisify(execFile)('git', ['--git-dir', gh.gitDir, ...args]).then((o) => o.stdout);
      expect((await git('rev-list', '--merges', 'cursor-audit-logs')).trim()).toBe('');
      const files = (await git('ls-tree', '-r', '--name-only', 'cursor-audit-logs')).split('\n').filter(isEventFile);
      const ids: string[] = [];
      for (const f of files) for (const l of (await git('show', `cursor-audit-logs:${f}`)).split('\n')) if (l) ids.push(JSON.parse(l).event_id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(300);
      expect(Number(ra.outputs['events-count']) + Number(rb.outputs['events-count'])).toBe(300);
    } finally {
      await gh.close();
      await a.close();
      await b.close();
    }
  });
});
