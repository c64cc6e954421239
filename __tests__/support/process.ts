// Runs dist/index.js as the runner does: inputs as INPUT_* variables, outputs in GITHUB_OUTPUT,
// the summary in GITHUB_STEP_SUMMARY.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseOutputFile, runnerEnv } from '../../fake/runner.ts';

export { parseOutputFile } from '../../fake/runner.ts';

export const DIST = join(import.meta.dirname, '..', '..', 'dist', 'index.js');

export interface ProcessRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export async function runDist(root: string, inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<ProcessRun> {
  const env: Record<string, string> = { ...(await runnerEnv(root)), ...extraEnv };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [DIST], { env, cwd: root, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    );
  });
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(env.GITHUB_OUTPUT, 'utf8')),
    summary: await readFile(env.GITHUB_STEP_SUMMARY, 'utf8')
  };
}
