// Part 6, the cost of attest: true: a branch run of dist/index.js as a process with events on one
// day, with and without attest, alternated (7 pairs), each on a fresh fake GitHub API and a fresh
// unlimited fake Cursor API. With attest, the run signs through @actions/attest's real path:
// Sigstore's own mocks (Fulcio, a timestamp authority: GitHub's instance, a private repository's)
// behind the TLS proxy on loopback, and the runner's OIDC endpoint (fake). The figures: GitHub
// calls per run with and without, the Sigstore requests (and the OIDC token request) with, and the
// median spawn-to-exit time of each. The mocks answer on loopback in milliseconds, so the time
// is the action's own work (loading the signing code, a key pair, the signature, the POST);
// on a runner each Sigstore request is a round trip to Fulcio, Rekor or the TSA besides.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeCursorApi } from '../../fake/cursor-api.ts';
import { makeEvent } from '../../fake/events.ts';
import { startFakeGitHub } from '../../fake/github-api.ts';
import { startSigstoreProxy } from '../../fake/sigstore-proxy.ts';
import { actionsClaims, startFakeOidc, startFakeSigstore } from '../../fake/sigstore.ts';
import { median, round, runAction, tail } from './process.ts';

const OWNER = 'acme';
const REPO = 'audit';
const TOKEN = 'ghs_bench_token';
const PAIRS = 7;

export interface AttestCost {
  /** GitHub API calls of one branch run without attest and with it. */
  githubCallsOff: number;
  githubCallsOn: number;
  /** Requests to Sigstore (Fulcio and the TSA) and to the OIDC endpoint of a run with attest. */
  sigstoreRequests: number;
  oidcRequests: number;
  /** Median spawn-to-exit seconds without attest and with it, and the difference. */
  secondsOff: number;
  secondsOn: number;
  extraSeconds: number;
}

export async function measureAttest(dir: string): Promise<AttestCost> {
  const [sigstore, oidc] = await Promise.all([startFakeSigstore(), startFakeOidc(actionsClaims(`${OWNER}/${REPO}`))]);
  const proxy = await startSigstoreProxy(sigstore);
  const runs = { off: [] as { seconds: number; calls: number }[], on: [] as { seconds: number; calls: number; sigstore: number; oidc: number }[] };
  try {
    const today = Math.floor(Date.now() / 86_400_000) * 86_400_000;
    for (let pair = 0; pair < PAIRS; pair++) {
      for (const attest of [false, true]) {
        const events = [makeEvent('login', today + 1_000, undefined, { seed: 1 }), makeEvent('update_user_role', today + 2_000, undefined, { seed: 2 })];
        const cursor = await startFakeCursorApi({ events, rateLimit: null });
        const gh = await startFakeGitHub({ owner: OWNER, repo: REPO, token: TOKEN });
        const [forwarded, issued] = [proxy.forwarded.length, oidc.issued()];
        try {
          const runDir = join(dir, `${pair}-${attest ? 'on' : 'off'}`);
          await mkdir(runDir, { recursive: true });
          const run = await runAction(
            runDir,
            {
              'api-key': cursor.apiKey,
              'base-url': cursor.url,
              destination: 'branch',
              'github-token': TOKEN,
              repository: `${OWNER}/${REPO}`,
              'backfill-start-time': new Date(today - 86_400_000).toISOString(),
              'requests-per-minute': '6000',
              attest: String(attest)
            },
            {
              GITHUB_API_URL: gh.url,
              GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
              GITHUB_SERVER_URL: 'https://github.com',
              ...(attest ? { ...proxy.env, ...oidc.env } : {})
            }
          );
          if (run.code !== 0 || (attest && run.outputs['attestation-id'] !== '1')) {
            throw new Error(`attest: the run with attest: ${attest} exited with ${run.code}:\n${tail(run.stdout)}\n${tail(run.stderr)}`);
          }
          if (attest)
            runs.on.push({ seconds: run.seconds, calls: gh.requests.length, sigstore: proxy.forwarded.length - forwarded, oidc: oidc.issued() - issued });
          else runs.off.push({ seconds: run.seconds, calls: gh.requests.length });
        } finally {
          await cursor.close();
          await gh.close();
        }
      }
    }
  } finally {
    await proxy.close();
    await Promise.all([sigstore.close(), oidc.close()]);
  }
  const secondsOff = median(runs.off.map((r) => r.seconds));
  const secondsOn = median(runs.on.map((r) => r.seconds));
  return {
    githubCallsOff: median(runs.off.map((r) => r.calls)),
    githubCallsOn: median(runs.on.map((r) => r.calls)),
    sigstoreRequests: median(runs.on.map((r) => r.sigstore)),
    oidcRequests: median(runs.on.map((r) => r.oidc)),
    secondsOff: round(secondsOff, 3),
    secondsOn: round(secondsOn, 3),
    extraSeconds: round(secondsOn - secondsOff, 3)
  };
}
