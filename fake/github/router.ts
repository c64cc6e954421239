/**
 * The routes' shape and the dispatch: a request for the fake's repository goes to the one route
 * whose method and path (below `/repos/<owner>/<repo>`) match; anything else is GitHub's 404.
 */
import type http from 'node:http';
import { ApiError, type Reply } from './http.ts';
import type { FakeRepository } from './repository.ts';

export interface RouteRequest {
  /** The route's path pattern matched against the path below `/repos/<owner>/<repo>`. */
  match: RegExpExecArray;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  /**
   * Matched against the path below `/repos/<owner>/<repo>`, trailing slashes removed; for a route
   * of the owner (`owner: true`), against the path below `/orgs/<owner>` or `/users/<owner>`, the
   * first group `orgs` or `users`.
   */
  path: RegExp;
  owner?: true;
  handle(repository: FakeRepository, request: RouteRequest): Promise<Reply>;
}

/** Answers one authenticated request with the route that matches it. */
export async function dispatch(
  repository: FakeRepository,
  routes: readonly Route[],
  method: string,
  requestPath: string,
  request: Omit<RouteRequest, 'match'>
): Promise<Reply> {
  const o = /^\/(orgs|users)\/([^/]+)(\/.*)?$/.exec(requestPath);
  if (o) {
    if ((o[2] ?? '').toLowerCase() !== repository.owner.toLowerCase()) throw new ApiError(404, 'Not Found', 'https://docs.github.com/rest');
    const rest = `/${o[1]}${(o[3] ?? '').replace(/\/+$/, '')}`;
    for (const route of routes) {
      const match = route.owner && route.method === method ? route.path.exec(rest) : null;
      if (match) return route.handle(repository, { ...request, match });
    }
    throw new ApiError(404, 'Not Found', 'https://docs.github.com/rest');
  }
  const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(requestPath);
  if (!m) throw new ApiError(404, 'Not Found', 'https://docs.github.com/rest');
  if ((m[1] ?? '').toLowerCase() !== repository.owner.toLowerCase() || (m[2] ?? '').toLowerCase() !== repository.repo.toLowerCase()) {
    throw new ApiError(404, 'Not Found', 'repos/repos#get-a-repository');
  }
  const rest = (m[3] ?? '').replace(/\/+$/, '');
  for (const route of routes) {
    if (route.method !== method || route.owner) continue;
    const match = route.path.exec(rest);
    if (match) return route.handle(repository, { ...request, match });
  }
  throw new ApiError(404, 'Not Found', 'https://docs.github.com/rest');
}
