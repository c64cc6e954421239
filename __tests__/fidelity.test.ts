// Fidelity: events holding unusual JSON, served by the fake as raw text byte for byte, are stored
// as exactly that text with only the insignificant white space removed, in the file of their UTC
// day, in the workspace and on a branch. And what came from the API never reaches the job summary
// or the pull-request body as live Markdown or HTML.
//
// The expected lines are written out by hand: no JSON.parse/JSON.stringify round trip is used to
// make them, so a round trip in the action would show.
import { type FakeGitHub, startFakeGitHub } from '../fake/github-api.ts';
import { harness, type Harness } from './support/harness.ts';
import { MARKDOWN_PAYLOADS as PAYLOADS } from './support/hostile-text.ts';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const TOKEN = 'ghs_fidelity_token';
const BRANCH = 'cursor-audit-logs';
const DIR = 'cursor-audit-logs';
const TAB = '\t';
const CRLF = '\r\n';
const LS = '\u2028';
const PS = '\u2029';

interface Fixture {
  served: string;
  /** The stored line: `served` without insignificant white space, written by hand. */
  stored: string;
}

// --- 2026-11-20 -------------------------------------------------------------------------------

const ESCAPES: Fixture = {
  served: String.raw`{${TAB}"event_id":${TAB}"escapes-1",${TAB}"timestamp" : "2026-11-20T09:00:00.000Z", "event_type":"mcp_server_config", "event_data": {"nul": "a\u0000b", "esc": "\u001b[31mred\u001b[0m", "all": "\"\\\/\b\f\n\r\t", "unicode": "\u00e9\u00E9é", "quote_ws": "\" , \" "}${TAB}}`,
  stored: String.raw`{"event_id":"escapes-1","timestamp":"2026-11-20T09:00:00.000Z","event_type":"mcp_server_config","event_data":{"nul":"a\u0000b","esc":"\u001b[31mred\u001b[0m","all":"\"\\\/\b\f\n\r\t","unicode":"\u00e9\u00E9é","quote_ws":"\" , \" "}}`
};

const EMOJI: Fixture = {
  served: String.raw`{"event_id" : "emoji-1", "timestamp": "2026-11-20T10:00:00.000Z", "event_type": "login", "user_email": "😀@example.com", "event_data": {"raw": "😀👨‍👩‍👧🏳️‍🌈", "escaped": "\ud83d\ude00", "mixed": "😀\uD83D\uDE00", "lone": "\ud800", "success": true}}`,
  stored: String.raw`{"event_id":"emoji-1","timestamp":"2026-11-20T10:00:00.000Z","event_type":"login","user_email":"😀@example.com","event_data":{"raw":"😀👨‍👩‍👧🏳️‍🌈","escaped":"\ud83d\ude00","mixed":"😀\uD83D\uDE00","lone":"\ud800","success":true}}`
};

// Raw U+2028 / U+2029 inside strings (legal JSON, illegal in old JavaScript), and their escapes.
const SEPARATORS: Fixture = {
  served: String.raw`{ "event_id": "u2028-1", "timestamp": "2026-11-20T10:00:00.000Z", "event_type": "team_rule",
  "event_data": { "raw": "a${LS}b${PS}c", "escaped": "a\u2028b\u2029c", "spaced": " ${LS} " } }`,
  stored: String.raw`{"event_id":"u2028-1","timestamp":"2026-11-20T10:00:00.000Z","event_type":"team_rule","event_data":{"raw":"a${LS}b${PS}c","escaped":"a\u2028b\u2029c","spaced":" ${LS} "}}`
};

// --- 2026-11-21 -------------------------------------------------------------------------------

/** About 1 MB of string, with spaces and an escaped tab that must survive the compaction. */
const LONG = String.raw`ab  c\td `.repeat(116_509);
const LONG_EVENT: Fixture = {
  served: String.raw`{ "event_id" : "long-1" , "timestamp" : "2026-11-21T00:00:00.000Z" , "event_type" : "team_rule" , "event_data" : { "blob" : "${LONG}" } }`,
  stored: String.raw`{"event_id":"long-1","timestamp":"2026-11-21T00:00:00.000Z","event_type":"team_rule","event_data":{"blob":"${LONG}"}}`
};

/** event_data 200 levels deep, objects and arrays in turn, with white space at every level. */
function deep(levels: number, compact: boolean): string {
  let open = '';
  let close = '';
  for (let i = 0; i < levels; i++) {
    if (i % 2 === 0) {
      open += compact ? '{"k":' : '{ "k" :\n ';
      close = (compact ? '}' : ' }') + close;
    } else {
      open += compact ? '[1,' : '[ 1 ,\t';
      close = (compact ? ']' : '\n]') + close;
    }
  }
  return `${open}${compact ? '"bottom"' : ' "bottom" '}${close}`;
}
const DEEP: Fixture = {
  served: `{"event_id": "deep-1", "timestamp": "2026-11-21T23:59:59.999Z", "event_type": "team_settings", "event_data": ${deep(200, false)} }`,
  stored: `{"event_id":"deep-1","timestamp":"2026-11-21T23:59:59.999Z","event_type":"team_settings","event_data":${deep(200, true)}}`
};

// --- 2026-11-22 -------------------------------------------------------------------------------

const NUMBERS: Fixture = {
  served: String.raw`{"event_id":"numbers-1","timestamp":"2026-11-22T12:00:00Z","event_type":"user_spend_limit","event_data":{"big": 12345678901234567890, "negzero": -0, "huge": 1e400, "tiny": 1e-400, "precise": 1.0000000000000000001, "exp": 1E+2, "neg": -0.0e-0, "max": 9007199254740993, "arr": [ 1 , 2.50 , -3e3 ]}}`,
  stored: String.raw`{"event_id":"numbers-1","timestamp":"2026-11-22T12:00:00Z","event_type":"user_spend_limit","event_data":{"big":12345678901234567890,"negzero":-0,"huge":1e400,"tiny":1e-400,"precise":1.0000000000000000001,"exp":1E+2,"neg":-0.0e-0,"max":9007199254740993,"arr":[1,2.50,-3e3]}}`
};

// Duplicate keys (not event_id: see the known gaps below), kept both, in order.
const DUPLICATE_KEYS: Fixture = {
  served: String.raw`{"event_id":"dup-keys-1","timestamp":"2026-11-22T12:00:00Z","event_type":"login","event_data":{"success":true,"success":false, "a":1, "a":{"a":2}},"event_type":"login", "ip_address":"192.0.2.1","ip_address":"192.0.2.2"}`,
  stored: String.raw`{"event_id":"dup-keys-1","timestamp":"2026-11-22T12:00:00Z","event_type":"login","event_data":{"success":true,"success":false,"a":1,"a":{"a":2}},"event_type":"login","ip_address":"192.0.2.1","ip_address":"192.0.2.2"}`
};

// 23:30 UTC on the 22nd, written with a +01:00 offset (the 23rd locally); keys that are special
// to JavaScript objects.
const PROTO: Fixture = {
  served: String.raw`{"event_id":"proto-1","timestamp":"2026-11-23T00:30:00+01:00","event_type":"team_settings","__proto__":{"polluted":"yes","event_type":"remove_user"},"constructor":{"prototype":{"polluted":"yes"}},"event_data":{"__proto__":null, "toString":"x", "hasOwnProperty":1, "valueOf":{}}}`,
  stored: String.raw`{"event_id":"proto-1","timestamp":"2026-11-23T00:30:00+01:00","event_type":"team_settings","__proto__":{"polluted":"yes","event_type":"remove_user"},"constructor":{"prototype":{"polluted":"yes"}},"event_data":{"__proto__":null,"toString":"x","hasOwnProperty":1,"valueOf":{}}}`
};

// --- 2026-11-23 -------------------------------------------------------------------------------

// Unusual key order, and a -05:00 offset: 04:30 UTC on the 23rd.
const KEY_ORDER: Fixture = {
  served: String.raw`{ "event_data" : { "z" : 1 , "a" : 2 , "m" : [ 3 , 2 , 1 ] } , "user_email" : "order@example.com" , "timestamp" : "2026-11-22T23:30:00-05:00" , "ip_address" : "198.51.100.7" , "event_type" : "add_user" , "event_id" : "order-1" }`,
  stored: String.raw`{"event_data":{"z":1,"a":2,"m":[3,2,1]},"user_email":"order@example.com","timestamp":"2026-11-22T23:30:00-05:00","ip_address":"198.51.100.7","event_type":"add_user","event_id":"order-1"}`
};

// CR LF, tabs and spaces around every token, before and after the event.
const WHITESPACE: Fixture = {
  served: `${CRLF}${TAB}{${CRLF}${TAB}"event_id"${TAB}:${TAB}"ws-1"${CRLF},  "timestamp" :"2026-11-23T01:00:00Z" ,${CRLF}"event_type":"logout","event_data":{ "text" : "keep  these\\tspaces  " , "empty" : { } , "list" : [ ] }${CRLF}}${CRLF}  `,
  stored: String.raw`{"event_id":"ws-1","timestamp":"2026-11-23T01:00:00Z","event_type":"logout","event_data":{"text":"keep  these\tspaces  ","empty":{},"list":[]}}`
};

// Strings full of the characters a scanner keys on. One millisecond before KEY_ORDER as an instant,
// but after it as text: the file is sorted by instant.
const TRICKY: Fixture = {
  served: String.raw`{"event_id":"tricky-1" , "timestamp":"2026-11-23T04:29:59.999Z" , "event_type":"team_rule" , "event_data":{ "s" : "}, ] { [ \" , \\" , "t" : "\\\"" , "u" : " \\n " , "k{" : "v}" , "" : "" } }`,
  stored: String.raw`{"event_id":"tricky-1","timestamp":"2026-11-23T04:29:59.999Z","event_type":"team_rule","event_data":{"s":"}, ] { [ \" , \\","t":"\\\"","u":" \\n ","k{":"v}","":""}}`
};

// --- 2026-11-24: no usable event_id (keyed by the SHA-256 of the line) --------------------------

const NO_ID: Fixture = {
  served: String.raw`{ "timestamp" : "2026-11-24T08:00:00Z", "event_type":"login", "user_email":"noid@example.com", "event_data":{"success":true} }`,
  stored: String.raw`{"timestamp":"2026-11-24T08:00:00Z","event_type":"login","user_email":"noid@example.com","event_data":{"success":true}}`
};
/** The same event with other white space: the same line, so the same key: stored once. */
const NO_ID_AGAIN = String.raw`{"timestamp":"2026-11-24T08:00:00Z",   "event_type":"login","user_email":"noid@example.com","event_data":{ "success":true }}`;
const NO_ID_2: Fixture = {
  served: String.raw`{"timestamp":"2026-11-24T08:00:01Z","event_type":"logout","user_email":"noid@example.com"}`,
  stored: String.raw`{"timestamp":"2026-11-24T08:00:01Z","event_type":"logout","user_email":"noid@example.com"}`
};
const EMPTY_ID: Fixture = {
  served: String.raw`{"event_id":"","timestamp":"2026-11-24T09:00:00Z","event_type":"login"}`,
  stored: String.raw`{"event_id":"","timestamp":"2026-11-24T09:00:00Z","event_type":"login"}`
};
const NULL_ID: Fixture = {
  served: String.raw`{"event_id": null,"timestamp":"2026-11-24T09:00:01Z","event_type":"login"}`,
  stored: String.raw`{"event_id":null,"timestamp":"2026-11-24T09:00:01Z","event_type":"login"}`
};

// --- undated: timestamp missing or not a time --------------------------------------------------

const UNDATED: Fixture[] = [
  { served: String.raw`{"event_id":"undated-missing","event_type":"login"}`, stored: String.raw`{"event_id":"undated-missing","event_type":"login"}` },
  {
    served: String.raw`{"event_id":"undated-null","timestamp":null,"event_type":"login"}`,
    stored: String.raw`{"event_id":"undated-null","timestamp":null,"event_type":"login"}`
  },
  {
    served: String.raw`{"event_id":"undated-number","timestamp": 1764072000000,"event_type":"login"}`,
    stored: String.raw`{"event_id":"undated-number","timestamp":1764072000000,"event_type":"login"}`
  },
  {
    served: String.raw`{"event_id":"undated-empty","timestamp":"","event_type":"login"}`,
    stored: String.raw`{"event_id":"undated-empty","timestamp":"","event_type":"login"}`
  },
  {
    served: String.raw`{"event_id":"undated-words","timestamp":"not a time","event_type":"login"}`,
    stored: String.raw`{"event_id":"undated-words","timestamp":"not a time","event_type":"login"}`
  },
  {
    served: String.raw`{"event_id":"undated-month13","timestamp":"2026-13-45T00:00:00Z","event_type":"login"}`,
    stored: String.raw`{"event_id":"undated-month13","timestamp":"2026-13-45T00:00:00Z","event_type":"login"}`
  },
  { served: String.raw`{ "event_type" : "logout" , "event_data" : { } }`, stored: String.raw`{"event_type":"logout","event_data":{}}` }
];

/** Every fixture served once, in this order. */
const FIXTURES: Fixture[] = [
  ESCAPES,
  EMOJI,
  SEPARATORS,
  LONG_EVENT,
  DEEP,
  NUMBERS,
  DUPLICATE_KEYS,
  PROTO,
  KEY_ORDER,
  WHITESPACE,
  TRICKY,
  NO_ID,
  NO_ID_2,
  EMPTY_ID,
  NULL_ID,
  ...UNDATED
];
const SERVED: string[] = FIXTURES.map((f) => f.served);
SERVED.push(NO_ID_AGAIN);

/** Each daily file, its lines in order (timestamp as an instant, then event_id). */
const EXPECTED_DAYS: Record<string, string[]> = {
  '2026/11/2026-11-20.jsonl': [ESCAPES.stored, EMOJI.stored, SEPARATORS.stored],
  '2026/11/2026-11-21.jsonl': [LONG_EVENT.stored, DEEP.stored],
  '2026/11/2026-11-22.jsonl': [DUPLICATE_KEYS.stored, NUMBERS.stored, PROTO.stored],
  '2026/11/2026-11-23.jsonl': [WHITESPACE.stored, TRICKY.stored, KEY_ORDER.stored],
  '2026/11/2026-11-24.jsonl': [NO_ID.stored, NO_ID_2.stored, EMPTY_ID.stored, NULL_ID.stored]
};
/** undated.jsonl: its order is not specified beyond "kept", so compared as a sorted list. */
const EXPECTED_UNDATED = UNDATED.map((f) => f.stored).sort();
const FETCH = { 'backfill-start-time': '2026-11-15' };

const fileText = (lines: string[]) => lines.map((l) => `${l}\n`).join('');
const sortedLines = (text: string | undefined) => (text ?? '').split('\n').filter(Boolean).sort();

function expectPrototypeClean() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
}

let h: Harness | undefined;
let gh: FakeGitHub | undefined;
afterEach(async () => {
  await h?.close();
  await gh?.close();
  h = undefined;
  gh = undefined;
});

describe('stored exactly as served, white space aside', () => {
  it('sanity: the served texts differ from the stored ones only by white space outside strings', () => {
    // The fixtures themselves: every served text is valid JSON and has the same value as its line.
    for (const f of FIXTURES.filter((x) => x !== LONG_EVENT)) {
      expect(() => JSON.parse(f.served)).not.toThrow();
      expect(JSON.stringify(JSON.parse(f.served))).toBe(JSON.stringify(JSON.parse(f.stored)));
      expect(f.stored).not.toMatch(/^\s|\s$/);
    }
    expect(LONG_EVENT.stored.length).toBeGreaterThan(1_048_576);
  });

  it('workspace: each line is the served text, in the file of its UTC day, sorted; undated kept with a counted warning', async () => {
    h = await harness({ start: NOW, events: SERVED });
    const { rec, outputs } = await h.run(FETCH);
    expect(rec.failed).toBeUndefined();
    expectPrototypeClean();
    const files = await h.files();
    for (const [file, lines] of Object.entries(EXPECTED_DAYS)) expect(files.get(`${DIR}/${file}`)).toBe(fileText(lines));
    expect(sortedLines(files.get(`${DIR}/undated.jsonl`))).toEqual(EXPECTED_UNDATED);
    expect(files.get(`${DIR}/undated.jsonl`)!.endsWith('\n')).toBe(true);
    expect([...files.keys()].sort()).toEqual([...Object.keys(EXPECTED_DAYS), 'undated.jsonl', 'state.json', 'ledger.jsonl'].map((f) => `${DIR}/${f}`).sort());
    // Every served event once: the same-line twin of NO_ID is the same event.
    expect(outputs['events-count']).toBe(String(SERVED.length - 1));
    expect(Number(outputs['fetched-count']) - Number(outputs['duplicates-count'])).toBe(SERVED.length - 1);
    const undated = rec.warnings.filter((w) => /undated|no usable timestamp/i.test(w));
    expect(undated).toHaveLength(1);
    expect(undated[0]).toMatch(new RegExp(`\\b${UNDATED.length}\\b`));

    // A second run re-reads everything (backfill): nothing is added, nothing changes.
    h.clock.advance(60 * 60_000);
    const before = files;
    const again = await h.run({ ...FETCH, backfill: 'true' });
    expect(again.rec.failed).toBeUndefined();
    expect(again.outputs['events-count']).toBe('0');
    expect(again.outputs['duplicates-count']).toBe(again.outputs['fetched-count']);
    const after = await h.files();
    for (const [file, text] of before) {
      // no event file changes; the ledger only gains this run's line
      if (file.endsWith('ledger.jsonl')) expect(after.get(file)!.startsWith(text)).toBe(true);
      else if (!file.endsWith('state.json')) expect(after.get(file)).toBe(text);
    }
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  });

  it('branch: the committed files hold the same lines; a second run makes no commit', async () => {
    h = await harness({ start: NOW, events: SERVED });
    gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
    const runBranch = (inputs: Record<string, string>) =>
      h!.run({ destination: 'branch', 'github-token': TOKEN, repository: 'acme/audit', ...FETCH, ...inputs }, { env: { GITHUB_API_URL: gh!.url } });
    const { rec, outputs } = await runBranch({});
    expect(rec.failed).toBeUndefined();
    expectPrototypeClean();
    expect(outputs['events-count']).toBe(String(SERVED.length - 1));
    for (const [file, lines] of Object.entries(EXPECTED_DAYS)) expect(await gh.readFile(BRANCH, `${DIR}/${file}`)).toBe(fileText(lines));
    expect(sortedLines(await gh.readFile(BRANCH, `${DIR}/undated.jsonl`))).toEqual(EXPECTED_UNDATED);
    expect(rec.warnings.some((w) => /no usable timestamp|undated/i.test(w) && new RegExp(`\\b${UNDATED.length}\\b`).test(w))).toBe(true);

    const sha = await gh.branchSha(BRANCH);
    h.clock.advance(60 * 60_000);
    const again = await runBranch({ backfill: 'true' });
    expect(again.rec.failed).toBeUndefined();
    expect(again.outputs['events-count']).toBe('0');
    expect(await gh.branchSha(BRANCH)).toBe(sha);
    for (const [file, lines] of Object.entries(EXPECTED_DAYS)) expect(await gh.readFile(BRANCH, `${DIR}/${file}`)).toBe(fileText(lines));
  });
});

// Bugs this file found, each fixed in src/ and kept here as its regression test.
describe('former bugs', () => {
  it('numeric event_ids beyond 2^53 are two events, both kept', async () => {
    const a = String.raw`{"event_id":12345678901234567890,"timestamp":"2026-11-20T10:00:00Z","event_type":"login"}`;
    const b = String.raw`{"event_id":12345678901234567891,"timestamp":"2026-11-20T10:00:00Z","event_type":"login"}`;
    h = await harness({ start: NOW, events: [a, b] });
    const { outputs } = await h.run(FETCH);
    expect(outputs['events-count']).toBe('2');
    expect((await h.files()).get(`${DIR}/2026/11/2026-11-20.jsonl`)).toBe(fileText([a, b]));
  });

  it('an event with a duplicate "event_id" key is stored once across two runs', async () => {
    const line = String.raw`{"event_id":"dupA","timestamp":"2026-11-20T11:00:00Z","event_type":"login","event_id":"dupB"}`;
    h = await harness({ start: NOW, events: [line] });
    await h.run(FETCH);
    h.clock.advance(60 * 60_000);
    const { outputs } = await h.run({ ...FETCH, backfill: 'true' });
    expect(outputs['events-count']).toBe('0');
    expect((await h.files()).get(`${DIR}/2026/11/2026-11-20.jsonl`)).toBe(fileText([line]));
  });
});

// ---------------------------------------------------------------------------------------------
// Markdown and HTML from the API

function markdownEvents(): string[] {
  // The fake serves an event whose timestamp Date.parse reads (leniently) only in that range: every
  // payload used as a timestamp must be unreadable, so the event is undated and always served.
  for (const [p] of PAYLOADS) if (!Number.isNaN(Date.parse(p))) throw new Error(`payload ${JSON.stringify(p)} reads as a date`);
  const out: string[] = [];
  PAYLOADS.forEach(([p], i) => {
    const at = (s: number) => new Date(Date.parse('2026-11-24T10:00:00.000Z') + i * 60_000 + s * 1000).toISOString();
    // Notable (listed one by one: time, type, actor, details, IP).
    out.push(
      JSON.stringify({
        event_id: `md-a-${i}-${p}`,
        timestamp: at(0),
        ip_address: p,
        user_email: p,
        event_type: 'remove_user',
        event_data: { user_email: p, [p]: p }
      })
    );
    // Its type in the counts by type.
    out.push(JSON.stringify({ event_id: `md-b-${i}`, timestamp: at(1), ip_address: p, user_email: p, event_type: p, event_data: { note: p } }));
    // Notable and undated: the payload as its timestamp.
    out.push(
      JSON.stringify({ event_id: `md-c-${i}`, timestamp: p, ip_address: p, user_email: p, event_type: 'update_user_role', event_data: { new_role: p } })
    );
  });
  out.push(
    JSON.stringify({
      event_id: 'md-d',
      timestamp: '2026-11-24T11:00:00.000Z',
      ip_address: '@org/team',
      user_email: '<b>x</b>',
      event_type: 'login',
      event_data: { success: false, login_type: '[x](javascript:alert(1))' }
    })
  );
  return out;
}

function expectInert(markdown: string) {
  for (const [payload, forbidden] of PAYLOADS) {
    for (const f of forbidden) {
      if (markdown.includes(f))
        throw new Error(
          `${JSON.stringify(f)} of the payload ${JSON.stringify(payload)} reached the Markdown:\n…${markdown.slice(Math.max(0, markdown.indexOf(f) - 80), markdown.indexOf(f) + 80)}…`
        );
    }
  }
  // Tables keep their shape: no cell adds or closes a column, no value starts a line of its own.
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('|') || (i > 0 && lines[i - 1].startsWith('|'))) continue;
    const pipes = (s: string) => s.split('|').length;
    for (let j = i; j < lines.length && lines[j].startsWith('|'); j++) expect([j, pipes(lines[j])]).toEqual([j, pipes(lines[i])]);
  }
  for (const line of lines) expect(line).not.toMatch(/^(line1|cell|> quote|## Injected|<)/);
  // What came from the API did arrive, escaped (the check above is not vacuous).
  expect(markdown).toContain('&lt;script&gt;');
  expect(markdown).toMatch(/&#64;(&#8203;|\u200b)org/);
}

describe('Markdown and HTML from the API never reach the summary or the pull request unescaped', () => {
  it('job summary (workspace)', async () => {
    h = await harness({ start: NOW, events: markdownEvents() });
    const { rec } = await h.run(FETCH);
    expect(rec.failed).toBeUndefined();
    expect(rec.summary).toContain('### Notable events');
    expect(rec.summary.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---')).length).toBeGreaterThan(2 * PAYLOADS.length);
    expectInert(rec.summary);
  });

  it('pull-request body and its job summary', async () => {
    h = await harness({ start: NOW, events: markdownEvents() });
    gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
    const { rec } = await h.run(
      { destination: 'pull-request', 'github-token': TOKEN, repository: 'acme/audit', 'pull-request-labels': 'audit, security', ...FETCH },
      { env: { GITHUB_API_URL: gh.url, GITHUB_SERVER_URL: 'https://github.example' } }
    );
    expect(rec.failed).toBeUndefined();
    expect(gh.pulls).toHaveLength(1);
    const body = gh.pulls[0].body ?? '';
    expect(body).toContain(`adds **${markdownEvents().length} Cursor audit event(s)**`);
    expectInert(body);
    expectInert(rec.summary);
  });

  it("the API's own error message, shown in the summary of a failed run", async () => {
    h = await harness({ start: NOW, events: markdownEvents() });
    const message = PAYLOADS.map(([p]) => p).join(' ');
    h.api.injectFaults({ kind: 'status', status: 418, body: JSON.stringify({ error: message }) });
    const { rec } = await h.run(FETCH);
    expect(rec.failed).toBeDefined();
    expect(rec.summary).toContain('[!CAUTION]');
    for (const [payload, forbidden] of PAYLOADS) {
      for (const f of forbidden) expect([payload, rec.summary.includes(f)]).toEqual([payload, false]);
    }
    expect(rec.summary).toContain('&lt;script&gt;');
  });
});
