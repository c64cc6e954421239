// A file's change read from a unified diff (git's `-p`, or the `patch` GitHub gives for a file of a
// commit), or worked out from the file's bytes before and after when there is no patch. Pure.
import { splitLineBytes } from '../merge.ts';
import type { FileChange } from './history-check.ts';

const HUNK = /^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@/;

/** The lines a patch takes out (numbered in the old file) and puts in. */
export function changeFromPatch(file: string, patch: string): FileChange {
  const change: FileChange = { file, removed: [], added: [] };
  let old = 0;
  for (const line of patch.split('\n')) {
    const hunk = HUNK.exec(line);
    if (hunk) old = Number(hunk[1]);
    else if (line.startsWith('-')) change.removed.push({ line: old++, text: line.slice(1) });
    else if (line.startsWith('+')) change.added.push(line.slice(1));
    else if (line.startsWith(' ')) old++;
    // "\ No newline at end of file", and the empty string after the last newline, are not lines
  }
  return change;
}

/** The same from the bytes before and after: lines of the old file the new one lacks, and the new file's lines the old lacks. */
export function changeFromContents(file: string, before: Buffer | undefined, after: Buffer | undefined): FileChange {
  const oldLines = before ? splitLineBytes(before).map((line) => line.toString('latin1')) : [];
  const newLines = after ? splitLineBytes(after).map((line) => line.toString('latin1')) : [];
  const count = (lines: string[]) => {
    const counts = new Map<string, number>();
    for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
    return counts;
  };
  const inNew = count(newLines);
  const inOld = count(oldLines);
  const removed: FileChange['removed'] = [];
  oldLines.forEach((text, index) => {
    const left = inNew.get(text) ?? 0;
    if (left > 0) inNew.set(text, left - 1);
    else removed.push({ line: index + 1, text: Buffer.from(text, 'latin1').toString('utf8') });
  });
  const added = newLines.filter((text) => {
    const left = inOld.get(text) ?? 0;
    if (left > 0) inOld.set(text, left - 1);
    return left === 0;
  });
  return { file, removed, added: added.map((text) => Buffer.from(text, 'latin1').toString('utf8')) };
}
