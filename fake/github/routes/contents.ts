/** Repository contents: a file or directory at a ref, and a file written as one commit. */
import { type ParsedCommit, apiIdentities } from '../commits.ts';
import { validBranchName, validTreePath } from '../git-names.ts';
import type { LsEntry } from '../git-store.ts';
import { ApiError, type Reply, bodyOf, optionalString, requiredString } from '../http.ts';
import { contentEntryJson, gitCommitJson, wrapBase64 } from '../json.ts';
import { type FakeRepository, requireWrite, ruleViolation } from '../repository.ts';
import type { Route, RouteRequest } from '../router.ts';

export const contentRoutes: Route[] = [
  // operationId: repos/get-content
  { method: 'GET', path: /^\/contents(?:\/(.*))?$/, handle: getContent },
  // operationId: repos/create-or-update-file-contents
  { method: 'PUT', path: /^\/contents\/(.+)$/, handle: putFile }
];

/** Files larger than this come back without their content (`encoding: none`), as on GitHub. */
const CONTENTS_INLINE_LIMIT = 1024 * 1024;

async function getContent(repository: FakeRepository, { match, query, headers }: RouteRequest): Promise<Reply> {
  const doc = 'repos/contents#get-repository-content';
  const { store } = repository;
  const filePath = (match[1] ?? '').replace(/^\/+|\/+$/g, '');
  if (await store.isEmpty()) throw new ApiError(404, 'This repository is empty.', doc);
  const ref = query.get('ref') ?? repository.defaultBranch;
  const commit = await store.resolveCommitish(ref);
  if (!commit) throw new ApiError(404, `No commit found for the ref ${ref}`, doc);
  const raw = /vnd\.github(\.v3)?\.raw/.test(String(headers.accept ?? ''));
  if (filePath === '') {
    const entries = await store.lsTree(commit, []);
    return { status: 200, body: entries.map((entry) => contentEntryJson(repository, entry, ref)) };
  }
  const [entry] = await store.lsTree(commit, [], [filePath]);
  if (!entry || entry.path !== filePath) throw new ApiError(404, 'Not Found', doc);
  if (entry.type === 'tree') {
    const entries = await store.lsTree(commit, [], [`${filePath}/`]);
    return { status: 200, body: entries.map((child) => contentEntryJson(repository, child, ref)) };
  }
  if (entry.type !== 'blob') return { status: 200, body: contentEntryJson(repository, entry, ref) };
  const content = await store.readBlob(entry.sha);
  if (raw) {
    return {
      status: 200,
      raw: content,
      headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8', 'x-github-media-type': 'github.v3; param=raw' }
    };
  }
  const big = content.length > CONTENTS_INLINE_LIMIT;
  return {
    status: 200,
    body: {
      ...contentEntryJson(repository, entry, ref),
      content: big ? '' : wrapBase64(content),
      encoding: big ? 'none' : 'base64'
    }
  };
}

async function putFile(repository: FakeRepository, { match, body }: RouteRequest): Promise<Reply> {
  const doc = 'repos/contents#create-or-update-file-contents';
  const { store } = repository;
  requireWrite(repository, 'contents', doc);
  const filePath = (match[1] ?? '').replace(/^\/+|\/+$/g, '');
  if (!validTreePath(filePath)) throw new ApiError(422, 'path contains a malformed path component', doc);
  const fields = bodyOf(body, doc);
  const message = requiredString(fields, 'message', doc);
  const contentB64 = requiredString(fields, 'content', doc);
  if (!/^[A-Za-z0-9+/=\s]*$/.test(contentB64)) throw new ApiError(422, 'content is not valid Base64', doc);
  const branch = optionalString(fields, 'branch', doc) ?? repository.defaultBranch;
  const expected = optionalString(fields, 'sha', doc);
  if (!validBranchName(branch)) throw new ApiError(404, `Branch ${branch} not found`, doc);
  const identities = apiIdentities(fields.author ?? undefined, fields.committer ?? undefined, repository.signCommits);
  return store.lock(async () => {
    const empty = await store.isEmpty();
    const head = await store.branchSha(branch);
    if (!head && !empty) throw new ApiError(404, `Branch ${branch} not found`, doc);
    let baseTree: string | undefined;
    let existing: LsEntry | undefined;
    if (head) {
      const parent = (await store.readCommit(head)) as ParsedCommit;
      baseTree = parent.tree;
      [existing] = await store.lsTree(head, [], [filePath]);
      if (existing && existing.path !== filePath) existing = undefined;
    }
    if (existing && existing.type !== 'blob') throw new ApiError(422, `${filePath} is a directory`, doc);
    if (existing && expected === undefined) throw new ApiError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.', doc);
    if (existing && expected !== existing.sha) throw new ApiError(409, `${filePath} does not match ${expected}`, doc);
    if (!existing && expected !== undefined && head) throw new ApiError(409, `${filePath} does not match ${expected}`, doc);
    // GitHub refuses the push itself here, with a 409 (the Git data API answers 422)
    ruleViolation(repository, branch, doc, 409);
    const tree = await store.buildTree(baseTree, [{ path: filePath, mode: '100644', type: 'blob', content: Buffer.from(contentB64, 'base64') }]);
    const sha = await store.writeCommit({ tree, parents: head ? [head] : [], message, ...identities });
    if (!(await store.updateBranch(branch, sha, head))) throw new ApiError(409, `${filePath} does not match ${expected ?? ''}`, doc);
    const commit = (await store.readCommit(sha)) as ParsedCommit;
    const [entry] = await store.lsTree(sha, [], [filePath]);
    return {
      status: existing ? 200 : 201,
      body: { content: contentEntryJson(repository, entry as LsEntry, branch), commit: gitCommitJson(repository, commit) }
    };
  });
}
