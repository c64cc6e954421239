// attest: true (CONTRACT.md § Ledger, § Verify check 6): each ledger line a run writes is signed on
// `@actions/attest`'s real path (Sigstore's own mocks behind a TLS proxy on loopback) and stored as
// an attestation in the fake GitHub; verify lists them by each line's place and checks each bundle
// with `@sigstore/verify`. A rewrite that recomputes the ledger and its chain, and a forged line,
// pass the other five checks and fail this one; an intact record passes. Each permission the
// signing needs fails with an error that names it.
import { type FakeGitHub, startFakeGitHub } from '../fake/github-api.ts';
import { generateEvents, makeEvent } from '../fake/events.ts';
import { ledgerStatement, placeDigest } from '../src/attestation.ts';
import { actionsClaims, startFakeOidc } from '../fake/sigstore.ts';
import { type LedgerLine, sha256 } from '../src/ledger.ts';
import { DAY, HOUR, MINUTE } from '../src/time.ts';
import { type AttestEnvironment, startAttestEnvironment } from './support/attest-environment.ts';
import { githubLookup } from '../src/verify/attestation-reader.ts';
import { commitRaw } from './support/git-entries.ts';
import { harness, type Harness } from './support/harness.ts';
import { loopbackGitHubClient } from './support/loopback-github.ts';
import { BRANCH, DIR, git, NOW, problemsOf, read, TOKEN } from './support/verify-record.ts';

let att: AttestEnvironment;
beforeAll(async () => {
  att = await startAttestEnvironment('acme/audit');
});
afterAll(() => att?.close());

let h: Harness | undefined;
let gh: FakeGitHub | undefined;
afterEach(async () => {
  await h?.close();
  await gh?.close();
  h = gh = undefined;
});

const FIRST = generateEvents({ start: NOW - 3 * DAY, end: NOW - MINUTE, count: 120, seed: 1 });

/** A run against the fake GitHub, as a runner with `id-token: write` gives it (OIDC variables set). */
function run(inputs: Record<string, string>, env: Record<string, string> = att.runnerEnv) {
  return h!.run(
    { destination: 'branch', 'github-token': TOKEN, repository: 'acme/audit', ...inputs },
    { env: { GITHUB_API_URL: gh!.url, ...env }, trustedRoots: att.trustedRoots }
  );
}

/** `runs` hourly syncs to the branch with `attest`, the first a 3-day backfill, each later with new events; returns each run's outputs. */
async function buildRecord(runs: number, options: { attest: boolean; drop?: string }): Promise<{ outputs: Record<string, string>; summary: string }[]> {
  const served = FIRST.filter((event) => event.event_id !== options.drop);
  h = await harness({ start: NOW, events: served });
  const outputs: { outputs: Record<string, string>; summary: string }[] = [];
  for (let n = 0; n < runs; n++) {
    if (n > 0) {
      h.clock.advance(HOUR);
      h.api.addEvents(generateEvents({ start: h.clock.now() - 50 * MINUTE, end: h.clock.now() - MINUTE, count: 6, seed: 100 + n }));
    }
    const { outputs: out, rec } = await run({ attest: String(options.attest), ...(n === 0 ? { 'backfill-start-time': '4d' } : {}) });
    expect(rec.failed).toBeUndefined();
    outputs.push({ outputs: out, summary: rec.summary });
  }
  return outputs;
}

const ledgerLines = async () => (await read(gh!.gitDir, 'ledger.jsonl')).split('\n').slice(0, -1);

/** The problems of a verify run, each check's apart. */
async function verify(inputs: Record<string, string> = {}) {
  const { outputs, rec } = await run({ mode: 'verify', ...inputs });
  const problems = problemsOf(outputs);
  return {
    outputs,
    rec,
    problems,
    others: problems.filter((p) => p.check !== 'attestations'),
    attestations: problems.filter((p) => p.check === 'attestations')
  };
}

describe('attest: true', () => {
  it('attests each ledger line it writes (its hash and its place), links it, and an intact attested record passes verify', async () => {
    gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
    const runs = await buildRecord(3, { attest: true });
    expect(runs.map((one) => one.outputs['attestation-id'])).toEqual(['1', '2', '3']);
    // signed on @actions/attest's own path: its fixed URLs of GitHub's Sigstore instance, reached through the proxy
    expect(new Set(att.proxy.forwarded.map((request) => request.host))).toEqual(new Set(['fulcio.githubapp.com', 'timestamp.githubapp.com']));
    expect(runs[2]!.summary).toContain('[Attestation of cursor-audit-logs/ledger.jsonl line 3](https://github.com/acme/audit/attestations/3)');
    const lines = await ledgerLines();
    expect(lines.map((text) => (JSON.parse(text) as LedgerLine).attested)).toEqual([true, true, true]);
    // GitHub lists line 2's attestation by the line's own digest (as `gh attestation verify` finds it) and by its place
    for (const digest of [sha256(lines[1]!), placeDigest('acme/audit', DIR, 2)]) {
      const listed = (await (
        await fetch(`${gh.url}/repos/acme/audit/attestations/sha256:${digest}`, { headers: { authorization: `Bearer ${TOKEN}` } })
      ).json()) as { attestations: unknown[] };
      expect(listed.attestations).toHaveLength(1);
    }

    gh.resetRequests();
    const intact = await verify({ attest: 'true' });
    expect(intact.problems).toEqual([]);
    expect(intact.outputs.verified).toBe('true');
    expect(intact.rec.lines.join('\n')).toMatch(/Attestations: 3 ledger line\(s\), 3 marked attested, 3 proven by an attestation/);
    // the four places (three lines and the one past the end) in one bulk listing of the organization
    expect(gh.requests.filter((r) => r.path.includes('attestations')).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /orgs/acme/attestations/bulk-list 200'
    ]);
  });

  it.each([
    {
      owner: 'a personal account',
      options: { ownerType: 'User' as const },
      faults: [],
      calls: ['POST /orgs/acme/attestations/bulk-list 404', 'POST /users/acme/attestations/bulk-list 200']
    },
    {
      owner: 'an organization whose bulk listing is refused',
      options: {},
      faults: [
        { status: 403, match: { pathIncludes: '/bulk-list' } },
        { status: 404, match: { pathIncludes: '/bulk-list' } }
      ],
      calls: [
        'POST /orgs/acme/attestations/bulk-list 403',
        'POST /users/acme/attestations/bulk-list 404',
        ...Array(3).fill('GET /repos/acme/audit/attestations/sha256 200')
      ]
    }
  ])('reads the attestations of $owner too', async ({ options, faults, calls }) => {
    gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN, ...options });
    await buildRecord(2, { attest: true });
    gh.resetRequests();
    for (const fault of faults) gh.injectFault(fault);
    const { problems, outputs } = await verify();
    expect(problems).toEqual([]);
    expect(outputs.verified).toBe('true');
    expect(gh.requests.filter((r) => r.path.includes('attestations')).map((r) => `${r.method} ${r.path.replace(/:[0-9a-f]{64}$/, '')} ${r.status}`)).toEqual(
      calls
    );
  });

  // The rewrite an admin can make: the branch deleted and rebuilt by running the action again over
  // what Cursor serves without one event, so the ledger, its chain and every hash agree. The
  // attestations of the original lines stay with GitHub, and name other lines at the same places.
  it.each([
    { rebuilt: 'without attest (the lines say they were not attested)', rebuiltAttest: false, verifyAttest: 'true' },
    { rebuilt: 'with attest (new attestations of the new lines)', rebuiltAttest: true, verifyAttest: 'false' }
  ])(
    'a branch rebuilt $rebuilt, its ledger and chain recomputed, passes every other check and fails on the attestations',
    async ({ rebuiltAttest, verifyAttest }) => {
      gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
      await buildRecord(3, { attest: true });
      const original = await ledgerLines();
      await h!.close();
      await git(gh.gitDir, 'update-ref', '-d', `refs/heads/${BRANCH}`);
      await buildRecord(3, { attest: rebuiltAttest, drop: FIRST[5]!.event_id as string });
      const rebuilt = await ledgerLines();
      expect(rebuilt).toHaveLength(3);
      expect(rebuilt.every((line, i) => line !== original[i])).toBe(true);

      const { others, attestations, outputs } = await verify({ attest: verifyAttest });
      expect(others).toEqual([]);
      expect(outputs.verified).toBe('false');
      const rewritten = attestations.filter((p) => p.message.includes('the history was rewritten'));
      expect(rewritten.map((p) => p.where)).toEqual([1, 2, 3].map((n) => `${DIR}/ledger.jsonl:${n}`));
      // rebuilt without attest, no line is proven: with attest: true on the verify step, the newest is named too
      expect(attestations.length - rewritten.length).toBe(rebuiltAttest ? 0 : 1);
      for (const [i, problem] of rewritten.entries()) {
        expect(problem.message).toBe(
          `line ${i + 1} was attested with SHA-256 ${sha256(original[i]!).slice(0, 12)}, but the ledger holds a line with SHA-256 ${sha256(rebuilt[i]!).slice(0, 12)} there: the history was rewritten after the line was attested`
        );
      }
    }
  );

  it('lines removed from the end leave their attestations past it', async () => {
    gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
    await buildRecord(3, { attest: true });
    const lines = await ledgerLines();
    // the last run's commit undone as if it never was: the branch moved back
    const tip = await git(gh.gitDir, 'rev-parse', BRANCH);
    await git(gh.gitDir, 'update-ref', `refs/heads/${BRANCH}`, `${tip}~1`);
    const { attestations } = await verify();
    expect(attestations).toEqual([
      {
        check: 'attestations',
        where: `${DIR}/ledger.jsonl:3`,
        message: `line 3 was attested (SHA-256 ${sha256(lines[2]!).slice(0, 12)}), but the ledger ends at line 2: lines were removed after they were attested`
      }
    ]);
  });

  /** Line 3 forged on top of two attested lines: an event added by hand and a line that records it, the chain kept. */
  async function forgeLine(attested: boolean): Promise<LedgerLine> {
    gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
    await buildRecord(2, { attest: true });
    const lines = await ledgerLines();
    const day = new Date(NOW - HOUR).toISOString().slice(0, 10);
    const file = `${day.slice(0, 4)}/${day.slice(5, 7)}/${day}.jsonl`;
    const events = `${await read(gh.gitDir, file)}${JSON.stringify(makeEvent('login', NOW - 30 * MINUTE + 1, { event_id: 'forged-1' }))}\n`;
    const forged: LedgerLine = {
      ...(JSON.parse(lines[1]!) as LedgerLine),
      added: 1,
      duplicates: 0,
      files: { [file]: sha256(events) },
      prev: sha256(lines[1]!),
      attested
    };
    await commitRaw(
      gh.gitDir,
      BRANCH,
      [
        { path: `${DIR}/${file}`, content: events },
        { path: `${DIR}/ledger.jsonl`, content: `${lines.join('\n')}\n${JSON.stringify(forged)}\n` }
      ],
      'add a late event'
    );
    return forged;
  }

  it.each([
    {
      forged: 'says it was attested',
      attested: true,
      verifyAttest: 'false',
      message: /^line 3 says it was attested, but no valid attestation from a workflow of acme\/audit names it/
    },
    { forged: 'says it was not', attested: false, verifyAttest: 'true', message: /^line 3 is not attested, though line 1 before it was/ }
  ])('a forged ledger line that $forged, on top of attested ones, fails on the attestations', async ({ attested, verifyAttest, message }) => {
    await forgeLine(attested);
    const { attestations } = await verify({ attest: verifyAttest });
    expect(attestations).toHaveLength(1);
    expect(attestations[0]).toMatchObject({ where: `${DIR}/ledger.jsonl:3`, message: expect.stringMatching(message) });
  });

  it('an attestation of a forged line, signed by a workflow of another repository and stored in this one, is no evidence', async () => {
    const forged = await forgeLine(true);
    const other = await startFakeOidc(actionsClaims('mallory/tools'));
    const statement = ledgerStatement('acme/audit', DIR, { number: 3, hash: sha256(JSON.stringify(forged)), line: forged });
    Object.assign(process.env, other.env);
    const { attest } = await import('@actions/attest');
    const { bundle } = await attest({ ...statement, predicate: { ...statement.predicate }, token: TOKEN, skipWrite: true }).finally(async () => {
      Object.assign(process.env, att.runnerEnv);
      await other.close();
    });
    const stored = await fetch(`${gh!.url}/repos/acme/audit/attestations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ bundle })
    });
    expect(stored.status).toBe(201);
    const { attestations, rec } = await verify();
    expect(attestations).toEqual([
      expect.objectContaining({ where: `${DIR}/ledger.jsonl:3`, message: expect.stringMatching(/^line 3 says it was attested, but no valid attestation/) })
    ]);
    expect(rec.summary).toContain('1 attestation(s) listed for the ledger');
  });
});

describe('attest: true without what it needs', () => {
  beforeEach(async () => {
    h = await harness({ start: NOW, events: FIRST });
  });

  it('without id-token: write (no OIDC variables): an input error before any request', async () => {
    gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
    const { ACTIONS_ID_TOKEN_REQUEST_URL: _url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: _token, ...noOidc } = att.runnerEnv;
    const { rec } = await run({ attest: 'true' }, noOidc);
    expect(rec.failed).toMatch(/^Invalid input: attest: true needs the job permission `id-token: write` \(and `attestations: write`\)/);
    expect(h!.api.requests).toHaveLength(0);
    expect(await gh.branchSha(BRANCH)).toBeUndefined();
  });

  it('when Sigstore cannot certify the signer: nothing is written, no checkpoint saved', async () => {
    gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
    // the library reads the runner's variables from the process
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'not-the-runners';
    const { rec, outputs } = await run({ attest: 'true' }).finally(() => Object.assign(process.env, att.runnerEnv));
    expect(rec.failed).toMatch(
      /Could not sign cursor-audit-logs\/ledger\.jsonl#L1 with Sigstore: the runner gave no OIDC token: the job needs `permissions: id-token: write`/
    );
    expect(await gh.branchSha(BRANCH)).toBeUndefined();
    expect(outputs.checkpoint).toBe('');
  });

  it.each([
    {
      without: 'attestations: write',
      options: { permissions: { attestations: 'read' as const } },
      message:
        /GitHub answered 403 to storing the attestation of cursor-audit-logs\/ledger\.jsonl line 1 on acme\/audit: Resource not accessible by integration\. .*`permissions: attestations: write`/
    },
    {
      without: 'a plan with attestations',
      options: { attestationsOnPlan: false },
      message: /Feature not available for user-owned private repositories\..*only on GitHub Enterprise Cloud/
    }
  ])('without $without: the events are committed, the run fails naming it, and verify reports the line', async ({ options, message }) => {
    gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN, ...options });
    const { rec, outputs } = await run({ attest: 'true' });
    expect(rec.failed).toMatch(message);
    expect(rec.failed).toMatch(/cursor-audit-logs\/ledger\.jsonl line 1 is written, but its attestation was not stored/);
    expect(outputs['events-count']).toBe(String(FIRST.length));
    expect(outputs['attestation-id']).toBe('');
    expect(rec.lines.join('\n')).toMatch(/^\{"bundle":\{"mediaType":"application\/vnd\.dev\.sigstore\.bundle/m);
    const { attestations } = await verify();
    expect(attestations.map((p) => p.where)).toEqual([`${DIR}/ledger.jsonl:1`]);
  });
});

describe('attest: true in the workspace', () => {
  it('attests the line it writes there; when signing fails, the workspace is left as it was', async () => {
    gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
    h = await harness({ start: NOW, events: FIRST });
    const inWorkspace = (inputs: Record<string, string>) =>
      h!.run(
        { destination: 'workspace', 'github-token': TOKEN, repository: 'acme/audit', attest: 'true', ...inputs },
        { env: { GITHUB_API_URL: gh!.url, ...att.runnerEnv }, trustedRoots: att.trustedRoots }
      );
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'not-the-runners';
    const refused = await inWorkspace({ 'backfill-start-time': '4d' }).finally(() => Object.assign(process.env, att.runnerEnv));
    expect(refused.rec.failed).toMatch(/Could not sign cursor-audit-logs\/ledger\.jsonl#L1 with Sigstore/);
    expect([...(await h.files()).keys()]).toEqual([]);

    const { rec, outputs } = await inWorkspace({ 'backfill-start-time': '4d' });
    expect(rec.failed).toBeUndefined();
    expect(outputs['attestation-id']).toBe('1');
    const files = await h.files();
    expect([...files.keys()].filter((file) => file.endsWith('.partial'))).toEqual([]);
    const line = files.get(`${DIR}/ledger.jsonl`)!.trimEnd();
    expect((JSON.parse(line) as LedgerLine).attested).toBe(true);
    const listed = (await (
      await fetch(`${gh.url}/repos/acme/audit/attestations/sha256:${sha256(line)}`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).json()) as { attestations: unknown[] };
    expect(listed.attestations).toHaveLength(1);
    // a second run: no alarm of files changed outside the action
    h.clock.advance(HOUR);
    const again = await inWorkspace({});
    expect(again.rec.warnings.join('\n')).not.toMatch(/changed outside the action/);
  });
});

describe('the bulk listing of attestations', () => {
  it('asks 1,024 digests a request and follows the pages, and a cursor given twice stops it', async () => {
    gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN });
    const digests = Array.from({ length: 1030 }, (_, i) => `sha256:${sha256(String(i))}`);
    const statement = { subject: [{ name: 'x', digest: { sha256: digests[1029]!.slice(7) } }], predicateType: 'p' };
    const bundle = {
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      dsseEnvelope: { payload: Buffer.from(JSON.stringify(statement)).toString('base64') }
    };
    const stored = await fetch(`${gh.url}/repos/acme/audit/attestations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ bundle })
    });
    expect(stored.status).toBe(201);
    const github = loopbackGitHubClient({ token: TOKEN, baseUrl: gh.url, log: { debug: () => {}, info: () => {}, warning: () => {} } });
    gh.resetRequests();
    const found = await githubLookup(github, 'acme', 'audit').list(digests);
    expect(found.get(digests[1029]!)).toEqual([bundle]);
    expect(found.get(digests[0]!) ?? []).toEqual([]);
    // 1,024 digests in pages of 100, then the other 6
    expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual([...Array(12).fill('POST /orgs/acme/attestations/bulk-list')]);

    gh.injectFault({
      status: 200,
      body: { attestations_subject_digests: {}, page_info: { has_next: true, next: 'again' } },
      match: { pathIncludes: '/bulk-list' }
    });
    gh.injectFault({
      status: 200,
      body: { attestations_subject_digests: {}, page_info: { has_next: true, next: 'again' } },
      match: { pathIncludes: '/bulk-list' }
    });
    await expect(githubLookup(github, 'acme', 'audit').list(digests.slice(0, 3))).rejects.toThrow(
      "GitHub's bulk listing of attestations gave the page cursor again twice."
    );
  });
});
