/** Issue labels: adding labels to a pull request (the repository's labels are created on first use). */
import { nowIso } from '../commits.ts';
import { ApiError, type Reply, isRecord } from '../http.ts';
import { labelJson } from '../json.ts';
import { type FakeRepository, requireWrite } from '../repository.ts';
import type { Route, RouteRequest } from '../router.ts';

export const issueRoutes: Route[] = [
  // operationId: issues/add-labels
  { method: 'POST', path: /^\/issues\/(\d+)\/labels$/, handle: addLabels }
];

async function addLabels(repository: FakeRepository, { match, body }: RouteRequest): Promise<Reply> {
  const doc = 'issues/labels#add-labels-to-an-issue';
  const { labels } = repository;
  requireWrite(repository, 'pullRequests', doc);
  const pr = repository.pulls.find((candidate) => candidate.number === Number(match[1]));
  if (!pr) throw new ApiError(404, 'Not Found', doc);
  const raw = Array.isArray(body) ? body : isRecord(body) ? body.labels : undefined;
  if (!Array.isArray(raw)) throw new ApiError(422, 'Invalid request.\n\n"labels" wasn\'t supplied.', doc);
  const names = raw.map((item) => (typeof item === 'string' ? item : isRecord(item) && typeof item.name === 'string' ? item.name : ''));
  if (names.some((name) => name.trim() === '')) {
    throw new ApiError(422, 'Validation Failed', doc, { errors: [{ resource: 'Label', code: 'invalid', field: 'name' }] });
  }
  return repository.store.lock(async () => {
    for (const requested of names) {
      const known = labels.find((label) => label.toLowerCase() === requested.toLowerCase());
      const name = known ?? requested;
      if (!known) labels.push(name);
      if (!pr.labels.some((label) => label.toLowerCase() === name.toLowerCase())) pr.labels.push(name);
    }
    pr.updated_at = nowIso();
    return { status: 200, body: pr.labels.map((label) => labelJson(repository, label)) };
  });
}
