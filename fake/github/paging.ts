/**
 * GitHub's page-numbered lists: `page` (1-based) and `per_page` read from the query, and the
 * `link` header naming the next, last, first and previous pages, as GitHub sends it
 * (https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api). Octokit's
 * `paginate` follows `rel="next"` until there is none.
 */

export interface PageParams {
  page: number;
  perPage: number;
}

/** `page` and `per_page` from the query: `per_page` defaults to `defaultPerPage` and is capped at `maxPerPage`. */
export function pageParams(query: URLSearchParams, defaultPerPage = 30, maxPerPage = 100): PageParams {
  const perPage = Math.min(maxPerPage, Math.max(1, Number(query.get('per_page') ?? defaultPerPage) || defaultPerPage));
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  return { page, perPage };
}

/** The `link` header of a page of a list at `url`: next and last, then first and prev (the query kept, page and per_page set). */
export function pageLinks(url: string, query: URLSearchParams, { page, perPage }: PageParams, lastPage: number): string {
  const link = (target: number, rel: string) => {
    const params = new URLSearchParams(query);
    params.set('page', String(target));
    params.set('per_page', String(perPage));
    return `<${url}?${params.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'));
  if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
  return links.join(', ');
}
