// The I/O of check 6: GitHub's listing of attestations by subject digest, and each bundle
// verified with `@sigstore/verify` against Sigstore's trusted roots: the signature, the
// certificate chain up to Fulcio's root, a Rekor entry (public-good instance) or a timestamp
// (GitHub's instance), and a signer that is a workflow of the record's repository.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import type { BundleJSON } from '../attestation.ts';
import { ActionError, errorMessage } from '../errors.ts';
import { explainGitHubError, githubFailure, type GitHubClient } from '../github.ts';
import type { AttestationLookup, BundleCheck } from './attestation-check.ts';

/** The issuer of GitHub Actions' OIDC tokens, which Fulcio writes into the certificate. */
export const ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Checks bundles against any of `roots` (protobuf-specs TrustedRoot JSON): a bundle with a Rekor
 * entry (public-good Sigstore) needs it and an SCT; one without (GitHub's instance) a timestamp.
 */
export function bundleCheck(roots: unknown[], repository: string, serverUrl = 'https://github.com'): BundleCheck {
  const trust = roots.map((root) => toTrustMaterial(TrustedRoot.fromJSON(root)));
  const policy = {
    subjectAlternativeName: new RegExp(`^${escape(serverUrl.replace(/\/+$/, ''))}/${escape(repository)}/\\.github/workflows/`, 'i'),
    extensions: { issuer: ACTIONS_ISSUER }
  };
  return (json) => {
    let why = 'no trusted root';
    try {
      const bundle = bundleFromJSON(json);
      const logged = bundle.verificationMaterial.tlogEntries.length > 0;
      const thresholds = logged
        ? { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 }
        : { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 1 };
      for (const material of trust) {
        try {
          new Verifier(material, thresholds).verify(toSignedEntity(bundle), policy);
          return undefined;
        } catch (error) {
          why = errorMessage(error);
        }
      }
    } catch (error) {
      why = `not a Sigstore bundle: ${errorMessage(error)}`;
    }
    return why;
  };
}

/** The most digests one bulk listing takes (GitHub's limit). */
const BULK_DIGESTS = 1024;

type Bulk = { attestations_subject_digests?: Record<string, { bundle?: unknown }[] | null>; page_info?: { has_next?: boolean; next?: string } };

/**
 * The attestations of many digests: GitHub's bulk listing of the owner (an organization's, else a
 * user's), 1,024 digests a request, every page; where neither answers (another kind of token, a
 * server without it), "List attestations" of the repository, one digest a request. Only the
 * bundles are kept: their signer is what verify checks, wherever they are stored.
 */
export function githubLookup(github: GitHubClient, owner: string, repo: string): AttestationLookup {
  let bulk: 'orgs' | 'users' | 'none' | undefined;
  const explain = (error: unknown, what: string) => explainGitHubError(error, what, `${owner}/${repo}`, 'attestations: read');

  async function bulkList(kind: 'orgs' | 'users', digests: string[], into: Map<string, BundleJSON[]>): Promise<void> {
    const seen = new Set<string>();
    let after: string | undefined;
    do {
      const page = { subject_digests: digests, per_page: 100, ...(after ? { after } : {}) };
      const { data } = (
        kind === 'orgs'
          ? await github.rest.orgs.listAttestationsBulk({ org: owner, ...page })
          : await github.rest.users.listAttestationsBulk({ username: owner, ...page })
      ) as { data: Bulk };
      for (const [digest, found] of Object.entries(data.attestations_subject_digests ?? {})) {
        into.set(digest, [...(into.get(digest) ?? []), ...(found ?? []).map((a) => a.bundle as BundleJSON)]);
      }
      after = data.page_info?.has_next && data.page_info.next ? data.page_info.next : undefined;
      // a cursor given twice would list the same pages for ever
      if (after !== undefined && seen.has(after)) throw new ActionError(`GitHub's bulk listing of attestations gave the page cursor ${after} twice.`);
      if (after !== undefined) seen.add(after);
    } while (after);
  }

  async function oneByOne(digests: string[], into: Map<string, BundleJSON[]>): Promise<void> {
    for (const digest of digests) {
      try {
        const bundles = await github.paginate(
          'GET /repos/{owner}/{repo}/attestations/{subject_digest}',
          { owner, repo, subject_digest: digest, per_page: 100 },
          (response) => (response.data.attestations ?? []).map((a) => a.bundle as unknown as BundleJSON)
        );
        into.set(digest, bundles);
      } catch (error) {
        // a digest GitHub does not know reads as none
        if (githubFailure(error).status !== 404) throw explain(error, `listing the attestations of ${digest}`);
      }
    }
  }

  return {
    async list(digests) {
      const found = new Map<string, BundleJSON[]>();
      for (let start = 0; start < digests.length; start += BULK_DIGESTS) {
        const batch = digests.slice(start, start + BULK_DIGESTS);
        for (const kind of ['orgs', 'users'] as const) {
          if (bulk !== undefined && bulk !== kind) continue;
          try {
            await bulkList(kind, batch, found);
            bulk = kind;
            break;
          } catch (error) {
            const { status } = githubFailure(error);
            if (bulk === kind || status === undefined || status >= 500) throw explain(error, 'listing attestations in bulk');
          }
        }
        bulk ??= 'none';
        if (bulk === 'none') await oneByOne(batch, found);
      }
      return found;
    }
  };
}

/** Where GitHub's Sigstore instance publishes its trusted root (TUF), as `gh attestation verify` reads it. */
const GITHUB_TUF = 'https://tuf-repo.github.com';

/**
 * The trusted roots of Sigstore's public-good instance (TUF, from the root that @sigstore/tuf
 * ships) and of GitHub's instance (TUF from its first root, fetched over HTTPS: trusted on first
 * use, then every later root checked by TUF).
 */
export async function sigstoreTrustedRoots(cacheDir: string): Promise<unknown[]> {
  const { getTrustedRoot } = await import('@sigstore/tuf');
  try {
    const publicGood = await getTrustedRoot({ cachePath: join(cacheDir, 'public-good') });
    const cachePath = join(cacheDir, 'github');
    await mkdir(cachePath, { recursive: true });
    const rootPath = join(cachePath, 'bootstrap-root.json');
    const response = await fetch(`${GITHUB_TUF}/1.root.json`);
    if (!response.ok) throw new Error(`${GITHUB_TUF}/1.root.json answered ${response.status}`);
    await writeFile(rootPath, Buffer.from(await response.arrayBuffer()));
    const github = await getTrustedRoot({ mirrorURL: GITHUB_TUF, rootPath, cachePath });
    return [TrustedRoot.toJSON(publicGood), TrustedRoot.toJSON(github)];
  } catch (error) {
    throw new ActionError(
      `Could not read Sigstore's trusted roots (public-good through TUF, and GitHub's from ${GITHUB_TUF}): ${errorMessage(error)}. Attestations cannot be verified without them; check that the runner reaches those hosts.`
    );
  }
}
