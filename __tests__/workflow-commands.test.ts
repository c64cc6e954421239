// No text from the Cursor API can become a workflow command (issue 11): error bodies, messages,
// JSON snippets of parse errors and network error messages reach the log and annotations with
// their line breaks and control characters collapsed, so none starts `::warning::`,
// `::add-mask::` or `::stop-commands::` on a line of its own. Checked on what the recorder saw and
// on what @actions/core really writes to stdout.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEvents } from '../fake/events.ts';
import type { Fault } from '../fake/cursor-api.ts';
import { logText } from '../src/log-text.ts';
import { coreReporter } from '../src/reporter.ts';
import { run } from '../src/run.ts';
import { DAY, MINUTE } from '../src/time.ts';
import { fakeCache } from './support/fake-cache.ts';
import { harness, KEY, type Harness } from './support/harness.ts';
import { loopbackGitHubClient } from './support/loopback-github.ts';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
/** Every way a reader could split text into lines: the runner's (\r, \n) and Unicode's. */
// eslint-disable-next-line no-control-regex
const LINE_BREAK = /\r\n|[\r\n\u000b\u000c\u0085\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const PAYLOADS = [
  '\n::warning::pwned',
  '\r\n::add-mask::x',
  '\r::stop-commands::t',
  '\u2028::stop-commands::t',
  '\u2029::warning::pwned',
  '\u0085::add-mask::x',
  '\u000b::warning::pwned',
  '\u000c::warning::pwned',
  '\u001b[2K\r::warning::pwned'
];

/** A payload as a test name: escaped, so the name itself stays on one line. */
const show = (p: string) => JSON.stringify(p).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The lines a reader would see in the texts, each without the command the recorder itself puts first. */
function linesOf(texts: string[]): string[] {
  return texts.flatMap((t) => t.replace(/^::[a-z-]+::/, '').split(LINE_BREAK));
}
function expectNoCommandLine(texts: string[]): void {
  for (const line of linesOf(texts)) expect(line.trimStart().startsWith('::') ? line : 'ok').toBe('ok');
}

/** The injected text did reach the log, inside a line (parse errors show only a snippet of it). */
function expectReached(texts: string[]): void {
  expect(linesOf(texts).some((l) => /\S.*::(warning|add-mask|stop-com)/.test(l))).toBe(true);
}

describe('logText', () => {
  it.each(PAYLOADS.map((p) => [show(p), p]))('collapses %s into one line without control characters', (_, payload) => {
    const out = logText(`before${payload} after`);
    expect(out.split(LINE_BREAK)).toHaveLength(1);
    expect(CONTROL.test(out)).toBe(false);
    expect(out.startsWith('before ')).toBe(true);
  });

  it('cuts long text with "…", never inside a surrogate pair', () => {
    expect(logText('a'.repeat(400))).toBe(`${'a'.repeat(300)}…`);
    expect(logText(`${'a'.repeat(299)}😀`)).toBe(`${'a'.repeat(299)}…`);
  });
});

describe('API text in the log and annotations', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  const body = (message: string) => JSON.stringify({ error: `Bad${message}`, message: `boom${message}` });
  const cases: [string, Fault[]][] = [];
  for (const p of PAYLOADS) {
    cases.push([`500 ${show(p)} (retried, then out of retries)`, [1, 2].map(() => ({ kind: 'status', status: 500, body: body(p) }))]);
    cases.push([`502 text body ${show(p)}`, [1, 2].map(() => ({ kind: 'status', status: 502, body: `<html>gateway${p}</html>` }))]);
    cases.push([`400 ${show(p)}`, [{ kind: 'status', status: 400, body: body(p) }]]);
    cases.push([`401 ${show(p)}`, [{ kind: 'status', status: 401, body: body(p) }]]);
    cases.push([`403 ${show(p)}`, [{ kind: 'status', status: 403, body: body(p) }]]);
    cases.push([`malformed 200 ${show(p)}`, [1, 2].map(() => ({ kind: 'status', status: 200, body: `{"events": [${p}` }))]);
  }

  it.each(cases)('%s: no line starts with "::"', async (name, faults) => {
    h = await harness({ start: NOW, events: generateEvents({ start: NOW - DAY, end: NOW - MINUTE, count: 5, seed: 1 }) });
    h.api.injectFaults(...faults);
    const { rec } = await h.run({ 'backfill-start-time': '1d', 'max-retries': '1' });
    expect(rec.failed).toBeDefined();
    const texts = [...rec.lines, ...rec.warnings, ...rec.errors, ...rec.notices, rec.failed ?? ''];
    // A parse error shows only the snippet V8 picks, which may stop before the injected text.
    if (!name.startsWith('malformed')) expectReached(texts);
    expectNoCommandLine(texts);
  });

  it('a network error whose message holds line breaks: no line starts with "::"', async () => {
    h = await harness({ start: NOW });
    const fetch = (async () => {
      throw new TypeError('fetch failed', { cause: new Error('socket said\n::warning::pwned\u2028::add-mask::x') });
    }) as typeof globalThis.fetch;
    const { rec } = await h.run({ 'backfill-start-time': '1d', 'max-retries': '1' }, { fetch });
    expect(rec.failed).toBeDefined();
    const texts = [...rec.lines, rec.failed ?? ''];
    expect(texts.join(' ')).toContain('socket said ::warning::pwned ::add-mask::x');
    expectNoCommandLine(texts);
  });

  it('what @actions/core writes to stdout has no line starting with an injected command', async () => {
    h = await harness({ start: NOW, events: generateEvents({ start: NOW - DAY, end: NOW - MINUTE, count: 5, seed: 1 }) });
    h.api.injectFaults(
      { kind: 'status', status: 500, body: body('\n::warning::pwned\r\n::add-mask::x') },
      { kind: 'status', status: 500, body: body('\u2028::stop-commands::t') }
    );
    const root = await mkdtemp(join(tmpdir(), 'cal-wc-'));
    const written: string[] = [];
    const write = process.stdout.write;
    const exitCode = process.exitCode;
    process.stdout.write = ((chunk: string | Uint8Array) => (written.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      const inputs: Record<string, string> = {
        'api-key': KEY,
        'base-url': h.api.url,
        destination: 'workspace',
        'backfill-start-time': '1d',
        'max-retries': '1'
      };
      await run({
        getInput: (n) => inputs[n] ?? '',
        reporter: coreReporter,
        cache: fakeCache(join(root, 'cache'), join(root, 'home')),
        clock: h.clock,
        sleep: h.clock.sleep,
        random: () => 0.5,
        createGitHubClient: loopbackGitHubClient,
        env: { HOME: join(root, 'home'), GITHUB_WORKSPACE: join(root, 'workspace'), GITHUB_RUN_ID: '1', GITHUB_RUN_ATTEMPT: '1' }
      });
    } finally {
      process.stdout.write = write;
      process.exitCode = exitCode;
      await rm(root, { recursive: true, force: true });
    }
    const stdout = written.join('');
    expect(stdout).toMatch(/server error 500/);
    const commands = stdout
      .split(LINE_BREAK)
      .map((l) => l.trimStart())
      .filter((l) => l.startsWith('::'));
    expect(commands.length).toBeGreaterThan(0); // the action's own groups and error
    for (const c of commands) expect(c).not.toMatch(/^::(warning::pwned|add-mask::x|stop-commands::t)/);
  });
});
