// The ground for attesting ledger lines (issue 17): the real signing path (`@sigstore/sign`:
// Fulcio certificate from the workflow's OIDC token, Rekor entry, timestamp) against Sigstore's own
// mocks served on loopback (fake/sigstore.ts), and the real verification (`@sigstore/verify`)
// against their trusted root, with a policy that the signer is a workflow of this repository.
import { createHash } from 'node:crypto';
import { bundleFromJSON, bundleToJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { CIContextProvider, DSSEBundleBuilder, FulcioSigner, RekorWitness, TSAWitness } from '@sigstore/sign';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { actionsClaims, type FakeOidc, type FakeSigstore, startFakeOidc, startFakeSigstore } from '../fake/sigstore.ts';

const LINE = '{"version":1,"prev":"","range":{"start":"2026-11-24T12:00:00.000Z","end":"2026-11-25T12:00:00.000Z"}}';
const DIGEST = createHash('sha256').update(LINE).digest('hex');
const STATEMENT = {
  _type: 'https://in-toto.io/Statement/v1',
  subject: [{ name: 'cursor-audit-logs/ledger.jsonl#3', digest: { sha256: DIGEST } }],
  predicateType: 'https://github.com/your-org/cursor-audit-logs-action/ledger-line/v1',
  predicate: { added: 12 }
};
const THIS_REPOSITORY = /^https:\/\/github\.com\/acme\/audit\/\.github\/workflows\//;

let sigstore: FakeSigstore;
let oidc: FakeOidc;
const saved = { ...process.env };
beforeAll(async () => {
  sigstore = await startFakeSigstore();
  oidc = await startFakeOidc(actionsClaims('acme/audit'));
  Object.assign(process.env, oidc.env);
});
afterAll(async () => {
  process.env = saved;
  await sigstore.close();
  await oidc.close();
});

async function sign(witness: 'rekor' | 'tsa', statement: object = STATEMENT) {
  const options = { timeout: 5000, retry: 0 };
  const signer = new FulcioSigner({ identityProvider: new CIContextProvider('sigstore'), fulcioBaseURL: sigstore.fulcioURL, ...options });
  const witnesses = [
    witness === 'rekor'
      ? new RekorWitness({ rekorBaseURL: sigstore.rekorURL, fetchOnConflict: true, ...options })
      : new TSAWitness({ tsaBaseURL: sigstore.tsaURL, ...options })
  ];
  const bundle = await new DSSEBundleBuilder({ signer, witnesses }).create({
    data: Buffer.from(JSON.stringify(statement)),
    type: 'application/vnd.in-toto+json'
  });
  return bundleToJSON(bundle);
}

function verify(json: ReturnType<typeof bundleToJSON>, root = sigstore.trustedRoot, witness: 'rekor' | 'tsa' = 'rekor', san = THIS_REPOSITORY) {
  const trust = toTrustMaterial(TrustedRoot.fromJSON(root));
  const thresholds =
    witness === 'rekor' ? { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 } : { tlogThreshold: 0, ctlogThreshold: 1, timestampThreshold: 1 };
  return new Verifier(trust, thresholds).verify(toSignedEntity(bundleFromJSON(json)), {
    subjectAlternativeName: san,
    extensions: { issuer: 'https://token.actions.githubusercontent.com' }
  });
}

describe('a ledger line signed through Sigstore on loopback', () => {
  // Rekor as witness: the public-good instance (public repositories); a TSA: GitHub's own (private ones).
  it.each(['rekor', 'tsa'] as const)('verifies, with %s as witness, as a workflow of this repository, for that line', async (witness) => {
    const json = await sign(witness);
    expect(json.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    const signer = verify(json, sigstore.trustedRoot, witness);
    expect(signer.identity?.subjectAlternativeName).toBe('https://github.com/acme/audit/.github/workflows/sync.yml@refs/heads/main');
    const statement = JSON.parse(Buffer.from(json.dsseEnvelope!.payload, 'base64').toString('utf8'));
    expect(statement.subject).toEqual([{ name: 'cursor-audit-logs/ledger.jsonl#3', digest: { sha256: DIGEST } }]);
  });

  it('is refused for another repository, a changed statement, and another root', async () => {
    const json = await sign('rekor');
    expect(() => verify(json, sigstore.trustedRoot, 'rekor', /^https:\/\/github\.com\/other\/repo\//)).toThrow(/UNTRUSTED_SIGNER|identity/i);
    const forged = { ...STATEMENT, subject: [{ ...STATEMENT.subject[0], digest: { sha256: 'f'.repeat(64) } }] };
    const changed = { ...json, dsseEnvelope: { ...json.dsseEnvelope!, payload: Buffer.from(JSON.stringify(forged)).toString('base64') } } as typeof json;
    expect(() => verify(changed)).toThrow();
    const other = await startFakeSigstore();
    try {
      expect(() => verify(json, other.trustedRoot)).toThrow();
    } finally {
      await other.close();
    }
  });

  it('the OIDC endpoint refuses a request without the runner’s token', async () => {
    const response = await fetch(oidc.env.ACTIONS_ID_TOKEN_REQUEST_URL);
    expect(response.status).toBe(401);
  });
});
