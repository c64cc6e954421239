// Escaping of text from the API before it enters Markdown or HTML (job summary, pull-request body).

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '#': '&#35;&#8203;',
  '|': '&#124;',
  '\\': '&#92;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '[': '&#91;',
  ']': '&#93;',
  '!': '&#33;',
  '~': '&#126;',
  '{': '&#123;',
  '}': '&#125;',
  $: '&#36;'
};

/**
 * An `@`. GitHub's renderer autolinks `name@domain.tld` found in one run of text after decoding
 * entities (`&#64;` alone does not stop it), and GitHub links `@name` as a mention after anything
 * but a word character. After a word character (an email address) the `@` starts no mention: an
 * empty `<wbr>` follows it (GitHub's sanitizer keeps it), the run of text ends there and no link
 * forms, while the address reads, copies and is found in the page exactly as it is. Anywhere else
 * a zero-width space follows the `@`: the mention is broken in the text itself, not only by where
 * a run of text ends.
 */
function at(before: string | undefined): string {
  return before !== undefined && /[A-Za-z0-9_]/.test(before) ? '&#64;<wbr>' : '&#64;&#8203;';
}

/**
 * Text safe in a Markdown table cell or HTML: every character Markdown or HTML gives a meaning to
 * becomes an entity (so no link, image, mention, emphasis, HTML tag, math or table break can be
 * formed), line breaks and control characters become spaces, and long values are cut. GitHub
 * finds mentions, issue references and bare links after decoding entities, so `#`, `://` and
 * `www.` also get a zero-width space that breaks those patterns, and `@` is written as `at()` says.
 */
export function md(value: unknown, max = 200): string {
  let text = typeof value === 'string' ? value : value === undefined ? '' : (JSON.stringify(value) ?? '');
  // eslint-disable-next-line no-control-regex
  text = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  if (text.length > max) {
    // Never between the two halves of a surrogate pair (an emoji): cut before it.
    const cut = max > 0 && /[\ud800-\udbff]/.test(text[max - 1]) ? max - 1 : max;
    text = `${text.slice(0, cut)}…`;
  }
  text = text.replace(/:\/\//g, ':\u200b//').replace(/www\./gi, (w) => `${w.slice(0, 3)}\u200b.`);
  return text.replace(/[&<>"'@#|\\`*_[\]!~{}$]/g, (c, offset: number) => (c === '@' ? at(text[offset - 1]) : ENTITIES[c])).replace(/\u200b/g, '&#8203;');
}

export function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}
