/** Object ids, branch names and tree paths as git takes them. */

export const ZERO_SHA = '0'.repeat(40);
export const SHA_RE = /^[0-9a-f]{40}$/;
/** The tree with no entry: git knows it without its being stored, so a root commit diffs against it. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** Branch-name check after git check-ref-format's rules (refs are never passed to git raw). */
export function validBranchName(name: string): boolean {
  if (!name || name.length > 255) return false;
  if (name.startsWith('-') || name.startsWith('/') || name.endsWith('/') || name.endsWith('.')) return false;
  if (name.includes('..') || name.includes('//') || name.includes('@{') || name === '@') return false;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what git refuses
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return false;
  return name.split('/').every((seg) => seg.length > 0 && !seg.startsWith('.') && !seg.endsWith('.lock'));
}

export function validTreePath(p: string): boolean {
  if (!p || p.startsWith('/') || p.endsWith('/')) return false;
  return p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..' && seg.toLowerCase() !== '.git' && !seg.includes('\0'));
}
