// What a runner gives a JavaScript action, for the tests, the benchmarks and the local run that
// start dist/index.js as a process: its environment, and the GITHUB_OUTPUT file format.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The environment of a runner's step, with its folders and files under `root` (output and summary files emptied). */
export async function runnerEnv(root: string): Promise<Record<string, string>> {
  for (const dir of ['workspace', 'home', 'temp']) await mkdir(join(root, dir), { recursive: true });
  const outputFile = join(root, 'github-output');
  const summaryFile = join(root, 'step-summary.md');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  return {
    PATH: process.env.PATH ?? '',
    HOME: join(root, 'home'),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: join(root, 'workspace'),
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    RUNNER_TEMP: join(root, 'temp')
  };
}

/**
 * A line of the action's stdout as the job log shows it: `::add-mask::`, `::debug::` and
 * `::endgroup::` hidden (undefined), groups as headings, annotations tagged by level.
 */
export function readableLogLine(line: string): string | undefined {
  if (line.startsWith('::add-mask::') || line.startsWith('::debug::') || line === '::endgroup::') return undefined;
  return line.replace(/^::group::/, '▸ ').replace(/^::(warning|notice|error)[^:]*::/, (_m, level: string) => `[${level}] `);
}

/** Parses the GITHUB_OUTPUT file format (name<<delimiter … delimiter). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i] as string);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i] as string);
    out[m[1] as string] = value.join('\n');
  }
  return out;
}
