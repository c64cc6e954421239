/** The repository itself. */
import type { Reply } from '../http.ts';
import { repoJson } from '../json.ts';
import type { FakeRepository } from '../repository.ts';
import type { Route } from '../router.ts';

export const repoRoutes: Route[] = [
  // operationId: repos/get
  { method: 'GET', path: /^$/, handle: getRepository }
];

async function getRepository(repository: FakeRepository): Promise<Reply> {
  return { status: 200, body: repoJson(repository) };
}
