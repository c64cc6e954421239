// scripts/release.ts: the pure parts (versions, the plan), then the script itself in a throwaway
// git repository (never this one's tags), with a bare repository as its origin.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareVersions, latestTag, parseVersion, releasePlan } from '../scripts/release.ts';

const SCRIPT = join(import.meta.dirname, '..', 'scripts', 'release.ts');

describe('versions', () => {
  it('parses X.Y.Z only', () => {
    expect(parseVersion('1.2.3')).toEqual([1, 2, 3]);
    expect(parseVersion('10.0.12')).toEqual([10, 0, 12]);
    for (const bad of ['v1.2.3', '1.2', '1.2.3.4', '01.2.3', '1.2.3-rc.1', '', ' 1.2.3']) expect(parseVersion(bad)).toBeUndefined();
  });

  it('compares numerically and finds the latest vX.Y.Z tag, ignoring major tags', () => {
    expect(compareVersions([1, 10, 0], [1, 9, 9])).toBeGreaterThan(0);
    expect(compareVersions([2, 0, 0], [2, 0, 0])).toBe(0);
    expect(latestTag(['v1', 'v1.9.0', 'v1.10.0', 'v2-beta', 'x1.20.0'])?.tag).toBe('v1.10.0');
    expect(latestTag(['v1'])).toBeUndefined();
  });
});

describe('releasePlan', () => {
  it('commits the version, tags vX.Y.Z, moves vX, and pushes main and both tags', () => {
    const plan = releasePlan('1.3.0', ['v1', 'v1.2.9'], '1.2.9');
    expect(plan).toMatchObject({ tag: 'v1.3.0', major: 'v1', bump: true });
    expect(plan.git).toEqual([
      ['git', 'commit', '--quiet', '-m', 'Release v1.3.0', '--', 'package.json', 'package-lock.json'],
      ['git', 'tag', '-a', 'v1.3.0', '-m', 'v1.3.0'],
      ['git', 'tag', '-f', '-a', 'v1', '-m', 'v1: v1.3.0', 'v1.3.0^{commit}']
    ]);
    expect(plan.push.map((c) => c.join(' '))).toEqual(['git push origin main', 'git push origin v1.3.0', 'git push --force origin v1']);
  });

  it('makes no commit when package.json already has the version (the first release)', () => {
    const plan = releasePlan('1.0.0', [], '1.0.0');
    expect(plan.bump).toBe(false);
    expect(plan.git.map((c) => c[1])).toEqual(['tag', 'tag']);
  });

  it('refuses a malformed version or one not above the latest tag', () => {
    expect(() => releasePlan('1.2', [], '1.0.0')).toThrow('the version must be X.Y.Z');
    expect(() => releasePlan('1.2.0', ['v1.2.0'], '1.2.0')).toThrow('1.2.0 is not greater than the latest tag v1.2.0');
    expect(() => releasePlan('1.1.9', ['v1', 'v1.2.0'], '1.2.0')).toThrow('not greater than the latest tag v1.2.0');
  });
});

describe('npm run release, in a throwaway repository', () => {
  let dir: string;
  let repo: string;
  let origin: string;
  // No global or system git configuration (signing, hooks) and a fixed identity.
  const env = {
    ...process.env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Release Test',
    GIT_AUTHOR_EMAIL: 'release@example.com',
    GIT_COMMITTER_NAME: 'Release Test',
    GIT_COMMITTER_EMAIL: 'release@example.com'
  };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' }).trim();
  const release = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [SCRIPT, ...args], { cwd: repo, env, timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
      )
    );
  /** The throwaway project's build: dist/ is src/version.ts, as the real bundle carries ACTION_VERSION. */
  const BUILD = `node -e "require('fs').copyFileSync('src/version.ts', 'dist/index.js')"`;
  const writePackage = (scripts: Record<string, string>) =>
    writeFile(join(repo, 'package.json'), `${JSON.stringify({ name: 'release-test', version: '1.0.0', scripts }, null, 2)}\n`);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cal-release-'));
    repo = join(dir, 'repo');
    origin = join(dir, 'origin.git');
    mkdirSync(join(repo, 'dist'), { recursive: true });
    execFileSync('git', ['init', '--quiet', '--bare', origin], { env });
    git('init', '--quiet', '-b', 'main');
    git('remote', 'add', 'origin', origin);
    await writePackage({ build: BUILD, test: 'node -e "0"' });
    mkdirSync(join(repo, 'src'));
    await writeFile(join(repo, 'src', 'version.ts'), "export const ACTION_VERSION = '1.0.0';\n");
    await writeFile(
      join(repo, 'package-lock.json'),
      `${JSON.stringify({ name: 'release-test', version: '1.0.0', lockfileVersion: 3, packages: { '': { name: 'release-test', version: '1.0.0' } } }, null, 2)}\n`
    );
    await writeFile(join(repo, 'dist', 'index.js'), "export const ACTION_VERSION = '1.0.0';\n");
    git('add', '.');
    git('commit', '--quiet', '-m', 'Initial');
    git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses a malformed version, a dirty tree, another branch, and a version not above the latest tag', async () => {
    expect(await release('1.1')).toMatchObject({ code: 1, stderr: expect.stringContaining('refused: the version must be X.Y.Z') });

    await writeFile(join(repo, 'stray.txt'), 'x');
    expect(await release('1.1.0', '--skip-tests', '--skip-build')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('refused: the working tree is not clean')
    });
    await rm(join(repo, 'stray.txt'));

    git('checkout', '--quiet', '-b', 'feature');
    expect(await release('1.1.0', '--skip-tests', '--skip-build')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('refused: releases are made from main, this is feature')
    });
    git('checkout', '--quiet', 'main');

    expect(await release('1.0.0', '--skip-tests', '--skip-build')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('1.0.0 is not greater than the latest tag v1.0.0')
    });
    expect(git('tag', '--list')).toBe('v1.0.0');
  });

  it('refuses when the build changes dist/, and when the tests fail', async () => {
    await writePackage({ build: `node -e "require('fs').writeFileSync('dist/index.js', 'rebuilt')"`, test: 'node -e "process.exit(1)"' });
    git('commit', '--quiet', '-am', 'A stale dist/ and failing tests');
    expect(await release('1.1.0', '--skip-tests')).toMatchObject({ code: 1, stderr: expect.stringContaining('refused: npm run build changed the tree') });
    git('checkout', '--quiet', '--', 'dist');
    expect(await release('1.1.0', '--skip-build')).toMatchObject({ code: 1, stderr: expect.stringContaining('refused: npm test failed') });
    expect(git('tag', '--list')).toBe('v1.0.0');
    await writePackage({ build: BUILD, test: 'node -e "0"' });
    git('commit', '--quiet', '-am', 'A current dist/ and passing tests');
  });

  it('releases: version commit, annotated tag, moved major tag, push commands printed but not run', async () => {
    const r = await release('1.1.0');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')).version).toBe('1.1.0');
    const lock = JSON.parse(await readFile(join(repo, 'package-lock.json'), 'utf8'));
    expect([lock.version, lock.packages[''].version]).toEqual(['1.1.0', '1.1.0']);
    expect(git('log', '-1', '--format=%s')).toBe('Release v1.1.0');
    expect(git('status', '--porcelain')).toBe('');
    // the version the ledger records, in the source and in the build, in the release commit
    expect(git('show', '--name-only', '--format=', 'HEAD').split('\n').sort()).toEqual([
      'dist/index.js',
      'package-lock.json',
      'package.json',
      'src/version.ts'
    ]);
    expect(await readFile(join(repo, 'dist', 'index.js'), 'utf8')).toBe("export const ACTION_VERSION = '1.1.0';\n");
    const head = git('rev-parse', 'HEAD');
    expect(git('cat-file', '-t', 'v1.1.0')).toBe('tag');
    expect(git('rev-parse', 'v1.1.0^{commit}')).toBe(head);
    expect(git('rev-parse', 'v1^{commit}')).toBe(head);
    expect(r.stdout).toContain('git push origin main\n  git push origin v1.1.0\n  git push --force origin v1');
    expect(execFileSync('git', ['tag', '--list'], { cwd: origin, env, encoding: 'utf8' })).toBe('');
  });

  it('pushes main, the tag and the moved major tag with --push', async () => {
    const r = await release('1.2.0', '--push', '--skip-tests', '--skip-build');
    expect(r.code).toBe(0);
    const remote = (ref: string) => execFileSync('git', ['rev-parse', ref], { cwd: origin, env, encoding: 'utf8' }).trim();
    const head = git('rev-parse', 'HEAD');
    expect([remote('main'), remote('v1.2.0^{commit}'), remote('v1^{commit}')]).toEqual([head, head, head]);
    expect(git('rev-parse', 'v1.1.0^{commit}')).not.toBe(head);
  });
});
