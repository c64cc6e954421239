// The Cursor Admin API client: GET /teams/audit-logs with Basic auth, paging, a client-side rate
// limit and retries. Knows nothing of the toolkit: its clock, sleep, fetch and log are handed in.
import { type AuditEvent, toEvent } from './events.ts';
import { logText } from './log-text.ts';
import { type Clock, RateLimiter, type Sleep } from './rate-limiter.ts';
import { rawArrayElements } from './raw-json.ts';
import { formatDuration, formatTime, MINUTE, SECOND } from './time.ts';
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

export type CursorErrorKind = 'unauthorized' | 'forbidden' | 'too-old' | 'refused' | 'exhausted' | 'cancelled';

export class CursorApiError extends Error {
  readonly kind: CursorErrorKind;
  readonly status: number | undefined;
  constructor(kind: CursorErrorKind, message: string, status?: number) {
    super(message);
    this.name = 'CursorApiError';
    this.kind = kind;
    this.status = status;
  }
}

export const UNAUTHORIZED_HELP =
  'the key is wrong, revoked, truncated or has spaces. It must be an Admin API key (key_ or crsr_ followed by 64 characters) from Dashboard → Settings → Advanced → Admin API Keys, stored in a secret without leading or trailing spaces.';
export const FORBIDDEN_HELP =
  "the key's creator is not a team admin, or the team's plan lacks audit log access (Enterprise). Create the key as a team admin under Dashboard → Settings → Advanced → Admin API Keys, and check that the plan includes audit logs.";

const TOO_OLD = /older than|too old|retention|too far in the past/i;
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
  const q = new URLSearchParams({
    startTime: query.startTime,
    endTime: query.endTime,
    page: String(query.page),
    pageSize: String(query.pageSize)
  });
  if (query.eventTypes.length) q.set('eventTypes', query.eventTypes.join(','));
  if (query.users.length) q.set('users', query.users.join(','));
  return `${baseUrl}/teams/audit-logs?${q}`;
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
  const p = data?.pagination as Record<string, unknown> | undefined;
  if (!data || !Array.isArray(data.events) || !p || typeof p !== 'object') {
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
      page: num(p.page, 0),
      pageSize: num(p.pageSize, 0),
      totalCount: num(p.totalCount, -1),
      totalPages: num(p.totalPages, -1),
      hasNextPage: p.hasNextPage === true
    }
  };
}

export class CursorClient {
  readonly stats: ClientStats = { requests: 0, retries: 0, http429: 0, waitMs: 0 };
  readonly limiter: RateLimiter;
  private readonly o: CursorClientOptions;
  private readonly authorization: string;
  private readonly fetch: typeof fetch;
  private readonly random: () => number;

  constructor(options: CursorClientOptions) {
    this.o = options;
    this.authorization = `Basic ${Buffer.from(`${options.apiKey}:`).toString('base64')}`;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.random = options.random ?? Math.random;
    this.limiter = new RateLimiter(options.requestsPerMinute, options.rateWindowMs ?? MINUTE, options.clock, options.sleep);
  }

  /** Removes the key in any form from a text that may reach a log. */
  redact(text: string): string {
    const key = this.o.apiKey;
    if (!key) return text;
    const forms = [this.authorization.slice(6), encodeURIComponent(key), key, Buffer.from(key).toString('base64')];
    return forms.reduce((t, f) => t.split(f).join('***'), text);
  }

  url(window: TimeWindow, page: number): string {
    return auditLogsUrl(this.o.baseUrl, {
      startTime: formatTime(window.start),
      endTime: formatTime(window.end),
      page,
      pageSize: this.o.pageSize,
      eventTypes: this.o.eventTypes,
      users: this.o.users
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
          headers: { Authorization: this.authorization, Accept: 'application/json' },
          signal: this.o.signal ? AbortSignal.any([AbortSignal.timeout(this.o.requestTimeoutMs), this.o.signal]) : AbortSignal.timeout(this.o.requestTimeoutMs)
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
          retryAfter = parseRetryAfter(res.headers.get('retry-after'), this.o.clock.now());
          failure = `rate limited (429${retryAfter !== undefined ? `, Retry-After ${formatDuration(retryAfter)}` : ''})`;
        } else if (res.status >= 500) {
          failure = `server error ${res.status} (${this.redact(apiMessage(body))})`;
        } else {
          throw this.refusal(res.status, this.redact(apiMessage(body)), where);
        }
      } catch (e) {
        grant.done();
        if ((e as Error)?.name === 'CursorApiError') throw e;
        this.throwIfCancelled(where);
        failure = this.redact(describeNetworkError(e, this.o.requestTimeoutMs));
      }
      if (attempt >= this.o.maxRetries) {
        throw new CursorApiError(
          'exhausted',
          `Cursor API request failed for ${where} after ${attempt + 1} attempt(s): ${failure}. The windows before it were stored; run again later, or raise max-retries or request-timeout.`
        );
      }
      const { delay, capped } = this.retryWait(attempt, retryAfter);
      this.o.log?.(`Retry ${attempt + 1}/${this.o.maxRetries} of ${where}: ${failure}; waiting ${formatDuration(delay)}${capped ? ` (${capped})` : ''}.`);
      this.stats.retries++;
      this.limiter.blockUntil(this.o.clock.now() + delay);
    }
  }

  /**
   * Every page of a window, until `hasNextPage` is false. Guarded: an empty page that claims a next
   * page is asked for again (a retry); a page past what `totalCount` allows ends the window only when
   * every counted event was received; and when `totalCount` changed while paging (events arrived and
   * shifted the newest-first pages), the window is read again so no shifted event is missed.
   * Each page's events go to `sink` as they come (a re-read sends them again: the merge drops
   * duplicates); returns how many were sent.
   */
  async fetchWindow(window: TimeWindow, sink: (events: AuditEvent[]) => void, onPage?: (p: PageProgress) => void): Promise<number> {
    const where = `window ${formatTime(window.start)} – ${formatTime(window.end)}`;
    let total = 0;
    for (let pass = 1; ; pass++) {
      let firstTotal: number | undefined;
      let lastTotal: number;
      let received = 0;
      let emptyPages = 0;
      for (let page = 1; ;) {
        const { events: got, pagination } = await this.fetchPage(window, page);
        firstTotal ??= pagination.totalCount;
        lastTotal = pagination.totalCount;
        received += got.length;
        total += got.length;
        sink(got);
        onPage?.({ page, totalPages: pagination.totalPages, events: received });
        if (!pagination.hasNextPage) break;
        if (got.length === 0) {
          if (++emptyPages > this.o.maxRetries) {
            throw new CursorApiError(
              'exhausted',
              `Cursor API kept answering an empty page ${page} that claims a next page for ${where}. The windows before it were stored; run again later.`
            );
          }
          this.o.log?.(`Page ${page} of ${where} came back empty but claims a next page; asking again.`);
          this.stats.retries++;
          this.limiter.blockUntil(this.o.clock.now() + this.backoff(emptyPages - 1));
          continue;
        }
        const maxPages = Math.ceil(Math.max(pagination.totalCount, received) / Math.max(1, this.o.pageSize)) + 2;
        if (pagination.totalCount >= 0 && page >= maxPages) {
          if (received >= pagination.totalCount) {
            this.o.warn?.(
              `Cursor API claims a page after the last one (page ${page}, ${pagination.totalCount} events counted, all received) for ${where}; the window ends here.`
            );
            break;
          }
          throw new CursorApiError(
            'exhausted',
            `Cursor API claims more pages than its count allows for ${where} (page ${page}, ${received} of ${pagination.totalCount} events received). The windows before it were stored; run again later.`
          );
        }
        page++;
      }
      if (lastTotal === firstTotal || pass >= 3) return total;
      this.o.log?.(`Events arrived in ${where} while it was paged (count ${firstTotal} → ${lastTotal}); reading it again so none is missed.`);
    }
  }

  private throwIfCancelled(where: string): void {
    if (this.o.signal?.aborted) throw new CursorApiError('cancelled', `Cancelled during ${where}.`);
  }

  /**
   * The wait before retry `attempt + 1`: `Retry-After` when given, else the backoff; never more than
   * BACKOFF_CAP_MS, nor more than what is left of the time budget (at least BACKOFF_BASE_MS, so a
   * spent budget never retries in a tight loop). `capped` says when and why the wait was capped.
   */
  private retryWait(attempt: number, retryAfter: number | undefined): { delay: number; capped?: string } {
    const wanted = retryAfter ?? this.backoff(attempt);
    const left = this.o.deadline === undefined ? Infinity : this.o.deadline - this.o.clock.now();
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
    if (status === 400 && TOO_OLD.test(message)) return new CursorApiError('too-old', `Cursor API refused ${where} as too old: ${message}`, status);
    return new CursorApiError('refused', `Cursor API refused ${where} with ${status}: ${message}`, status);
  }
}
