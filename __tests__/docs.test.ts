// The docs tell the truth about action.yml. Checked here:
// - every example in examples/workflows/ is a workflow (name, on, jobs) whose steps that use this
//   action pass only inputs action.yml declares and every required one, declare the permissions
//   their destinations need, and refer only to dispatch inputs and action outputs that exist; a
//   `run:` step whose `gh` writes issues with the workflow's token gets `issues: write` too;
// - the README's workflows are those files: each ```yaml block of README.md that starts with
//   `name:` equals one file of examples/workflows/ byte for byte (the file's text, final newline
//   included, is the block's content), and every example file appears as such a block; shorter
//   ```yaml snippets (not starting with `name:`) are checked for their `with:` keys too;
// - the README's inputs table (| Name | Required | Default | Description |) and outputs table
//   (| Name | Description |) list action.yml's inputs and outputs, by name in backticks, in the
//   same order, with the same required flag (yes/no) and default (in backticks; `—` for none);
// - the README's permissions table names what this test demands of the examples;
// - every reference to the action reads `your-org/cursor-audit-logs-action@v1`;
// - the README opens with its two commands.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const EXAMPLES_DIR = 'examples/workflows';
const EXPECTED_EXAMPLES = [
  'alert-on-notable.yml',
  'backfill.yml',
  'multi-team.yml',
  'other-repository.yml',
  'pull-request-review.yml',
  'quick-start.yml',
  'sync-to-branch.yml',
  'verify.yml'
];
const USES = 'your-org/cursor-audit-logs-action@v1';
/** A step of this action: `uses: ./` (CI) or `uses: <owner>/cursor-audit-logs-action@<ref>`. */
const THIS_ACTION = /^(\.\/?|[^/\s]+\/cursor-audit-logs-action@\S+)$/;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

interface Input {
  name: string;
  required: boolean;
  default: string;
}
const action = parse(read('action.yml')) as { inputs: Record<string, Obj>; outputs: Record<string, Obj> };
const inputs: Input[] = Object.entries(action.inputs).map(([name, i]) => ({
  name,
  required: i.required === true,
  default: i.default === undefined || i.default === null ? '' : String(i.default)
}));
const inputNames = new Set(inputs.map((i) => i.name));
const outputNames = Object.keys(action.outputs);
const defaultOf = (name: string) => inputs.find((i) => i.name === name)!.default;

/** What the workflow's own token needs for each destination (the README's Permissions table). */
const NEEDS: Record<string, Record<string, 'read' | 'write'>> = {
  branch: { contents: 'write' },
  'pull-request': { contents: 'write', 'pull-requests': 'write' },
  artifact: {},
  workspace: {}
};
/** `mode: verify` reads and writes nothing: the branch through the API needs only to read it. */
const VERIFY_NEEDS: Record<string, Record<string, 'read' | 'write'>> = { branch: { contents: 'read' }, workspace: {} };
/** `attest: true` also needs the job's OIDC token and the attestations: stored by a sync, read by verify. */
const ATTEST_NEEDS: Record<'sync' | 'verify', Record<string, 'read' | 'write'>> = {
  sync: { 'id-token': 'write', attestations: 'write' },
  verify: { attestations: 'read' }
};
const ATTEST_ROW = 'attest: true';

const readme = read('README.md');
const exampleFiles = readdirSync(join(root, EXAMPLES_DIR))
  .filter((f) => f.endsWith('.yml'))
  .sort();
const examples = new Map(exampleFiles.map((f) => [f, read(`${EXAMPLES_DIR}/${f}`)]));

interface Block {
  lang: string;
  text: string;
  line: number;
}
/** The fenced code blocks of a Markdown text, with the line they start on. */
function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const m of markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```[ \t]*$/gm)) {
    blocks.push({ lang: m[1], text: m[2], line: markdown.slice(0, m.index).split('\n').length });
  }
  return blocks;
}
/** How many lines of `lines` are also lines of `text`. */
const shared = (lines: string[], text: string) => lines.filter((l) => text.split('\n').includes(l)).length;
const yamlBlocks = fencedBlocks(readme).filter((b) => b.lang === 'yaml' || b.lang === 'yml');

interface ActionStep {
  step: Obj;
  with: Obj;
  job: Obj | undefined;
}
/** Every step, anywhere in a parsed document, whose `uses:` is this action; with its job if any. */
function actionSteps(doc: unknown): ActionStep[] {
  const found: ActionStep[] = [];
  const walk = (node: unknown, job: Obj | undefined) => {
    if (Array.isArray(node)) node.forEach((n) => walk(n, job));
    else if (isObj(node)) {
      if (typeof node.uses === 'string' && THIS_ACTION.test(node.uses)) found.push({ step: node, with: isObj(node.with) ? node.with : {}, job });
      const isJob = Array.isArray(node.steps);
      for (const value of Object.values(node)) walk(value, isJob ? node : job);
    }
  };
  walk(doc, undefined);
  return found;
}

/** `with:` keys that are not inputs, and required inputs not given. */
function inputProblems(s: ActionStep, where: string): string[] {
  const problems = Object.keys(s.with)
    .filter((k) => !inputNames.has(k))
    .map((k) => `${where}: with: ${k} is not an input of action.yml`);
  for (const i of inputs) if (i.required && !(i.name in s.with)) problems.push(`${where}: the required input ${i.name} is not given`);
  return problems;
}

function has(permissions: unknown, scope: string, level: 'read' | 'write'): boolean {
  if (permissions === 'write-all') return true;
  if (permissions === 'read-all') return level === 'read';
  if (!isObj(permissions)) return false;
  return permissions[scope] === 'write' || (level === 'read' && permissions[scope] === 'read');
}

const DEFAULT_TOKEN = /^\$\{\{\s*(github\.token|secrets\.GITHUB_TOKEN)\s*\}\}$/;

/** Whether the step's destinations get the permissions they need, from the workflow's token or an App token. */
function permissionProblems(workflow: Obj, s: ActionStep, where: string): string[] {
  const destinations = String(s.with.destination ?? defaultOf('destination'))
    .split(/[,\n]/)
    .map((d) => d.trim())
    .filter(Boolean);
  const table = s.with.mode === 'verify' ? VERIFY_NEEDS : NEEDS;
  const unknown = destinations.filter((d) => !(d in table));
  if (unknown.length) return [`${where}: unknown destination ${unknown.join(', ')}${table === VERIFY_NEEDS ? ' for mode: verify' : ''}`];
  const attest = String(s.with.attest) === 'true' ? ATTEST_NEEDS[s.with.mode === 'verify' ? 'verify' : 'sync'] : {};
  const needs = Object.entries(Object.assign({}, ...destinations.map((d) => table[d]), attest) as Record<string, 'read' | 'write'>);
  const token = String(s.with['github-token'] ?? defaultOf('github-token'));
  if (DEFAULT_TOKEN.test(token)) {
    const permissions = s.job?.permissions ?? workflow.permissions;
    if (permissions === undefined)
      return [
        `${where}: the workflow declares no permissions (destinations ${destinations.join(', ')} need ${needs.map(([k, v]) => `${k}: ${v}`).join(', ') || 'none'})`
      ];
    return needs
      .filter(([scope, level]) => !has(permissions, scope, level))
      .map(([scope, level]) => `${where}: destination ${destinations.join(', ')} needs permissions ${scope}: ${level}`);
  }
  // Another token: when it comes from actions/create-github-app-token in the same job, it must ask for the same.
  const app = /^\$\{\{\s*steps\.([\w-]+)\.outputs\.token\s*\}\}$/.exec(token);
  const steps = (s.job?.steps ?? []) as Obj[];
  const appStep = app && steps.find((st) => st.id === app[1] && String(st.uses).startsWith('actions/create-github-app-token@'));
  if (!appStep) return [];
  const asked = isObj(appStep.with) ? appStep.with : {};
  return needs
    .filter(([scope, level]) => asked[`permission-${scope}`] !== level)
    .map(([scope, level]) => `${where}: the App token needs permission-${scope}: ${level}`);
}

/** What a script's `gh` commands need of the workflow's token (GH_TOKEN), on top of the action's own needs. */
const GH_NEEDS: [RegExp, string][] = [[/\bgh issue (create|comment|edit|close|reopen)\b/, 'issues']];

/** Whether each `run:` step whose `gh` writes with the workflow's token has the permission it needs. */
function scriptPermissionProblems(workflow: Obj, where: string): string[] {
  const problems: string[] = [];
  for (const [id, job] of Object.entries(isObj(workflow.jobs) ? workflow.jobs : {})) {
    if (!isObj(job) || !Array.isArray(job.steps)) continue;
    for (const step of job.steps as unknown[]) {
      if (!isObj(step) || typeof step.run !== 'string' || !isObj(step.env) || !DEFAULT_TOKEN.test(String(step.env.GH_TOKEN))) continue;
      for (const [command, scope] of GH_NEEDS) {
        if (command.test(step.run) && !has(job.permissions ?? workflow.permissions, scope, 'write'))
          problems.push(`${where}: job ${id} runs ${command.exec(step.run)![0]} and needs permissions ${scope}: write`);
      }
    }
  }
  return problems;
}

function markdownTable(markdown: string, section: string, header: string[]): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(`## ${section}`);
  if (start < 0) throw new Error(`README.md has no "## ${section}" section`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  const body = lines.slice(start + 1, end < 0 ? undefined : end);
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
  const at = body.findIndex((l) => l.startsWith('|') && JSON.stringify(cells(l)) === JSON.stringify(header));
  if (at < 0) throw new Error(`README.md "## ${section}" has no table with the header | ${header.join(' | ')} |`);
  const rows: string[][] = [];
  for (const line of body.slice(at + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(cells(line));
  }
  return rows;
}

/** `name` in backticks → name; anything else is reported as is, so the comparison fails visibly. */
const unquote = (cell: string) => /^`([^`]+)`$/.exec(cell)?.[1] ?? `(not in backticks) ${cell}`;
/** A default cell: `value` → value; empty or a dash → ''. */
const defaultCell = (cell: string) => (['', '—', '–', '-'].includes(cell) ? '' : (/^`(.*)`$/.exec(cell)?.[1] ?? `(not in backticks) ${cell}`));

describe('action.yml', () => {
  it('declares inputs and outputs', () => {
    expect(inputs.length).toBeGreaterThan(0);
    expect(outputNames.length).toBeGreaterThan(0);
    expect(inputs.filter((i) => i.required).map((i) => i.name)).toEqual(['api-key']);
  });
});

describe('examples/workflows', () => {
  it('holds the documented examples', () => {
    expect(exampleFiles).toEqual(expect.arrayContaining(EXPECTED_EXAMPLES));
  });

  it.each(exampleFiles)('%s is a workflow that uses the action with its real inputs, outputs and permissions', (file) => {
    const text = examples.get(file)!;
    const doc = parse(text) as Obj;
    expect(isObj(doc)).toBe(true);
    expect(typeof doc.name).toBe('string');
    expect(doc.on).toBeDefined();
    expect(isObj(doc.jobs) && Object.keys(doc.jobs).length > 0).toBe(true);
    const steps = actionSteps(doc);
    expect(steps.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const s of steps) problems.push(...inputProblems(s, file), ...permissionProblems(doc, s, file));
    problems.push(...scriptPermissionProblems(doc, file));

    // ${{ inputs.x }} must be an input of the workflow's workflow_dispatch (or workflow_call).
    const on = isObj(doc.on) ? doc.on : {};
    const declared = new Set(
      ['workflow_dispatch', 'workflow_call'].flatMap((t) => (isObj(on[t]) && isObj((on[t] as Obj).inputs) ? Object.keys((on[t] as Obj).inputs as Obj) : []))
    );
    for (const m of text.matchAll(/\binputs\.([\w-]+)/g)) if (!declared.has(m[1])) problems.push(`${file}: inputs.${m[1]} is not an input of the workflow`);

    // steps.<id>.outputs.<name> of this action's steps must be outputs of action.yml.
    const ids = new Set(steps.map((s) => s.step.id).filter((id): id is string => typeof id === 'string'));
    for (const m of text.matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      if (ids.has(m[1]) && !outputNames.includes(m[2])) problems.push(`${file}: steps.${m[1]}.outputs.${m[2]} is not an output of action.yml`);
    }
    expect(problems).toEqual([]);
  });

  it('backfill.yml takes backfill-start-time as a workflow_dispatch input and passes it on', () => {
    const doc = parse(examples.get('backfill.yml')!) as { on: { workflow_dispatch: { inputs: Obj } } };
    expect(Object.keys(doc.on.workflow_dispatch.inputs)).toContain('backfill-start-time');
    const [step] = actionSteps(doc);
    expect(step.with).toMatchObject({ backfill: true, 'backfill-start-time': '${{ inputs.backfill-start-time }}' });
  });

  it('multi-team.yml gives each team its own checkpoint-key, path and secret', () => {
    const [step] = actionSteps(parse(examples.get('multi-team.yml')!));
    for (const key of ['checkpoint-key', 'path', 'api-key']) expect(String(step.with[key])).toContain('matrix.');
  });
});

describe('README.md', () => {
  it('opens with its two commands: the demo and the tests', () => {
    const first = fencedBlocks(readme)[0];
    expect(first.text).toMatch(/^npm ci && npm run demo\b.*\nnpm ci && npm test\b/);
  });

  it('shows each example workflow byte for byte, and no other full workflow', () => {
    const full = yamlBlocks.filter((b) => b.text.startsWith('name:'));
    const problems: string[] = [];
    for (const b of full) {
      if ([...examples.values()].includes(b.text)) continue;
      // Name the closest file and the first line where they part, to make the fix obvious.
      const lines = b.text.split('\n');
      const [file, text] = [...examples].sort(([, x], [, y]) => shared(lines, y) - shared(lines, x))[0];
      const other = text.split('\n');
      const at = lines.findIndex((l, i) => l !== other[i]);
      problems.push(
        `README.md line ${b.line}: this workflow is not the text of any file in ${EXAMPLES_DIR}/; closest is ${file}, which differs at its line ${at + 1}: README ${JSON.stringify(lines[at])}, file ${JSON.stringify(other[at])}`
      );
    }
    for (const [file, text] of examples) if (!full.some((b) => b.text === text)) problems.push(`${EXAMPLES_DIR}/${file} is not shown in README.md`);
    expect(problems).toEqual([]);
  });

  it('passes only real inputs, and every required one, in every yaml snippet', () => {
    const problems: string[] = [];
    for (const b of yamlBlocks) for (const s of actionSteps(parse(b.text))) problems.push(...inputProblems(s, `README.md line ${b.line}`));
    expect(problems).toEqual([]);
  });

  it(`refers to the action as ${USES} everywhere, as do the examples`, () => {
    const refs = [readme, ...examples.values()].flatMap((t) => [...t.matchAll(/[\w.-]+\/cursor-audit-logs-action@[\w.-]+/g)].map((m) => m[0]));
    expect(refs.length).toBeGreaterThan(examples.size);
    expect([...new Set(refs)]).toEqual([USES]);
  });

  it('lists every input of action.yml, in order, with its required flag and default', () => {
    const rows = markdownTable(readme, 'Inputs', ['Name', 'Required', 'Default', 'Description']);
    expect(rows.map((r) => unquote(r[0]))).toEqual(inputs.map((i) => i.name));
    const problems: string[] = [];
    for (const [cell, required, def, description] of rows) {
      const input = inputs.find((i) => i.name === unquote(cell));
      if (!input) continue;
      if (required !== (input.required ? 'yes' : 'no'))
        problems.push(`${input.name}: Required is "${required}", action.yml says ${input.required ? 'yes' : 'no'}`);
      if (defaultCell(def) !== input.default)
        problems.push(`${input.name}: Default is ${JSON.stringify(def)}, action.yml has ${JSON.stringify(input.default)}`);
      if (!description) problems.push(`${input.name}: no description`);
    }
    expect(problems).toEqual([]);
  });

  it('lists every output of action.yml, in order', () => {
    const rows = markdownTable(readme, 'Outputs', ['Name', 'Description']);
    expect(rows.map((r) => unquote(r[0]))).toEqual(outputNames);
    expect(rows.filter((r) => !r[1]).map((r) => r[0])).toEqual([]);
  });

  it('states in its Permissions table what each destination needs', () => {
    const rows = markdownTable(readme, 'Permissions', ['destination', 'the job needs']);
    const VERIFY_ROW = 'mode: verify';
    expect(rows.map((r) => unquote(r[0])).sort()).toEqual([...Object.keys(NEEDS), VERIFY_ROW, ATTEST_ROW].sort());
    for (const [cell, needs] of rows) {
      const row = unquote(cell);
      const asked = row === VERIFY_ROW ? VERIFY_NEEDS.branch : row === ATTEST_ROW ? { ...ATTEST_NEEDS.sync, ...ATTEST_NEEDS.verify } : NEEDS[row];
      if (row === ATTEST_ROW) expect(needs).toContain('`attestations: write`');
      for (const [scope, level] of Object.entries(asked)) expect(needs).toContain(`\`${scope}: ${level}\``);
    }
  });
});

describe('the repository’s own workflows', () => {
  it.each(readdirSync(join(root, '.github/workflows')).filter((f) => f.endsWith('.yml')))('%s passes only real inputs to the action', (file) => {
    const problems = actionSteps(parse(read(`.github/workflows/${file}`))).flatMap((s) => inputProblems(s, file));
    expect(problems).toEqual([]);
  });
});
