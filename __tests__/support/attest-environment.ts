// What a test of `attest: true` needs around the action: Sigstore's mocks behind the TLS proxy that
// `@actions/attest`'s fixed URLs reach (fake/sigstore-proxy.ts), the runner's OIDC endpoint, the
// process environment the library reads (set before it is first imported, and put back after),
// and the mocks' trusted root for verify.
import { startSigstoreProxy, type SigstoreProxy } from '../../fake/sigstore-proxy.ts';
import { actionsClaims, type FakeOidc, type FakeSigstore, startFakeOidc, startFakeSigstore } from '../../fake/sigstore.ts';

export interface AttestEnvironment {
  sigstore: FakeSigstore;
  oidc: FakeOidc;
  proxy: SigstoreProxy;
  /** The runner's variables for a run of the action (the OIDC endpoint, the repository). */
  runnerEnv: Record<string, string>;
  /** RunDeps.trustedRoots: the mocks' root. */
  trustedRoots: () => Promise<unknown[]>;
  close(): Promise<void>;
}

/** Starts the mocks and points this process at them; `close` undoes it. */
export async function startAttestEnvironment(repository: string): Promise<AttestEnvironment> {
  const saved = { ...process.env };
  const [sigstore, oidc] = await Promise.all([startFakeSigstore(), startFakeOidc(actionsClaims(repository))]);
  const proxy = await startSigstoreProxy(sigstore);
  const runnerEnv = { ...oidc.env, GITHUB_REPOSITORY: repository, GITHUB_SERVER_URL: 'https://github.com' };
  // GitHub's Sigstore instance (a private repository's): no event payload says the repository is public
  for (const name of ['HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy', 'GITHUB_EVENT_PATH', 'SIGSTORE_ID_TOKEN']) delete process.env[name];
  Object.assign(process.env, proxy.env, runnerEnv);
  const untrust = proxy.trustInProcess();
  return {
    sigstore,
    oidc,
    proxy,
    runnerEnv,
    trustedRoots: async () => [sigstore.trustedRoot],
    async close() {
      untrust();
      process.env = saved;
      await proxy.close();
      await Promise.all([sigstore.close(), oidc.close()]);
    }
  };
}
