// Every input of action.yml fed malformed values: a hand-written table plus cases drawn from a
// seeded PRNG (deterministic: the same cases every run). Each case runs the action in-process and
// must fail naming the input, before any request to the Cursor API, the Actions cache or GitHub,
// without a stack trace, and without showing the API key.
//
// Values that are odd but legitimately accepted (an emoji label, a path named `%2e%2e`, a branch
// named with Unicode) are not asserted here. Values that should be rejected but are not yet are in
// KNOWN_GAPS at the end, run with `it.failing`: when src/ starts rejecting one, Jest reports that
// case, and it moves up into HAND_WRITTEN.
import { readFileSync } from 'node:fs';
import { createRng } from '../fake/events.ts';
import { type FakeGitHub, startFakeGitHub } from '../fake/github-api.ts';
import { secretForms } from '../src/key-forms.ts';
import { harness, type Harness, KEY } from './support/harness.ts';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const TOKEN = 'ghs_fuzz_inputs_token';
const SEED = 0x5eed_2026;
const CASES_PER_INPUT = 16;

type Inputs = Record<string, string>;
interface Case {
  /** The input the case is about: the failure must name it. */
  input: string;
  value: string;
  /** Other inputs the case needs (the destination that reads the input, a token...). */
  context?: Inputs;
  source: 'hand' | 'generated' | 'gap';
  /** For gaps: what happens today. */
  note?: string;
}

// ---------------------------------------------------------------------------------------------
// Contexts: each input is fuzzed with the destination that uses it, so the case stays meaningful
// if validation ever becomes per destination.

const BRANCH: Inputs = { destination: 'branch', 'github-token': TOKEN, repository: 'acme/audit' };
const PULL_REQUEST: Inputs = { destination: 'pull-request', 'github-token': TOKEN, repository: 'acme/audit' };
const ARTIFACT: Inputs = { destination: 'artifact' };
const CONTEXT: Record<string, Inputs> = {
  branch: BRANCH,
  'commit-message': BRANCH,
  repository: { destination: 'branch', 'github-token': TOKEN },
  'github-token': { destination: 'branch', repository: 'acme/audit' },
  'pull-request-branch': PULL_REQUEST,
  'base-branch': PULL_REQUEST,
  'pull-request-title': PULL_REQUEST,
  'pull-request-labels': PULL_REQUEST,
  'artifact-name': ARTIFACT,
  'artifact-retention-days': ARTIFACT
};

// ---------------------------------------------------------------------------------------------
// Seeded generators

const rng = createRng(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const between = (min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));

/** Control characters other than `\n` (a list separator and allowed in templates). */
const CONTROLS = ['\u0000', '\u0001', '\u0007', '\b', '\t', '\u000b', '\f', '\r', '\u001b[31m', '\u001b]8;;http://x\u0007', '\u001f', '\u007f'];
/** Unicode that String.trim() keeps: RTL marks and overrides, zero-width, emoji, combining marks. */
const UNICODE = ['\u200f', '\u200e', '\u202e', '\u2066', '\u200b', '\u200c', '\u200d', '\u2060', '😀', '👨‍👩‍👧', '\u0301', '\ud83d'];
const WORDS = [
  'abc',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-Infinity',
  '[]',
  '{}',
  'yes',
  'ten',
  'default',
  '$(whoami)',
  '`id`',
  '; rm -rf /',
  'DROP TABLE x',
  '%s%n'
];
const HUGE = [
  '1e309',
  '99999999999999999999',
  '-1e309',
  '1e-309',
  '9'.repeat(400),
  '0x7fffffffffffffff',
  '18446744073709551616',
  String(Number.MAX_VALUE),
  '-0'
];
const SAFE_WORDS = ['audit', 'logs', 'cursor', 'team-a', 'x1', 'data', 'sec_ops', 'v2'];

/** Inserts `junk` strictly inside `text` (never at an end, which the runner trims). */
function insideOf(text: string, junk: string): string {
  if (text.length < 2) return `${text}${junk}x`;
  const at = between(1, text.length - 1);
  return text.slice(0, at) + junk + text.slice(at);
}
const withControl = (text: string) => insideOf(text, pick(CONTROLS));
const withUnicode = (text: string) => insideOf(text, pick(UNICODE));
const fullwidthDigits = (text: string) => text.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const arabicDigits = (text: string) => text.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
const segments = (n: number) => Array.from({ length: n }, () => pick(SAFE_WORDS));

function badInt(min: number, max: number): () => string {
  const valid = () => String(between(min, max));
  return () =>
    pick<() => string>([
      () => String(max + between(1, 1_000_000)),
      () => pick(HUGE),
      () => `-${between(1, 1000)}`,
      () => pick(WORDS),
      () => `${valid()}.${between(1, 9)}`,
      () => `${valid()}${pick(['e3', 'e0', 'x', ' m', '%', 'px', '_000', ',5', '/2'])}`,
      () => `0x${between(1, 255).toString(16)}`,
      () => fullwidthDigits(valid()),
      () => arabicDigits(valid()),
      () => withControl(`${valid()}0`),
      () => `${valid()}${pick(UNICODE)}`,
      () => `${pick(UNICODE)}${valid()}`,
      () => (min > 0 ? '0' : String(max + 1)),
      () => pick(['true', 'false', 'one', 'five hundred', '1,2', '[1]'])
    ])();
}

function badBool(): string {
  return pick<() => string>([
    () => pick(['yes', 'no', 'on', 'off', 'y', 'n', '1', '0', 'tRue', 'fAlse', 't', 'f', 'truee', 'true,false', 'enabled', 'nil']),
    () => pick(WORDS),
    () => pick(HUGE),
    () => withControl(pick(['true', 'false'])),
    () => `${pick(['true', 'false'])}${pick(UNICODE)}`,
    () => `${pick(UNICODE)}${pick(['true', 'false'])}`,
    () => pick(['ｔｒｕｅ', 'trսe', 'fаlse', 'ＴＲＵＥ']) // fullwidth, Armenian u, Cyrillic a
  ])();
}

const BAD_UNITS = ['y', 'mo', 'min', 'sec', 'hr', 'days', 'x', 'µs', 'ns', 'minutes', 'Y', 'd2', 'mm'];
function badDuration(tooBig: () => string, tooSmall?: () => string): () => string {
  return () =>
    pick<() => string>([
      () => String(between(1, 1_000_000)), // no unit
      () => `-${between(1, 99)}${pick(['s', 'm', 'h', 'd'])}`,
      () => `${between(1, 9)}.${between(1, 9)}${pick(['s', 'm', 'h'])}`,
      () => `${between(1, 99)}${pick(BAD_UNITS)}`,
      () => `${between(1, 99)} ${pick(['s', 'm', 'h', 'd'])}`,
      () => `${between(1, 9)}${pick(['s', 'm', 'h'])} ${between(1, 9)}${pick(['s', 'm'])}`,
      () => pick(HUGE),
      () => `${'9'.repeat(between(10, 30))}${pick(['s', 'm', 'h', 'd', 'w'])}`,
      () => pick(WORDS),
      tooBig,
      tooSmall ?? tooBig,
      () => fullwidthDigits(`${between(1, 59)}m`),
      () => arabicDigits(`${between(1, 59)}m`),
      () => withControl(`${between(10, 59)}m`),
      () => insideOf(`${between(10, 59)}m`, pick(UNICODE)),
      () => pick(['P1D', 'PT10M', '1:30', '00:10:00', '10m-', '+10m', 'm10', '∞'])
    ])();
}

function badTime(): string {
  const y = between(2000, 2026);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return pick<() => string>([
    () => pick(['yesterday', 'now', 'tomorrow', 'today', 'last week', 'epoch', ...WORDS]),
    () => pick(HUGE),
    () => String(between(1_000_000_000, 1_999_999_999)), // epoch seconds
    () => `-${between(1, 99)}${pick(['h', 'd'])}`,
    // in the future
    () => new Date(NOW + between(1, 3_000_000_000)).toISOString(),
    () => `${between(2027, 9999)}-${p2(between(1, 12))}-${p2(between(1, 28))}`,
    () => `2026-11-25T${p2(between(13, 23))}:00:00Z`,
    () => `2026-11-25T12:00:00${pick(['-01:00', '-05:30', '-12:00'])}`,
    // not a calendar date or time
    () => `${y}-${pick(['00', '13', '99'])}-01`,
    () => `${y}-02-${pick(['30', '31'])}`,
    () => `${y}-${pick(['04', '06', '09', '11'])}-31T00:00:00Z`,
    () => `${y}-01-${pick(['00', '32'])}T00:00:00Z`,
    () => `${y}-01-01T${pick(['24', '25', '99'])}:00:00Z`,
    () => `${y}-01-01T10:${pick(['60', '99'])}:00Z`,
    () => `${y}-01-01T10:00:${pick(['60', '61'])}Z`,
    () => `${y}-01-01T10:00:00${pick(['+24:00', '+05:60', '+5', '+0500', 'UTC', ' PST'])}`,
    // no zone, other formats
    () => `${y}-01-0${between(1, 9)}T10:00:00`,
    () => pick([`${y}/01/02`, `01/02/${y}`, `${y}0102`, `${y}-1-2`, `${y}-W01`, 'Tue, 24 Nov 2026 10:00:00 GMT']),
    () => withControl(`${y}-01-02`),
    () => insideOf(`${y}-01-02T00:00:00Z`, pick(UNICODE)),
    () => fullwidthDigits(`${y}-01-02`),
    () => arabicDigits(`${y}-01-02`)
  ])();
}

function badPath(): string {
  const ok = segments(between(1, 3));
  const at = between(0, ok.length);
  const put = (bad: string) => [...ok.slice(0, at), bad, ...ok.slice(at)].join('/');
  return pick<() => string>([
    () => put('..'),
    () => `${'../'.repeat(between(1, 6))}${ok.join('/')}`,
    () => `./../${ok.join('/')}`,
    () => `/${ok.join('/')}`,
    () => pick(['/etc', '/etc/passwd', '/', '//server/share', '/tmp/x', '/home/runner/.ssh']),
    () => `${pick(['C', 'c', 'D', 'Z'])}:${pick(['\\', '/', ''])}${ok.join(pick(['\\', '/']))}`,
    () => [...ok, pick(SAFE_WORDS)].join('\\'),
    () => `\\\\server\\share\\${ok.join('\\')}`,
    () => put(pick(['.git', '.GIT', '.Git', '.gIt'])),
    () => [...ok, '.', pick(SAFE_WORDS)].join('/'),
    () => `${ok.join('/')}//${pick(SAFE_WORDS)}`,
    () => withControl(ok.join('/')),
    () => `${ok.join('/')}/..`,
    () => pick(['..', '.', './', './..', '../', '.git', '.git/hooks', 'a/.git/x', '..\\..'])
  ])();
}

const BRANCH_BAD_CHARS = [' ', '~', '^', ':', '?', '*', '[', '\\', '..', '@{', '//', '\u00a0', '\u3000'];
function badBranch(): string {
  const ok = segments(between(1, 3)).join('/');
  return pick<() => string>([
    () => insideOf(ok, pick(BRANCH_BAD_CHARS)),
    () => `${pick(['-', '/', '.'])}${ok}`,
    () => `${ok}${pick(['/', '.', '.lock'])}`,
    () => `${ok}/.${pick(SAFE_WORDS)}`,
    () => withControl(ok),
    () => 'b'.repeat(between(201, 5000)),
    () => `refs/heads/${pick(SAFE_WORDS)}..${pick(SAFE_WORDS)}`,
    () => pick(['a b', '-x', 'x.lock', '@{', '~1', 'HEAD~1', 'main^', 'a:b', '..', '.', '/', 'x/', '//x', 'a//b', '@{-1}', 'main@{upstream}'])
  ])();
}

function badLabels(): string {
  const ok = segments(between(0, 3));
  const long = () => pick(['x', 'é', '😀', 'ab ', 'label-']).repeat(between(26, 3000)).trim();
  return pick<() => string>([
    () => {
      const l = long();
      return [...ok, l.length > 50 ? l : 'y'.repeat(51)].join(',');
    },
    () => [...ok, withControl(pick(SAFE_WORDS))].join(','),
    () => [withControl(`${pick(SAFE_WORDS)} ${pick(SAFE_WORDS)}`), ...ok].join(', '),
    () => 'z'.repeat(between(51, 100_000))
  ])();
}

const PLACEHOLDER_NAMES = [
  'unknown',
  'START',
  'End',
  ' count ',
  'count ',
  '',
  '0',
  '__proto__',
  'constructor',
  'toString',
  'start,end',
  'now',
  'github.sha',
  'env.HOME',
  'x'
];
function badTemplate(base: string): () => string {
  return () =>
    pick<() => string>([
      () => insideOf(base, `{${pick(PLACEHOLDER_NAMES)}}`),
      () => insideOf(base, pick(['${{ secrets.X }}', '${{ github.token }}', '${{secrets.CURSOR_API_KEY}}', '{{ github.token }}'])),
      () => withControl(base),
      () => `${base} {${pick(SAFE_WORDS)}}`
    ])();
}

function badBaseUrl(): string {
  const host = `${pick(SAFE_WORDS).replace(/_/g, '')}.example.com`;
  return pick<() => string>([
    () =>
      pick([
        'javascript:alert(1)',
        'javascript://%0aalert(1)',
        'file:///etc/passwd',
        'file://C:/x',
        'data:text/plain,x',
        'ftp://api.cursor.com',
        'ws://api.cursor.com',
        'gopher://x',
        'mailto:a@b.c'
      ]),
    () => `http://${host}`,
    () =>
      `http://${pick(['10.0.0.1', '169.254.169.254/latest/meta-data', '0.0.0.0', '192.168.1.1:8080', 'localhost.evil.com', '127.0.0.1.nip.io', '[::ffff:10.0.0.1]'])}`,
    () => `https://${pick(['user:pw', 'user', ':pw', 'crsr_x:'])}@${host}`,
    () => `https://${host}/?${pick(['q=1', 'key=x', ''])}x`,
    () => `https://${host}/#${pick(SAFE_WORDS)}`,
    () =>
      pick([
        'api.cursor.com',
        '//api.cursor.com',
        'https//api.cursor.com',
        'https:/',
        'https://',
        'https://:443',
        'https://exa mple.com',
        'https://[::1',
        'https://x:99999',
        'https://x:-1'
      ]),
    // (tab, CR and LF are removed by the URL parser, so they are not among these)
    () => `https://${insideOf(host, pick(['\u0000', '\u0001', '\u0007', '\u001b', '\u001f', '\u007f']))}`,
    () => pick(WORDS),
    () => pick(HUGE)
  ])();
}

function badRepository(): string {
  const o = pick(SAFE_WORDS).replace(/_/g, '');
  const n = pick(SAFE_WORDS);
  return pick<() => string>([
    () => o,
    () => `${o}/`,
    () => `/${n}`,
    () => `${o}/${n}/${pick(SAFE_WORDS)}`,
    () => `${o}/${pick(['..', '.'])}`,
    () => `../${n}`,
    () => `${o} /${n}`,
    () => `${o}/${n} x`,
    () => `${o}/${n}${pick(UNICODE)}`,
    () => withControl(`${o}/${n}`),
    () => `https://github.com/${o}/${n}`,
    () => `git@github.com:${o}/${n}.git`,
    () => `${o}\\${n}`,
    () => `${'o'.repeat(40)}/${n}`,
    () => `${o}/${'n'.repeat(101)}`,
    () => pick(HUGE).replace('/', '')
  ])();
}

const ARTIFACT_BAD = ['"', ':', '<', '>', '|', '*', '?', '\\', '/', '\r', '\n'];
const badArtifactName = () => insideOf(`cursor-${pick(SAFE_WORDS)}-${between(1, 9999)}`, pick(ARTIFACT_BAD));

function badCheckpointKey(): string {
  const ok = `${pick(SAFE_WORDS)}-${pick(SAFE_WORDS)}`;
  return pick<() => string>([
    () => insideOf(ok, pick(['/', ' ', ':', '*', '~', '+', '=', '%2e', '\\', '#', '@', ',', '$', '!', '\u00e9'])),
    () => `../${ok}`,
    () => withControl(ok),
    () => withUnicode(ok),
    () => 'k'.repeat(between(201, 10_000))
  ])();
}

function badApiKey(): string {
  const a = 'crsr_' + 'f'.repeat(between(4, 40));
  const b = '0'.repeat(between(4, 30));
  return `${a}${pick([' ', '\t', '\u0000', '\u001b', '\r', '\n', '\u00a0', '\u2028', '\u3000', '\u0007', '\u007f'])}${b}`;
}

function badDestination(): string {
  return pick<() => string>([
    () =>
      pick([
        'ftp',
        'Branch',
        'WORKSPACE',
        'branch;workspace',
        'workspace workspace',
        ',',
        ', ,',
        's3',
        'gist',
        'pull_request',
        'pullrequest',
        'artifacts',
        'workspace/'
      ]),
    () => `workspace,${pick(WORDS)}`,
    () => `${pick(['branch', 'workspace'])}${pick(UNICODE)}`,
    () => withControl('workspace'),
    () => pick(HUGE)
  ])();
}

const badListItem = (name: string) => () => {
  const ok = segments(between(0, 2));
  const item = name === 'users' ? `${pick(SAFE_WORDS)}@example.com` : pick(['login', 'remove_user', 'team_settings']);
  return [...ok, withControl(item)].join(',');
};

const DAYS = (n: number) => `${n}d`;
const GENERATORS: Record<string, () => string> = {
  'api-key': badApiKey,
  'backfill-start-time': badTime,
  backfill: badBool,
  'end-time': badTime,
  destination: badDestination,
  path: badPath,
  branch: badBranch,
  'pull-request-branch': badBranch,
  'base-branch': badBranch,
  'pull-request-title': badTemplate('Cursor audit logs through {end}'),
  'pull-request-labels': badLabels,
  'commit-message': badTemplate('Cursor audit logs: {count} events through {end}'),
  repository: badRepository,
  'artifact-name': badArtifactName,
  'artifact-retention-days': badInt(1, 90),
  'event-types': badListItem('event-types'),
  users: badListItem('users'),
  'page-size': badInt(1, 500),
  'window-days': badInt(1, 30),
  'requests-per-minute': badInt(1, 6000),
  lookback: badDuration(() => DAYS(between(31, 99_999))),
  'request-timeout': badDuration(
    () => `${between(11, 99_999)}m`,
    () => pick(['0', '0s', `${between(1, 999)}ms`])
  ),
  'max-retries': badInt(0, 50),
  'time-budget': badDuration(
    () => DAYS(between(8, 99_999)),
    () => `${between(1, 999)}ms`
  ),
  'checkpoint-key': badCheckpointKey,
  'base-url': badBaseUrl,
  'dry-run': badBool,
  attest: badBool,
  'notable-event-types': badListItem('notable-event-types'),
  mode: () => pick(['Sync', 'VERIFY', 'check', 'verify,sync', 'sync\u0000', '\u200bverify', 'ｖｅｒｉｆｙ', `${pick(WORDS)}`]),
  'verify-days': badInt(1, 30),
  'verify-max-commits': badInt(1, 1_000_000)
};
/** Inputs without a generator, and why. */
const NOT_GENERATED: Record<string, string> = {
  'github-token': 'only an empty token is invalid today (HAND_WRITTEN); tokens with control characters are in KNOWN_GAPS'
};

// ---------------------------------------------------------------------------------------------
// The hand-written table

const h_ = (input: string, value: string, context?: Inputs): Case => ({ input, value, context, source: 'hand' });
const HAND_WRITTEN: Case[] = [
  // numbers where numbers go, malformed
  ...[
    '0',
    '501',
    '1e309',
    '99999999999999999999',
    '-1',
    '-0',
    '1.5',
    '1e2',
    '0x10',
    '+5',
    'five',
    '５',
    '٥',
    '5\u200b',
    '\u202e5',
    '5\u0000',
    '500\u001b[31m',
    '[500]',
    '500,500'
  ].map((v) => h_('page-size', v)),
  ...['0', '31', '-30', '1e309', '30.0', 'month', '3\u200f0'].map((v) => h_('window-days', v)),
  ...['0', '6001', '99999999999999999999', '-20', 'fast', 'unlimited', '20/min', '20\r0'].map((v) => h_('requests-per-minute', v)),
  ...['-1', '51', '1e309', 'forever', '8.0', '∞'].map((v) => h_('max-retries', v)),
  ...['0', '31', '-1', '30d', 'month'].map((v) => h_('verify-days', v)),
  ...['0', '-5', '1000001', '1e3', 'all'].map((v) => h_('verify-max-commits', v)),
  ...['verify sync', 'audit', 'Verify', 'sy nc'].map((v) => h_('mode', v)),
  ...['0', '91', '-7', '1e309', 'never', '7d'].map((v) => h_('artifact-retention-days', v)),
  // booleans
  ...['yes', '1', 'tRue', 'true\u0000', '\u200btrue', 'ｔｒｕｅ', 'true false'].map((v) => h_('backfill', v)),
  ...['no', '0', 'FALSE!', 'false\u001b[31m'].map((v) => h_('dry-run', v)),
  ...['on', 'attest', 'true,true'].map((v) => h_('attest', v)),
  // durations
  ...['-10m', '1e309', '10', '10 m', '31d', '99999999999999999999s', '999999999w', '1.5h', '10y', '١٠m', '10m\u200b', 'P1D'].map((v) => h_('lookback', v)),
  ...['0', '0s', '999ms', '11m', '1e309', 'slow', '30s\u0000'].map((v) => h_('request-timeout', v)),
  ...['999ms', '8d', '-1h', '1e309', 'all day', '45m\u202e'].map((v) => h_('time-budget', v)),
  // times
  ...[
    '2026-13-45',
    '2026-02-30',
    '2999-01-01T00:00:00Z',
    '2026-11-25T12:00:00.001Z',
    'tomorrow',
    '1e309',
    '99999999999999999999',
    '-7d',
    '2026-11-24T24:00:00Z',
    '2026-11-24T10:00:00',
    '2026-11-24T10:00:00+24:00',
    '2026-11-24\u0000',
    '2026-11-2\u200b4',
    '１９９９-01-01'
  ].map((v) => h_('backfill-start-time', v)),
  ...['tomorrow', '2999-01-01', '1e309', 'now\u001b[31m', '2026-11-26T00:00:00+00:00'].map((v) => h_('end-time', v)),
  h_('end-time', '2026-11-20T00:00:00Z', { 'backfill-start-time': '2026-11-21T00:00:00Z' }),
  h_('end-time', '2026-11-20', { 'backfill-start-time': '2026-11-20' }),
  // destination
  ...['ftp', 'workspace, ftp', 'Branch', ',', 'branch;workspace', '123', '1e309', 'workspace\u0000', 'artifact\u200b'].map((v) => h_('destination', v)),
  // path: traversal, absolute, Windows, .git, control characters
  ...[
    '../..',
    '../../etc',
    '/etc',
    '/tmp/abs',
    'C:\\',
    'C:\\Windows\\System32',
    'c:/x',
    'a/.git/x',
    '.git',
    '.GIT/hooks',
    './../x',
    'a/../../b',
    '..',
    '.',
    './',
    'a//b',
    'a\\b',
    '\\\\srv\\share',
    'a\u0000b',
    'a/\u001b[31m/b',
    'a\rb',
    'logs/..'
  ].map((v) => h_('path', v)),
  // branch names
  ...[
    'refs/heads/x..y',
    'a b',
    '-x',
    'x.lock',
    '@{',
    '~1',
    'a^b',
    'a:b',
    'a?b',
    'a*b',
    'a[b',
    'a\\b',
    '/a',
    'a/',
    'a/.b',
    'a.',
    'a\u0000b',
    'a\u007fb',
    'a\u00a0b',
    'b'.repeat(201)
  ].map((v) => h_('branch', v, BRANCH)),
  ...['refs/heads/x..y', 'a b', '-x', 'x.lock', '@{', '~1'].map((v) => h_('pull-request-branch', v, PULL_REQUEST)),
  ...['refs/heads/x..y', 'a b', '-x', 'x.lock', '@{', '~1'].map((v) => h_('base-branch', v, PULL_REQUEST)),
  // labels
  ...['a\u0000b', 'audit, sec\u001b[31murity', 'bad\rlabel', 'x'.repeat(51), `audit,${'é'.repeat(51)}`, 'x'.repeat(1_000_000)].map((v) =>
    h_('pull-request-labels', v, PULL_REQUEST)
  ),
  // templates
  ...['{unknown}', '${{ secrets.X }}', 'Logs {count} \u0000', 'Logs \u001b[31m{end}', 'a\rb', '{ end }', '{}', '{__proto__}', '{START}'].map((v) =>
    h_('commit-message', v, BRANCH)
  ),
  ...['{unknown}', '${{ secrets.X }}', 'Title \u0000', '\u001b[2J{end}', '{constructor}'].map((v) => h_('pull-request-title', v, PULL_REQUEST)),
  // base-url
  ...[
    'javascript:alert(1)',
    'file:///etc/passwd',
    'http://example.com',
    'https://user:pw@x',
    'https://x?q=1',
    'https://x#f',
    'ftp://example.com',
    'http://169.254.169.254',
    'http://localhost.evil.com',
    'api.cursor.com',
    'https://',
    'https://exa mple.com',
    'https://api.cur\u0000sor.com'
  ].map((v) => h_('base-url', v)),
  // repository, artifact-name, checkpoint-key, github-token
  ...['acme', 'acme/', '/audit', 'a/b/c', '../x', 'a/..', 'acme/😀', 'acme/au dit', 'https://github.com/acme/audit', ''].map((v) =>
    h_('repository', v, { destination: 'branch', 'github-token': TOKEN })
  ),
  ...['a/b', 'a\\b', 'a:b', 'a"b', 'a<b>', 'a|b', 'a*b', 'a?b', 'a\nb', 'a\rb'].map((v) => h_('artifact-name', v, ARTIFACT)),
  ...['a/b', '../x', 'a b', '😀', 'k'.repeat(201), 'key\u0000', 'key\u202e'].map((v) => h_('checkpoint-key', v)),
  h_('github-token', '', { destination: 'branch', repository: 'acme/audit' }),
  h_('github-token', '', { destination: 'pull-request', repository: 'acme/audit' }),
  // api-key: empty, spaces or control characters inside
  ...[
    '',
    '   ',
    `${KEY.slice(0, 20)} ${KEY.slice(20)}`,
    `${KEY.slice(0, 20)}\u0000${KEY.slice(20)}`,
    `${KEY}\u001b[31m${KEY}`,
    'crsr_abc\u00a0def',
    'crsr_abc\u2028def'
  ].map((v) => h_('api-key', v)),
  // lists: control characters in an item
  ...['login\u0000', 'login,remove\u001b[31m_user'].map((v) => h_('event-types', v)),
  ...['a@example.com\u0000', 'b@example.com,\u0007c@example.com'].map((v) => h_('users', v)),
  ...['remove_user\u0000', 'login:failed,\u001b[31mteam_settings'].map((v) => h_('notable-event-types', v))
];

function generated(): Case[] {
  const out: Case[] = [];
  for (const [input, make] of Object.entries(GENERATORS)) {
    const seen = new Set<string>();
    for (let tries = 0; seen.size < CASES_PER_INPUT && tries < CASES_PER_INPUT * 10; tries++) {
      const value = make();
      if (value.trim() === '' || seen.has(value)) continue; // empty means "the default"
      seen.add(value);
      out.push({ input, value, source: 'generated' });
    }
  }
  return out;
}
const GENERATED = generated();

// ---------------------------------------------------------------------------------------------
// Values the first version of this suite found accepted (or shown with the key); now rejected
// before any request. Kept apart, with what used to happen, so a regression names the old bug.

const gap = (input: string, value: string, note: string, context?: Inputs): Case => ({ input, value, context, note, source: 'gap' });
const KEY_IN_VALUE = `${KEY}`;
const KNOWN_GAPS: Case[] = [
  gap('checkpoint-key', '..', 'accepted: the cache path ~/.cursor-audit-logs/checkpoints/.. escapes the checkpoints folder'),
  gap('checkpoint-key', '.', 'accepted: the cache path is the checkpoints folder itself'),
  // Not run here because each takes ~52 s of real retries today: github-token "ghs_a\nb", "ghs_a\u0000b" and
  // "ghs_😀" are accepted; the Cursor API is called, then every GitHub call fails locally ("invalid header
  // value" / "Cannot convert argument to a ByteString"), is retried as a 500, and the failure shows the token.
  gap('github-token', 'ghs_a b', 'accepted: a Cursor request is made, then GitHub answers 401', { destination: 'branch', repository: 'acme/audit' }),
  gap('branch', '@', 'accepted: git check-ref-format refuses the single "@"', BRANCH),
  gap('branch', 'a.lock/b', 'accepted: no component may end with ".lock"', BRANCH),
  gap('pull-request-branch', 'x/y.lock/z', 'accepted: no component may end with ".lock"', PULL_REQUEST),
  gap('base-branch', '@', 'accepted: git check-ref-format refuses the single "@"', PULL_REQUEST),
  gap('path', 'audit*logs', 'accepted: the artifact upload refuses * after the fetch', ARTIFACT),
  gap('path', 'audit?logs', 'accepted: the artifact upload refuses ? after the fetch', ARTIFACT),
  gap('path', 'audit<logs>', 'accepted: the artifact upload refuses < > after the fetch', ARTIFACT),
  gap('path', 'audit|logs', 'accepted: the artifact upload refuses | after the fetch', ARTIFACT),
  gap('path', 'audit"logs', 'accepted: the artifact upload refuses " after the fetch', ARTIFACT),
  gap('path', 'p'.repeat(300), 'accepted: ENAMETOOLONG from the workspace destination after the fetch'),
  gap('artifact-name', 'logs\u0000x', 'accepted: control characters in the artifact name', ARTIFACT),
  gap('artifact-name', 'logs\u001b[31mx', 'accepted: control characters in the artifact name', ARTIFACT),
  gap('backfill-start-time', '99999999d99999999h', 'accepted; on a run without a checkpoint, run() throws RangeError: Invalid time value (formatTime)'),
  gap('end-time', '99999999d99999999h', 'accepted, then run() throws RangeError: Invalid time value (formatTime)'),
  gap('end-time', '2026-01-01', 'accepted without backfill-start-time: 0 windows, "No new audit events", success'),
  gap('base-url', `https://${KEY_IN_VALUE}:@api.cursor.com`, 'rejected, but the message repeats the value: the key is shown'),
  gap('path', `../${KEY_IN_VALUE}`, 'rejected, but the message shows the key'),
  gap('page-size', KEY_IN_VALUE, 'rejected, but the message shows the key (key pasted into the wrong input)'),
  gap('users', `${KEY_IN_VALUE}\u0000`, 'rejected, but the message shows the key')
];

// ---------------------------------------------------------------------------------------------
// Running a case

const ALL = [...HAND_WRITTEN, ...GENERATED];
let h: Harness;
let gh: FakeGitHub;
let runs = 0;
beforeAll(async () => {
  h = await harness({ start: NOW });
  gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
});
afterAll(async () => {
  await h?.close();
  await gh?.close();
  console.log(
    `fuzz-inputs: ${runs} runs: ${HAND_WRITTEN.length} hand-written, ${GENERATED.length} generated (seed ${SEED}), ${KNOWN_GAPS.length} former gaps; ` +
      `${Object.keys(GENERATORS).length + Object.keys(NOT_GENERATED).length} inputs covered`
  );
});

const label = (c: Case) => {
  const shown = JSON.stringify(c.value).replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${c.input} ${shown.length > 70 ? `${shown.slice(0, 60)}…(${c.value.length} chars)` : shown}`;
};
const PLAIN = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/; // printable ASCII but " and \ (JSON escapes them)
const STACK = /\n\s+at .+[:(]\d+:\d+\)?/;

async function expectRejected(c: Case, on: { h: Harness; gh: FakeGitHub }): Promise<void> {
  const before = { api: on.h.api.requests.length, cache: on.h.cache.calls.length, gh: on.gh.requests.length };
  runs++;
  const { rec, text, outputs } = await on.h.run(
    { ...(CONTEXT[c.input] ?? {}), ...(c.context ?? {}), [c.input]: c.value },
    { env: { GITHUB_API_URL: on.gh.url } }
  );
  // It fails, naming the input, with a message and not a stack trace.
  expect(rec.failed).toBeDefined();
  expect(rec.failed).toMatch(new RegExp(`(^|[^\\w-])${c.input}([^\\w-]|$)`));
  expect(rec.failed).not.toMatch(STACK);
  // The value is named (checked for printable values, whose rendering is unambiguous).
  const value = c.value.trim();
  // (Not for secrets: the key, wherever pasted, and the GitHub token are never shown.)
  if (c.input !== 'api-key' && c.input !== 'github-token' && !value.includes(KEY) && value !== '' && PLAIN.test(value))
    expect(rec.failed).toContain(value.slice(0, 40));
  // Before any request: none to Cursor, none to the cache, none to GitHub; nothing stored.
  expect(on.h.api.requests.length).toBe(before.api);
  expect(on.h.cache.calls.length).toBe(before.cache);
  expect(on.gh.requests.length).toBe(before.gh);
  expect(outputs['events-count'] ?? '').toBe('');
  // The key never shows (the harness checks the default key; this checks a fuzzed one too).
  for (const form of secretForms(KEY)) expect(text).not.toContain(form);
  if (c.input === 'api-key' && value.length >= 8) for (const form of secretForms(value)) expect(text).not.toContain(form);
}

describe('every input of action.yml is fuzzed', () => {
  it('has a generator (or a stated reason) for each input of action.yml', () => {
    const yml = readFileSync(new URL('../action.yml', import.meta.url), 'utf8');
    const block = yml.slice(yml.indexOf('\ninputs:'), yml.indexOf('\noutputs:'));
    const names = [...block.matchAll(/^ {2}([a-z][a-z-]*):\s*$/gm)].map((m) => m[1]).sort();
    expect(names.length).toBeGreaterThan(25);
    expect([...Object.keys(GENERATORS), ...Object.keys(NOT_GENERATED)].sort()).toEqual(names);
    for (const name of names) expect(HAND_WRITTEN.some((c) => c.input === name)).toBe(true);
  });

  it('draws at least a few hundred distinct cases, the same ones every run', () => {
    expect(GENERATED.length).toBeGreaterThanOrEqual(300);
    expect(ALL.length).toBeGreaterThanOrEqual(500);
    const again = createRng(SEED);
    expect(again()).toBe(createRng(SEED)()); // the PRNG is seeded, not Math.random
  });
});

describe('malformed inputs fail before any request', () => {
  it.each(HAND_WRITTEN.map((c) => [label(c), c] as const))('hand-written: %s', async (_name, c) => {
    await expectRejected(c, { h, gh });
  });

  it.each(GENERATED.map((c) => [label(c), c] as const))('generated: %s', async (_name, c) => {
    await expectRejected(c, { h, gh });
  });

  it('left nothing behind: no workspace files, no Cursor, cache or GitHub request', async () => {
    expect((await h.files()).size).toBe(0);
    expect(h.api.requests).toHaveLength(0);
    expect(h.cache.calls).toEqual([]);
    expect(gh.requests).toHaveLength(0);
    expect(gh.pulls).toHaveLength(0);
  });
});

describe('former gaps: rejected before any request', () => {
  let gh2: FakeGitHub;
  let h2: Harness;
  beforeAll(async () => {
    h2 = await harness({ start: NOW });
    gh2 = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
  });
  afterAll(async () => {
    await h2?.close();
    await gh2?.close();
  });
  it.each(KNOWN_GAPS.map((c) => [label(c), c.note, c] as const))('%s (used to be: %s)', async (_name, _note, c) => {
    await expectRejected(c, { h: h2, gh: gh2 });
  });
});
