// Text from outside (the Cursor API: error bodies, messages, JSON snippets in parse errors, network
// error messages) on its way into a log line or an annotation. The runner reads a workflow command
// (`::warning::`, `::add-mask::`, `::stop-commands::`) from the start of any line it sees, so such
// text must never bring a line break of its own: every place API text enters a message goes
// through `logText`.

/**
 * Line breaks and control characters: C0 (U+0000–U+001F, so \r \n \t \v \f), DEL and C1
 * (U+007F–U+009F, so U+0085 NEXT LINE), LINE SEPARATOR U+2028 and PARAGRAPH SEPARATOR U+2029.
 */
// eslint-disable-next-line no-control-regex
const BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * One line of text safe to put in a log line or an annotation: every run of line breaks, control
 * characters and white space becomes one space, the ends are trimmed, and a text longer than
 * `max` characters is cut with "…".
 */
export function logText(text: string, max = 300): string {
  const line = String(text).replace(BREAKS, ' ').replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = /[\ud800-\udbff]/.test(line[max - 1] ?? '') ? max - 1 : max; // never half a surrogate pair
  return `${line.slice(0, cut)}…`;
}
