// The action's entry point, as the runner starts it.
import type { Clock, Sleep } from './clock.ts';
import { inputsFromEnv } from './inputs.ts';
import { RateLimiter } from './rate-limiter.ts';
import { coreReporter } from './reporter.ts';
import { run } from './run.ts';

// Self-hosted runners behind a proxy: fetch (Cursor and GitHub) honours HTTPS_PROXY, HTTP_PROXY
// and NO_PROXY, as the toolkit's own clients (cache, artifact) already do.
const env = process.env;
if (env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy) {
  const { EnvHttpProxyAgent, setGlobalDispatcher } = await import('undici');
  setGlobalDispatcher(new EnvHttpProxyAgent());
}

// A cancelled run gets SIGINT, then SIGTERM: stop at the next safe point, store what is complete.
const cancel = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (cancel.signal.aborted) process.exit(1);
    coreReporter.warning(`Received ${signal}: stopping at the next safe point; completed windows are stored and checkpointed.`);
    cancel.abort(signal);
  });
}

// Benchmarks scale Cursor's minute down (a fake API with a limit of L requests in a few seconds);
// this variable makes the action's limiter match. Never set it against the real API.
const minuteMs = Number(env.CURSOR_AUDIT_LOGS_RATE_WINDOW_MS);
const scaledMinute = Number.isInteger(minuteMs) && minuteMs >= 100 ? minuteMs : undefined;
const createRateLimiter = scaledMinute
  ? (requestsPerMinute: number, clock: Clock, sleep: Sleep) => new RateLimiter(requestsPerMinute, scaledMinute, clock, sleep)
  : undefined;

try {
  // The toolkit's cache client loads once the inputs are valid (a failed run starts faster without it).
  await run({ env, getInput: inputsFromEnv(env), reporter: coreReporter, cache: () => import('@actions/cache'), signal: cancel.signal, createRateLimiter });
} catch (error) {
  coreReporter.setFailed(`Unexpected error: ${(error as Error)?.message ?? String(error)}`);
}
// Exit explicitly: a handle left open by a client (cache upload, keep-alive socket) must not hold the job.
process.exit(process.exitCode ?? 0);
