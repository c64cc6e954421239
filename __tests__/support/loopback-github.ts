// The GitHub client for tests on loopback: the action's own client, with stand-ins for the
// throttling plugin's Bottleneck queues. Each queue costs a request several milliseconds, and
// GitHub's spacing of writes (a second, three after one that notifies, such as opening a pull
// request) is no use against a fake. The groups (every request; writes; writes that notify) run
// each job at once; the retry queue runs it, asks the plugin's "failed" handler how long to wait,
// and tries again, waiting a millisecond per second, so a rate limit is still waited out and retried.
import { createGitHubClient, type GitHubClient, type GitHubClientOptions } from '../../src/github.ts';

export function loopbackGitHubClient(options: GitHubClientOptions): GitHubClient {
  const immediate = { key: () => ({ schedule: <T>(_options: unknown, job: () => T) => job() }) } as never;
  let onFailed: ((error: unknown, info: { args: unknown[]; retryCount: number }) => Promise<number | undefined>) | undefined;
  const retryAtOnce = {
    on: (event: string, handler: typeof onFailed) => {
      if (event === 'failed') onFailed = handler;
    },
    schedule: async (job: (...jobArgs: unknown[]) => Promise<unknown>, ...args: unknown[]) => {
      for (let retryCount = 0; ; retryCount++) {
        try {
          return await job(...args);
        } catch (error) {
          const wait = await onFailed?.(error, { args, retryCount });
          if (wait === undefined || wait === null) throw error;
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      }
    }
  };
  const throttle = { global: immediate, write: immediate, notifications: immediate, retryLimiter: retryAtOnce as never, retryAfterBaseValue: 1 };
  return createGitHubClient({ ...options, throttle });
}
