// Writing a file so that a killed run leaves either the old or the new content, never a part.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';

/** How the temporary files end: a folder may hold ones a killed run left, to remove (`.{…}.partial`). */
export const TEMP_SUFFIX = '.partial';

/**
 * Writes a file so that a killed run leaves either the old or the new content, never a part:
 * a temporary file beside it, renamed over it. Content in pieces is written piece by piece.
 */
export async function writeAtomic(file: string, content: string | Buffer | Iterable<string | Buffer>): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}${TEMP_SUFFIX}`);
  await writeFile(temp, typeof content === 'string' || Buffer.isBuffer(content) ? content : Readable.from(content, { objectMode: false }));
  await rename(temp, file);
}
