/**
 * The fake's one repository as the routes see it: its names and URLs, the settings and rules a
 * test controls, the pull requests and labels, and the git store; with the checks GitHub makes
 * before acting (permission, empty repository, repository rules).
 */
import type { GitStore } from './git-store.ts';
import { ApiError } from './http.ts';
import type { FakePullRequest, RefUpdate } from './types.ts';

export interface Permissions {
  contents: 'read' | 'write';
  pullRequests: 'read' | 'write';
  /** A fine-grained token's `attestations` permission (create an attestation needs write). */
  attestations: 'read' | 'write';
}

/** One stored artifact attestation: its Sigstore bundle and what the fake read from it to list it. */
export interface StoredAttestation {
  id: number;
  bundle: Record<string, unknown>;
  /** `sha256:<hex>` of each subject of the bundle's in-toto statement (none when the payload did not decode). */
  subjectDigests: string[];
  /** The statement's `predicateType`, when the payload decoded. */
  predicateType: string | undefined;
}

export interface FakeRepository {
  owner: string;
  /** Whether the owner is an organization or a personal account (which of the owner's endpoints answer). */
  ownerType: 'Organization' | 'User';
  repo: string;
  defaultBranch: string;
  /** When the repository was created (ISO seconds). */
  createdAt: string;
  /** `http://127.0.0.1:<port>`, set once the server listens. */
  baseUrl: string;
  store: GitStore;
  /** What the token may do; tests change it in place between runs (it is also `settings.permissions`). */
  permissions: Permissions;
  /** What a test may change between runs: the Actions setting and the token's permissions. */
  settings: {
    actionsCanCreatePullRequests: boolean;
    permissions: Permissions;
    /** The repository's plan keeps artifact attestations (public repositories: every plan; private ones: Enterprise Cloud). */
    attestationsOnPlan: boolean;
  };
  /** Branch name -> rule message. Creating or moving that branch is refused. */
  rules: Record<string, string>;
  /** Commits made through the API without author/committer are signed by GitHub. */
  signCommits: boolean;
  /** Recursive tree listings come back cut short. */
  truncateTrees: boolean;
  /** A file's patch longer than this (bytes) is left out of a commit's `files`. */
  patchLimitBytes: number;
  pulls: FakePullRequest[];
  /** Labels of the repository (created on first use). */
  labels: string[];
  /** The artifact attestations stored, in the order they were created (ids 1, 2, …). */
  attestations: StoredAttestation[];
  /** Where the test's hook is read at each PATCH of a ref (the fake itself), called before the update, outside the git lock. */
  hooks: { beforeRefUpdate?: (update: RefUpdate) => Promise<void> | void };
}

/** The repository's REST URL, `<base>/repos/<owner>/<repo>`. */
export function apiRepo(repository: FakeRepository): string {
  return `${repository.baseUrl}/repos/${repository.owner}/${repository.repo}`;
}

/** The repository's web URL (under `/html`, as the fake serves no pages). */
export function htmlRepo(repository: FakeRepository): string {
  return `${repository.baseUrl}/html/${repository.owner}/${repository.repo}`;
}

/** GitHub's 403 when the token may not write `kind`. */
export function requireWrite(repository: FakeRepository, kind: keyof Permissions, doc: string): void {
  if (repository.permissions[kind] !== 'write') throw new ApiError(403, 'Resource not accessible by integration', doc);
}

/** GitHub's 409 for the Git data API on a repository without a commit. */
export async function requireNotEmpty(repository: FakeRepository, doc: string): Promise<void> {
  if (await repository.store.isEmpty()) throw new ApiError(409, 'Git Repository is empty.', doc);
}

/** GitHub's refusal (422 by default) when a repository rule protects `branch`. */
export function ruleViolation(repository: FakeRepository, branch: string, doc: string, status = 422): void {
  const rule = repository.rules[branch];
  if (rule !== undefined) throw new ApiError(status, `Repository rule violations found\n\n${rule}\n\n`, doc);
}
