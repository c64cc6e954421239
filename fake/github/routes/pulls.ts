/** Pull requests: list (filtered, sorted and paged as GitHub does), open, update (title, body, state, base). */
import { nowIso } from '../commits.ts';
import { ApiError, type Reply, bodyOf, optionalString, requiredString } from '../http.ts';
import { pageLinks, pageParams } from '../paging.ts';
import { pullJson } from '../pull-requests.ts';
import { type FakeRepository, apiRepo, requireWrite } from '../repository.ts';
import type { Route, RouteRequest } from '../router.ts';
import type { FakePullRequest } from '../types.ts';

export const pullRoutes: Route[] = [
  // operationId: pulls/list
  { method: 'GET', path: /^\/pulls$/, handle: listPulls },
  // operationId: pulls/create
  { method: 'POST', path: /^\/pulls$/, handle: createPull },
  // operationId: pulls/update
  { method: 'PATCH', path: /^\/pulls\/(\d+)$/, handle: updatePull }
];

/** A 422 "Validation Failed" about the pull request, with GitHub's `errors` entry. */
function validationFailed(doc: string, error: Record<string, string>): ApiError {
  return new ApiError(422, 'Validation Failed', doc, { errors: [{ resource: 'PullRequest', ...error }] });
}

async function listPulls(repository: FakeRepository, { query }: RouteRequest): Promise<Reply> {
  const { owner } = repository;
  const state = query.get('state') ?? 'open';
  const head = query.get('head');
  const base = query.get('base');
  let list = repository.pulls.filter((pr) => state === 'all' || pr.state === state);
  if (head) {
    const [headOwner, branch] = head.includes(':') ? [head.slice(0, head.indexOf(':')), head.slice(head.indexOf(':') + 1)] : [head, undefined];
    list = list.filter((pr) => headOwner.toLowerCase() === owner.toLowerCase() && (branch === undefined || pr.head === branch));
  }
  if (base) list = list.filter((pr) => pr.base === base);
  const sort = query.get('sort') ?? 'created';
  const direction = query.get('direction') ?? (sort === 'created' ? 'desc' : 'asc');
  const key = (pr: FakePullRequest) => (sort === 'updated' ? pr.updated_at : pr.created_at) + String(pr.number).padStart(8, '0');
  list = [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  if (direction === 'desc') list.reverse();
  const paging = pageParams(query);
  const slice = list.slice((paging.page - 1) * paging.perPage, paging.page * paging.perPage);
  const replyHeaders: Record<string, string> = {};
  const lastPage = Math.ceil(list.length / paging.perPage);
  if (lastPage > 1) replyHeaders.link = pageLinks(`${apiRepo(repository)}/pulls`, query, paging, lastPage);
  return { status: 200, body: await Promise.all(slice.map((pr) => pullJson(repository, pr, false))), headers: replyHeaders };
}

async function createPull(repository: FakeRepository, { body }: RouteRequest): Promise<Reply> {
  const doc = 'pulls/pulls#create-a-pull-request';
  const { owner } = repository;
  requireWrite(repository, 'pullRequests', doc);
  if (!repository.settings.actionsCanCreatePullRequests) {
    throw new ApiError(403, 'GitHub Actions is not permitted to create or approve pull requests.', doc);
  }
  const fields = bodyOf(body, doc);
  const title = requiredString(fields, 'title', doc);
  let head = requiredString(fields, 'head', doc);
  const base = requiredString(fields, 'base', doc);
  const prBody = optionalString(fields, 'body', doc) ?? null;
  if (head.includes(':')) {
    const headOwner = head.slice(0, head.indexOf(':'));
    if (headOwner.toLowerCase() !== owner.toLowerCase()) throw validationFailed(doc, { field: 'head', code: 'invalid' });
    head = head.slice(head.indexOf(':') + 1);
  }
  return repository.store.lock(async () => {
    const { headSha, baseSha } = await checkNewPull(repository, head, base, doc);
    const now = nowIso();
    const pr: FakePullRequest = {
      number: repository.pulls.length + 1,
      title,
      body: prBody,
      state: 'open',
      head,
      base,
      headSha,
      baseSha,
      labels: [],
      draft: fields.draft === true,
      merged: false,
      merged_at: null,
      merge_commit_sha: null,
      closed_at: null,
      created_at: now,
      updated_at: now
    };
    repository.pulls.push(pr);
    return { status: 201, body: await pullJson(repository, pr), headers: { location: `${apiRepo(repository)}/pulls/${pr.number}` } };
  });
}

/** GitHub's refusals of a new pull request from `head` into `base`; else both tips. */
async function checkNewPull(repository: FakeRepository, head: string, base: string, doc: string): Promise<{ headSha: string; baseSha: string }> {
  const { store, owner } = repository;
  const headSha = await store.branchSha(head);
  const baseSha = await store.branchSha(base);
  if (!baseSha) throw validationFailed(doc, { field: 'base', code: 'invalid' });
  if (!headSha) throw validationFailed(doc, { field: 'head', code: 'invalid' });
  if (repository.pulls.some((pr) => pr.state === 'open' && pr.head === head && pr.base === base)) {
    throw validationFailed(doc, { code: 'custom', message: `A pull request already exists for ${owner}:${head}.` });
  }
  if (!(await store.mergeBase(baseSha, headSha))) {
    throw validationFailed(doc, { code: 'custom', message: `The ${base} branch has no history in common with ${head}` });
  }
  if (await store.isAncestor(headSha, baseSha)) {
    throw validationFailed(doc, { code: 'custom', message: `No commits between ${base} and ${head}` });
  }
  return { headSha, baseSha };
}

async function updatePull(repository: FakeRepository, { match, body }: RouteRequest): Promise<Reply> {
  const doc = 'pulls/pulls#update-a-pull-request';
  const { store, owner, pulls } = repository;
  const pr = pulls.find((candidate) => candidate.number === Number(match[1]));
  requireWrite(repository, 'pullRequests', doc);
  if (!pr) throw new ApiError(404, 'Not Found', doc);
  const fields = bodyOf(body, doc);
  return store.lock(async () => {
    const title = optionalString(fields, 'title', doc);
    const newBody = fields.body === null ? null : optionalString(fields, 'body', doc);
    const state = optionalString(fields, 'state', doc);
    const base = optionalString(fields, 'base', doc);
    if (state !== undefined && state !== 'open' && state !== 'closed') throw validationFailed(doc, { field: 'state', code: 'invalid' });
    if (base !== undefined && !(await store.branchSha(base))) throw validationFailed(doc, { field: 'base', code: 'invalid' });
    if (state === 'open' && pr.state === 'closed') {
      if (pr.merged) throw validationFailed(doc, { code: 'custom', message: 'Cannot reopen a merged pull request' });
      if (pulls.some((other) => other !== pr && other.state === 'open' && other.head === pr.head && other.base === (base ?? pr.base))) {
        throw validationFailed(doc, { code: 'custom', message: `A pull request already exists for ${owner}:${pr.head}.` });
      }
    }
    if (state === 'closed' && pr.state === 'open') {
      pr.headSha = (await store.branchSha(pr.head)) ?? pr.headSha;
      pr.baseSha = (await store.branchSha(pr.base)) ?? pr.baseSha;
      pr.closed_at = nowIso();
    }
    if (state === 'open') pr.closed_at = null;
    if (title !== undefined) pr.title = title;
    if (newBody !== undefined) pr.body = newBody;
    if (state !== undefined) pr.state = state;
    if (base !== undefined) pr.base = base;
    pr.updated_at = nowIso();
    return { status: 200, body: await pullJson(repository, pr) };
  });
}
