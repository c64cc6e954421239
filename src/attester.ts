// Signing ledger lines and storing the signatures as GitHub artifact attestations. Signing is
// `@actions/attest` (the workflow's OIDC token, a short-lived Fulcio certificate, a Rekor entry
// on Sigstore's public-good instance for a public repository, else GitHub's own instance with a
// timestamp), asked not to store: a line is signed before its destination writes it, so a
// failed signing leaves nothing behind, and its attestation is stored only once the line is
// written (an attempt that lost a race to another writer is never stored).
import type { BundleJSON, LedgerStatement, SignedLedgerLine } from './attestation.ts';
import { ActionError } from './errors.ts';
import { explainGitHubError, githubFailure, type GitHubClient } from './github.ts';

export interface Attester {
  /** The record's repository, `owner/name`: where attestations are stored, and what the statements name. */
  readonly repository: string;
  /** Signs a statement with Sigstore; the bundle. */
  sign(statement: LedgerStatement): Promise<BundleJSON>;
  /** Stores a signed line as an attestation of the repository; its ID and the page that shows it. */
  store(signed: SignedLedgerLine, ledger: string): Promise<{ id: string; url: string }>;
}

export interface AttesterOptions {
  token: string;
  repository: { owner: string; repo: string };
  github: GitHubClient;
  /** GITHUB_SERVER_URL: where the attestation's page is. */
  serverUrl: string;
}

/** What a failure of each signing step means, by @sigstore/sign's error code. */
const SIGNING_STEPS: [RegExp, string][] = [
  [/^IDENTITY_TOKEN/, 'the runner gave no OIDC token: the job needs `permissions: id-token: write`'],
  [/^CA_/, 'Fulcio, the certificate authority, did not issue a certificate'],
  [/^TLOG_/, 'Rekor, the transparency log, did not record the signature'],
  [/^TSA_/, 'the timestamp authority did not stamp the signature']
];

/** Why signing failed, in words, with the library's own message. */
function signingFailure(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; cause?: { message?: unknown } } | undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  const step = SIGNING_STEPS.find(([pattern]) => pattern.test(code))?.[1];
  const own = [e?.message, e?.cause?.message].filter((m): m is string => typeof m === 'string' && m !== '').join(': ');
  return `${step ? `${step}: ` : ''}${own || String(error)}`;
}

/** GitHub keeps attestations of private and internal repositories only on GitHub Enterprise Cloud. */
const NOT_ON_THIS_PLAN = /feature not available/i;

export function createAttester(options: AttesterOptions): Attester {
  const { owner, repo } = options.repository;
  return {
    repository: `${owner}/${repo}`,
    async sign(statement) {
      const { attest } = await import('@actions/attest');
      const [line] = statement.subjects;
      try {
        const signed = await attest({ ...statement, predicate: { ...statement.predicate }, token: options.token, skipWrite: true });
        return signed.bundle as unknown as BundleJSON;
      } catch (error) {
        throw new ActionError(`Could not sign ${line.name} with Sigstore: ${signingFailure(error)}. Nothing was written.`);
      }
    },
    async store(signed, ledger) {
      const what = `storing the attestation of ${ledger} line ${signed.number}`;
      try {
        const { data } = await options.github.request('POST /repos/{owner}/{repo}/attestations', { owner, repo, bundle: signed.bundle });
        const id = String((data as { id?: unknown }).id ?? '');
        return { id, url: `${options.serverUrl.replace(/\/+$/, '')}/${owner}/${repo}/attestations/${id}` };
      } catch (error) {
        const { status, message } = githubFailure(error);
        if (NOT_ON_THIS_PLAN.test(message)) {
          throw new ActionError(
            `GitHub answered ${status ?? 'an error'} to ${what} on ${owner}/${repo}: ${message}. Artifact attestations are kept for public repositories on every plan, and for private or internal ones only on GitHub Enterprise Cloud: make the repository public, move it to an enterprise account, or set attest: false.`
          );
        }
        throw explainGitHubError(error, what, `${owner}/${repo}`, 'attestations: write');
      }
    }
  };
}
