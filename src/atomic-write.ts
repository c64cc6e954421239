// Writing a file so that a killed run leaves either the old or the new content, never a part.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';

/** How the temporary files end: a folder may hold ones a killed run left, to remove (`.{…}.partial`). */
export const TEMP_SUFFIX = '.partial';

/** A file written beside its place, not yet in it. */
export interface StagedFile {
  /** Renames it over its place. */
  commit(): Promise<void>;
  /** Removes it, leaving the place as it was. */
  discard(): Promise<void>;
}

/** Writes the content to a temporary file beside `file` (piece by piece when in pieces), to be renamed over it or discarded. */
export async function writeBeside(file: string, content: string | Buffer | Iterable<string | Buffer>): Promise<StagedFile> {
  await mkdir(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}${TEMP_SUFFIX}`);
  await writeFile(temp, typeof content === 'string' || Buffer.isBuffer(content) ? content : Readable.from(content, { objectMode: false }));
  return { commit: () => rename(temp, file), discard: () => rm(temp, { force: true }) };
}

/**
 * Writes a file so that a killed run leaves either the old or the new content, never a part:
 * a temporary file beside it, renamed over it.
 */
export async function writeAtomic(file: string, content: string | Buffer | Iterable<string | Buffer>): Promise<void> {
  await (await writeBeside(file, content)).commit();
}
