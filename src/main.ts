// The action's entry point, as the runner starts it.
import * as cache from '@actions/cache';
import { inputsFromEnv } from './inputs.ts';
import { coreReporter } from './reporter.ts';
import { run } from './run.ts';

try {
  await run({ env: process.env, getInput: inputsFromEnv(process.env), reporter: coreReporter, cache });
} catch (error) {
  coreReporter.setFailed(`Unexpected error: ${(error as Error)?.message ?? String(error)}`);
}
// Exit explicitly: a handle left open by a client (cache upload, keep-alive socket) must not hold the job.
process.exit(process.exitCode ?? 0);
