// The GitHub REST client for the branch and pull-request destinations: GITHUB_API_URL honoured,
// secondary rate limits and transient errors retried, every call counted, errors made actionable.
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { GitHubError } from './errors.ts';
import type { Logger } from './reporter.ts';

const GitHub = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof GitHub> & { calls: () => number };

export interface GitHubClientOptions {
  token: string;
  baseUrl?: string;
  log: Logger;
  /**
   * Replaces parts of the throttling plugin's options (its queues): GitHub asks for a second between
   * writes, three after one that notifies, and tests on loopback skip those waits.
   */
  throttle?: Record<string, unknown>;
}

/** Makes the GitHub client of the branch and pull-request destinations (RunDeps hands in another in tests). */
export type GitHubClientFactory = (options: GitHubClientOptions) => GitHubClient | Promise<GitHubClient>;

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  let calls = 0;
  const octokit = new GitHub({
    auth: options.token,
    baseUrl: (options.baseUrl || 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: 'cursor-audit-logs-action',
    log: { debug: () => {}, info: () => {}, warn: (message: string) => options.log.debug(message), error: (message: string) => options.log.debug(message) },
    throttle: {
      ...options.throttle,
      onRateLimit: (after: number, request: { method: string; url: string }, _octokit: unknown, count: number) => {
        options.log.warning(`GitHub rate limit reached for ${request.method} ${request.url}; retrying in ${after}s.`);
        return count < 2;
      },
      onSecondaryRateLimit: (after: number, request: { method: string; url: string }, _octokit: unknown, count: number) => {
        options.log.warning(`GitHub secondary rate limit for ${request.method} ${request.url}; retrying in ${after}s.`);
        return count < 2;
      }
    },
    retry: { doNotRetry: [400, 401, 403, 404, 409, 422, 451] }
  });
  octokit.hook.before('request', (request) => {
    calls++;
    options.log.debug(`GitHub API call ${calls}: ${request.method} ${request.url}`);
  });
  return Object.assign(octokit, { calls: () => calls });
}

export interface GitHubFailure {
  status: number | undefined;
  message: string;
}

/** Status and GitHub's own message of a failed call. */
export function githubFailure(error: unknown): GitHubFailure {
  const failure = error as { status?: number; message?: string; response?: { data?: { message?: string; errors?: { message?: string }[] } } };
  const data = failure?.response?.data;
  const details = (data?.errors ?? []).map((detail) => detail?.message).filter(Boolean);
  const message = [data?.message ?? failure?.message ?? String(error), ...details].join(' ').replace(/\s+/g, ' ').trim();
  return { status: failure?.status, message };
}

/** An error a user can act on: what failed, on which repository, and the permission it needs. */
export function explainGitHubError(error: unknown, what: string, repo: string, permission: string): GitHubError {
  const { status, message } = githubFailure(error);
  let help: string;
  if (status === 401) help = 'the token is invalid or expired: check github-token.';
  else if (status === 403) help = `the token may not do this: give the job \`permissions: ${permission}\` (or use a token that has it).`;
  else if (status === 404) help = `the repository does not exist or the token cannot see it: check repository and that github-token has ${permission} on it.`;
  else help = 'see GitHub’s message above.';
  return new GitHubError(`GitHub answered ${status ?? 'an error'} to ${what} on ${repo}: ${message}. ${help}`, status);
}
