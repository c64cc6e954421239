// The Cursor Admin API client: GET /teams/audit-logs with Basic auth, paging, a client-side rate
// limit and retries. Knows nothing of the toolkit: its clock, sleep, fetch and log are handed in.
import { type AuditEvent, toEvent } from './events.ts';
import { logText } from './log-text.ts';
import type { Clock, Sleep } from './clock.ts';
import { CursorApiError } from './errors.ts';
// Where run.ts imports it from until it imports errors.ts.
export { CursorApiError } from './errors.ts';
import { KeyForms } from './key-forms.ts';
import { RateLimiter } from './rate-limiter.ts';
import { rawArrayElements } from './raw-json.ts';
import { DAY, formatDuration, formatTime, MINUTE, SECOND } from './time.ts';
import type { TimeWindow } from './windows.ts';

export interface CursorClientOptions {
  baseUrl: string;
  apiKey: string;
  pageSize: number;
  eventTypes: string[];
  users: string[];
  requestTimeoutMs: number;
  maxRetries: number;
  requestsPerMinute: number;
  /** The limiter's window; 60 s unless a benchmark scales time. */
  rateWindowMs?: number;
  fetch?: typeof fetch;
  clock: Clock;
  sleep: Sleep;
  random?: () => number;
  /** One line per retry, for the person reading the run. */
  log?: (message: string) => void;
  /** Pagination anomalies. */
  warn?: (message: string) => void;
  /** Aborts the request in flight when the run is cancelled. */
  signal?: AbortSignal;
  /** When the `time-budget` ends, on `clock`; no retry waits past it. Undefined: no budget. */
  deadline?: number;
}

export interface PageProgress {
  page: number;
  totalPages: number;
  events: number;
}

export interface Pagination {
  page: number;
  pageSize: number;
  totalCount: number;
  totalPages: number;
  hasNextPage: boolean;
}

export interface Page {
  events: AuditEvent[];
  pagination: Pagination;
}

export interface ClientStats {
  requests: number;
  retries: number;
  http429: number;
  /** Time spent waiting: rate limit, Retry-After and backoff. */
  waitMs: number;
}

export const UNAUTHORIZED_HELP =
  'the key is wrong, revoked, truncated or has spaces. It must be an Admin API key (key_ or crsr_ followed by 64 characters) from Dashboard → Settings → Advanced → Admin API Keys, stored in a secret without leading or trailing spaces.';
export const FORBIDDEN_HELP =
  "the key's creator is not a team admin, or the team's plan lacks audit log access (Enterprise). Create the key as a team admin under Dashboard → Settings → Advanced → Admin API Keys, and check that the plan includes audit logs.";

/** Cursor keeps about 30 days of audit events (docs/cursor-api.md § Retention). */
export const RETENTION_MS = 30 * DAY;
/** How far inside the retention limit a start is moved: room for the clocks and the paging. */
export const RETENTION_MARGIN_MS = 10 * MINUTE;
/** A start this close to the limit when a page is asked for is moved again: room for the waits of one request (rate limit, retries). */
const RETENTION_SAFETY_MS = 5 * MINUTE;
/** A 400 for a start this close to the limit is the limit, whatever its text (and the move after it). */
const RETENTION_NEAR_MS = DAY;
/** Pages asked for past what `totalCount` allows while events counted are missing, whatever `hasNextPage` says. */
const EXTRA_PAGES = 1;
/** Reads of a range too narrow to halve before the window fails. */
const NARROWEST_READS = 3;

/** What `fetchWindow` read of a window. */
export interface WindowResult {
  /** Events sent to the sink, duplicates included. */
  sent: number;
  /** Where reading started: the window's start, or later when Cursor's retention limit cut it. */
  start: number;
  /** The part cut after Cursor refused a start near the limit with a 400 (taken as the limit). */
  refused?: TimeWindow;
}

interface RangeRead {
  range: TimeWindow;
  /** Earlier reads of this same range (one too narrow to halve). */
  reads: number;
  /** Keys received for this range (pooled over its reads), each with the most times one page held it. */
  ids?: Map<string, number>;
  /** The sum of `ids`: entries received. */
  distinct?: number;
  total?: number;
  size?: number;
}

/** Two halves sharing their middle instant (an event on it is in both; the merge drops the copy). */
function halves(range: TimeWindow): TimeWindow[] {
  const mid = Math.floor((range.start + range.end) / 2);
  if (mid <= range.start || mid >= range.end) return [range];
  return [
    { start: range.start, end: mid },
    { start: mid, end: range.end }
  ];
}
const BACKOFF_BASE_MS = SECOND;
/** The longest wait before a retry, whatever `Retry-After` asks for. */
export const BACKOFF_CAP_MS = MINUTE;
/** The longest request URL the client sends: 8 KB, what servers and proxies commonly accept. */
export const MAX_URL_BYTES = 8192;

export interface AuditLogsQuery {
  /** `startTime` and `endTime`, as sent. */
  startTime: string;
  endTime: string;
  page: number;
  pageSize: number;
  eventTypes: string[];
  users: string[];
}

/** The request URL of one page: the only place it is built (the client, and the input check of its length). */
export function auditLogsUrl(baseUrl: string, query: AuditLogsQuery): string {
  const params = new URLSearchParams({
    startTime: query.startTime,
    endTime: query.endTime,
    page: String(query.page),
    pageSize: String(query.pageSize)
  });
  if (query.eventTypes.length) params.set('eventTypes', query.eventTypes.join(','));
  if (query.users.length) params.set('users', query.users.join(','));
  return `${baseUrl}/teams/audit-logs?${params}`;
}

/** `Retry-After` as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  // Any size is read (the caller caps the wait); kept finite so it can be shown.
  if (/^\d+(\.\d+)?$/.test(v)) return Math.min(Number.MAX_SAFE_INTEGER, Math.ceil(Number(v) * SECOND));
  const date = Date.parse(v);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${formatDuration(timeoutMs)} (request-timeout)`;
  const code = e?.cause?.code;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `connection reset (${code})`;
  if (code) return `network error (${logText(String(code), 80)})`;
  return `network error (${logText(e?.cause?.message ?? e?.message ?? String(error))})`;
}

function apiMessage(body: string): string {
  try {
    const data = JSON.parse(body) as Record<string, unknown>;
    const parts = [data.error, data.message].filter((x): x is string => typeof x === 'string').map((x) => logText(x));
    const shown = [...new Set(parts.filter((x) => x !== ''))];
    if (shown.length) return shown.join(': ');
  } catch {
    // not JSON: show the text
  }
  return logText(body) || '(empty body)';
}

export function readPage(body: string): Page {
  const data = JSON.parse(body) as Record<string, unknown>;
  const pagination = data?.pagination as Record<string, unknown> | undefined;
  if (!data || !Array.isArray(data.events) || !pagination || typeof pagination !== 'object') {
    throw new SyntaxError('the body has no "events" array or no "pagination" object');
  }
  const raw = rawArrayElements(body, 'events');
  if (!raw || raw.length !== data.events.length) throw new SyntaxError('the "events" array could not be read');
  const list = data.events as unknown[];
  const events = raw.map((line, i) => {
    const obj = list[i];
    return toEvent(line, obj && typeof obj === 'object' && !Array.isArray(obj) ? (obj as Record<string, unknown>) : {});
  });
  const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  return {
    events,
    pagination: {
      page: num(pagination.page, 0),
      pageSize: num(pagination.pageSize, 0),
      totalCount: num(pagination.totalCount, -1),
      totalPages: num(pagination.totalPages, -1),
      hasNextPage: pagination.hasNextPage === true
    }
  };
}

export class CursorClient {
  readonly stats: ClientStats = { requests: 0, retries: 0, http429: 0, waitMs: 0 };
  readonly limiter: RateLimiter;
  readonly options: CursorClientOptions;
  private readonly key: KeyForms;
  private readonly fetch: typeof fetch;
  private readonly random: () => number;
  /** Learnt from a 400 near the retention limit: how much less than 30 days Cursor serves. */
  private retentionExtraMs = 0;
  private retentionRefused = false;

  constructor(options: CursorClientOptions) {
    this.options = options;
    this.key = new KeyForms(options.apiKey);
    this.fetch = options.fetch ?? globalThis.fetch;
    this.random = options.random ?? Math.random;
    this.limiter = new RateLimiter(options.requestsPerMinute, options.rateWindowMs ?? MINUTE, options.clock, options.sleep);
  }

  /** Removes the key in any form from a text that may reach a log. */
  redact(text: string): string {
    return this.key.redact(text);
  }

  url(window: TimeWindow, page: number): string {
    return auditLogsUrl(this.options.baseUrl, {
      startTime: formatTime(window.start),
      endTime: formatTime(window.end),
      page,
      pageSize: this.options.pageSize,
      eventTypes: this.options.eventTypes,
      users: this.options.users
    });
  }

  /** One page, with retries. Throws CursorApiError when refused or out of retries. */
  async fetchPage(window: TimeWindow, page: number): Promise<Page> {
    const where = `window ${formatTime(window.start)} – ${formatTime(window.end)}, page ${page}`;
    const url = this.url(window, page);
    for (let attempt = 0; ; attempt++) {
      const grant = await this.limiter.acquire();
      this.stats.waitMs += grant.waitedMs;
      this.throwIfCancelled(where);
      this.stats.requests++;
      let failure: string;
      let retryAfter: number | undefined;
      try {
        const res = await this.fetch(url, {
          headers: { Authorization: this.key.authorization, Accept: 'application/json' },
          signal: this.options.signal
            ? AbortSignal.any([AbortSignal.timeout(this.options.requestTimeoutMs), this.options.signal])
            : AbortSignal.timeout(this.options.requestTimeoutMs)
        });
        grant.done();
        const body = await res.text();
        if (res.status === 200) {
          try {
            return readPage(body);
          } catch (e) {
            failure = `malformed JSON in the answer (${this.redact(logText((e as Error).message))})`;
          }
        } else if (res.status === 429) {
          this.stats.http429++;
          retryAfter = parseRetryAfter(res.headers.get('retry-after'), this.options.clock.now());
          failure = `rate limited (429${retryAfter !== undefined ? `, Retry-After ${formatDuration(retryAfter)}` : ''})`;
        } else if (res.status >= 500) {
          failure = `server error ${res.status} (${this.redact(apiMessage(body))})`;
        } else {
          throw this.refusal(res.status, this.redact(apiMessage(body)), where);
        }
      } catch (e) {
        grant.done();
        if (e instanceof CursorApiError) throw e;
        this.throwIfCancelled(where);
        failure = this.redact(describeNetworkError(e, this.options.requestTimeoutMs));
      }
      if (attempt >= this.options.maxRetries) {
        throw new CursorApiError(
          'exhausted',
          `Cursor API request failed for ${where} after ${attempt + 1} attempt(s): ${failure}. The windows before it were stored; run again later, or raise max-retries or request-timeout.`
        );
      }
      const { delay, capped } = this.retryWait(attempt, retryAfter);
      this.options.log?.(
        `Retry ${attempt + 1}/${this.options.maxRetries} of ${where}: ${failure}; waiting ${formatDuration(delay)}${capped ? ` (${capped})` : ''}.`
      );
      this.stats.retries++;
      this.limiter.blockUntil(this.options.clock.now() + delay);
    }
  }

  /** The oldest start the client asks for now: Cursor's retention limit, measured now, plus a margin. */
  retentionStart(): number {
    return this.options.clock.now() - RETENTION_MS + RETENTION_MARGIN_MS + this.retentionExtraMs;
  }

  /**
   * Every event of a window, sent to `sink` as the pages come (a range read again sends its events
   * again: the merge drops duplicates).
   *
   * Retention: no request asks for a start older than Cursor keeps. Before every page, a start
   * within 5 minutes of the limit (30 days before that moment) moves to the limit plus 10 minutes,
   * and the rest is read in halves so each part is done before the limit reaches it. A 400 for a
   * start within a day of the limit is taken as the limit, whatever its text: the start moves a day
   * further, once per run; any other 400 is a refusal.
   *
   * Completeness: Cursor pages by offset and promises no order among events that share a timestamp,
   * so a page boundary can repeat one and skip another. After paging a range, the distinct events
   * received must equal its `totalCount`; a range short of it is read again in halves, down to ranges
   * that fit one page (a range too narrow to halve is read again, up to three times, its ids pooled),
   * or the window fails, named. Only the ids of the range being read are held.
   *
   * Bounded: a range never pages past what `totalCount` allows plus one page, whatever `hasNextPage`.
   */
  async fetchWindow(window: TimeWindow, sink: (events: AuditEvent[]) => void, onPage?: (p: PageProgress) => void): Promise<WindowResult> {
    const where = `window ${formatTime(window.start)} – ${formatTime(window.end)}`;
    const result: WindowResult = { sent: 0, start: window.start };
    const limitNow = () => this.options.clock.now() - RETENTION_MS + this.retentionExtraMs;
    /** Moves the start of what is read forward to `to` (never past the window's end). */
    const cut = (to: number): void => {
      if (to > result.start) result.start = Math.min(to, window.end);
    };
    // Ranges still to read; the last is read next (oldest first).
    const todo: RangeRead[] = [{ range: { start: window.start, end: window.end }, reads: 0 }];
    while (todo.length) {
      const item = todo.pop() as RangeRead;
      let range = item.range;
      for (let page = 1, emptyPages = 0; ;) {
        // § Retention: the start is measured against the limit before every request.
        if (range.start < limitNow() + RETENTION_SAFETY_MS && range.start >= result.start) {
          const from = range.start;
          cut(this.retentionStart());
          this.options.log?.(
            `The start ${formatTime(from)} of ${where} is within 5 minutes of Cursor's 30-day retention limit; reading from ${formatTime(result.start)}${page > 1 ? ' again, in halves' : ''}.`
          );
        }
        if (range.start < result.start) {
          item.ids = undefined;
          item.distinct = undefined;
          if (range.end <= result.start) break; // wholly older than what Cursor keeps
          const moved = { start: result.start, end: range.end };
          if (page > 1) {
            // Paged past the limit: read the rest in halves, each quicker than the whole.
            todo.push(
              ...halves(moved)
                .reverse()
                .map((r) => ({ range: r, reads: 0 }))
            );
            break;
          }
          range = moved;
        }
        let got: AuditEvent[];
        let pagination: Pagination;
        try {
          ({ events: got, pagination } = await this.fetchPage(range, page));
        } catch (error) {
          if (!(error instanceof CursorApiError) || error.status !== 400 || range.start >= limitNow() + RETENTION_NEAR_MS) throw error;
          if (this.retentionRefused) {
            throw new CursorApiError(
              'too-old',
              `${error.message}. Its start ${formatTime(range.start)} is within a day of Cursor's 30-day retention limit, and a start near that limit was already moved forward once in this run; run again later, or set backfill-start-time later.`,
              400
            );
          }
          // § Retention: Cursor keeps less than our 30 days; whatever the 400 says, that is the limit.
          this.retentionRefused = true;
          this.retentionExtraMs = RETENTION_NEAR_MS;
          const from = range.start;
          cut(this.retentionStart());
          result.refused = { start: from, end: result.start };
          this.options.log?.(
            `${error.message}. The start ${formatTime(from)} is within a day of Cursor's 30-day retention limit: taken as that limit, the window now starts at ${formatTime(result.start)}.`
          );
          item.ids = undefined;
          item.distinct = undefined;
          page = 1;
          continue;
        }
        const ids = (item.ids ??= new Map<string, number>());
        // One entry per key, unless a page holds the key more than once: offset paging never serves
        // an entry twice in one page, so those are entries of their own (an event without event_id
        // served twice, an id served with and without a timestamp).
        const inPage = new Map<string, number>();
        for (const e of got) inPage.set(e.key, (inPage.get(e.key) ?? 0) + 1);
        for (const [key, n] of inPage) {
          const before = ids.get(key) ?? 0;
          if (n > before) {
            ids.set(key, n);
            item.distinct = (item.distinct ?? 0) + n - before;
          }
        }
        const distinct = item.distinct ?? 0;
        item.total = pagination.totalCount;
        result.sent += got.length;
        sink(got);
        onPage?.({ page, totalPages: pagination.totalPages, events: distinct });
        if (!pagination.hasNextPage) break;
        const size = Math.max(1, Math.min(this.options.pageSize, pagination.pageSize > 0 ? pagination.pageSize : this.options.pageSize));
        item.size = size;
        const allowed = pagination.totalCount >= 0 ? Math.ceil(pagination.totalCount / size) : Infinity;
        if (got.length === 0 && page < allowed) {
          if (++emptyPages > this.options.maxRetries) {
            throw new CursorApiError(
              'exhausted',
              `Cursor API kept answering an empty page ${page} that claims a next page for ${where}. The windows before it were stored; run again later.`
            );
          }
          this.options.log?.(`Page ${page} of ${where} came back empty but claims a next page; asking again.`);
          this.stats.retries++;
          this.limiter.blockUntil(this.options.clock.now() + this.backoff(emptyPages - 1));
          continue;
        }
        // Whatever hasNextPage says: no page past what totalCount allows once all counted arrived, one at most otherwise.
        if (page >= allowed && (distinct >= pagination.totalCount || page >= allowed + EXTRA_PAGES)) {
          this.options.log?.(
            `Page ${page} of ${where} claims a next page, but the ${pagination.totalCount} event(s) counted fit in ${allowed} page(s); not asking for more.`
          );
          break;
        }
        page++;
      }
      const ids = item.ids;
      const total = item.total ?? -1;
      const distinct = item.distinct ?? 0;
      if (!ids || total < 0 || distinct >= total) continue; // whole (or moved on, or not counted)
      const part = range.start === window.start && range.end === window.end ? where : `${where} (range ${formatTime(range.start)} – ${formatTime(range.end)})`;
      if (total > (item.size ?? this.options.pageSize) && range.end - range.start >= 2) {
        this.options.log?.(
          `Got ${distinct} distinct event(s) of the ${total} counted for ${part}: events that share a timestamp moved between pages, or events arrived. Reading it again in halves.`
        );
        todo.push(
          ...halves(range)
            .reverse()
            .map((r) => ({ range: r, reads: 0 }))
        );
        continue;
      }
      if (item.reads + 1 < NARROWEST_READS) {
        this.options.log?.(`Got ${distinct} distinct event(s) of the ${total} counted for ${part}, too narrow to halve; reading it again.`);
        todo.push({ range, reads: item.reads + 1, ids, distinct });
        continue;
      }
      throw new CursorApiError(
        'incomplete',
        `Cursor API served ${distinct} distinct event(s) of the ${total} it counts for ${part}, after narrowing the window and reading that range ${NARROWEST_READS} times (events sharing a timestamp, more than page-size ${this.options.pageSize}, served in a new order on every request, or one event_id served twice). The windows before it were stored; run again later, or raise page-size.`
      );
    }
    return result;
  }

  private throwIfCancelled(where: string): void {
    if (this.options.signal?.aborted) throw new CursorApiError('cancelled', `Cancelled during ${where}.`);
  }

  /**
   * The wait before retry `attempt + 1`: `Retry-After` when given, else the backoff; never more than
   * BACKOFF_CAP_MS, nor more than what is left of the time budget (at least BACKOFF_BASE_MS, so a
   * spent budget never retries in a tight loop). `capped` says when and why the wait was capped.
   */
  private retryWait(attempt: number, retryAfter: number | undefined): { delay: number; capped?: string } {
    const wanted = retryAfter ?? this.backoff(attempt);
    const left = this.options.deadline === undefined ? Infinity : this.options.deadline - this.options.clock.now();
    const cap = Math.min(BACKOFF_CAP_MS, Math.max(BACKOFF_BASE_MS, left));
    if (wanted <= cap) return { delay: wanted };
    const why = cap === BACKOFF_CAP_MS ? 'the longest wait' : left > BACKOFF_BASE_MS ? 'what is left of time-budget' : 'time-budget is used up';
    return { delay: cap, capped: `${retryAfter !== undefined ? 'Retry-After' : 'backoff'} ${formatDuration(wanted)} capped to ${formatDuration(cap)}, ${why}` };
  }

  private backoff(attempt: number): number {
    return Math.round(Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt) * (0.5 + this.random() * 0.5));
  }

  private refusal(status: number, message: string, where: string): CursorApiError {
    if (status === 401) return new CursorApiError('unauthorized', `Cursor API answered 401 Unauthorized: ${UNAUTHORIZED_HELP} (API said: ${message})`, status);
    if (status === 403) return new CursorApiError('forbidden', `Cursor API answered 403 Forbidden: ${FORBIDDEN_HELP} (API said: ${message})`, status);
    // A 400 is decided by the window, never by its wording: fetchWindow takes one near the retention limit as that limit.
    return new CursorApiError('refused', `Cursor API refused ${where} with ${status}: ${message}`, status);
  }
}
