// `npm run release -- X.Y.Z [--skip-tests] [--skip-build] [--push]`: releases version X.Y.Z.
//
// Refuses unless the working tree is clean, the branch is main, X.Y.Z is above the latest vX.Y.Z
// tag, `npm run build` leaves dist/ unchanged and `npm test` passes. Then sets the version in
// package.json (and package-lock.json) and in src/version.ts (which each ledger line records),
// builds dist/ again with it, commits "Release vX.Y.Z", creates the annotated tag
// vX.Y.Z, moves the major tag vX to it, and prints the `git push` commands (runs them with --push).
// The pure parts (versions, the plan) are exported for __tests__/release.test.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export type Version = [number, number, number];

/** `1.2.3` → [1, 2, 3]; anything else (a `v`, a pre-release, leading zeros) → undefined. */
export function parseVersion(text: string): Version | undefined {
  const m = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The highest `vX.Y.Z` tag; major tags (`v1`) and others are ignored. */
export function latestTag(tags: string[]): { tag: string; version: Version } | undefined {
  let best: { tag: string; version: Version } | undefined;
  for (const tag of tags) {
    const version = tag.startsWith('v') ? parseVersion(tag.slice(1)) : undefined;
    if (version && (!best || compareVersions(version, best.version) > 0)) best = { tag, version };
  }
  return best;
}

export interface ReleasePlan {
  version: string;
  tag: string;
  major: string;
  /** Whether package.json needs the new version (false when it already has it). */
  bump: boolean;
  /** Git commands run after package.json is updated. */
  git: string[][];
  /** Git commands that publish the release. */
  push: string[][];
}

/** What a release of `version` does, or an Error saying why it is refused. */
export function releasePlan(
  version: string,
  tags: string[],
  packageVersion: string,
  { remote = 'origin', files = ['package.json', 'package-lock.json'] }: { remote?: string; files?: string[] } = {}
): ReleasePlan {
  const parsed = parseVersion(version);
  if (!parsed) throw new Error(`the version must be X.Y.Z (such as 1.2.3), got ${JSON.stringify(version)}`);
  const latest = latestTag(tags);
  if (latest && compareVersions(parsed, latest.version) <= 0) throw new Error(`${version} is not greater than the latest tag ${latest.tag}`);
  const tag = `v${version}`;
  const major = `v${parsed[0]}`;
  const bump = packageVersion !== version;
  return {
    version,
    tag,
    major,
    bump,
    git: [
      ...(bump ? [['git', 'commit', '--quiet', '-m', `Release ${tag}`, '--', ...files]] : []),
      ['git', 'tag', '-a', tag, '-m', tag],
      ['git', 'tag', '-f', '-a', major, '-m', `${major}: ${tag}`, `${tag}^{commit}`]
    ],
    push: [
      ['git', 'push', remote, 'main'],
      ['git', 'push', remote, tag],
      ['git', 'push', '--force', remote, major]
    ]
  };
}

/** The files a release commit holds, those of them the project has. */
export const RELEASE_FILES = ['package.json', 'package-lock.json', 'src/version.ts', 'dist'];

/** Sets the version of package.json and, when present, package-lock.json (as npm writes them) and src/version.ts. */
function setVersion(root: string, version: string): void {
  const write = (file: string, update: (json: Record<string, unknown>) => void) => {
    const path = join(root, file);
    if (!existsSync(path)) return;
    const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    update(json);
    writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
  };
  write('package.json', (p) => (p.version = version));
  write('package-lock.json', (p) => {
    p.version = version;
    const self = (p.packages as Record<string, Record<string, unknown>> | undefined)?.[''];
    if (self) self.version = version;
  });
  const source = join(root, 'src', 'version.ts');
  if (existsSync(source)) writeFileSync(source, readFileSync(source, 'utf8').replace(/ACTION_VERSION = '[^']*'/, `ACTION_VERSION = '${version}'`));
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'skip-tests': { type: 'boolean', default: false },
      'skip-build': { type: 'boolean', default: false },
      push: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false }
    }
  });
  if (values.help || positionals.length !== 1) {
    console.log('npm run release -- X.Y.Z [--skip-tests] [--skip-build] [--push]');
    process.exit(values.help ? 0 : 2);
  }
  const refuse = (reason: string): never => {
    console.error(`release: refused: ${reason}`);
    process.exit(1);
  };
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
  const root = git('rev-parse', '--show-toplevel');
  process.chdir(root);
  const npm = (script: string) => spawnSync('npm', ['run', script], { stdio: 'inherit' }).status === 0;

  const dirty = git('status', '--porcelain');
  if (dirty) refuse(`the working tree is not clean:\n${dirty}`);
  const branch = git('rev-parse', '--abbrev-ref', 'HEAD');
  if (branch !== 'main') refuse(`releases are made from main, this is ${branch}`);
  const packageVersion = String((JSON.parse(readFileSync('package.json', 'utf8')) as { version?: unknown }).version);
  let plan: ReleasePlan;
  try {
    const files = RELEASE_FILES.filter((f) => existsSync(f));
    plan = releasePlan(positionals[0], git('tag', '--list', 'v*').split('\n').filter(Boolean), packageVersion, { files });
  } catch (error) {
    return refuse((error as Error).message);
  }

  if (!values['skip-build']) {
    console.log('release: npm run build (dist/ must not change)');
    if (!npm('build')) refuse('npm run build failed');
    const changed = git('status', '--porcelain');
    if (changed) refuse(`npm run build changed the tree (dist/ must match a fresh build): commit a fresh build first (git diff shows how):\n${changed}`);
  }
  if (!values['skip-tests']) {
    console.log('release: npm test');
    if (!npm('test')) refuse('npm test failed');
  }

  if (plan.bump) {
    setVersion(root, plan.version);
    // dist/ carries the version too (the ledger lines record it)
    if (!values['skip-build'] && !npm('build')) refuse('npm run build with the new version failed');
  }
  for (const [command, ...args] of plan.git) execFileSync(command, args, { stdio: 'inherit' });
  console.log(`release: ${plan.tag} created${plan.bump ? ` on the commit "Release ${plan.tag}"` : ''}; ${plan.major} moved to it.`);
  if (values.push) {
    for (const [command, ...args] of plan.push) execFileSync(command, args, { stdio: 'inherit' });
    console.log(`release: pushed. Now publish the release notes of ${plan.tag} on GitHub from CHANGELOG.md.`);
  } else {
    console.log(`release: nothing pushed. To publish:\n${plan.push.map((c) => `  ${c.join(' ')}`).join('\n')}`);
  }
}

if (import.meta.main) main();
