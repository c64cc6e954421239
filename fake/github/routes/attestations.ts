/**
 * Artifact attestations: a Sigstore bundle stored for the repository (as actions/attest does with
 * `attest: true`), and the bundles listed by the sha256 digest of one of their subjects, with
 * GitHub's cursor pagination.
 */
import { ApiError, type Reply, bodyOf, isRecord } from '../http.ts';
import { REPOSITORY_ID } from '../json.ts';
import { pageParams } from '../paging.ts';
import { type FakeRepository, type StoredAttestation, apiRepo, requireWrite } from '../repository.ts';
import type { Route, RouteRequest } from '../router.ts';

export const attestationRoutes: Route[] = [
  // operationId: repos/create-attestation
  { method: 'POST', path: /^\/attestations$/, handle: createAttestation },
  // operationId: repos/list-attestations
  { method: 'GET', path: /^\/attestations\/(.+)$/, handle: listAttestations },
  // operationId: orgs/list-attestations-bulk
  // operationId: users/list-attestations-bulk
  { method: 'POST', path: /^\/(orgs|users)\/attestations\/bulk-list$/, owner: true, handle: listAttestationsBulk }
];

/**
 * A private repository whose plan has no artifact attestations: the 403 (a status the OpenAPI
 * description lists for this operation) with the message GitHub gives, as users quote it
 * (github.com/Jebel-Quant/rhiza/issues/428, github.com/DamianEdwards/copilotd/pull/54; for an
 * organization it reads "Feature not available for the <org> organization. To enable this
 * feature, please upgrade the billing plan, or make this repository public.").
 */
const NOT_ON_PLAN = 'Feature not available for user-owned private repositories. To enable this feature, please make this repository public.';

/**
 * "Create an attestation" (https://docs.github.com/rest/repos/attestations#create-an-attestation):
 * `bundle` (a Sigstore bundle) is required; the answer is 201 `{id}`. It needs write permission
 * and, for a fine-grained token, `attestations: write` (documented there): without it, GitHub's
 * 403 "Resource not accessible by integration", as the fake's other writes answer. A missing
 * bundle, or one that is not an object, is the documented 422 (the message in the shape GitHub
 * gives its other schema failures). Ids increase from 1.
 *
 * Not documented, so chosen here: the bundle is stored as sent, not verified (no signature,
 * certificate or transparency-log check); the same bundle sent twice is stored twice, under two
 * ids; a bundle whose `dsseEnvelope.payload` is not base64 of an in-toto statement is stored all
 * the same, under no subject digest (so no listing finds it).
 */
async function createAttestation(repository: FakeRepository, { body }: RouteRequest): Promise<Reply> {
  const doc = 'repos/attestations#create-an-attestation';
  requireWrite(repository, 'attestations', doc);
  if (!repository.settings.attestationsOnPlan) throw new ApiError(403, NOT_ON_PLAN, doc);
  const bundle = bodyOf(body, doc).bundle;
  if (bundle === undefined || bundle === null) throw new ApiError(422, `Invalid request.\n\n"bundle" wasn't supplied.`, doc);
  if (!isRecord(bundle)) throw new ApiError(422, `Invalid request.\n\nFor 'bundle', ${JSON.stringify(bundle)} is not an object.`, doc);
  const id = repository.attestations.length + 1;
  repository.attestations.push({ id, bundle: structuredClone(bundle), ...readStatement(bundle) });
  return { status: 201, body: { id } };
}

/**
 * The subjects' sha256 digests (`sha256:<hex>`) and the predicate type of the in-toto statement
 * (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md) that a bundle's
 * `dsseEnvelope.payload` holds in base64; none when it does not decode.
 */
function readStatement(bundle: Record<string, unknown>): Pick<StoredAttestation, 'subjectDigests' | 'predicateType'> {
  const none = { subjectDigests: [], predicateType: undefined };
  const envelope = bundle.dsseEnvelope;
  if (!isRecord(envelope) || typeof envelope.payload !== 'string') return none;
  let statement: unknown;
  try {
    statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
  } catch {
    return none;
  }
  if (!isRecord(statement)) return none;
  const subjects: unknown[] = Array.isArray(statement.subject) ? statement.subject : [];
  const digests = subjects.flatMap((subject) =>
    isRecord(subject) && isRecord(subject.digest) && typeof subject.digest.sha256 === 'string' ? [`sha256:${subject.digest.sha256}`] : []
  );
  return { subjectDigests: [...new Set(digests)], predicateType: typeof statement.predicateType === 'string' ? statement.predicateType : undefined };
}

/**
 * "List attestations" (https://docs.github.com/rest/repos/attestations#list-attestations): the
 * bundles with a subject of digest `subject_digest` (`sha256:<hex>`, matched exactly), each as
 * `{bundle, repository_id, bundle_url, initiator}`; `per_page` (30 by default, 100 at most) and
 * the `before` / `after` cursors "as given in the Link header"
 * (https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api), which names
 * the next page (`after`) and the previous one (`before`), as GitHub's cursor-paged lists do
 * (no first or last). Octokit's `paginate` follows `rel="next"`.
 *
 * Not documented, so chosen here: a digest with no attestation is 200 with an empty list (the one
 * status documented); the newest attestation comes first; `predicate_type` matches the
 * statement's `predicateType` exactly: the docs say it also accepts `provenance`, `sbom` and
 * `release` but not which predicate URIs they stand for, so those match only a statement whose
 * predicateType is that very word; `initiator` is always "user"; `bundle_url` names the bundle
 * under the fake's URL, which the fake does not serve (a 404; GitHub's is a signed blob-storage
 * URL to a snappy-compressed copy). A cursor the fake did not give fails loudly (a 500). The
 * `bundle` field is sent, as API version 2022-11-28 does (the OpenAPI description marks its
 * removal in version 2026-03-10).
 */
/** The attestations with a subject of `digest` (and the predicate type, when one is asked for), newest first. */
function withSubject(repository: FakeRepository, digest: string, predicateType: unknown): StoredAttestation[] {
  return repository.attestations
    .filter((a) => a.subjectDigests.includes(digest) && (typeof predicateType !== 'string' || !predicateType || a.predicateType === predicateType))
    .reverse();
}

/** An attestation as both listings show it. */
function listed(repository: FakeRepository, a: StoredAttestation) {
  return { bundle: a.bundle, repository_id: REPOSITORY_ID, bundle_url: `${repository.baseUrl}/attestation-bundles/${REPOSITORY_ID}/${a.id}.json` };
}

async function listAttestations(repository: FakeRepository, { match, query }: RouteRequest): Promise<Reply> {
  const digest = match[1] ?? '';
  const matching = withSubject(repository, digest, query.get('predicate_type'));
  const { perPage } = pageParams(query);
  const after = cursorId(query, 'after');
  const before = cursorId(query, 'before');
  // newest first: after a cursor are the older (smaller) ids, before it the newer
  const from = after === undefined ? 0 : indexOrEnd(matching, (a) => a.id < after);
  const to = before === undefined ? matching.length : indexOrEnd(matching, (a) => a.id <= before);
  const start = before !== undefined && after === undefined ? Math.max(from, to - perPage) : from;
  const page = matching.slice(start, Math.min(to, start + perPage));
  const url = `${apiRepo(repository)}/attestations/${encodeURIComponent(digest)}`;
  const links: string[] = [];
  const last = page.at(-1);
  const first = page[0];
  if (last && start + page.length < matching.length) links.push(cursorLink(url, query, perPage, 'after', last.id, 'next'));
  if (first && start > 0) links.push(cursorLink(url, query, perPage, 'before', first.id, 'prev'));
  return {
    status: 200,
    body: {
      attestations: page.map((a) => ({ ...listed(repository, a), initiator: 'user' }))
    },
    headers: links.length > 0 ? { link: links.join(', ') } : {}
  };
}

function indexOrEnd(list: StoredAttestation[], test: (a: StoredAttestation) => boolean): number {
  const index = list.findIndex(test);
  return index === -1 ? list.length : index;
}

/** The fake's cursors: an attestation's id in base64url (opaque to clients, as GitHub's are). */
function cursorId(query: URLSearchParams, name: 'before' | 'after'): number | undefined {
  const cursor = query.get(name);
  if (!cursor) return undefined;
  const m = /^attestation:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new Error(`list attestations: the cursor ${name}=${cursor} was not given by the fake`);
  return Number(m[1]);
}

function cursorLink(url: string, query: URLSearchParams, perPage: number, name: 'before' | 'after', id: number, rel: string): string {
  const params = new URLSearchParams(query);
  params.delete('before');
  params.delete('after');
  params.set('per_page', String(perPage));
  params.set(name, Buffer.from(`attestation:${id}`).toString('base64url'));
  return `<${url}?${params.toString()}>; rel="${rel}"`;
}

/**
 * "List attestations by bulk subject digests", of an organization
 * (https://docs.github.com/rest/orgs/attestations#list-attestations-by-bulk-subject-digests) or of
 * a user (https://docs.github.com/rest/users/attestations#list-attestations-by-bulk-subject-digests):
 * `subject_digests` (1 to 1024, required) to `attestations_subject_digests`, a map from each digest
 * to its attestations (`bundle`, `repository_id`, `bundle_url`) or null, with `page_info` cursors;
 * `predicate_type` filters as the single listing does.
 *
 * Not documented, so chosen here: the other kind of owner (a user's name under `/orgs`, an
 * organization's under `/users`) is a 404; `per_page` (30 by default, 100 at most) counts digests,
 * each page mapping the next digests of the list in order, all of each digest's attestations
 * (newest first) on the page of the digest; `page_info.next` is a cursor for `after`. A body
 * without a list of 1 to 1024 strings is a 422.
 */
async function listAttestationsBulk(repository: FakeRepository, { match, query, body }: RouteRequest): Promise<Reply> {
  const org = match[1] === 'orgs';
  const doc = org ? 'orgs/attestations#list-attestations-by-bulk-subject-digests' : 'users/attestations#list-attestations-by-bulk-subject-digests';
  if (org !== (repository.ownerType === 'Organization')) throw new ApiError(404, 'Not Found', doc);
  const { subject_digests: digests, predicate_type: predicateType } = bodyOf(body, doc);
  if (!Array.isArray(digests) || digests.length < 1 || digests.length > 1024 || !digests.every((d) => typeof d === 'string')) {
    throw new ApiError(422, `Invalid request.\n\n"subject_digests" must be a list of 1 to 1024 digests.`, doc);
  }
  const { perPage } = pageParams(query);
  const afterCursor = query.get('after');
  const from = afterCursor ? Number(/^digest:(\d+)$/.exec(Buffer.from(afterCursor, 'base64url').toString('utf8'))?.[1] ?? NaN) : 0;
  if (!Number.isSafeInteger(from)) throw new Error(`bulk list attestations: the cursor after=${afterCursor} was not given by the fake`);
  const page = (digests as string[]).slice(from, from + perPage);
  const cursor = (index: number) => Buffer.from(`digest:${index}`).toString('base64url');
  const hasNext = from + page.length < digests.length;
  const map = Object.fromEntries(
    page.map((digest) => {
      const found = withSubject(repository, digest, predicateType).map((a) => listed(repository, a));
      return [digest, found.length ? found : null];
    })
  );
  return {
    status: 200,
    body: {
      attestations_subject_digests: map,
      page_info: {
        has_next: hasNext,
        has_previous: from > 0,
        ...(hasNext ? { next: cursor(from + page.length) } : {}),
        ...(from > 0 ? { previous: cursor(Math.max(0, from - perPage)) } : {})
      }
    }
  };
}
