/** Git objects: commits, trees and blobs, read and written by sha. */
import { type ParsedCommit, apiIdentities } from '../commits.ts';
import { SHA_RE, validTreePath } from '../git-names.ts';
import type { TreeChange } from '../git-store.ts';
import { ApiError, type Reply, bodyOf, isRecord, requiredString } from '../http.ts';
import { gitCommitJson, nodeId, treeJson, wrapBase64 } from '../json.ts';
import { type FakeRepository, apiRepo, requireNotEmpty, requireWrite } from '../repository.ts';
import type { Route, RouteRequest } from '../router.ts';

export const gitObjectRoutes: Route[] = [
  // operationId: git/get-commit
  { method: 'GET', path: /^\/git\/commits\/([^/]+)$/, handle: getCommit },
  // operationId: git/create-commit
  { method: 'POST', path: /^\/git\/commits$/, handle: createCommit },
  // operationId: git/get-tree
  { method: 'GET', path: /^\/git\/trees\/(.+)$/, handle: getTree },
  // operationId: git/create-tree
  { method: 'POST', path: /^\/git\/trees$/, handle: createTree },
  // operationId: git/get-blob
  { method: 'GET', path: /^\/git\/blobs\/([^/]+)$/, handle: getBlob },
  // operationId: git/create-blob
  { method: 'POST', path: /^\/git\/blobs$/, handle: createBlob }
];

const MODES: Record<string, 'blob' | 'tree' | 'commit'> = {
  '100644': 'blob',
  '100755': 'blob',
  '120000': 'blob',
  '040000': 'tree',
  '160000': 'commit'
};

// ---- commits

async function getCommit(repository: FakeRepository, { match }: RouteRequest): Promise<Reply> {
  const doc = 'git/commits#get-a-commit-object';
  await requireNotEmpty(repository, doc);
  const commit = await repository.store.readCommit(match[1] ?? '');
  if (!commit) throw new ApiError(404, 'Not Found', doc);
  return { status: 200, body: gitCommitJson(repository, commit) };
}

async function createCommit(repository: FakeRepository, { body }: RouteRequest): Promise<Reply> {
  const doc = 'git/commits#create-a-commit';
  const { store } = repository;
  requireWrite(repository, 'contents', doc);
  await requireNotEmpty(repository, doc);
  const fields = bodyOf(body, doc);
  const message = requiredString(fields, 'message', doc);
  const tree = requiredString(fields, 'tree', doc);
  const parents = fields.parents === undefined ? [] : fields.parents;
  if (!Array.isArray(parents) || parents.some((parent) => typeof parent !== 'string')) {
    throw new ApiError(422, "Invalid request.\n\nFor 'parents', it is not an array of strings.", doc);
  }
  const parentShas = parents as string[];
  const identities = apiIdentities(fields.author ?? undefined, fields.committer ?? undefined, repository.signCommits);
  return store.lock(async () => {
    const types = await store.objectTypes([tree, ...parentShas]);
    if (types.get(tree) !== 'tree') throw new ApiError(422, 'Tree SHA does not exist', doc);
    for (const parent of parentShas) {
      if (types.get(parent) !== 'commit') throw new ApiError(422, 'Parent SHA does not exist or is not a commit object', doc);
    }
    const sha = await store.writeCommit({ tree, parents: parentShas, message, ...identities });
    const commit = (await store.readCommit(sha)) as ParsedCommit;
    return { status: 201, body: gitCommitJson(repository, commit), headers: { location: `${apiRepo(repository)}/git/commits/${sha}` } };
  });
}

// ---- trees

async function getTree(repository: FakeRepository, { match, query }: RouteRequest): Promise<Reply> {
  const doc = 'git/trees#get-a-tree';
  const { store } = repository;
  await requireNotEmpty(repository, doc);
  const ref = match[1] ?? '';
  let treeSha: string | undefined;
  if (SHA_RE.test(ref)) {
    const type = await store.objectType(ref);
    if (type === 'tree') treeSha = ref;
    else if (type === 'commit') treeSha = (await store.readCommit(ref))?.tree;
  } else {
    const commit = await store.resolveCommitish(ref);
    if (commit) treeSha = (await store.readCommit(commit))?.tree;
  }
  if (!treeSha) throw new ApiError(404, 'Not Found', doc);
  const all = await store.lsTree(treeSha, query.has('recursive') ? ['-r', '-t'] : []);
  const truncated = repository.truncateTrees && query.has('recursive');
  const entries = truncated ? all.slice(0, Math.floor(all.length / 2)) : all;
  return { status: 200, body: treeJson(repository, treeSha, entries, truncated) };
}

async function createTree(repository: FakeRepository, { body }: RouteRequest): Promise<Reply> {
  const doc = 'git/trees#create-a-tree';
  const { store } = repository;
  requireWrite(repository, 'contents', doc);
  await requireNotEmpty(repository, doc);
  const fields = bodyOf(body, doc);
  if (!Array.isArray(fields.tree)) throw new ApiError(422, 'Invalid request.\n\n"tree" wasn\'t supplied.', doc);
  const baseTree = fields.base_tree === undefined || fields.base_tree === null ? undefined : fields.base_tree;
  if (baseTree !== undefined && typeof baseTree !== 'string') throw new ApiError(422, 'Invalid tree info', doc);
  const changes = (fields.tree as unknown[]).map((raw) => treeChange(raw, doc));
  return store.lock(async () => {
    const toCheck = changes.filter((change) => typeof change.sha === 'string' && change.type !== 'commit').map((change) => change.sha as string);
    const types = await store.objectTypes(baseTree ? [baseTree, ...toCheck] : toCheck);
    if (baseTree && types.get(baseTree) !== 'tree') throw new ApiError(422, 'Invalid tree info', doc);
    for (const change of changes) {
      if (typeof change.sha === 'string' && change.type !== 'commit' && types.get(change.sha) !== change.type) {
        throw new ApiError(422, `tree.sha ${change.sha} is not a valid ${change.type}`, doc);
      }
      if (typeof change.sha === 'string' && change.type === 'commit' && !SHA_RE.test(change.sha)) {
        throw new ApiError(422, `tree.sha ${change.sha} is not a valid commit`, doc);
      }
    }
    const sha = await store.buildTree(baseTree, changes);
    const entries = await store.lsTree(sha, []);
    return { status: 201, headers: { location: `${apiRepo(repository)}/git/trees/${sha}` }, body: treeJson(repository, sha, entries, false) };
  });
}

/** One entry of a create-a-tree body as a change, checked as GitHub checks it. */
function treeChange(raw: unknown, doc: string): TreeChange {
  if (!isRecord(raw)) throw new ApiError(422, 'Invalid tree info', doc);
  const entryPath = raw.path;
  const mode = raw.mode;
  if (typeof entryPath !== 'string' || !validTreePath(entryPath)) {
    throw new ApiError(422, 'tree.path contains a malformed path component', doc);
  }
  if (typeof mode !== 'string' || !(mode in MODES)) {
    throw new ApiError(
      422,
      `Invalid request.\n\nFor 'properties/mode', ${JSON.stringify(mode)} is not one of ["100644", "100755", "040000", "160000", "120000"].`,
      doc
    );
  }
  const type = (raw.type ?? MODES[mode]) as string;
  if (type !== MODES[mode]) throw new ApiError(422, 'Invalid tree info', doc);
  const hasContent = raw.content !== undefined && raw.content !== null;
  if (hasContent && raw.sha !== undefined && raw.sha !== null) {
    throw new ApiError(422, 'Only one of tree.sha or tree.content may be specified', doc);
  }
  if (hasContent) {
    if (typeof raw.content !== 'string' || type !== 'blob') throw new ApiError(422, 'Invalid tree info', doc);
    return { path: entryPath, mode, type, content: Buffer.from(raw.content, 'utf8') };
  }
  if (raw.sha === null) return { path: entryPath, mode, type: type as TreeChange['type'], sha: null };
  if (typeof raw.sha === 'string') return { path: entryPath, mode, type: type as TreeChange['type'], sha: raw.sha };
  throw new ApiError(422, 'Must supply either tree.sha or tree.content', doc);
}

// ---- blobs

async function getBlob(repository: FakeRepository, { match, headers }: RouteRequest): Promise<Reply> {
  const doc = 'git/blobs#get-a-blob';
  const { store } = repository;
  await requireNotEmpty(repository, doc);
  const sha = match[1] ?? '';
  if ((await store.objectType(sha)) !== 'blob') throw new ApiError(404, 'Not Found', doc);
  const content = await store.readBlob(sha);
  if (/vnd\.github(\.v3)?\.raw/.test(String(headers.accept ?? ''))) {
    return { status: 200, raw: content, headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' } };
  }
  return {
    status: 200,
    body: {
      sha,
      node_id: nodeId('Blob', sha),
      size: content.length,
      url: `${apiRepo(repository)}/git/blobs/${sha}`,
      content: wrapBase64(content),
      encoding: 'base64'
    }
  };
}

async function createBlob(repository: FakeRepository, { body }: RouteRequest): Promise<Reply> {
  const doc = 'git/blobs#create-a-blob';
  requireWrite(repository, 'contents', doc);
  await requireNotEmpty(repository, doc);
  const fields = bodyOf(body, doc);
  const content = requiredString(fields, 'content', doc);
  const encoding = fields.encoding ?? 'utf-8';
  if (encoding !== 'utf-8' && encoding !== 'utf8' && encoding !== 'base64') {
    throw new ApiError(422, `Invalid request.\n\nencoding ${String(encoding)} is not supported`, doc);
  }
  const buf = encoding === 'base64' ? Buffer.from(content, 'base64') : Buffer.from(content, 'utf8');
  return repository.store.lock(async () => {
    const [sha] = await repository.store.hashBlobs([buf]);
    return {
      status: 201,
      headers: { location: `${apiRepo(repository)}/git/blobs/${sha}` },
      body: { sha, url: `${apiRepo(repository)}/git/blobs/${sha}` }
    };
  });
}
