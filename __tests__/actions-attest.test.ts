// `@actions/attest` 3 as the action will call it, on its real path: @sigstore/sign -> make-fetch-happen
// -> @npmcli/agent through HTTPS_PROXY to its fixed Sigstore URLs, which the proxy on loopback
// (fake/sigstore-proxy.ts) hands to Sigstore's own mocks (fake/sigstore.ts); the OIDC token from
// the runner's endpoint (fake); the bundle POSTed with @actions/github's Octokit to the fake GitHub.
// Then the bundle is verified with @sigstore/verify against the mocks' trusted root, and listed back
// from the fake GitHub by its subject's digest.
//
// @npmcli/agent reads the proxy variables and @actions/github reads GITHUB_API_URL when they are
// first loaded: the environment is set before `@actions/attest` is imported (dynamically, once).
import type * as AttestModule from '@actions/attest';
import { createHash } from 'node:crypto';
import net from 'node:net';
import { Octokit } from '@octokit/rest';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { type FakeGitHub, startFakeGitHub } from '../fake/github-api.ts';
import { type SigstoreProxy, startSigstoreProxy } from '../fake/sigstore-proxy.ts';
import { bundleCheck } from '../src/verify/attestation-reader.ts';
import { actionsClaims, type FakeOidc, type FakeSigstore, startFakeOidc, startFakeSigstore } from '../fake/sigstore.ts';

type Attest = typeof AttestModule;
type Bundle = Awaited<ReturnType<Attest['attest']>>['bundle'];

const PREDICATE_TYPE = 'https://example.test/ledger-line/v1';
const THIS_REPOSITORY = /^https:\/\/github\.com\/acme\/audit\/\.github\/workflows\//;
const TOKEN = 't';
const digestOf = (text: string) => createHash('sha256').update(text).digest('hex');

let sigstore: FakeSigstore;
let oidc: FakeOidc;
let proxy: SigstoreProxy;
let github: FakeGitHub;
let untrust: () => void;
let attest: Attest['attest'];
let runnerEnv: Record<string, string>;
const saved = { ...process.env };

beforeAll(async () => {
  [sigstore, oidc, github] = await Promise.all([
    startFakeSigstore(),
    startFakeOidc(actionsClaims('acme/audit')),
    startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN, empty: true, permissions: { attestations: 'write' } })
  ]);
  proxy = await startSigstoreProxy(sigstore);
  runnerEnv = { ...oidc.env, GITHUB_REPOSITORY: 'acme/audit', GITHUB_API_URL: github.url, GITHUB_SERVER_URL: 'https://github.com' };
  for (const name of ['HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy', 'GITHUB_EVENT_PATH', 'SIGSTORE_ID_TOKEN']) delete process.env[name];
  Object.assign(process.env, proxy.env, runnerEnv);
  untrust = proxy.trustInProcess();
  ({ attest } = await import('@actions/attest'));
});

afterAll(async () => {
  untrust?.();
  process.env = saved;
  await proxy?.close();
  await Promise.all([sigstore?.close(), oidc?.close(), github?.close()]);
});

function verify(bundle: Bundle, witness: 'rekor' | 'tsa') {
  const thresholds = witness === 'rekor' ? { tlogThreshold: 1, ctlogThreshold: 1 } : { tlogThreshold: 0, ctlogThreshold: 1, timestampThreshold: 1 };
  const verifier = new Verifier(toTrustMaterial(TrustedRoot.fromJSON(sigstore.trustedRoot)), thresholds);
  return verifier.verify(toSignedEntity(bundleFromJSON(bundle)), {
    subjectAlternativeName: THIS_REPOSITORY,
    extensions: { issuer: 'https://token.actions.githubusercontent.com' }
  });
}

const forwardedSince = (start: number) => proxy.forwarded.slice(start).map((f) => `${f.method} https://${f.host}${f.path} ${f.status}`);

async function listed(hex: string) {
  const octokit = new Octokit({ auth: TOKEN, baseUrl: github.url });
  const { data } = await octokit.rest.repos.listAttestations({ owner: 'acme', repo: 'audit', subject_digest: `sha256:${hex}` });
  return (data.attestations ?? []).map((a) => a.bundle);
}

describe('@actions/attest through the Sigstore proxy', () => {
  it.each([
    ['public-good', 'rekor', ['POST https://fulcio.sigstore.dev/api/v2/signingCert 201', 'POST https://rekor.sigstore.dev/api/v1/log/entries 201']],
    ['github', 'tsa', ['POST https://fulcio.githubapp.com/api/v2/signingCert 201', 'POST https://timestamp.githubapp.com/api/v1/timestamp 201']]
  ] as const)('signs with the %s instance (%s as witness), verifies as a workflow of acme/audit, and is stored', async (instance, witness, requests) => {
    const hex = digestOf(`ledger line for ${instance}`);
    const [firstConnect, firstForward] = [proxy.connects.length, proxy.forwarded.length];
    const attestation = await attest({
      subjects: [{ name: 'x', digest: { sha256: hex } }],
      predicateType: PREDICATE_TYPE,
      predicate: { a: 1 },
      token: TOKEN,
      sigstore: instance
    });

    expect(attestation.attestationID).toEqual(expect.any(Number));
    expect(attestation.tlogID === undefined).toBe(witness === 'tsa');
    const signer = verify(attestation.bundle, witness);
    // and verify's own check takes it, whichever the instance
    expect(bundleCheck([sigstore.trustedRoot], 'acme/audit')(attestation.bundle as unknown as Record<string, unknown>)).toBeUndefined();
    expect(signer.identity?.subjectAlternativeName).toBe('https://github.com/acme/audit/.github/workflows/sync.yml@refs/heads/main');
    const statement = JSON.parse(Buffer.from(attestation.bundle.dsseEnvelope!.payload, 'base64').toString('utf8'));
    expect(statement).toMatchObject({ subject: [{ name: 'x', digest: { sha256: hex } }], predicateType: PREDICATE_TYPE, predicate: { a: 1 } });

    // It went to the library's fixed URLs, through the proxy, to the mocks.
    expect(forwardedSince(firstForward)).toEqual(requests);
    expect(proxy.connects.slice(firstConnect)).toEqual(requests.map((r) => ({ target: `${new URL(r.split(' ')[1]!).host}:443`, allowed: true })));
    expect(await listed(hex)).toEqual([attestation.bundle]);
  });

  it('is refused a CONNECT to any other host or port, and a plain proxied request', async () => {
    const ask = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(new URL(proxy.url).port), '127.0.0.1');
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
        socket.on('end', () => resolve(answer));
        socket.on('error', reject);
        socket.end(request);
      });
    for (const target of ['example.com:443', 'api.github.com:443', 'fulcio.sigstore.dev:80', '127.0.0.1:443']) {
      expect(await ask(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 403 /);
      expect(proxy.connects.at(-1)).toEqual({ target, allowed: false });
    }
    expect(await ask('GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 403 /);
  });

  // The check verify runs on each bundle (src/verify/attestation-reader.ts), against the mocks' root.
  it('a bundle passes verify’s check as a workflow of acme/audit, and not for another repository, a changed statement or another root', async () => {
    const { bundle } = await attest({
      subjects: [{ name: 'x', digest: { sha256: digestOf('checked') } }],
      predicateType: PREDICATE_TYPE,
      predicate: {},
      token: TOKEN,
      skipWrite: true
    });
    const json = bundle as unknown as Record<string, unknown>;
    expect(bundleCheck([sigstore.trustedRoot], 'acme/audit')(json)).toBeUndefined();
    expect(bundleCheck([sigstore.trustedRoot], 'ACME/Audit')(json)).toBeUndefined();
    expect(bundleCheck([sigstore.trustedRoot], 'acme/other')(json)).toMatch(/identity|SAN|subject alternative/i);
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope!.payload, 'base64').toString('utf8'));
    statement.subject[0].digest.sha256 = 'f'.repeat(64);
    const changed = { ...json, dsseEnvelope: { ...bundle.dsseEnvelope!, payload: Buffer.from(JSON.stringify(statement)).toString('base64') } };
    expect(bundleCheck([sigstore.trustedRoot], 'acme/audit')(changed)).toMatch(/signature/i);
    const other = await startFakeSigstore();
    try {
      expect(bundleCheck([other.trustedRoot], 'acme/audit')(json)).toEqual(expect.any(String));
      // any one root that vouches for it is enough
      expect(bundleCheck([other.trustedRoot, sigstore.trustedRoot], 'acme/audit')(json)).toBeUndefined();
    } finally {
      await other.close();
    }
    expect(bundleCheck([sigstore.trustedRoot], 'acme/audit')({ not: 'a bundle' })).toMatch(/^not a Sigstore bundle/);
  });
});
