// GitHub's Markdown renderer for the tests, and just enough of an HTML reader to check what it
// renders: the job summary and the pull-request body are read by people as GitHub renders them.
import { spawnSync } from 'node:child_process';

/**
 * cmark-gfm (GitHub's fork of cmark) with GitHub's extensions. `--unsafe` passes raw HTML through:
 * GitHub renders the same way and then removes what its sanitizer does not allow, so a test that
 * let cmark-gfm drop raw HTML ("<!-- raw HTML omitted -->") would never see the HTML that came
 * through from the API. With it, such HTML stays in the output and a test can fail on it.
 */
const ARGS = ['--unsafe', '-e', 'table', '-e', 'autolink', '-e', 'tagfilter', '-e', 'strikethrough'];

/** The HTML GitHub's renderer makes of Markdown (before GitHub's sanitizer and mention filters). */
export function renderGfm(markdown: string): string {
  const result = spawnSync('cmark-gfm', ARGS, { input: markdown, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
    throw new Error("cmark-gfm (GitHub's Markdown renderer) is not installed: install it: apt-get install cmark-gfm; .ci/run does");
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`cmark-gfm exited with ${result.status}: ${result.stderr}`);
  return result.stdout;
}

export interface HtmlElement {
  kind: 'element';
  name: string;
  attributes: [string, string][];
  children: HtmlNode[];
  parent: HtmlElement | undefined;
}
export interface HtmlText {
  kind: 'text';
  /** The text, entities decoded (what a reader sees and copies). */
  text: string;
  parent: HtmlElement;
}
export interface HtmlComment {
  kind: 'comment';
  text: string;
  parent: HtmlElement;
}
export type HtmlNode = HtmlElement | HtmlText | HtmlComment;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Entities decoded: numeric ones and the few names cmark-gfm writes (others stay as they are). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  });
}

function attributesOf(source: string): [string, string][] {
  const found: [string, string][] = [];
  for (const m of source.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    found.push([m[1].toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? '')]);
  }
  return found;
}

/**
 * A tree of the HTML cmark-gfm writes: elements, text (decoded) and comments. Not a general HTML
 * parser: enough for well-formed output, and anything tag-like in it (raw HTML that came through)
 * becomes an element the checks see. A closing tag with no open element of its name is ignored.
 */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { kind: 'element', name: '#root', attributes: [], children: [], parent: undefined };
  let open = root;
  const token = /<!--([\s\S]*?)-->|<\/([A-Za-z][A-Za-z0-9-]*)\s*>|<([A-Za-z][A-Za-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|([^<]+|<)/g;
  for (const m of html.matchAll(token)) {
    if (m[1] !== undefined) open.children.push({ kind: 'comment', text: m[1], parent: open });
    else if (m[2] !== undefined) {
      const name = m[2].toLowerCase();
      for (let at: HtmlElement | undefined = open; at && at !== root; at = at.parent) {
        if (at.name === name) {
          open = at.parent ?? root;
          break;
        }
      }
    } else if (m[3] !== undefined) {
      const element: HtmlElement = { kind: 'element', name: m[3].toLowerCase(), attributes: attributesOf(m[4]), children: [], parent: open };
      open.children.push(element);
      if (!VOID.has(element.name) && !m[4].trimEnd().endsWith('/')) open = element;
    } else {
      const last = open.children.at(-1);
      const text = decodeEntities(m[5]);
      if (last?.kind === 'text') last.text += text;
      else open.children.push({ kind: 'text', text, parent: open });
    }
  }
  return root;
}

/** Every node under `node`, in document order. */
export function descendants(node: HtmlElement): HtmlNode[] {
  return node.children.flatMap((child) => (child.kind === 'element' ? [child, ...descendants(child)] : [child]));
}

export function elements(node: HtmlElement, name?: string): HtmlElement[] {
  return descendants(node).filter((n): n is HtmlElement => n.kind === 'element' && (name === undefined || n.name === name));
}

/** The text a reader sees and copies. */
export function textContent(node: HtmlNode): string {
  return node.kind === 'element' ? node.children.map(textContent).join('') : node.kind === 'text' ? node.text : '';
}

/** Whether a node is inside `<code>` or `<pre>`, where GitHub finds no mention, reference or link. */
export function inCode(node: HtmlNode): boolean {
  for (let at: HtmlElement | undefined = node.kind === 'element' ? node : node.parent; at; at = at.parent) {
    if (at.name === 'code' || at.name === 'pre') return true;
  }
  return false;
}

/** The text nodes outside `<code>` and `<pre>`. */
export function textOutsideCode(node: HtmlElement): HtmlText[] {
  return descendants(node).filter((n): n is HtmlText => n.kind === 'text' && !inCode(n));
}

/** Each table: its rows (header row first), each row its cells as elements. */
export function tables(node: HtmlElement): { rows: HtmlElement[][] }[] {
  return elements(node, 'table').map((table) => ({
    rows: elements(table, 'tr').map((tr) => tr.children.filter((c): c is HtmlElement => c.kind === 'element' && (c.name === 'td' || c.name === 'th')))
  }));
}

/** Each link: its href and its text. */
export function links(node: HtmlElement): { href: string; text: string }[] {
  return elements(node, 'a').map((a) => ({ href: a.attributes.find(([name]) => name === 'href')?.[1] ?? '', text: textContent(a) }));
}
