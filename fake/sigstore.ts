/**
 * Sigstore's services on loopback, for the real signing path (`@sigstore/sign`) and the real
 * verification (`@sigstore/verify`): Fulcio, Rekor and a timestamp authority from `@sigstore/mock`,
 * Sigstore's own mocks, each served by node:http, and the trusted root that names their keys. And
 * the GitHub Actions OIDC token endpoint (`ACTIONS_ID_TOKEN_REQUEST_URL`), answering as the runner's
 * does: `{"count":1,"value":"<JWT>"}` for a request with `Authorization: Bearer <request token>`
 * (https://docs.github.com/actions/reference/security/oidc; the claims as GitHub lists them there).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as mock from '@sigstore/mock';

interface Served {
  url: string;
  close(): Promise<void>;
}

type Handler = { path: string; fn: (body: string) => Promise<{ statusCode: number; response: string | Uint8Array; contentType?: string }> };

const ecKey = () => crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const bytes = (value: ArrayBufferView) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

function listen(server: http.Server): Promise<Served> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((done) => server.close(() => done())) })
    )
  );
}

/** A mock's handler (`{path, fn(body)}`) as an HTTP server: POST to its path, anything else 404. */
function serve(handler: () => Handler): Promise<Served> {
  const answer = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { path, fn } = handler();
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== path) return void res.writeHead(404).end('Not Found');
    const { statusCode, response, contentType } = await fn(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(statusCode, { 'Content-Type': contentType ?? 'text/plain' }).end(typeof response === 'string' ? response : bytes(response));
  };
  return listen(http.createServer((req, res) => void answer(req, res)));
}

/**
 * Rekor stores a `dsse` entry in its canonical form (the envelope's and payload's hashes and the
 * signatures with their verifier), which is what a verifier checks against the log; the mock keeps
 * the proposed entry as it came, so it is put in that form first.
 */
function canonicalDsse(body: string): string {
  const entry = JSON.parse(body) as { kind?: string; spec?: { proposedContent?: { envelope: string; verifiers: string[] } } };
  const proposed = entry.spec?.proposedContent;
  if (entry.kind !== 'dsse' || !proposed) return body;
  const envelope = JSON.parse(proposed.envelope) as { payload: string; signatures: { sig: string }[] };
  const sha = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex');
  return JSON.stringify({
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: sha(proposed.envelope) },
      payloadHash: { algorithm: 'sha256', value: sha(Buffer.from(envelope.payload, 'base64')) },
      signatures: envelope.signatures.map((signature) => ({ signature: signature.sig, verifier: proposed.verifiers[0] }))
    }
  });
}

export interface FakeSigstore {
  fulcioURL: string;
  rekorURL: string;
  tsaURL: string;
  /** The trusted root (protobuf-specs' TrustedRoot as JSON) naming these services' keys. */
  trustedRoot: Record<string, unknown>;
  close(): Promise<void>;
}

/**
 * Fulcio (its certificate's SAN taken from the token's `subjectClaim`; real Fulcio puts
 * `https://github.com/<job_workflow_ref>` there for GitHub Actions), Rekor and a TSA.
 */
export async function startFakeSigstore(options: { subjectClaim?: string } = {}): Promise<FakeSigstore> {
  const [caKey, tlogKey, tsaKey] = [ecKey(), ecKey(), ecKey()];
  const ctlog = await mock.initializeCTLog(caKey);
  const ca = await mock.initializeCA(caKey, ctlog);
  const fulcioHandler = mock.fulcioHandler(ca, { strict: true, subjectClaim: options.subjectClaim ?? 'san' }) as Handler;
  const fulcio = await serve(() => fulcioHandler);
  // Rekor's URL goes into its checkpoints: listen first, then make the log.
  const log: { handler?: Handler } = {};
  const rekor = await serve(() => ({ path: '/api/v1/log/entries', fn: (body) => log.handler!.fn(canonicalDsse(body)) }));
  const tlog = await mock.initializeTLog(rekor.url, tlogKey);
  log.handler = mock.rekorHandler(tlog, { strict: true }) as Handler;
  const tsa = await mock.initializeTSA(tsaKey);
  // A timestamp's time in whole seconds: DER drops a fraction's trailing zeros (…12.12Z for 120
  // ms), and @sigstore/core reads only a fraction of three digits, so one timestamp in ten would
  // not parse ("invalid time"). Rounded up, the time stays inside the signing certificate's life.
  (tsa as unknown as { getCurrentTime: () => Date }).getCurrentTime = () => new Date(Math.ceil(Date.now() / 1000) * 1000);
  const tsaHandler = mock.tsaHandler(tsa, { strict: true }) as Handler;
  const tsaServer = await serve(() => tsaHandler);
  const since = { start: new Date(0).toISOString() };
  const key = (publicKey: ArrayBufferView) => ({ rawBytes: bytes(publicKey).toString('base64'), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: since });
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    certificateAuthorities: [{ uri: fulcio.url, certChain: { certificates: [{ rawBytes: bytes(ca.rootCertificate).toString('base64') }] }, validFor: since }],
    tlogs: [
      {
        baseUrl: rekor.url,
        hashAlgorithm: 'SHA2_256',
        publicKey: key(tlog.publicKey),
        logId: { keyId: crypto.createHash('sha256').update(bytes(tlog.publicKey)).digest('base64') }
      }
    ],
    ctlogs: [
      { baseUrl: 'https://ctfe.invalid', hashAlgorithm: 'SHA2_256', publicKey: key(ctlog.publicKey), logId: { keyId: bytes(ctlog.logID).toString('base64') } }
    ],
    timestampAuthorities: [
      {
        uri: tsaServer.url,
        certChain: { certificates: [tsa.intCertificate, tsa.rootCertificate].map((cert) => ({ rawBytes: bytes(cert).toString('base64') })) },
        validFor: since
      }
    ]
  };
  return {
    fulcioURL: fulcio.url,
    rekorURL: rekor.url,
    tsaURL: tsaServer.url,
    trustedRoot,
    close: async () => void (await Promise.all([fulcio, rekor, tsaServer].map((server) => server.close())))
  };
}

/** A GitHub Actions OIDC token's claims for a workflow of `repository` (owner/name). */
export function actionsClaims(repository: string, workflow = 'sync.yml'): Record<string, string> {
  const ref = 'refs/heads/main';
  const workflowRef = `${repository}/.github/workflows/${workflow}@${ref}`;
  return {
    iss: 'https://token.actions.githubusercontent.com',
    sub: `repo:${repository}:ref:${ref}`,
    san: `https://github.com/${workflowRef}`,
    repository,
    repository_owner: repository.split('/')[0],
    ref,
    sha: 'a'.repeat(40),
    event_name: 'schedule',
    workflow_ref: workflowRef,
    job_workflow_ref: workflowRef,
    runner_environment: 'github-hosted',
    run_id: '789',
    run_attempt: '1'
  };
}

export interface FakeOidc extends Served {
  /** The runner's variables that point a client at this endpoint. */
  env: { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string };
  /** Tokens issued so far. */
  issued(): number;
}

/** The OIDC token endpoint: an ES256 JWT with `claims`, its `aud` the requested audience. */
export async function startFakeOidc(claims: Record<string, string>, requestToken = 'oidc-request-token'): Promise<FakeOidc> {
  const { privateKey } = ecKey();
  let issued = 0;
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const server = await listen(
    http.createServer((req, res) => {
      if (req.headers.authorization !== `Bearer ${requestToken}`) return void res.writeHead(401).end();
      const audience = new URL(req.url ?? '/', 'http://x').searchParams.get('audience') ?? `https://github.com/${claims.repository_owner}`;
      const now = Math.floor(Date.now() / 1000);
      const signed = `${b64({ alg: 'ES256', typ: 'JWT', kid: 'fake' })}.${b64({ ...claims, aud: audience, iat: now, exp: now + 300 })}`;
      const signature = crypto.sign('sha256', Buffer.from(signed), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
      issued++;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ count: 1, value: `${signed}.${signature}` }));
    })
  );
  return {
    ...server,
    issued: () => issued,
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: `${server.url}/token?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken }
  };
}
