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
 * Each top-level member of an object's JSON text: its name and where its value starts and ends.
 * The text must already be known to be valid JSON; nothing when it is not an object.
 */
function* members(text: string): Generator<{ name: string; from: number; to: number }, void, undefined> {
  let i = skipWhitespace(text, 0);
  if (text[i] !== '{') return;
  i = skipWhitespace(text, i + 1);
  while (i < text.length && text[i] !== '}') {
    const keyEnd = skipString(text, i);
    const name = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipWhitespace(text, keyEnd);
    i = skipWhitespace(text, i + 1); // the colon
    const end = skipValue(text, i);
    yield { name, from: i, to: end };
    i = skipWhitespace(text, end);
    if (text[i] === ',') i = skipWhitespace(text, i + 1);
  }
}

/**
 * The raw text of the top-level member `key` of an object's JSON text (the last one, as
 * JSON.parse keeps), or undefined when it has none. Nested members of the same name are not it.
 */
export function topLevelRaw(text: string, key: string): string | undefined {
  let found: string | undefined;
  try {
    for (const member of members(text)) if (member.name === key) found = text.slice(member.from, member.to);
  } catch {
    return undefined;
  }
  return found;
}

/**
 * The raw texts (compacted) of the elements of the array under `key` of the top-level object.
 * The text must already be known to be valid JSON (parse it first). Returns undefined when the
 * key is missing or not an array. A second top-level `key` is refused (SyntaxError): JSON.parse
 * keeps the last one, so the lines and what was read from them could come from different arrays.
 */
export function rawArrayElements(text: string, key: string): string[] | undefined {
  let items: string[] | undefined;
  let seen = false;
  for (const member of members(text)) {
    if (member.name !== key) continue;
    if (seen) throw new SyntaxError(`the object has "${key}" twice`);
    seen = true;
    let i = member.from;
    if (text[i] !== '[') continue;
    items = [];
    i = skipWhitespace(text, i + 1);
    while (text[i] !== ']') {
      const end = skipValue(text, i);
      items.push(compactJson(text.slice(i, end)));
      i = skipWhitespace(text, end);
      if (text[i] === ',') i = skipWhitespace(text, i + 1);
    }
  }
  return items;
}
