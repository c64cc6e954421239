// The job summary and the pull-request body as a person sees them: rendered by GitHub's Markdown
// renderer (cmark-gfm with GitHub's extensions; .ci/run installs it), with hostile text from the
// API in every field. Checked on the HTML: each table row has as many cells as its header and holds
// what the event held, the only elements are the ones the templates write, the only links the ones
// the code adds, no text forms a mention, an issue reference or a bare link, and an email address
// reads and copies exactly as it is.
import { describe, expect, it } from '@jest/globals';
import type { ClientStats } from '../src/cursor-client.ts';
import type { BaseBranch } from '../src/destinations/base-branch.ts';
import { type AddedEvents, PullRequests } from '../src/destinations/pull-requests.ts';
import { type AuditEvent, toEvent } from '../src/events.ts';
import type { GitHubClient } from '../src/github.ts';
import { md, table } from '../src/markdown.ts';
import { NewEvents } from '../src/new-events.ts';
import type { Logger } from '../src/reporter.ts';
import { type RunReport, renderSummary } from '../src/summary.ts';
import { CheckResult, CHECKS } from '../src/verify/problems.ts';
import { renderVerifySummary } from '../src/verify/verify-summary.ts';
import {
  descendants,
  elements,
  type HtmlElement,
  type HtmlNode,
  inCode,
  links,
  parseHtml,
  renderGfm,
  tables,
  textContent,
  textOutsideCode
} from './support/gfm.ts';
import { EMAILS, HOSTILE_TEXT } from './support/hostile-text.ts';

const START = Date.parse('2026-11-24T00:00:00.000Z');
const END = Date.parse('2026-11-25T00:00:00.000Z');

// ---------------------------------------------------------------------------------------------
// What the rendered HTML may hold

/** The elements the templates write: headings, paragraphs, emphasis, tables, lists, links, code, quotes; `<wbr>` is md()'s, after an address's `@`. */
const TEMPLATE_ELEMENTS = new Set([
  'h2',
  'h3',
  'p',
  'strong',
  'em',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'ul',
  'li',
  'a',
  'code',
  'blockquote',
  'wbr',
  'pre'
]);
/** The events chart (chart.ts), the one code block the templates write: each line of it as chart.ts makes it, from dates and counts only. */
const CHART_LINE =
  /^(%%\{init: \{.*\}\}%%|xychart-beta| {2}title "Events per (day|week) \(UTC\), \d{4}-\d{2}-\d{2} → \d{4}-\d{2}-\d{2}"| {2}x-axis \[("(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)?( ’\d\d)? ?\d*\u200b*", )*"[^"]*"\]| {2}y-axis "Events" 0 --> \d+| {2}bar \[[\d, ]*\])$/;
/** GitHub's mention: an `@` after anything but a word character, a backtick or a slash, then a name (`@org/team` starts the same way). */
const MENTION = /(?<![A-Za-z0-9_`/])@[A-Za-z0-9][A-Za-z0-9-]*/;
/** An issue or pull-request reference (GitHub's own needs start or white space before it; any non-word character is refused here). */
const REFERENCE = /(?<![A-Za-z0-9_])#[0-9]+/;
/** What GitHub's autolinker starts a link with. */
const BARE_LINK = /:\/\/|www\./i;
/** The blocks whose text GitHub's filters may read as one run (the worst case: text nodes joined). */
const BLOCKS = new Set(['p', 'td', 'th', 'li', 'h2', 'h3']);

/** The text of a block as one run: code as a space (GitHub skips it), `<wbr>` as nothing. */
function joinedText(node: HtmlNode): string {
  if (node.kind === 'text') return node.text;
  if (node.kind === 'comment') return '';
  return node.name === 'code' ? ' ' : node.children.map(joinedText).join('');
}

function show(text: string): string {
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);
}

/**
 * Everything wrong in a rendered text: elements or attributes the templates do not write (raw
 * HTML that came through), rows that do not match their header, links other than `hrefs`, and
 * mentions, references or bare links in the text outside code.
 */
function problemsOf(root: HtmlElement, hrefs: string[]): string[] {
  const problems: string[] = [];
  for (const element of elements(root)) {
    if (!TEMPLATE_ELEMENTS.has(element.name)) problems.push(`a <${element.name}> element`);
    const chart = element.name === 'code' && element.attributes.some(([name, value]) => name === 'class' && value === 'language-mermaid');
    for (const [name, value] of element.attributes)
      if ((element.name !== 'a' || name !== 'href') && !chart) problems.push(`the attribute ${name}=${show(value)} on <${element.name}>`);
    if (element.name === 'pre') {
      const code = element.children.find((child) => child.kind === 'element' && child.name === 'code');
      const lines = textContent(element).replace(/\n$/, '').split('\n');
      const isChart = code?.kind === 'element' && code.attributes.some(([name, value]) => name === 'class' && value === 'language-mermaid');
      if (!isChart || !lines.every((line) => CHART_LINE.test(line)))
        problems.push(`a code block that is not the events chart: ${show(textContent(element).slice(0, 200))}`);
    }
    if (element.name === 'wbr') {
      // md()'s own: right after the `@` of an address (a word character before it)
      const siblings = element.parent!.children;
      const before = siblings[siblings.indexOf(element) - 1];
      if (before?.kind !== 'text' || !/[A-Za-z0-9_]@$/.test(before.text))
        problems.push(`a <wbr> not after an address's @: ${show(before ? textContent(before) : '')}`);
    }
  }
  for (const node of descendants(root)) if (node.kind === 'comment') problems.push(`an HTML comment ${show(node.text)}`);
  // cmark-gfm pads a short row and drops a long row's extra cells, so this alone misses a shifted
  // row: the tests also compare every cell with the value it should show.
  for (const [index, { rows }] of tables(root).entries()) {
    for (const [row, cells] of rows.entries()) {
      if (cells.length !== rows[0].length) problems.push(`table ${index}, row ${row}: ${cells.length} cells under a header of ${rows[0].length}`);
    }
  }
  const found = links(root).map((link) => link.href);
  if (JSON.stringify(found) !== JSON.stringify(hrefs)) problems.push(`links ${JSON.stringify(found)}, expected ${JSON.stringify(hrefs)}`);
  const runs = [
    ...textOutsideCode(root).map((node) => node.text),
    ...elements(root)
      .filter((element) => BLOCKS.has(element.name) && !inCode(element))
      .map(joinedText)
  ];
  for (const text of runs) {
    for (const [what, pattern] of [
      ['mention', MENTION],
      ['issue reference', REFERENCE],
      ['bare link', BARE_LINK]
    ] as const) {
      const match = pattern.exec(text);
      if (match) problems.push(`a ${what} ${show(match[0])} in the text ${show(text.slice(Math.max(0, match.index - 40), match.index + 40))}`);
    }
  }
  return [...new Set(problems)];
}

/** Renders the Markdown and fails on any problem, naming them all. */
function renderChecked(markdown: string, hrefs: string[] = []): HtmlElement {
  const root = parseHtml(renderGfm(markdown));
  expect(problemsOf(root, hrefs)).toEqual([]);
  return root;
}

// ---------------------------------------------------------------------------------------------
// What a reader should see of a value

/**
 * A value as a reader sees it in the rendered text: JSON for what is not a string, line breaks and
 * control characters as spaces, cut at `max` (never inside a surrogate pair) with `…`, without the
 * zero-width spaces the escaping adds (and any the value held), a lone surrogate as U+FFFD (as
 * UTF-8 writes it), the spaces at the ends trimmed as a table cell or a paragraph does.
 */
function seen(value: unknown, max = 200): string {
  let text = typeof value === 'string' ? value : value === undefined ? '' : (JSON.stringify(value) ?? '');
  // eslint-disable-next-line no-control-regex
  text = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  if (text.length > max) text = `${text.slice(0, /[\ud800-\udbff]/.test(text[max - 1]) ? max - 1 : max)}…`;
  return text
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/\u200b/g, '')
    .replace(/^ +| +$/g, '');
}

/** What a rendered cell or block shows, without zero-width spaces. */
function shown(node: HtmlNode): string {
  return textContent(node).replace(/\u200b/g, '');
}

/** The rows below the header of the table whose header starts with `first`. */
function cellsUnder(root: HtmlElement, first: string): HtmlElement[][] {
  const found = tables(root).find(({ rows }) => rows[0] && textContent(rows[0][0]) === first);
  if (!found) throw new Error(`no table headed ${JSON.stringify(first)}`);
  return found.rows.slice(1);
}

/** The same rows as the text they show. */
function rowsUnder(root: HtmlElement, first: string): string[][] {
  return cellsUnder(root, first).map((cells) => cells.map(shown));
}

// ---------------------------------------------------------------------------------------------
// Events with hostile text in every field

/** Two events per text: one dated, one with the text as its timestamp; the text in every other field, keys included. */
function hostileEvents(texts: string[]): AuditEvent[] {
  const events: AuditEvent[] = [];
  texts.forEach((text, i) => {
    const time = new Date(START + i * 60_000).toISOString();
    const dated = {
      event_id: `h-${i}-${text}`,
      timestamp: time,
      event_type: text,
      user_email: text,
      ip_address: text,
      event_data: { [text]: text, note: text }
    };
    const undated = {
      event_id: `u-${i}`,
      timestamp: text,
      event_type: text,
      user_email: text,
      ip_address: text,
      event_data: { list: [text, 1, null], [`${text}:`]: { text } }
    };
    events.push(toEvent(JSON.stringify(dated)), toEvent(JSON.stringify(undated)));
  });
  return events;
}

/** Events whose fields are not strings, a failed login and an event with no type. */
const ODD_EVENTS: AuditEvent[] = [
  {
    event_id: 'odd-1',
    timestamp: 1764000000,
    event_type: 'remove_user',
    user_email: ['<b>', '@x', 'y@z.io'],
    ip_address: { '|': '`' },
    event_data: '<script>'
  },
  {
    event_id: 'odd-2',
    timestamp: '2026-11-24T10:00:00Z',
    event_type: 'login',
    user_email: 'mallory@example.com',
    event_data: { success: false, login_type: '[x](javascript:alert(1)) @admin' }
  },
  { event_id: 'odd-3', timestamp: null, user_email: null, ip_address: true, event_data: null }
].map((data) => toEvent(JSON.stringify(data)));

/** Every type in the events notable, so each event reaches the table of notable events. */
function allNotable(events: AuditEvent[]): NewEvents {
  return NewEvents.of(events, new Set([...events.map((e) => e.type), 'login:failed']));
}

/** The notable table's rows as a reader should see them. */
function notableRows(tally: NewEvents, max = 50): string[][] {
  return tally.notable.slice(0, max).map((e) => {
    const failed = e.type === 'login' && (e.data.event_data as { success?: unknown } | null)?.success === false;
    return [seen(e.data.timestamp), failed ? 'login (failed)' : seen(e.type), seen(e.data.user_email), seen(e.data.event_data, 160), seen(e.data.ip_address)];
  });
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const STATS: ClientStats = { requests: 12, retries: 1, http429: 1, waitMs: 61_000 };
const LINKS = [
  { label: 'Commit 1a2b3c4 on cursor-audit-logs', url: 'https://github.example/acme/audit/commit/1a2b3c4d5e6f' },
  { label: 'Pull request #7', url: 'https://github.example/acme/audit/pull/7' },
  { label: 'Artifact cursor-audit-logs', url: 'https://github.example/acme/audit/actions/runs/9/artifacts/3' }
];

function report(added: NewEvents, more: Partial<RunReport> = {}): RunReport {
  return {
    start: START,
    end: END,
    complete: true,
    dryRun: false,
    fetched: added.count + 2,
    added,
    checkpoint: '2026-11-25T00:00:00.000Z',
    stats: STATS,
    elapsedMs: 3_400,
    destinations: ['workspace', 'branch'],
    files: ['cursor-audit-logs/2026/11/2026-11-24.jsonl'],
    links: LINKS,
    failure: undefined,
    gaps: [],
    ...more
  };
}

/** Each chunk of the events holds at most 50 notable ones: the summary lists them all. */
const EVENT_CHUNKS = chunks([...hostileEvents(HOSTILE_TEXT), ...ODD_EVENTS], 50);

// ---------------------------------------------------------------------------------------------

describe('the job summary of a sync, rendered', () => {
  it.each(EVENT_CHUNKS.map((events, i) => [i, events] as const))(
    'hostile events %i: tables keep their shape, no HTML, link or mention from the API',
    (_i, events) => {
      const tally = allNotable(events);
      expect(tally.notableCount).toBe(events.length);
      const root = renderChecked(
        renderSummary(report(tally)),
        LINKS.map((link) => link.url)
      );
      expect(rowsUnder(root, 'Time (UTC)')).toEqual(notableRows(tally));
      expect(rowsUnder(root, 'Event type')).toEqual(tally.typeCounts().map(([type, n]) => [seen(type), String(n)]));
      expect(rowsUnder(root, 'Day')).toEqual(tally.dayCounts().map(([day, n]) => [day, String(n)]));
      expect(links(root).map((link) => link.text.replace(/\u200b/g, ''))).toEqual(LINKS.map((link) => link.label));
      // an address in the actor column reads exactly as it is, no zero-width character in it
      const actors = cellsUnder(root, 'Time (UTC)').map((cells) => textContent(cells[2]));
      const addresses = tally.notable.map((e) => e.data.user_email).filter((actor) => EMAILS.includes(actor as string));
      expect(actors.filter((actor) => EMAILS.includes(actor))).toEqual(addresses);
    }
  );

  it('all the events at once (the first 50 listed), a failure from the API and gaps', () => {
    const tally = allNotable(EVENT_CHUNKS.flat());
    const failure = HOSTILE_TEXT.join(' ');
    const gaps = [
      { start: START, end: START + 3_600_000 },
      { start: START + 7_200_000, end: START + 7_300_000 }
    ];
    const root = renderChecked(
      renderSummary(report(tally, { failure, gaps, complete: false })),
      LINKS.map((link) => link.url)
    );
    expect(rowsUnder(root, 'Time (UTC)')).toEqual(notableRows(tally));
    const quotes = elements(root, 'blockquote').map((quote) => shown(quote).trim());
    expect(quotes).toHaveLength(1 + gaps.length);
    expect(quotes[0]).toBe(`[!CAUTION]\n${seen(failure, 1000)}`);
    expect(textContent(root)).toContain(`…and ${tally.notableCount - 50} more (all are in the files).`);
  });

  it('no events, and a dry run (no links)', () => {
    renderChecked(
      renderSummary(report(new NewEvents(new Set()), { fetched: 3 })),
      LINKS.map((link) => link.url)
    );
    renderChecked(renderSummary(report(allNotable(EVENT_CHUNKS[0]), { dryRun: true })));
  });
});

describe('the pull-request body, rendered', () => {
  const pulls = new PullRequests({
    github: undefined as unknown as GitHubClient,
    owner: 'acme',
    repo: 'audit',
    head: 'cursor-audit-logs',
    base: undefined as unknown as BaseBranch,
    path: 'cursor-audit-logs',
    labels: [],
    serverUrl: 'https://github.example',
    log: undefined as unknown as Logger
  });
  const added = (events: AuditEvent[], timestamps = ['2026-11-24T00:00:00.000Z', '2026-11-24T23:59:00.000Z']): AddedEvents => ({
    tally: allNotable(events),
    first: { time: START, key: 'a', timestamp: timestamps[0] },
    last: { time: END, key: 'b', timestamp: timestamps[1] }
  });

  it.each(EVENT_CHUNKS.map((events, i) => [i, events] as const))('hostile events %i', (_i, events) => {
    const body = pulls.body(added(events));
    const root = renderChecked(body);
    expect(rowsUnder(root, 'Time (UTC)')).toEqual(notableRows(allNotable(events)));
  });

  it('all the events at once, hostile first and last timestamps: cut to fit GitHub’s limit, still in shape', () => {
    const body = pulls.body(added(EVENT_CHUNKS.flat(), [HOSTILE_TEXT[0], '@admin #1 www.x.example']));
    const root = renderChecked(body);
    const rows = rowsUnder(root, 'Time (UTC)');
    expect(rows).toEqual(notableRows(allNotable(EVENT_CHUNKS.flat()), rows.length));
    expect(elements(root, 'p').map(shown)[0]).toContain(`(${seen(HOSTILE_TEXT[0])} → @admin #1 www.x.example)`);
  });

  // Values that escape to the most Markdown: six characters for one.
  const heavy = (n: number, type: (i: number) => string) =>
    Array.from({ length: n }, (_, i) =>
      toEvent(
        JSON.stringify({
          event_id: `heavy-${i}`,
          timestamp: '2026-11-24T10:00:00Z',
          event_type: type(i),
          user_email: '|'.repeat(400),
          ip_address: '@'.repeat(400),
          event_data: { ['`'.repeat(100)]: '#'.repeat(400) }
        })
      )
    );

  it('a body over GitHub’s limit: fewer notable rows, said in the body, still in shape', () => {
    const events = heavy(50, () => 'remove_user');
    const body = pulls.body(added(events));
    expect(body.length).toBeLessThanOrEqual(60_000);
    const root = renderChecked(body);
    const rows = rowsUnder(root, 'Time (UTC)');
    expect(rows.length).toBeLessThan(50);
    expect(rows).toEqual(notableRows(allNotable(events), rows.length));
    expect(elements(root, 'em').map(shown)).toEqual(["The list of notable events was cut to fit GitHub's limit; all 50 are in the files."]);
  });

  it('a body over the limit with a single notable row (a thousand long types): cut, still no HTML, link or mention', () => {
    const body = pulls.body(added(heavy(1000, (i) => `${'|'.repeat(150)}@${'#'.repeat(48)}${i}`)));
    expect(body.length).toBeLessThanOrEqual(60_100);
    const root = renderChecked(body);
    expect(elements(root, 'em').map(shown).at(-1)).toBe("Cut to fit GitHub's limit.");
  });
});

describe('the verify summary, rendered', () => {
  /** Four failed checks, ten problems each shown; the fifth passed; hostile text in every field. */
  function verifyReport(texts: string[]) {
    const checks = CHECKS.map((name) => new CheckResult(name));
    texts.forEach((text, i) => checks[i % 4].add(text, text));
    checks.forEach((check, i) => {
      check.figures = texts[i % texts.length];
      check.notes = [texts[(i + 1) % texts.length]];
    });
    return { record: texts[0], checks, missing: 3, elapsedMs: 5_000, requests: 7 };
  }

  it.each(chunks(HOSTILE_TEXT, 40).map((texts, i) => [i, texts] as const))('hostile problems %i', (_i, texts) => {
    const verify = verifyReport(texts);
    const root = renderChecked(renderVerifySummary(verify));
    expect(rowsUnder(root, 'Check').map((row) => row[2])).toEqual(verify.checks.map((check) => seen(check.figures, 400)));
    const problemTables = tables(root).filter(({ rows }) => textContent(rows[0][0]) === 'Where');
    expect(problemTables.map(({ rows }) => rows.slice(1).map((cells) => cells.map(shown)))).toEqual(
      verify.checks.filter((check) => !check.passed).map((check) => check.problems.slice(0, 10).map((p) => [seen(p.where, 200), seen(p.message, 400)]))
    );
    expect(elements(root, 'blockquote').map((quote) => shown(quote).trim())).toEqual(
      verify.checks.map((check) => `[!NOTE]\n${check.name}: ${seen(check.notes[0], 1000)}`)
    );
  });
});

describe('md(): an email address reads and copies exactly; a would-be mention stays text', () => {
  const cell = (value: string) => {
    const root = renderChecked(table(['Actor', 'Details'], [[md(value), md({ user_email: value })]]));
    return { root, cells: tables(root)[0].rows[1].map(textContent) };
  };

  it.each(EMAILS)('%s', (email) => {
    const { root, cells } = cell(email);
    expect(cells).toEqual([email, JSON.stringify({ user_email: email })]);
    expect(elements(root, 'a')).toEqual([]);
  });

  it('the renderer links an address written with an entity (`&#64;` alone does not stop it), not one split by `<wbr>`', () => {
    expect(renderGfm('alice&#64;example.com')).toContain('<a href="mailto:alice@example.com">');
    expect(md('alice@example.com')).toBe('alice&#64;<wbr>example.com');
    expect(renderGfm(md('alice@example.com'))).toBe('<p>alice@<wbr>example.com</p>\n');
  });

  it.each(['@admin', 'hi @team', '(@x)', '@org/team', 'é@admin', 'x.@dot', '-@dash', '@@twice', 'a@b@c.io'])('%s', (text) => {
    const { root, cells } = cell(text);
    expect(cells[0].replace(/\u200b/g, '')).toBe(text);
    expect(elements(root, 'a')).toEqual([]);
  });

  it('a zero-width space after an @ that could start a mention, and after #, :// and www.', () => {
    expect(md('@admin (@x) é@y')).toBe('&#64;&#8203;admin (&#64;&#8203;x) é&#64;&#8203;y');
    expect(md('#1 https://x.example www.y')).toBe('&#35;&#8203;1 https:&#8203;//x.example www&#8203;.y');
  });
});
