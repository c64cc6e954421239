// Escaping of text from the API before it enters Markdown or HTML (job summary, pull-request body).

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '@': '&#64;&#8203;',
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
 * Text safe in a Markdown table cell or HTML: every character Markdown or HTML gives a meaning to
 * becomes an entity (so no link, image, mention, emphasis, HTML tag, math or table break can be
 * formed), line breaks and control characters become spaces, and long values are cut. GitHub
 * finds mentions, issue references and bare links after decoding entities, so `@`, `#`, `://` and
 * `www.` also get a zero-width space that breaks those patterns.
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
  return text.replace(/[&<>"'@#|\\`*_[\]!~{}$]/g, (c) => ENTITIES[c]).replace(/\u200b/g, '&#8203;');
}

export function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}
