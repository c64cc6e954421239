/** Git references: read one, create one, move one (fast-forward unless forced). */
import { SHA_RE, validBranchName } from '../git-names.ts';
import { ApiError, type Reply, bodyOf, requiredString } from '../http.ts';
import { refJson } from '../json.ts';
import { type FakeRepository, apiRepo, requireNotEmpty, requireWrite, ruleViolation } from '../repository.ts';
import type { Route, RouteRequest } from '../router.ts';

export const gitRefRoutes: Route[] = [
  // operationId: git/get-ref
  { method: 'GET', path: /^\/git\/ref\/(.+)$/, handle: getRef },
  // operationId: git/create-ref
  { method: 'POST', path: /^\/git\/refs$/, handle: createRef },
  // operationId: git/update-ref
  { method: 'PATCH', path: /^\/git\/refs\/(.+)$/, handle: updateRef }
];

async function getRef(repository: FakeRepository, { match }: RouteRequest): Promise<Reply> {
  const ref = `refs/${match[1] ?? ''}`;
  const doc = 'git/refs#get-a-reference';
  await requireNotEmpty(repository, doc);
  // exact match only: GitHub's "get a reference" does not match prefixes
  const out = await repository.store.readRef(ref);
  if (!out) throw new ApiError(404, 'Not Found', doc);
  return { status: 200, body: refJson(repository, ref, out) };
}

async function createRef(repository: FakeRepository, { body }: RouteRequest): Promise<Reply> {
  const doc = 'git/refs#create-a-reference';
  const { store } = repository;
  requireWrite(repository, 'contents', doc);
  await requireNotEmpty(repository, doc);
  const fields = bodyOf(body, doc);
  const ref = requiredString(fields, 'ref', doc);
  const sha = requiredString(fields, 'sha', doc);
  if (!/^refs\/[^/]+\/.+/.test(ref) || !validBranchName(ref.slice(5))) {
    throw new ApiError(422, 'Reference name is not well-formed', doc);
  }
  return store.lock(async () => {
    if (!SHA_RE.test(sha) || (await store.objectType(sha)) === undefined) throw new ApiError(422, 'Object does not exist', doc);
    if (await store.refSha(ref)) throw new ApiError(422, 'Reference already exists', doc);
    if (ref.startsWith('refs/heads/')) ruleViolation(repository, ref.slice('refs/heads/'.length), doc);
    if (!(await store.updateRef(ref, sha, undefined))) throw new ApiError(422, 'Reference already exists', doc);
    return { status: 201, body: refJson(repository, ref, sha), headers: { location: `${apiRepo(repository)}/git/${ref}` } };
  });
}

async function updateRef(repository: FakeRepository, { match, body }: RouteRequest): Promise<Reply> {
  const doc = 'git/refs#update-a-reference';
  const { store } = repository;
  requireWrite(repository, 'contents', doc);
  await requireNotEmpty(repository, doc);
  const fields = bodyOf(body, doc);
  const sha = requiredString(fields, 'sha', doc);
  const force = fields.force === true;
  const ref = `refs/${match[1] ?? ''}`;
  if (!validBranchName(ref.slice(5))) throw new ApiError(422, 'Reference does not exist', doc);
  const hook = repository.hooks.beforeRefUpdate;
  if (hook) await hook({ ref, sha, force });
  return store.lock(async () => {
    const current = await store.refSha(ref);
    if (!current) throw new ApiError(422, 'Reference does not exist', doc);
    if (!SHA_RE.test(sha) || (await store.objectType(sha)) !== 'commit') throw new ApiError(422, 'Object does not exist', doc);
    if (!force && current !== sha && !(await store.isAncestor(current, sha))) {
      throw new ApiError(422, 'Update is not a fast forward', doc);
    }
    if (ref.startsWith('refs/heads/')) ruleViolation(repository, ref.slice('refs/heads/'.length), doc);
    if (!(await store.updateRef(ref, sha, current))) throw new ApiError(422, 'Reference cannot be updated', doc);
    return { status: 200, body: refJson(repository, ref, sha) };
  });
}
