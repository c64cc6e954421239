/** The fake GitHub's public types: its options, what it records, and the controls tests use. */
import type http from 'node:http';

export interface FakeGitHubOptions {
  owner: string;
  repo: string;
  /** The valid token (`Authorization: token X` or `Bearer X`). */
  token: string;
  /** Path of the bare repository to create (must be missing or empty). Default: a new temp dir. */
  dir?: string;
  /** Start with no commit at all (GitHub's "empty repository"). Default false. */
  empty?: boolean;
  /** Default 'main'. */
  defaultBranch?: string;
  /** What the token may do. Default write for each. */
  permissions?: { contents?: 'read' | 'write'; pullRequests?: 'read' | 'write'; attestations?: 'read' | 'write' };
  /** Branch name -> rule message. Creating or moving that branch is refused. */
  rules?: Record<string, string>;
  /** Repository setting "Allow GitHub Actions to create and approve pull requests". Default true. */
  actionsCanCreatePullRequests?: boolean;
  /** The owner is an organization (the default) or a personal account. */
  ownerType?: 'Organization' | 'User';
  /** false: a private repository whose plan has no artifact attestations (creating one is refused). */
  attestationsOnPlan?: boolean;
  /** Commits made through the API without author/committer are signed by GitHub. Default true. */
  signCommits?: boolean;
  /** Recursive tree listings come back cut short (`truncated: true`, half the entries), as GitHub does past its limits. */
  truncateTrees?: boolean;
  /**
   * "Get a commit" leaves a file's `patch` out when the file's patch is longer than this many bytes
   * (UTF-8), as GitHub leaves out the patch of a large diff. GitHub does not document its limit:
   * 1 MiB by default here; set it low to make a client cope with a file without its patch.
   */
  patchLimitBytes?: number;
  /**
   * Keep every exchange (request body and headers, answer status, headers and body) in
   * `exchanges`, for checking them against GitHub's OpenAPI description. Default false.
   */
  recordExchanges?: boolean;
}

/** One request and the fake's answer, as sent on the wire (kept with `recordExchanges`). */
export interface FakeExchange {
  method: string;
  /** Decoded path, without the query string. */
  path: string;
  query: URLSearchParams;
  requestHeaders: http.IncomingHttpHeaders;
  /** The parsed JSON body, or undefined when there was none. */
  requestBody: unknown;
  status: number;
  responseHeaders: Record<string, string>;
  /** The parsed JSON answer, or undefined (204, or a raw answer). */
  responseBody: unknown;
  /** The answer was raw bytes (`Accept: application/vnd.github.raw`), not JSON. */
  raw: boolean;
}

export interface FakeRequest {
  method: string;
  /** Decoded path, without the query string. */
  path: string;
  /** The raw query string including '?', or ''. */
  query: string;
  status: number;
}

export interface FakeFault {
  status: number;
  /** JSON body (a string is sent as is). Default `{"message": <status text>}`. */
  body?: unknown;
  headers?: Record<string, string>;
  match?: { method?: string; pathIncludes?: string };
}

export interface FakePullRequest {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  /** Head branch name. */
  head: string;
  /** Base branch name. */
  base: string;
  /** Head / base commit when the pull request was closed or merged (live tips while open). */
  headSha: string;
  baseSha: string;
  labels: string[];
  draft: boolean;
  merged: boolean;
  merged_at: string | null;
  merge_commit_sha: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export type MergeMethod = 'merge' | 'squash' | 'rebase';

export interface RefUpdate {
  /** Full ref name, e.g. `refs/heads/main`. */
  ref: string;
  sha: string;
  force: boolean;
}

export interface FakeGitHub {
  url: string;
  gitDir: string;
  requests: FakeRequest[];
  /** Every exchange, when started with `recordExchanges` (emptied by resetRequests too). */
  exchanges: FakeExchange[];
  resetRequests(): void;
  /** Called once per PATCH of a ref, before it is applied (outside the git lock). */
  beforeRefUpdate?: (update: RefUpdate) => Promise<void> | void;
  /** Writes a commit on top of `branch` (or creates the branch as an orphan). Returns its sha. */
  commitFiles(branch: string, files: Record<string, string | null>, message: string): Promise<string>;
  /** UTF-8 content of `path` at `ref` (branch, tag or sha), or undefined. */
  readFile(ref: string, path: string): Promise<string | undefined>;
  /** Sha of the branch tip, or undefined. */
  branchSha(branch: string): Promise<string | undefined>;
  /** Queues a canned response for the next request that matches. */
  injectFault(fault: FakeFault): void;
  pulls: FakePullRequest[];
  /** Labels of the repository (created on first use). */
  labels: string[];
  /**
   * Merges the pull request as GitHub's merge button does: a merge commit, a squash (one commit
   * with the merged tree), or a rebase (refused, as GitHub does, when it would not give the merged
   * tree). Returns the base's new tip.
   */
  mergePullRequest(number: number, method?: MergeMethod): Promise<string>;
  /** The Actions setting "Allow GitHub Actions to create … pull requests" and the token's permissions, changeable between runs. */
  settings: {
    actionsCanCreatePullRequests: boolean;
    permissions: { contents: string; pullRequests: string; attestations: string };
    attestationsOnPlan: boolean;
  };
  close(): Promise<void>;
}
