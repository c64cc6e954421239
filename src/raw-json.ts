// Reading a page of the API as text, keeping each event exactly as it was served (key order,
// number digits, string escapes), which JSON.parse followed by JSON.stringify would not.

function skipString(text: string, i: number): number {
  // text[i] is the opening quote; returns the index after the closing quote.
  for (let j = text.indexOf('"', i + 1); j !== -1; j = text.indexOf('"', j + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(j - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return j + 1;
  }
  throw new SyntaxError('unterminated string');
}

function skipWhitespace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/** Index after the JSON value starting at i (assumes the text is valid JSON). */
function skipValue(text: string, i: number): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) {
      j = skipString(text, j) - 1;
      if (depth === 0) return j + 1;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return j + 1;
      if (depth < 0) return j;
    } else if (depth === 0 && (c === 0x2c || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)) return j;
  }
  return text.length;
}

/** The JSON text without insignificant white space; strings untouched. */
export function compactJson(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = skipString(text, i) - 1;
    else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * The raw texts (compacted) of the elements of the array under `key` of the top-level object.
 * The text must already be known to be valid JSON (parse it first). Returns undefined when the
 * key is missing or not an array.
 */
export function rawArrayElements(text: string, key: string): string[] | undefined {
  let i = skipWhitespace(text, 0);
  if (text[i] !== '{') return undefined;
  i = skipWhitespace(text, i + 1);
  while (i < text.length && text[i] !== '}') {
    const keyEnd = skipString(text, i);
    const name = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipWhitespace(text, keyEnd);
    i = skipWhitespace(text, i + 1); // the colon
    if (name === key) {
      if (text[i] !== '[') return undefined;
      const items: string[] = [];
      i = skipWhitespace(text, i + 1);
      while (text[i] !== ']') {
        const end = skipValue(text, i);
        items.push(compactJson(text.slice(i, end)));
        i = skipWhitespace(text, end);
        if (text[i] === ',') i = skipWhitespace(text, i + 1);
      }
      return items;
    }
    i = skipWhitespace(text, skipValue(text, i));
    if (text[i] === ',') i = skipWhitespace(text, i + 1);
  }
  return undefined;
}
