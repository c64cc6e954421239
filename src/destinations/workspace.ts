// The workspace destination: files under $GITHUB_WORKSPACE/{path}, merged with what is there.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { mergeIntoFile } from '../merge.ts';
import { type FoundCheckpoint, parseState, STATE_FILE, serializeState } from '../state.ts';
import type { Destination, StoreRequest, StoreResult } from './destination.ts';

const TEMP_SUFFIX = '.partial';

/**
 * Writes a file so that a killed run leaves either the old or the new content, never a part:
 * a temporary file beside it, renamed over it. Content in pieces is written piece by piece.
 */
export async function writeAtomic(file: string, content: string | Iterable<string>): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}${TEMP_SUFFIX}`);
  await writeFile(temp, typeof content === 'string' ? content : Readable.from(content, { objectMode: false }));
  await rename(temp, file);
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Removes the temporary files a killed run may have left anywhere under the layout. */
async function removeLeftovers(dir: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return;
  }
  const leftovers = entries.filter((e) => e.isFile() && e.name.startsWith('.') && e.name.endsWith(TEMP_SUFFIX));
  await Promise.all(leftovers.map((e) => rm(join(e.parentPath, e.name), { force: true })));
}

export class WorkspaceDestination implements Destination {
  readonly name = 'workspace';
  private readonly root: string;
  private readonly path: string;

  constructor(workspaceRoot: string, path: string) {
    this.root = workspaceRoot;
    this.path = path;
  }

  private file(relative: string): string {
    return join(this.root, this.path, relative);
  }

  async readCheckpoint(): Promise<FoundCheckpoint | undefined> {
    const text = await readIfExists(this.file(STATE_FILE));
    if (text === undefined) return undefined;
    return parseState(text, `${this.path}/${STATE_FILE} in the workspace`);
  }

  async store(request: StoreRequest): Promise<StoreResult> {
    const added = request.tally();
    const files: string[] = [];
    await removeLeftovers(join(this.root, this.path));
    for (const relative of request.events.files()) {
      const file = this.file(relative);
      const merged = mergeIntoFile(await readIfExists(file), request.events.read(relative));
      if (merged.added.length === 0) continue;
      await writeAtomic(file, merged.chunks());
      added.add(merged.added);
      files.push(`${this.path}/${relative}`);
    }
    // state.json last: it never claims more than the files hold.
    if (request.state) await writeAtomic(this.file(STATE_FILE), serializeState(request.state));
    return { added, files, outputs: {}, links: [] };
  }
}
