// action.yml's defaults and the parser's agree. The runner passes an input's action.yml default when a
// workflow leaves it out; parseInputs applies the input table's default when the input is empty (a
// local run, the tests). Checked here, for every input of action.yml:
// - the table (src/inputs.ts) has the same inputs as action.yml;
// - its default is action.yml's, character for character (api-key, required, has none: '');
// - what the runner would pass parses to what an empty input parses to. A `${{ github.* }}` in a
//   default is expanded here as the runner would, from a github context that matches the
//   environment (GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT). github-token is left out
//   of this comparison: the runner passes the token itself and no environment variable holds it,
//   so an empty github-token stays empty (and is refused by the destinations that need it);
// - where action.yml's default is '' (the action decides), what the parser makes of an empty input
//   is the value action.yml's description announces (NOT_GIVEN below).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { INPUTS, type Inputs, InputError, parseInputs } from '../src/inputs.ts';
import { DAY } from '../src/time.ts';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const KEY = `crsr_${'k'.repeat(64)}`;
const TOKEN = 'ghs_defaults_token';
const ENV: NodeJS.ProcessEnv = { GITHUB_REPOSITORY: 'acme/audit', GITHUB_RUN_ID: '77', GITHUB_RUN_ATTEMPT: '2' };
/** The github context of the same run, as the runner expands `${{ github.* }}` with it. */
const GITHUB: Record<string, string> = { repository: 'acme/audit', run_id: '77', run_attempt: '2', token: TOKEN };

const action = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { required?: boolean; default?: unknown; description: string }>;
};
const declared = Object.entries(action.inputs).map(([name, input]) => ({
  name,
  default: input.default === undefined || input.default === null ? '' : String(input.default),
  description: input.description
}));
const spec = (name: string) => INPUTS.find((input) => input.name === name);

/** action.yml's default as the runner passes it. */
function expand(text: string): string {
  return text.replace(/\$\{\{\s*github\.(\w+)\s*\}\}/g, (expression, key: string) => {
    if (!(key in GITHUB)) throw new Error(`test setup: no value for ${expression}`);
    return GITHUB[key];
  });
}

function parsed(values: Record<string, string>): Inputs {
  const all: Record<string, string> = { 'api-key': KEY, 'github-token': TOKEN, ...values };
  return parseInputs((name) => (all[name] ?? '').trim(), NOW, ENV);
}

/** What an empty input means where action.yml's default is '', and how its description says so. */
const NOT_GIVEN: Record<string, { value: Partial<Inputs>; says?: string }> = {
  'backfill-start-time': { value: { backfillStart: NOW - 30 * DAY }, says: 'Default 30 days before the run' },
  'end-time': { value: { endTime: undefined }, says: "Default the run's start" },
  'base-branch': { value: { baseBranch: undefined }, says: "Default the repository's default branch" },
  'artifact-retention-days': { value: { artifactRetentionDays: undefined }, says: 'Default the repository setting' },
  'event-types': { value: { eventTypes: [] }, says: 'Default all' },
  users: { value: { users: [] }, says: 'Default all' },
  // The description says nothing: no labels.
  'pull-request-labels': { value: { pullRequestLabels: [] } }
};

describe("action.yml's defaults are the parser's", () => {
  it('the input table has the inputs of action.yml', () => {
    expect(declared.length).toBeGreaterThan(25);
    expect(INPUTS.map((input) => input.name).sort()).toEqual(declared.map((input) => input.name).sort());
  });

  it.each(declared.map((input) => [input.name, input.default] as const))('%s: the table has the default %p', (name, text) => {
    expect(spec(name)?.default).toBe(text);
  });

  it.each(declared.filter((input) => input.name !== 'api-key' && input.name !== 'github-token').map((input) => [input.name, input.default] as const))(
    "%s: action.yml's default %p, as the runner passes it, parses as the input left empty does",
    (name, text) => {
      expect(parsed({ [name]: expand(text) })).toEqual(parsed({}));
    }
  );

  it.each(declared.filter((input) => input.default === '' && input.name !== 'api-key').map((input) => [input.name, input.description] as const))(
    '%s: left empty, it is what the description announces',
    (name, description) => {
      const meaning = NOT_GIVEN[name];
      expect(meaning).toBeDefined();
      expect(parsed({})).toMatchObject(meaning.value);
      if (meaning.says) expect(description).toContain(meaning.says);
    }
  );

  it('api-key has no default: it is required, and empty is refused', () => {
    expect(action.inputs['api-key'].required).toBe(true);
    expect(() => parsed({ 'api-key': '' })).toThrow(InputError);
  });

  it('github-token: left empty, it stays empty (the runner passes the token)', () => {
    expect(parsed({ destination: 'workspace', 'github-token': '' }).githubToken).toBe('');
    expect(parsed({ 'github-token': expand(spec('github-token')!.default) }).githubToken).toBe(TOKEN);
  });
});
