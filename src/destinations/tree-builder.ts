// The tree of a new commit, built through the Git data API on top of a base tree.
import { isUtf8 } from 'node:buffer';
import type { GitHubClient } from '../github.ts';

/** Files larger than this go up as blobs rather than inline tree content. */
const INLINE_LIMIT = 4 * 1024 * 1024;
/** Inline content held for one tree request; past it, a tree is written and the next builds on it. */
const TREE_BATCH = 32 * 1024 * 1024;

type TreeEntry = { path: string; mode: '100644'; type: 'blob'; content?: string; sha?: string };

/**
 * Builds the new tree on top of the base: file contents go inline in the tree request (one request
 * for many files), in batches so a large backfill never holds every file's content at once.
 */
export class TreeBuilder {
  private entries: TreeEntry[] = [];
  private bytes = 0;
  private tree: string | undefined;
  private readonly github: GitHubClient;
  private readonly owner: string;
  private readonly repo: string;
  private readonly fail: (error: unknown) => Error;

  constructor(github: GitHubClient, owner: string, repo: string, baseTree: string | undefined, fail: (error: unknown) => Error) {
    this.github = github;
    this.owner = owner;
    this.repo = repo;
    this.tree = baseTree;
    this.fail = fail;
  }

  async add(path: string, content: string | Buffer): Promise<void> {
    const size = Buffer.byteLength(content);
    try {
      // Inline content is a JSON string: only UTF-8 survives it; other bytes go up as a base64 blob.
      if (size > INLINE_LIMIT || (Buffer.isBuffer(content) && !isUtf8(content))) {
        const blob = await this.github.rest.git.createBlob({
          owner: this.owner,
          repo: this.repo,
          content: Buffer.from(content).toString('base64'),
          encoding: 'base64'
        });
        this.entries.push({ path, mode: '100644', type: 'blob', sha: blob.data.sha });
      } else {
        this.entries.push({ path, mode: '100644', type: 'blob', content: content.toString() });
        this.bytes += size;
      }
      if (this.bytes > TREE_BATCH) await this.flush();
    } catch (error) {
      throw this.fail(error);
    }
  }

  /** The finished tree's SHA. */
  async finish(): Promise<string> {
    try {
      await this.flush();
    } catch (error) {
      throw this.fail(error);
    }
    return this.tree as string;
  }

  private async flush(): Promise<void> {
    if (this.entries.length === 0) return;
    const { data } = await this.github.rest.git.createTree({
      owner: this.owner,
      repo: this.repo,
      tree: this.entries,
      ...(this.tree ? { base_tree: this.tree } : {})
    });
    this.tree = data.sha;
    this.entries = [];
    this.bytes = 0;
  }
}
