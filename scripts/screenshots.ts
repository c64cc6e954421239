// `node scripts/screenshots.ts`: the job summary as GitHub shows it, for 1, 30 and 365 days of
// events, as PNGs in docs/screenshots/ (linked from docs/SUMMARY.md). Each summary is rendered by
// the action's own code, turned into HTML by cmark-gfm (GitHub's Markdown renderer, with its
// extensions), its Mermaid chart drawn by mermaid (npm), and the page photographed by headless
// Chromium. Needs the Debian packages cmark-gfm and chromium.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeEvent } from '../fake/events.ts';
import { toEvent } from '../src/events.ts';
import { DEFAULT_NOTABLE_EVENT_TYPES } from '../src/inputs.ts';
import { NewEvents } from '../src/new-events.ts';
import { renderSummary } from '../src/summary.ts';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs', 'screenshots');
const DAY = 86_400_000;
const END = Date.parse('2026-11-25T12:00:00.000Z');
const TYPES = ['login', 'login', 'login', 'add_user', 'update_user_role', 'team_settings', 'remove_user', 'team_api_key'];

/** A summary of `days` days of events, as a run that fetched them would write it. */
function summary(days: number): string {
  const events = [];
  for (let d = 0; d < days; d++) {
    const perDay = 3 + ((d * 7) % 11) + (d % 7 < 5 ? 6 : 0);
    for (let i = 0; i < perDay; i++) {
      const type = TYPES[(d + i) % TYPES.length];
      const time = END - (days - d) * DAY + ((i + 1) * DAY) / (perDay + 1);
      const overrides = type === 'login' && i % 13 === 5 ? { event_data: { success: false, method: 'password' } } : undefined;
      events.push(toEvent(JSON.stringify(makeEvent(type, time, overrides, { seed: d * 100 + i }))));
    }
  }
  const added = NewEvents.of(events, new Set(DEFAULT_NOTABLE_EVENT_TYPES));
  return renderSummary({
    start: END - days * DAY,
    end: END,
    complete: true,
    dryRun: false,
    fetched: added.count,
    added,
    checkpoint: new Date(END).toISOString(),
    stats: { requests: Math.ceil(added.count / 500) + Math.ceil(days / 30), retries: 0, http429: 0, waitMs: 0 },
    elapsedMs: 4200,
    destinations: ['branch'],
    files: [],
    links: [{ label: 'Commit 1a2b3c4', url: 'https://github.com/acme/compliance/commit/1a2b3c4' }],
    failure: undefined,
    gaps: []
  });
}

/** GitHub's rendering of the Markdown, with its extensions. */
function gfm(markdown: string): string {
  return execFileSync('cmark-gfm', ['--unsafe', '-e', 'table', '-e', 'autolink', '-e', 'tagfilter', '-e', 'strikethrough'], {
    input: markdown,
    encoding: 'utf8'
  });
}

const STYLE = `body{font:14px/1.5 -apple-system,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;color:#1f2328;margin:0;padding:24px;width:880px}
h2{font-size:1.5em;border-bottom:1px solid #d1d9e0;padding-bottom:.3em}h3{font-size:1.25em}
table{border-collapse:collapse;display:block;overflow:auto;margin:0 0 16px}th,td{border:1px solid #d1d9e0;padding:6px 13px}
tr:nth-child(2n){background:#f6f8fa}th{font-weight:600}code{background:#eff1f3;border-radius:6px;padding:.2em .4em;font-size:85%}
.mermaid{margin:16px 0}`;

/** A page: the rendered summary, its Mermaid block drawn where GitHub draws it. */
function page(html: string): string {
  const mermaid = readFileSync(join(ROOT, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js'), 'utf8');
  const drawn = html.replace(
    /<pre lang="mermaid"><code>([\s\S]*?)<\/code><\/pre>|<pre><code class="language-mermaid">([\s\S]*?)<\/code><\/pre>/g,
    (_, a, b) => `<pre class="mermaid">${a ?? b}</pre>`
  );
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body>${drawn}
<script>${mermaid}</script><script>mermaid.initialize({startOnLoad:false,theme:'default'});mermaid.run();</script></body></html>`;
}

function screenshot(html: string, file: string, height: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'summary-shot-'));
  try {
    writeFileSync(join(dir, 'page.html'), html);
    execFileSync(
      'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${join(dir, 'profile')}`,
        `--window-size=928,${height}`,
        '--virtual-time-budget=10000',
        `--screenshot=${file}`,
        `file://${join(dir, 'page.html')}`
      ],
      { stdio: 'ignore' }
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

mkdirSync(OUT, { recursive: true });
for (const [days, height] of [
  [1, 1100],
  [30, 1500],
  [365, 1500]
] as const) {
  const markdown = summary(days);
  const file = join(OUT, `summary-${days}-day${days === 1 ? '' : 's'}.png`);
  screenshot(page(gfm(markdown)), file, height);
  console.log(`${file}: ${markdown.length} characters of Markdown`);
}
