/**
 * An HTTPS proxy on loopback that stands in for Sigstore's hosts, for `@actions/attest`.
 *
 * Why it exists: `@actions/attest` signs against fixed URLs (its lib/endpoints.js):
 * `https://fulcio.sigstore.dev` and `https://rekor.sigstore.dev` for the public-good instance,
 * `https://fulcio.<host>` and `https://timestamp.<host>` for GitHub's (host from
 * GITHUB_SERVER_URL, github.com giving githubapp.com). No option points it elsewhere. What it does
 * honour is a proxy: its HTTP goes through `@sigstore/sign` -> make-fetch-happen -> `@npmcli/agent`,
 * which sends an https: request through `HTTPS_PROXY` with a CONNECT, as a runner behind a
 * corporate proxy reaches Sigstore. So a test points HTTPS_PROXY here: this proxy accepts a CONNECT
 * to exactly those four hosts on port 443, terminates TLS with a leaf certificate for them signed by
 * a test CA made at start (in memory, nothing committed), and forwards each request (method, path,
 * headers, body) to the matching mock of a FakeSigstore (fake/sigstore.ts): fulcio.* to its Fulcio,
 * rekor.* to its Rekor, timestamp.* to its TSA. Any other CONNECT, and any plain proxied request,
 * is refused with a 403, so nothing a test does through it can leave the machine.
 *
 * The client must trust the test CA: in a child process through NODE_EXTRA_CA_CERTS (in `env`,
 * read by Node at start), in this process through `trustInProcess()` (tls.setDefaultCACertificates,
 * Node 24). And the client must read the proxy variables: `@npmcli/agent` reads HTTPS_PROXY,
 * https_proxy and NO_PROXY once, when it is first loaded, and uses https_proxy even for http: URLs
 * unless NO_PROXY matches, which is why `env` names 127.0.0.1 and localhost there (the OIDC
 * endpoint and the fake GitHub are plain http on loopback).
 */
import crypto from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
// @peculiar/x509 (tsyringe) needs the Reflect metadata polyfill loaded first
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import type { FakeSigstore } from './sigstore.ts';

/** The hosts `@actions/attest` 3 signs against (public-good, and GitHub's for github.com). */
export const SIGSTORE_HOSTS = ['fulcio.sigstore.dev', 'rekor.sigstore.dev', 'fulcio.githubapp.com', 'timestamp.githubapp.com'] as const;

export interface SigstoreProxy {
  /** `http://127.0.0.1:<port>`: the proxy's URL, for HTTPS_PROXY. */
  url: string;
  /** The test CA's certificate (PEM). */
  caPem: string;
  /** A temporary file holding `caPem`, for NODE_EXTRA_CA_CERTS (removed by close). */
  caFile: string;
  /** The variables that send a process's Sigstore traffic here and make it trust the CA. */
  env: Record<string, string>;
  /** Every CONNECT target as asked (`host:port`), and whether it was let through. */
  connects: { target: string; allowed: boolean }[];
  /** Every request forwarded to a mock, with the mock's status. */
  forwarded: { host: string; method: string; path: string; status: number }[];
  /** Adds the CA to this process's default trust (new TLS connections); returns the undo. */
  trustInProcess(): () => void;
  close(): Promise<void>;
}

const DAY = 24 * 60 * 60 * 1000;
// Hop-by-hop headers (RFC 9110 section 7.6.1), not passed on either way.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade'
]);

type X509Crypto = NonNullable<Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[1]>;

/** A CA and a server certificate for SIGSTORE_HOSTS signed by it, ECDSA P-256, valid for a day. */
async function makeCertificates(): Promise<{ caPem: string; certPem: string; keyPem: string }> {
  // Node's own WebCrypto (the type @peculiar/x509 names is the DOM's, which this project leaves out)
  const webcrypto = crypto.webcrypto as unknown as X509Crypto;
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const generate = () => crypto.webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']) as Promise<crypto.webcrypto.CryptoKeyPair>;
  const [caKeys, leafKeys] = await Promise.all([generate(), generate()]);
  const notBefore = new Date(Date.now() - DAY);
  const notAfter = new Date(Date.now() + DAY);
  const caName = 'CN=sigstore-proxy test CA (throwaway)';
  const ca = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: crypto.randomBytes(8).toString('hex'),
      name: caName,
      notBefore,
      notAfter,
      signingAlgorithm: algorithm,
      keys: caKeys,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey, false, webcrypto)
      ]
    },
    webcrypto
  );
  const leaf = await x509.X509CertificateGenerator.create(
    {
      serialNumber: crypto.randomBytes(8).toString('hex'),
      subject: `CN=${SIGSTORE_HOSTS[0]}`,
      issuer: caName,
      notBefore,
      notAfter,
      signingAlgorithm: algorithm,
      publicKey: leafKeys.publicKey,
      signingKey: caKeys.privateKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension(SIGSTORE_HOSTS.map((value) => ({ type: 'dns' as const, value }))),
        await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey, false, webcrypto),
        await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey, false, webcrypto)
      ]
    },
    webcrypto
  );
  const keyPem = crypto.KeyObject.from(leafKeys.privateKey).export({ type: 'pkcs8', format: 'pem' }).toString();
  return { caPem: ca.toString('pem'), certPem: leaf.toString('pem'), keyPem };
}

function headersWithout(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
}

/** The proxy for `sigstore`'s mocks: see the top of this file. */
export async function startSigstoreProxy(sigstore: FakeSigstore): Promise<SigstoreProxy> {
  const upstreams = new Map<string, string>([
    ['fulcio.sigstore.dev', sigstore.fulcioURL],
    ['rekor.sigstore.dev', sigstore.rekorURL],
    ['fulcio.githubapp.com', sigstore.fulcioURL],
    ['timestamp.githubapp.com', sigstore.tsaURL]
  ]);
  const { caPem, certPem, keyPem } = await makeCertificates();
  const dir = await mkdtemp(join(tmpdir(), 'sigstore-proxy-'));
  const caFile = join(dir, 'ca.pem');
  await writeFile(caFile, caPem);

  const connects: SigstoreProxy['connects'] = [];
  const forwarded: SigstoreProxy['forwarded'] = [];
  const sockets = new Set<Socket>();
  const toMocks = new http.Agent({ keepAlive: false });

  // Inside a tunnel: the request for the host the client named in SNI (the CONNECT target's host,
  // checked at CONNECT), sent on to that host's mock.
  const inside = https.createServer({ key: keyPem, cert: certPem, ALPNProtocols: ['http/1.1'] }, (req, res) => {
    const host = (req.socket as tls.TLSSocket).servername || '';
    const upstream = upstreams.get(host);
    const named = (req.headers.host ?? '').replace(/:443$/, '');
    if (!upstream || named !== host) return void res.writeHead(421, { 'Content-Type': 'text/plain' }).end(`misdirected: SNI ${host}, Host ${named}`);
    const path = req.url ?? '/';
    const method = req.method ?? 'GET';
    const record = { host, method, path, status: 0 };
    forwarded.push(record);
    const target = new URL(path, upstream);
    const out = http.request(target, { method, headers: { ...headersWithout(req.headers), host: target.host }, agent: toMocks }, (answer) => {
      record.status = answer.statusCode ?? 0;
      res.writeHead(answer.statusCode ?? 502, headersWithout(answer.headers));
      answer.pipe(res);
    });
    out.on('error', (error) => {
      record.status = 502;
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`sigstore-proxy: ${host} (${upstream}) failed: ${error.message}`);
    });
    req.pipe(out);
  });
  inside.on('tlsClientError', (_error, socket) => socket.destroy());

  // The proxy itself: a CONNECT to one of the hosts on 443 is tunnelled into `inside`; anything
  // else, a CONNECT elsewhere or a plain proxied request (`GET http://…`), is a 403.
  const refuse = (what: string) => `sigstore-proxy: ${what} refused: only CONNECT to ${SIGSTORE_HOSTS.join(', ')} on port 443\n`;
  const proxy = http.createServer((req, res) => {
    res.writeHead(403, { 'Content-Type': 'text/plain', Connection: 'close' }).end(refuse(`${req.method} ${req.url}`));
  });
  proxy.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  proxy.on('connect', (req: http.IncomingMessage, socket: Socket, head: Buffer) => {
    const target = req.url ?? '';
    const match = /^([^:]+):(\d+)$/.exec(target);
    const allowed = match !== null && upstreams.has(match[1]!.toLowerCase()) && match[2] === '443';
    connects.push({ target, allowed });
    socket.on('error', () => socket.destroy());
    if (!allowed) {
      const body = refuse(`CONNECT ${target}`);
      return void socket.end(
        `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
      );
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    inside.emit('connection', socket);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const noProxy = '127.0.0.1,localhost';

  return {
    url,
    caPem,
    caFile,
    env: { HTTPS_PROXY: url, https_proxy: url, NO_PROXY: noProxy, no_proxy: noProxy, NODE_EXTRA_CA_CERTS: caFile },
    connects,
    forwarded,
    trustInProcess: () => {
      const before = tls.getCACertificates('default');
      tls.setDefaultCACertificates([...before, caPem]);
      return () => tls.setDefaultCACertificates(before);
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      inside.close();
      toMocks.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  };
}
