import { RULES } from '../src/input-rules.ts';
import { INPUTS, InputError, type Inputs, parseInputs } from '../src/inputs.ts';
import { DAY, MINUTE } from '../src/time.ts';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const KEY = `crsr_${'k'.repeat(64)}`;

function parse(values: Record<string, string>, env: NodeJS.ProcessEnv = {}): Inputs {
  const all: Record<string, string> = { 'api-key': KEY, destination: 'workspace', ...values };
  return parseInputs((name) => (all[name] ?? '').trim(), NOW, env);
}

function problems(values: Record<string, string>, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parse(values, env);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems;
  }
  throw new Error('expected an input error');
}

describe('parseInputs', () => {
  it('applies the contract defaults', () => {
    const i = parse({}, { GITHUB_RUN_ID: '77', GITHUB_RUN_ATTEMPT: '2' });
    expect(i).toMatchObject({
      backfillStart: NOW - 30 * DAY,
      backfill: false,
      endTime: undefined,
      destinations: ['workspace'],
      path: 'cursor-audit-logs',
      branch: 'cursor-audit-logs',
      pullRequestBranch: 'cursor-audit-logs-update',
      pullRequestTitle: 'Cursor audit logs through {end}',
      commitMessage: 'Cursor audit logs: {count} events through {end}',
      artifactName: 'cursor-audit-logs-77-2',
      pageSize: 500,
      windowDays: 30,
      requestsPerMinute: 20,
      lookbackMs: 10 * MINUTE,
      requestTimeoutMs: 30_000,
      maxRetries: 8,
      timeBudgetMs: 0,
      checkpointKey: 'cursor-audit-logs',
      baseUrl: 'https://api.cursor.com',
      dryRun: false,
      warnings: []
    });
    expect(i.notableEventTypes).toContain('login:failed');
    expect(parse({ destination: '', 'github-token': 't' }, { GITHUB_REPOSITORY: 'acme/audit' }).destinations).toEqual(['branch']);
  });

  it('reads lists, durations, dates and several destinations', () => {
    const i = parse({
      destination: 'workspace,\nartifact, workspace',
      'event-types': 'login, remove_user',
      users: 'a@example.com,42',
      'backfill-start-time': '2026-11-01',
      'end-time': '2026-11-10T00:00:00+01:00',
      lookback: '1h',
      'time-budget': '45m',
      path: './audit/cursor/'
    });
    expect(i.destinations).toEqual(['workspace', 'artifact']);
    expect(i.eventTypes).toEqual(['login', 'remove_user']);
    expect(i.users).toEqual(['a@example.com', '42']);
    expect(i.backfillStart).toBe(Date.UTC(2026, 10, 1));
    expect(i.endTime).toBe(Date.UTC(2026, 10, 9, 23));
    expect(i.timeBudgetMs).toBe(45 * MINUTE);
    expect(i.path).toBe('audit/cursor');
  });

  it.each([
    [{ 'api-key': '' }, /^api-key is empty/],
    [{ 'api-key': 'crsr_abc def' }, /^api-key contains white space/],
    [{ 'backfill-start-time': 'last tuesday' }, /^backfill-start-time "last tuesday" is not valid: expected an RFC 3339 time/],
    [{ 'backfill-start-time': '2026-02-30' }, /^backfill-start-time "2026-02-30" is not valid/],
    [{ 'backfill-start-time': '2027-01-01T00:00:00Z' }, /^backfill-start-time "2027-01-01T00:00:00Z" is in the future/],
    [{ 'end-time': '2030-01-01' }, /^end-time "2030-01-01" is in the future/],
    [{ 'backfill-start-time': '2026-11-10', 'end-time': '2026-11-01' }, /^end-time "2026-11-01" is not after backfill-start-time/],
    [{ 'page-size': '0' }, /^page-size "0" is not valid: expected a whole number from 1 to 500/],
    [{ 'page-size': '501' }, /^page-size "501" is not valid: expected a whole number from 1 to 500/],
    [{ 'page-size': '1e3' }, /^page-size "1e3" is not valid/],
    [{ 'window-days': '31' }, /^window-days "31" is not valid: expected a whole number from 1 to 30/],
    [{ 'requests-per-minute': '0' }, /^requests-per-minute "0" is not valid/],
    [{ 'max-retries': '-1' }, /^max-retries "-1" is not valid/],
    [{ destination: 'branch, s3' }, /^destination "branch, s3" is not valid: accepted are branch, pull-request, artifact, workspace/],
    [{ path: '../outside' }, /^path "..\/outside" is not valid: a relative folder is expected/],
    [{ path: '/etc/cron.d' }, /^path "\/etc\/cron.d" is not valid/],
    [{ path: 'a/.git/hooks' }, /^path "a\/.git\/hooks" is not valid/],
    [{ lookback: 'ten minutes' }, /^lookback "ten minutes" is not valid: expected a duration/],
    [{ 'request-timeout': '0' }, /^request-timeout "0" is not valid/],
    [{ backfill: 'yes' }, /^backfill "yes" is not valid: expected true or false/],
    [{ 'base-url': 'http://api.cursor.com' }, /^base-url "http:\/\/api.cursor.com" is not valid: an https:\/\/ URL/],
    [{ 'base-url': 'https://user:pw@api.cursor.com' }, /^base-url .* is not valid/],
    [{ 'commit-message': 'sync {date}' }, /^commit-message "sync \{date\}" is not valid: the placeholders it may use are \{start\}, \{end\} and \{count\}/],
    [{ branch: 'bad branch' }, /^branch "bad branch" is not valid: a git branch name is expected/],
    [{ branch: 'a..b' }, /^branch "a..b" is not valid/],
    [{ 'checkpoint-key': 'team a' }, /^checkpoint-key "team a" is not valid/],
    [{ destination: 'branch', repository: 'not a repo' }, /^repository "not a repo" is not valid: owner\/name/],
    [{ 'artifact-retention-days': '91' }, /^artifact-retention-days "91" is not valid/]
  ])('%p fails naming the input', (values, message) => {
    const found = problems(values);
    expect(found.some((p) => message.test(p))).toBe(true);
  });

  it('reports every problem at once and never shows the key', () => {
    const key = 'crsr_has a space';
    const found = problems({ 'api-key': key, 'page-size': '0', 'window-days': '99' });
    expect(found).toHaveLength(3);
    expect(found.join('\n')).not.toContain('has a space');
  });

  it("reports problems in one order: the table's, each rule right after the input it follows, the rest last", () => {
    const found = problems({
      'backfill-start-time': '2026-11-10',
      'end-time': '2026-11-01',
      destination: 'artifact, branch',
      path: 'a*b',
      'window-days': '31',
      'pull-request-labels': 'x'.repeat(51),
      'page-size': '1',
      users: 'a, b'
    });
    expect(found.map((p) => p.split(' ')[0])).toEqual(['end-time', 'path', 'repository', 'github-token', 'window-days', 'pull-request-labels', 'users']);
    const names = INPUTS.map((input) => input.name);
    for (const rule of RULES) if (rule.after !== undefined) expect(names).toContain(rule.after);
  });

  it('needs a repository and a token for the GitHub destinations', () => {
    const found = problems({ destination: 'branch' }, {});
    expect(found.join('\n')).toMatch(/repository "" is not valid/);
    expect(found.join('\n')).toMatch(/github-token is empty/);
    expect(parse({ destination: 'branch', 'github-token': 't' }, { GITHUB_REPOSITORY: 'acme/audit' }).repository).toEqual({ owner: 'acme', repo: 'audit' });
  });

  it('warns about a key that does not look like an Admin API key', () => {
    expect(parse({ 'api-key': 'sk-something' }).warnings[0]).toMatch(/does not look like a Cursor Admin API key/);
    expect(parse({ 'api-key': `  ${KEY}  ` }).apiKey).toBe(KEY);
  });

  it('accepts both key shapes Cursor shows, key_ and crsr_ followed by 64 characters, without a warning', () => {
    expect(parse({ 'api-key': `key_${'0123456789abcdef'.repeat(4)}` }).warnings).toEqual([]);
    expect(parse({ 'api-key': `crsr_${'0123456789abcdef'.repeat(4)}` }).warnings).toEqual([]);
    const warned = parse({ 'api-key': `key_${'a'.repeat(63)}` }).warnings[0];
    expect(warned).toMatch(/key_ or crsr_ followed by 64 characters/);
  });

  it('time-budget accepts any duration from 1s, like the other durations', () => {
    expect(parse({ 'time-budget': '1s' }).timeBudgetMs).toBe(1000);
    expect(parse({ 'time-budget': '30s' }).timeBudgetMs).toBe(30_000);
    expect(parse({ 'time-budget': '0' }).timeBudgetMs).toBe(0);
    expect(problems({ 'time-budget': '999ms' }).join('\n')).toMatch(/time-budget "999ms" is not valid: .* from 1s to 7d/);
  });

  it('accepts http only on loopback', () => {
    expect(parse({ 'base-url': 'http://127.0.0.1:8080/' }).baseUrl).toBe('http://127.0.0.1:8080');
  });

  it('mode: verify reads one record, the branch or a workspace', () => {
    expect(parse({ mode: 'verify', destination: 'branch', repository: 'acme/audit', 'github-token': 't' })).toMatchObject({
      mode: 'verify',
      verifyDays: 30,
      verifyMaxCommits: 1000
    });
    expect(parse({ mode: 'verify', 'verify-days': '7', 'verify-max-commits': '20000' })).toMatchObject({
      destinations: ['workspace'],
      verifyDays: 7,
      verifyMaxCommits: 20000
    });
    for (const destination of ['pull-request', 'artifact', 'branch, workspace']) {
      expect(problems({ mode: 'verify', destination, repository: 'acme/audit', 'github-token': 't' })).toEqual([
        expect.stringMatching(/^destination ".*" cannot be verified: mode: verify reads one record/)
      ]);
    }
    expect(problems({ mode: 'check' })).toEqual(['mode "check" is not valid: accepted are sync, verify (one of them).']);
  });
});
