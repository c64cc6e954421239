// The workspace destination: files under $GITHUB_WORKSPACE/{path}, merged with what is there.
import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile, rm } from 'node:fs/promises';
import { join, relative as relativePath, resolve, sep } from 'node:path';
import { type StagedFile, TEMP_SUFFIX, writeAtomic, writeBeside } from '../atomic-write.ts';
import { NotAPlainFileError } from '../errors.ts';
import { type FoundCheckpoint, parseState, STATE_FILE, serializeState } from '../state.ts';
import type { NewEvents } from '../new-events.ts';
import type { Destination, StoreRequest, StoreResult } from './destination.ts';
import { mergeInto } from './merge-loop.ts';
import { LEDGER_FILE } from '../ledger.ts';
import { LedgerKeeper } from './ledger-keeper.ts';

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function kind(entry: { isSymbolicLink(): boolean; isFile(): boolean; isDirectory(): boolean }): string {
  if (entry.isSymbolicLink()) return 'a symbolic link';
  if (entry.isFile()) return 'a file';
  if (entry.isDirectory()) return 'a folder';
  return 'neither a file nor a folder (a socket, a device or a pipe)';
}

/** Every file under a folder, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relativePath(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** The day files (`YYYY/MM/YYYY-MM-DD.jsonl`) under a folder, relative to it. */
async function dayFilesUnder(dir: string): Promise<string[]> {
  return (await filesUnder(dir)).filter((file) => /(^|\/)\d{4}-\d{2}-\d{2}\.jsonl$/.test(file)).sort();
}

export class WorkspaceDestination implements Destination {
  readonly name = 'workspace';
  readonly keepsRecord = true;
  private readonly root: string;
  private readonly path: string;

  constructor(workspaceRoot: string, path: string) {
    this.root = resolve(workspaceRoot);
    this.path = path;
  }

  private file(relative: string): string {
    return join(this.root, this.path, relative);
  }

  private refuse(entry: string, what: string): NotAPlainFileError {
    return new NotAPlainFileError(
      `${entry} in the workspace is ${what}: the action reads and writes only plain files and folders under ${this.path}, and nothing outside ${join(this.root, this.path)}, so it stops here. Replace it with a plain file or folder (or remove it), then run again.`
    );
  }

  /**
   * `path` and each folder above it inside the workspace must be a plain folder (or missing).
   * Returns whether `path` exists.
   */
  private async checkPath(): Promise<boolean> {
    const base = resolve(this.root, this.path);
    if (base !== this.root && !base.startsWith(this.root + sep)) throw this.refuse(this.path, 'outside the workspace');
    let at = this.root;
    for (const segment of relativePath(this.root, base).split(sep).filter(Boolean)) {
      at = join(at, segment);
      let stat;
      try {
        stat = await lstat(at);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
      if (!stat.isDirectory()) throw this.refuse(relativePath(this.root, at), kind(stat));
    }
    return true;
  }

  /**
   * Every entry under `path`, refusing anything but plain files and folders (a symbolic link would
   * send reads or writes outside it); removes the temporary files a killed run may have left.
   */
  private async checkTree(): Promise<void> {
    if (!(await this.checkPath())) return;
    const dir = join(this.root, this.path);
    const entries: Dirent[] = await readdir(dir, { withFileTypes: true, recursive: true });
    for (const entry of entries) {
      if (!entry.isFile() && !entry.isDirectory()) throw this.refuse(relativePath(this.root, join(entry.parentPath, entry.name)), kind(entry));
    }
    const leftovers = entries.filter((entry) => entry.isFile() && entry.name.startsWith('.') && entry.name.endsWith(TEMP_SUFFIX));
    await Promise.all(leftovers.map((entry) => rm(join(entry.parentPath, entry.name), { force: true })));
  }

  async readCheckpoint(): Promise<FoundCheckpoint | undefined> {
    if (!(await this.checkPath())) return undefined;
    const file = this.file(STATE_FILE);
    try {
      const stat = await lstat(file);
      if (!stat.isFile()) throw this.refuse(`${this.path}/${STATE_FILE}`, kind(stat));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const text = await readIfExists(file);
    if (text === undefined) return undefined;
    return parseState(text.toString('utf8'), `${this.path}/${STATE_FILE} in the workspace`);
  }

  async store(request: StoreRequest): Promise<StoreResult> {
    const added = request.tally();
    await this.checkTree();
    const dir = join(this.root, this.path);
    const ledger =
      request.ledger && new LedgerKeeper(request.ledger, { stored: await readIfExists(this.file(LEDGER_FILE)), path: this.path, where: 'in the workspace' });
    // A line to sign: the merged files wait beside their places until it is signed, so a signing
    // that fails leaves the workspace as it was (and the next run no alarm of files changed).
    const staged: StagedFile[] | undefined = request.ledger?.sign ? [] : undefined;
    try {
      return await this.storeFiles(request, added, dir, ledger, staged);
    } catch (error) {
      await Promise.all((staged ?? []).map((file) => file.discard()));
      throw error;
    }
  }

  /** Merges into the files, then the ledger line, then state.json; with `staged`, the merged files are renamed into place once the line is signed. */
  private async storeFiles(
    request: StoreRequest,
    added: NewEvents,
    dir: string,
    ledger: LedgerKeeper | undefined,
    staged: StagedFile[] | undefined
  ): Promise<StoreResult> {
    const files = await mergeInto(
      request.events,
      {
        path: this.path,
        stored: {
          read: (relative) => readIfExists(this.file(relative)),
          dayFiles: async () => ((await this.checkPath()) ? await dayFilesUnder(dir) : [])
        },
        write: async (relative, merged) => {
          if (staged) staged.push(await writeBeside(this.file(relative), merged.chunks()));
          else await writeAtomic(this.file(relative), merged.chunks());
        }
      },
      added,
      ledger
    );
    if (ledger) {
      // temporary files aside: the files this run staged are the ledger's own already
      const held = (await this.checkPath()) ? (await filesUnder(dir)).filter((file) => !file.endsWith(TEMP_SUFFIX)) : [];
      const lines = await ledger.append({ added: added.count, base: '', files: held, read: (relative) => readIfExists(this.file(relative)) });
      for (const file of staged?.splice(0) ?? []) await file.commit();
      await writeAtomic(this.file(LEDGER_FILE), lines);
    }
    // state.json last: it never claims more than the files hold.
    if (request.state) await writeAtomic(this.file(STATE_FILE), serializeState(request.state));
    return { added, files, outputs: {}, links: [], signed: ledger?.signed };
  }
}
