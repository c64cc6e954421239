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

/** GitHub's "List attestations" of the record's repository, every page; a digest GitHub does not know reads as none. */
export function githubLookup(github: GitHubClient, owner: string, repo: string): AttestationLookup {
  return {
    async list(digest) {
      try {
        return await github.paginate(
          'GET /repos/{owner}/{repo}/attestations/{subject_digest}',
          { owner, repo, subject_digest: digest, per_page: 100 },
          (response) => (response.data.attestations ?? []).map((a) => a.bundle as unknown as BundleJSON)
        );
      } catch (error) {
        if (githubFailure(error).status === 404) return [];
        throw explainGitHubError(error, `listing the attestations of ${digest}`, `${owner}/${repo}`, 'attestations: read');
      }
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
