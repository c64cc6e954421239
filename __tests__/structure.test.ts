// The code's structure, as docs/ARCHITECTURE.md maps it: every module of src/ in the map, each
// importing only what its layer may (the pure core no files, HTTP or toolkit), no destination
// importing another, and no function over 80 lines in src/ (120 in fake/).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { importsOf, longFunctions, readSource, sourceFiles } from './support/source-shape.ts';

const root = join(import.meta.dirname, '..');
const architecture = readFileSync(join(root, 'docs', 'ARCHITECTURE.md'), 'utf8');

/** The rows of the first Markdown table under `## The map` whose header starts with `first`. */
function mapTable(first: string): string[][] {
  const section = architecture.slice(architecture.indexOf('## The map'));
  const lines = section.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${first} |`));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim())
    );
  }
  return rows;
}

const LAYERS = new Map(mapTable('layer').map(([layer, may]) => [layer, may]));
const MODULES = new Map(mapTable('module').map(([module, layer]) => [`src/${module.replace(/`/g, '')}`, layer]));
/** What each layer may import of ours, read from the map's first table ("core, edge; …"). */
const MAY_IMPORT = new Map(
  [...LAYERS].map(([layer, may]) => [
    layer,
    layer === 'run'
      ? [...LAYERS.keys()]
      : may
          .replace(/\([^)]*\)/g, '')
          .split(';')[0]
          .split(',')
          .map((s) => s.trim())
  ])
);
/** Outside modules the core may import; the other layers may import any. */
const CORE_OUTSIDE = new Set(['node:crypto', 'node:buffer']);

interface Import {
  target: string;
  typeOnly: boolean;
}

/** A module's imports, ours resolved to `src/…` paths; `import type` told apart. */
function importsOfModule(file: string): Import[] {
  const text = readSource(root, file);
  const typeOnly = new Set([...text.matchAll(/^import type [^;]*? from '([^']+)'/gms)].map((m) => m[1]));
  return importsOf(file, text).map((spec) => ({
    target: spec.startsWith('.')
      ? normalize(join(dirname(file), spec))
          .split('\\')
          .join('/')
      : spec,
    typeOnly: typeOnly.has(spec)
  }));
}

/** Where a module breaks the map: each import its layer may not make. */
export function breaches(file: string, layer: string, imports: Import[], layerOf: (file: string) => string | undefined): string[] {
  const found: string[] = [];
  for (const { target, typeOnly } of imports) {
    const targetLayer = layerOf(target);
    if (layer === 'destination' && targetLayer === 'destination') found.push(`${file} imports another destination, ${target}`);
    if (typeOnly) continue;
    if (target.startsWith('src/')) {
      if (targetLayer === undefined) found.push(`${file} imports ${target}, which the map does not list`);
      else if (!MAY_IMPORT.get(layer)?.includes(targetLayer)) found.push(`${file} (${layer}) imports ${target} (${targetLayer})`);
    } else if (layer === 'core' && !CORE_OUTSIDE.has(target)) {
      found.push(`${file} (core) imports ${target}: the core does no I/O`);
    }
  }
  return found;
}

describe('the map in docs/ARCHITECTURE.md', () => {
  const files = sourceFiles(root, 'src');

  it('lists every module of src/ once, each in a layer it defines', () => {
    expect([...MODULES.keys()].sort()).toEqual(files);
    for (const [module, layer] of MODULES) expect([module, LAYERS.has(layer)]).toEqual([module, true]);
    expect([...LAYERS.keys()]).toEqual(['core', 'edge', 'parts', 'destination', 'run']);
  });

  it('is kept: each module imports only what its layer may', () => {
    const found = files.flatMap((file) => breaches(file, MODULES.get(file) as string, importsOfModule(file), (target) => MODULES.get(target)));
    expect(found).toEqual([]);
  });

  it('fails a core module importing node:fs, HTTP or the toolkit, and a destination importing another', () => {
    const layerOf = (target: string) => MODULES.get(target);
    const plain = (target: string): Import => ({ target, typeOnly: false });
    expect(breaches('src/merge.ts', 'core', [plain('node:fs/promises'), plain('node:https'), plain('@actions/core'), plain('src/spool.ts')], layerOf)).toEqual([
      'src/merge.ts (core) imports node:fs/promises: the core does no I/O',
      'src/merge.ts (core) imports node:https: the core does no I/O',
      'src/merge.ts (core) imports @actions/core: the core does no I/O',
      'src/merge.ts (core) imports src/spool.ts (edge)'
    ]);
    expect(breaches('src/destinations/artifact.ts', 'destination', [{ target: 'src/destinations/workspace.ts', typeOnly: true }], layerOf)).toEqual([
      'src/destinations/artifact.ts imports another destination, src/destinations/workspace.ts'
    ]);
  });
});

describe('function length', () => {
  it('no function in src/ is over 80 lines, none in fake/ over 120', () => {
    const long = [
      ...sourceFiles(root, 'src').flatMap((file) => longFunctions(file, readSource(root, file), 80)),
      ...sourceFiles(root, 'fake').flatMap((file) => longFunctions(file, readSource(root, file), 120))
    ];
    expect(long.map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`)).toEqual([]);
  });

  it('counts a function from its first line to its closing brace, nested ones inside it', () => {
    const body = Array.from({ length: 79 }, (_, i) => `  const a${i} = ${i};`).join('\n');
    const text = `export function long() {\n${body}\n  const inner = () => {\n    return 1;\n  };\n}\n`;
    expect(longFunctions('x.ts', text, 80).map((f) => [f.name, f.lines])).toEqual([['long', 84]]);
    expect(longFunctions('x.ts', text, 84)).toEqual([]);
  });
});
