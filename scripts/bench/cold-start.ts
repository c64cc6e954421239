// Part 3, cold start: how long `node dist/index.js` takes to fail on invalid inputs (no api-key),
// against an ncc bundle of bare-toolkit.ts, which only loads the same packages and fails. The
// difference is what the action's own code costs at start-up. Median of 7 runs each, alternated so
// noise from the machine hits both.
import { copyFile, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, median, ROOT, round, runnerEnv, tail, timeNode } from './process.ts';

const RUNS = 7;
const BARE_SOURCE = join(ROOT, 'scripts', 'bench', 'bare-toolkit.ts');
const NCC = join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

/** Package names a file imports at run time (not `import type`, not node: or relative). */
function runtimePackages(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gm)) {
    const spec = m[1] as string;
    if (spec.startsWith('.') || spec.startsWith('node:')) continue;
    names.add(
      spec
        .split('/')
        .slice(0, spec.startsWith('@') ? 2 : 1)
        .join('/')
    );
  }
  return [...names].sort();
}

/** Packages src/ imports that bare-toolkit.ts does not: the comparison is then unfair. */
export async function packagesMissingFromBare(): Promise<string[]> {
  const bare = new Set(runtimePackages(await readFile(BARE_SOURCE, 'utf8')));
  const missing = new Set<string>();
  const entries = await readdir(join(ROOT, 'src'), { withFileTypes: true, recursive: true });
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.ts')) continue;
    for (const name of runtimePackages(await readFile(join(e.parentPath, e.name), 'utf8'))) if (!bare.has(name)) missing.add(name);
  }
  return [...missing].sort();
}

/**
 * Bundles bare-toolkit.ts with ncc into `dir`/bundle, as ESM like the action's dist/ (a package.json
 * with "type": "module" beside the entry). The entry is plain JavaScript, copied as a .js file, so
 * ncc skips its TypeScript loader (half the build time) and emits the same kind of bundle.
 */
export async function buildBareToolkit(dir: string): Promise<string> {
  const src = join(dir, 'src');
  await mkdir(src, { recursive: true });
  await writeFile(join(src, 'package.json'), '{ "type": "module" }\n');
  await copyFile(BARE_SOURCE, join(src, 'bare-toolkit.js'));
  await symlink(join(ROOT, 'node_modules'), join(src, 'node_modules'), 'dir');
  const out = join(dir, 'bundle');
  const build = await timeNode([NCC, 'build', join(src, 'bare-toolkit.js'), '-o', out, '--no-cache', '--quiet'], process.env as Record<string, string>, src);
  if (build.code !== 0) throw new Error(`ncc could not bundle bare-toolkit.ts (exit ${build.code}):\n${tail(build.stderr || build.stdout)}`);
  return join(out, 'index.js');
}

export interface ColdStart {
  actionSeconds: number;
  bareToolkitSeconds: number;
  ratio: number;
  /** Every measured run, in seconds, in the order they ran. */
  actionRuns: number[];
  bareRuns: number[];
  /** Packages src/ imports that the bare bundle lacks (should be empty). */
  missingPackages: string[];
}

/** Runs both `RUNS` times, alternated, after one unmeasured warm-up of each. */
export async function measureColdStart(bundle: string, dir: string): Promise<ColdStart> {
  const env = await runnerEnv(dir); // no INPUT_API-KEY: the action fails validation
  const once = async (file: string, expected: RegExp, what: string) => {
    const run = await timeNode([file], env, dir, 30_000);
    if (run.code !== 1 || !expected.test(run.stdout)) {
      throw new Error(`cold start: ${what} should fail with exit code 1 and ${expected}, got exit ${run.code}:\n${tail(run.stdout)}\n${tail(run.stderr)}`);
    }
    return run.seconds;
  };
  const action = () => once(DIST, /::error::.*api-key/, 'dist/index.js without api-key');
  const bare = () => once(bundle, /::error::x$/m, 'the bare toolkit bundle');
  await action();
  await bare();
  const actionRuns: number[] = [];
  const bareRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    actionRuns.push(await action());
    bareRuns.push(await bare());
  }
  const a = median(actionRuns);
  const b = median(bareRuns);
  return {
    actionSeconds: round(a, 3),
    bareToolkitSeconds: round(b, 3),
    ratio: round(a / b, 3),
    actionRuns: actionRuns.map((x) => round(x, 3)),
    bareRuns: bareRuns.map((x) => round(x, 3)),
    missingPackages: await packagesMissingFromBare()
  };
}
