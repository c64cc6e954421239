// Splitting text into its lines.

/** The lines of a text, each without its `\n`; a last line without one counts, an empty text has none. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
